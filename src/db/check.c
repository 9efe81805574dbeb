/* check.c - `deliusd check` (see check.h). */
#include "db/check.h"

#include <ctype.h>
#include <stdarg.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"

/* The catalogue as text lines, lower case: "\ntable.column\n" and
 * "\ntable:col1,col2\n" (one line per index, columns in key order). */
typedef struct catalogue {
    buf columns;
    buf indexes;
} catalogue;

static void lower_append(buf *b, const char *s) {
    for (; s && *s; s++) {
        char ch = (char)tolower((unsigned char)*s);
        buf_append(b, &ch, 1);
    }
}

static int load_columns(db_conn *c, catalogue *cat) {
    const char *sql = db_kind_of(c) == DB_SQLITE
                          ? "SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p "
                            "WHERE m.type = 'table'"
                          : "SELECT table_name, column_name FROM information_schema.columns "
                            "WHERE table_schema = current_schema()";
    db_stmt *s = db_query(c, sql);
    if (!s) return -1;
    buf_append(&cat->columns, "\n", 1);
    int rc;
    while ((rc = db_step(s)) == 1) {
        lower_append(&cat->columns, db_col_text(s, 0));
        buf_append(&cat->columns, ".", 1);
        lower_append(&cat->columns, db_col_text(s, 1));
        buf_append(&cat->columns, "\n", 1);
    }
    db_done(s);
    return rc < 0 ? -1 : 0;
}

/* Rows (table, index, column) in key order become one line per index. */
static int load_index_rows(db_conn *c, const char *sql, catalogue *cat) {
    db_stmt *s = db_query(c, sql);
    if (!s) return -1;
    char last[512] = "";
    int rc;
    while ((rc = db_step(s)) == 1) {
        const char *t = db_col_text(s, 0), *i = db_col_text(s, 1), *col = db_col_text(s, 2);
        if (!t || !i || !col) continue;
        char key[512];
        snprintf(key, sizeof key, "%s\x01%s", t, i);
        if (strcmp(key, last)) {
            buf_append(&cat->indexes, "\n", 1);
            lower_append(&cat->indexes, t);
            buf_append(&cat->indexes, ":", 1);
            snprintf(last, sizeof last, "%s", key);
        } else {
            buf_append(&cat->indexes, ",", 1);
        }
        lower_append(&cat->indexes, col);
    }
    db_done(s);
    return rc < 0 ? -1 : 0;
}

static int load_indexes(db_conn *c, catalogue *cat) {
    if (db_kind_of(c) == DB_SQLITE) {
        if (load_index_rows(c,
                            "SELECT m.name, il.name, ii.name FROM sqlite_master m JOIN pragma_index_list(m.name) il "
                            "JOIN pragma_index_info(il.name) ii WHERE m.type = 'table' "
                            "ORDER BY m.name, il.name, ii.seqno",
                            cat))
            return -1;
        /* INTEGER PRIMARY KEY is the rowid: not in the index list, but an index all the same */
        if (load_index_rows(c,
                            "SELECT m.name, 'primary key', p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p "
                            "WHERE m.type = 'table' AND p.pk > 0 ORDER BY m.name, p.pk",
                            cat))
            return -1;
    } else if (load_index_rows(c,
                               "SELECT t.relname, i.relname, a.attname FROM pg_index x "
                               "JOIN pg_class t ON t.oid = x.indrelid JOIN pg_class i ON i.oid = x.indexrelid "
                               "JOIN pg_namespace n ON n.oid = t.relnamespace "
                               "CROSS JOIN LATERAL unnest(x.indkey) WITH ORDINALITY k(attnum, ord) "
                               "JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum "
                               "WHERE n.nspname = current_schema() ORDER BY t.relname, i.relname, k.ord",
                               cat)) {
        return -1;
    }
    buf_append(&cat->indexes, "\n", 1);
    return 0;
}

static bool has_line(const buf *b, const char *prefix, const char *table, const char *sep, const char *name,
                     const char *suffixes) {
    buf needle = BUF_INIT;
    buf_append(&needle, prefix, strlen(prefix));
    lower_append(&needle, table);
    buf_append(&needle, sep, strlen(sep));
    lower_append(&needle, name);
    buf_append(&needle, "", 1);
    bool found = false;
    for (const char *p = b->data ? strstr(b->data, needle.data) : NULL; p && !found; p = strstr(p + 1, needle.data))
        found = strchr(suffixes, p[needle.len - 1]) != NULL;
    buf_dispose(&needle);
    return found;
}

static bool has_table(const catalogue *cat, const char *table) {
    return has_line(&cat->columns, "\n", table, ".", "", "abcdefghijklmnopqrstuvwxyz0123456789_$");
}

static bool has_column(const catalogue *cat, const char *table, const char *column) {
    return has_line(&cat->columns, "\n", table, ".", column, "\n");
}

/* An index on table whose key starts with cols ("a,b"). */
static bool has_index(const catalogue *cat, const char *table, const char *cols) {
    return has_line(&cat->indexes, "\n", table, ":", cols, ",\n");
}

/* One missing thing, added to the JSON result and the text. */
static void missing(json_t *list, const char *kind, const char *table, const char *name, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static void missing(json_t *list, const char *kind, const char *table, const char *name, const char *fmt, ...) {
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    json_t *m = json_pack("{s:s,s:s}", "kind", kind, "message", msg);
    if (table) json_object_set_new(m, "table", json_string(table));
    if (name) json_object_set_new(m, "name", json_string(name));
    json_array_append_new(list, m);
}

static int row_exists(db_conn *c, const char *sql, const char *value) {
    db_stmt *s = db_query(c, sql);
    if (!s) return -1;
    db_bind_text(s, 1, value);
    int rc = db_step(s);
    db_done(s);
    return rc;
}

/* Checks one need; appends what is missing to list. -1 on a database error. */
static int check_need(db_conn *c, const catalogue *cat, const db_need *n, json_t *list) {
    char sql[512];
    switch (n->kind) {
    case NEED_TABLE:
        if (!has_table(cat, n->table)) missing(list, "table", n->table, NULL, "table %s", n->table);
        return 0;
    case NEED_COLUMNS:
    case NEED_INDEX: {
        if (!has_table(cat, n->table)) {
            missing(list, "table", n->table, NULL, "table %s", n->table);
            return 0;
        }
        if (n->kind == NEED_INDEX) {
            if (!has_index(cat, n->table, n->what))
                missing(list, "index", n->table, n->what, "index on %s (%s)", n->table, n->what);
            return 0;
        }
        char *cols = strdup(n->what); /* any length */
        if (!cols) return -1;
        for (char *save = NULL, *col = strtok_r(cols, ",", &save); col; col = strtok_r(NULL, ",", &save))
            if (!has_column(cat, n->table, col)) missing(list, "column", n->table, col, "column %s.%s", n->table, col);
        free(cols);
        return 0;
    }
    case NEED_CODE: {
        if (!has_column(cat, n->table, n->what)) {
            missing(list, "column", n->table, n->what, "column %s.%s (for code %s)", n->table, n->what, n->value);
            return 0;
        }
        snprintf(sql, sizeof sql, "SELECT 1 FROM %s WHERE %s = ?", n->table, n->what);
        int rc = row_exists(c, sql, n->value);
        if (rc < 0) return -1;
        if (rc == 0)
            missing(list, "reference code", n->table, n->value, "reference code %s in %s.%s", n->value, n->table,
                    n->what);
        return 0;
    }
    case NEED_SERVICE_USER: {
        const char *user = getenv(n->what);
        if (!user || !*user) user = n->value;
        if (!has_column(cat, "USER_", "DISTINGUISHED_NAME")) {
            missing(list, "column", "USER_", "DISTINGUISHED_NAME", "column USER_.DISTINGUISHED_NAME");
            return 0;
        }
        int rc = row_exists(c, "SELECT 1 FROM USER_ WHERE DISTINGUISHED_NAME = ?", user);
        if (rc < 0) return -1;
        if (rc == 0)
            missing(list, "service user", "USER_", user, "service user %s (USER_.DISTINGUISHED_NAME; set by %s)", user,
                    n->what);
        return 0;
    }
    case NEED_SEQUENCE: {
        if (!has_column(cat, "DELIUSD_SEQUENCE", "NAME")) {
            missing(list, "table", "DELIUSD_SEQUENCE", NULL, "table DELIUSD_SEQUENCE (for sequence %s)", n->what);
            return 0;
        }
        int rc = row_exists(c, "SELECT 1 FROM DELIUSD_SEQUENCE WHERE NAME = ?", n->what);
        if (rc < 0) return -1;
        if (rc == 0) missing(list, "sequence", "DELIUSD_SEQUENCE", n->what, "sequence %s (a DELIUSD_SEQUENCE row)", n->what);
        return 0;
    }
    }
    return 0;
}

int db_check(db_conn *c, const db_need_group *groups, size_t ngroups, bool json, FILE *out) {
    catalogue cat = {BUF_INIT, BUF_INIT};
    if (load_columns(c, &cat) || load_indexes(c, &cat)) {
        buf_dispose(&cat.columns);
        buf_dispose(&cat.indexes);
        return -1;
    }
    json_t *results = json_array(); /* [{who, ok, needs, missing:[...]}] in declaration order */
    json_t *by_who = json_object();
    int nmissing = 0, nchecked = 0, err = 0;
    for (size_t g = 0; g < ngroups && !err; g++) {
        for (size_t i = 0; i < *groups[g].count && !err; i++) {
            const db_need *n = &groups[g].needs[i];
            json_t *r = json_object_get(by_who, n->who);
            if (!r) {
                r = json_pack("{s:s,s:b,s:i,s:[]}", "who", n->who, "ok", 1, "needs", 0, "missing");
                json_object_set(by_who, n->who, r);
                json_array_append_new(results, r);
            }
            json_t *list = json_object_get(r, "missing");
            size_t before = json_array_size(list);
            if (check_need(c, &cat, n, list) < 0) {
                err = 1;
                break;
            }
            nchecked++;
            json_object_set_new(r, "needs", json_integer(json_integer_value(json_object_get(r, "needs")) + 1));
            if (json_array_size(list) > before) {
                nmissing += (int)(json_array_size(list) - before);
                json_object_set_new(r, "ok", json_false());
            }
        }
    }
    if (!err) {
        if (json) {
            json_t *doc = json_pack("{s:s,s:b,s:i,s:i,s:O}", "backend", db_kind_of(c) == DB_SQLITE ? "sqlite" : "postgres",
                                    "ok", nmissing == 0, "checked", nchecked, "missing", nmissing, "results", results);
            char *text = json_dumps(doc, JSON_INDENT(1));
            if (text) fprintf(out, "%s\n", text);
            free(text);
            json_decref(doc);
        } else {
            size_t i;
            json_t *r;
            json_array_foreach(results, i, r) {
                json_t *list = json_object_get(r, "missing");
                if (json_array_size(list) == 0) {
                    fprintf(out, "ok       %s (%lld needs)\n", json_string_value(json_object_get(r, "who")),
                            (long long)json_integer_value(json_object_get(r, "needs")));
                    continue;
                }
                fprintf(out, "MISSING  %s:\n", json_string_value(json_object_get(r, "who")));
                size_t k;
                json_t *m;
                json_array_foreach(list, k, m) {
                    fprintf(out, "           - %s\n", json_string_value(json_object_get(m, "message")));
                }
            }
            if (nmissing)
                fprintf(out, "%d needs checked for %zu routes and consumers: %d MISSING (those routes and consumers will fail or answer wrongly)\n",
                        nchecked, json_array_size(results), nmissing);
            else
                fprintf(out, "%d needs checked for %zu routes and consumers: nothing missing\n", nchecked,
                        json_array_size(results));
        }
    }
    json_decref(by_who);
    json_decref(results);
    buf_dispose(&cat.columns);
    buf_dispose(&cat.indexes);
    return err ? -1 : nmissing;
}
