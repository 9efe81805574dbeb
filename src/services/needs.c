/* needs.c - the groups of database needs `deliusd check` verifies (db/check.h):
 * one line per service; each service declares its needs beside its routes
 * (src/services/<service>/needs.c). */
#include "services/needs.h"

extern const db_need tier_needs[];
extern const size_t tier_need_count;
extern const db_need unpaid_work_needs[];
extern const size_t unpaid_work_need_count;
extern const db_need court_case_needs[];
extern const size_t court_case_need_count;

const db_need_group need_groups[] = {
    {tier_needs, &tier_need_count},
    {unpaid_work_needs, &unpaid_work_need_count},
    {court_case_needs, &court_case_need_count},
};
const size_t need_group_count = sizeof need_groups / sizeof need_groups[0];
