/*
 * check.h - `deliusd check`: does a database have what deliusd's queries need?
 *
 * Needs are data, declared per service next to its routes
 * (src/services/<service>/needs.c, listed in src/services/needs.c): each names
 * who needs it (a route "GET /tier-details/{crn}" or a consumer "consumer
 * tier-calculation") and one thing:
 *   NEED_TABLE         table exists
 *   NEED_COLUMNS       table has every column of a comma-separated list
 *   NEED_INDEX         some index (or the primary key) of table starts with the
 *                      listed columns, in order (names of indexes do not matter:
 *                      a replica may name them differently)
 *   NEED_CODE          a reference row: table.column = value (a contact type
 *                      code, a business interaction code, a code set name ...)
 *   NEED_SERVICE_USER  USER_.DISTINGUISHED_NAME = the value of the environment
 *                      variable in `what` (or its default in `value`)
 *   NEED_SEQUENCE      a DELIUSD_SEQUENCE row named `what`
 * Table and column names are compared case-insensitively (PostgreSQL folds
 * unquoted names to lower case). Identifiers come only from these static
 * declarations; values are bound as parameters.
 */
#ifndef DL_CHECK_H
#define DL_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "db/db.h"

typedef enum { NEED_TABLE, NEED_COLUMNS, NEED_INDEX, NEED_CODE, NEED_SERVICE_USER, NEED_SEQUENCE } need_kind;

typedef struct db_need {
    const char *who;   /* "GET /person/{crn}", "consumer tier-calculation" */
    need_kind kind;
    const char *table; /* TABLE, COLUMNS, INDEX, CODE */
    const char *what;  /* COLUMNS/INDEX: "A,B"; CODE: column; SERVICE_USER: env variable; SEQUENCE: name */
    const char *value; /* CODE: the code; SERVICE_USER: default user name */
} db_need;

typedef struct db_need_group {
    const db_need *needs;
    const size_t *count;
} db_need_group;

/* Checks every need of the groups on c and writes a report to out: human text,
 * or one JSON object (json). Returns the number of needs missing, or -1 when
 * the catalogue cannot be read. */
int db_check(db_conn *c, const db_need_group *groups, size_t ngroups, bool json, FILE *out);

#endif
