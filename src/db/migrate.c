/*
 * migrate.c - applies the embedded schema migrations in order and records them.
 *
 * Each file src/db/schema/NNNN_name.sql is applied once, in its own transaction,
 * and recorded in DELIUSD_SCHEMA_MIGRATION (VERSION = file name). Running
 * migrate again applies nothing. Files hold portable SQL (see db.h); the
 * PostgreSQL backend adapts the few type names that differ.
 */
#include <stdio.h>
#include <string.h>

#include "../core/embedded.h"
#include "../core/timeutil.h"
#include "db.h"

int db_migrate(db_conn *c, bool verbose, char *err, size_t errlen) {
    if (db_exec(c, "CREATE TABLE IF NOT EXISTS DELIUSD_SCHEMA_MIGRATION ("
                   " VERSION TEXT NOT NULL PRIMARY KEY,"
                   " APPLIED_AT TEXT NOT NULL)") != 0) {
        snprintf(err, errlen, "cannot create DELIUSD_SCHEMA_MIGRATION: %s", db_errmsg(c));
        return -1;
    }
    int applied = 0;
    for (const struct embedded_file *f = embedded_schema; f->name; f++) {
        db_stmt *s = db_query(c, "SELECT 1 FROM DELIUSD_SCHEMA_MIGRATION WHERE VERSION = ?");
        if (!s) goto fail;
        db_bind_text(s, 1, f->name);
        int rc = db_step(s);
        db_done(s);
        if (rc < 0) goto fail;
        if (rc == 1) continue;
        if (db_begin(c) != 0) goto fail;
        if (db_exec(c, f->data) != 0) {
            snprintf(err, errlen, "migration %s failed: %s", f->name, db_errmsg(c));
            db_rollback(c);
            return -1;
        }
        char now[40];
        tu_now_iso(now, sizeof now);
        s = db_query(c, "INSERT INTO DELIUSD_SCHEMA_MIGRATION (VERSION, APPLIED_AT) VALUES (?, ?)");
        if (!s) {
            db_rollback(c);
            goto fail;
        }
        db_bind_text(s, 1, f->name);
        db_bind_text(s, 2, now);
        rc = db_step(s);
        db_done(s);
        if (rc < 0 || db_commit(c) != 0) {
            db_rollback(c);
            goto fail;
        }
        if (verbose) fprintf(stderr, "{\"level\":\"INFO\",\"message\":\"applied migration\",\"migration\":\"%s\"}\n", f->name);
        applied++;
    }
    return applied;
fail:
    snprintf(err, errlen, "migration bookkeeping failed: %s", db_errmsg(c));
    return -1;
}
