/* limited_access.c - shared LAO rules (see limited_access.h, platform.md §6.1). */
#include "delius/limited_access.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/timeutil.h"

/* Parses a whole decimal integer (optional sign); false on anything else. */
static bool parse_int64(const char *s, int64_t *out) {
    if (!s || !*s) return false;
    char *end = NULL;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (errno != 0 || !end || *end != '\0') return false;
    *out = (int64_t)v;
    return true;
}

int la_resolve_username(db_conn *c, arena *a, const char *username, const char **out) {
    *out = username;
    int64_t id;
    if (!username || !isdigit((unsigned char)username[0]) || !parse_int64(username, &id)) return 0;
    db_stmt *s = db_query(c, "SELECT DISTINGUISHED_NAME FROM USER_ WHERE USER_ID = ?");
    if (!s) return -1;
    db_bind_int(s, 1, id);
    int rc = db_step(s);
    if (rc == 1) {
        const char *dn = db_col_text(s, 0);
        if (dn) *out = arena_strdup(a, dn);
    }
    db_done(s);
    return rc < 0 ? -1 : 0;
}

int la_check_user(db_conn *c, arena *a, const char *username, const char *crn, la_result *out) {
    memset(out, 0, sizeof *out);
    char now[32];
    tu_now_iso(now, sizeof now);

    /* 1. The user, matched case-insensitively. Ids are positive, so -1 never
     *    matches a row in the per-user counts below. */
    int64_t user_id = -1;
    db_stmt *s = db_query(c, "SELECT USER_ID FROM USER_ WHERE UPPER(DISTINGUISHED_NAME) = UPPER(?)");
    if (!s) return -1;
    db_bind_text(s, 1, username ? username : "");
    int rc = db_step(s);
    if (rc == 1) {
        out->user_found = true;
        user_id = db_col_int(s, 0);
    }
    db_done(s);
    if (rc < 0) return -1;

    /* 2. The case, its messages and every in-force count in one statement. */
    s = db_query(c,
                 "SELECT o.EXCLUSION_MESSAGE, o.RESTRICTION_MESSAGE,"
                 " (SELECT COUNT(*) FROM EXCLUSION x WHERE x.OFFENDER_ID = o.OFFENDER_ID"
                 "   AND (x.EXCLUSION_END_TIME IS NULL OR x.EXCLUSION_END_TIME > ?)),"
                 " (SELECT COUNT(*) FROM EXCLUSION x WHERE x.OFFENDER_ID = o.OFFENDER_ID AND x.USER_ID = ?"
                 "   AND (x.EXCLUSION_END_TIME IS NULL OR x.EXCLUSION_END_TIME > ?)),"
                 " (SELECT COUNT(*) FROM RESTRICTION r WHERE r.OFFENDER_ID = o.OFFENDER_ID"
                 "   AND (r.RESTRICTION_END_TIME IS NULL OR r.RESTRICTION_END_TIME > ?)),"
                 " (SELECT COUNT(*) FROM RESTRICTION r WHERE r.OFFENDER_ID = o.OFFENDER_ID AND r.USER_ID = ?"
                 "   AND (r.RESTRICTION_END_TIME IS NULL OR r.RESTRICTION_END_TIME > ?))"
                 " FROM OFFENDER o WHERE o.CRN = ?");
    if (!s) return -1;
    db_bind_text(s, 1, now);
    db_bind_int(s, 2, user_id);
    db_bind_text(s, 3, now);
    db_bind_text(s, 4, now);
    db_bind_int(s, 5, user_id);
    db_bind_text(s, 6, now);
    db_bind_text(s, 7, crn ? crn : "");
    rc = db_step(s);
    if (rc == 1) {
        out->case_found = true;
        int64_t excl_any = db_col_int(s, 2), excl_user = db_col_int(s, 3);
        int64_t restr_any = db_col_int(s, 4), restr_user = db_col_int(s, 5);
        if (out->user_found) {
            out->excluded = excl_user > 0;
            out->restricted = restr_any > 0 && restr_user == 0;
        } else {
            out->excluded = excl_any > 0;
            out->restricted = restr_any > 0;
        }
        if (out->excluded) out->exclusion_message = arena_strdup(a, db_col_text(s, 0));
        if (out->restricted) out->restriction_message = arena_strdup(a, db_col_text(s, 1));
    }
    db_done(s);
    if (rc < 0) {
        memset(out, 0, sizeof *out);
        return -1;
    }
    return 0;
}

int la_check(db_conn *c, arena *a, const char *username, const char *crn, la_result *out) {
    const char *name = username;
    if (la_resolve_username(c, a, username, &name) != 0) {
        memset(out, 0, sizeof *out);
        return -1;
    }
    return la_check_user(c, a, name, crn, out);
}

int la_case_check(db_conn *c, arena *a, const char *crn, bool ignore_exclusions, bool ignore_restrictions,
                  const char **message) {
    *message = NULL;
    if (ignore_exclusions && ignore_restrictions) return 0;
    db_stmt *s = db_query(c, "SELECT CURRENT_EXCLUSION, CURRENT_RESTRICTION, EXCLUSION_MESSAGE, RESTRICTION_MESSAGE"
                             " FROM OFFENDER WHERE CRN = ? ORDER BY SOFT_DELETED, OFFENDER_ID LIMIT 1");
    if (!s) return -1;
    db_bind_text(s, 1, crn ? crn : "");
    int rc = db_step(s);
    int denied = 0;
    if (rc == 1) {
        if (!ignore_exclusions && db_col_int(s, 0) == 1) {
            const char *m = db_col_text(s, 2);
            *message = arena_strdup(a, m ? m : "");
            denied = 1;
        } else if (!ignore_restrictions && db_col_int(s, 1) == 1) {
            const char *m = db_col_text(s, 3);
            *message = arena_strdup(a, m ? m : "");
            denied = 1;
        }
    }
    db_done(s);
    return rc < 0 ? -1 : denied;
}
