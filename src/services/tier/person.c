/*
 * person.c - GET /person/{crn}: crn and name of a non-deleted person
 * (tier-to-delius.md §2.4). Unknown or soft-deleted CRN: 404
 * "Person with crn of {crn} not found" (decision 4).
 */
#include "core/http.h"
#include "delius/person.h"
#include "services/tier/tier.h"

int tier_person(http_req *r) {
    db_conn *c;
    person p;
    if (!http_person(r, false, &c, &p)) return 0;
    arena *a = http_arena(r);
    jw *w = http_json(r);
    jw_obj_begin(w);
    jw_kv_str(w, "crn", p.crn);
    jw_key(w, "name");
    jw_obj_begin(w);
    jw_kv_str(w, "forenames", person_forenames(a, &p));
    jw_kv_str(w, "surname", p.surname);
    jw_obj_end(w);
    jw_obj_end(w);
    http_send_json(r, 200);
    return 0;
}
