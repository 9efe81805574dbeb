/*
 * access.c - GET /users/{username}/access/{crn}: the shared limited-access
 * check of tier-to-delius and unpaid-work-and-delius (platform.md §6.1).
 * Always 200 (unknown user or CRN included):
 *   {crn, userExcluded, userRestricted, exclusionMessage?, restrictionMessage?}
 * crn echoes the path variable as given.
 */
#include "core/http.h"
#include "delius/limited_access.h"
#include "services/tier/tier.h"

int access_check(http_req *r) {
    const char *username = http_path(r, "username");
    const char *crn = http_path(r, "crn");
    db_conn *c = http_db(r);
    if (!c) return 0;
    la_result la;
    if (la_check(c, http_arena(r), username, crn, &la) != 0) {
        http_db_error(r);
        return 0;
    }
    jw *w = http_json(r);
    jw_obj_begin(w);
    jw_kv_str(w, "crn", crn);
    jw_kv_bool(w, "userExcluded", la.excluded);
    jw_kv_bool(w, "userRestricted", la.restricted);
    jw_kv_str(w, "exclusionMessage", la.exclusion_message);
    jw_kv_str(w, "restrictionMessage", la.restriction_message);
    jw_obj_end(w);
    http_send_json(r, 200);
    return 0;
}
