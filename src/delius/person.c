/* person.c - shared OFFENDER look-ups by CRN (see person.h). */
#include "delius/person.h"

#include <string.h>

#define PERSON_COLS \
    "SELECT OFFENDER_ID, CRN, FIRST_NAME, SECOND_NAME, THIRD_NAME, SURNAME, DATE_OF_BIRTH_DATE, SOFT_DELETED" \
    " FROM OFFENDER WHERE CRN = ?"

static int find(db_conn *c, arena *a, const char *sql, const char *crn, person *out) {
    memset(out, 0, sizeof *out);
    db_stmt *s = db_query(c, sql);
    if (!s) return -1;
    db_bind_text(s, 1, crn ? crn : "");
    int rc = db_step(s);
    if (rc == 1) {
        out->id = db_col_int(s, 0);
        out->crn = arena_strdup(a, db_col_text(s, 1));
        out->first_name = arena_strdup(a, db_col_text(s, 2));
        out->second_name = arena_strdup(a, db_col_text(s, 3));
        out->third_name = arena_strdup(a, db_col_text(s, 4));
        out->surname = arena_strdup(a, db_col_text(s, 5));
        const char *dob = db_col_text(s, 6);
        out->date_of_birth = dob ? arena_strndup(a, dob, strnlen(dob, 10)) : NULL;
        out->soft_deleted = db_col_int(s, 7) != 0;
    }
    db_done(s);
    return rc;
}

int person_find(db_conn *c, arena *a, const char *crn, person *out) {
    return find(c, a, PERSON_COLS " AND SOFT_DELETED = 0", crn, out);
}

int person_find_any(db_conn *c, arena *a, const char *crn, person *out) {
    /* CRN is unique, deleted rows included; prefer a live row should data break that. */
    return find(c, a, PERSON_COLS " ORDER BY SOFT_DELETED, OFFENDER_ID LIMIT 1", crn, out);
}

int person_id_by_crn(db_conn *c, const char *crn, int64_t *id) {
    *id = 0;
    db_stmt *s = db_query(c, "SELECT OFFENDER_ID FROM OFFENDER WHERE CRN = ? AND SOFT_DELETED = 0");
    if (!s) return -1;
    db_bind_text(s, 1, crn ? crn : "");
    int rc = db_step(s);
    if (rc == 1) *id = db_col_int(s, 0);
    db_done(s);
    return rc;
}

const char *person_forenames(arena *a, const person *p) {
    const char *parts[3] = {p->first_name, p->second_name, p->third_name};
    size_t len = 0;
    for (int i = 0; i < 3; i++)
        if (parts[i]) len += strlen(parts[i]) + 1;
    char *out = arena_alloc(a, len + 1);
    size_t n = 0;
    bool any = false;
    for (int i = 0; i < 3; i++) {
        if (!parts[i]) continue;
        if (any) out[n++] = ' ';
        any = true;
        size_t l = strlen(parts[i]);
        memcpy(out + n, parts[i], l);
        n += l;
    }
    out[n] = '\0';
    return out;
}
