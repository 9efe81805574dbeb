/* needs.h - every service's database needs, for `deliusd check` (needs.c). */
#ifndef DL_NEEDS_H
#define DL_NEEDS_H

#include "db/check.h"

extern const db_need_group need_groups[];
extern const size_t need_group_count;

#endif
