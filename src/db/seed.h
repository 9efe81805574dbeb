/*
 * seed.h - deterministic synthetic demo data (`deliusd seed`).
 *
 * Fills a migrated database with `people` fictional people and everything the
 * three APIs read about them. The same random_seed gives the same rows. Refuses
 * (returns -1 with a message) when OFFENDER already has rows, unless force.
 * Progress lines go to stderr every few seconds when progress is true.
 */
#ifndef DL_SEED_H
#define DL_SEED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db.h"

typedef struct seed_opts {
    long people;          /* number of OFFENDER rows to create (default 100) */
    uint64_t random_seed; /* default 1 */
    bool force;           /* seed even when OFFENDER has rows */
    bool progress;        /* progress lines on stderr */
} seed_opts;

/* Returns 0 on success, -1 with a message in err. */
int db_seed(db_conn *c, const seed_opts *o, char *err, size_t errlen);

#endif
