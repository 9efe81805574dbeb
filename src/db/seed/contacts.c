/*
 * contacts.c - CONTACT rows: attendance contacts with realistic outcomes (attended and complied,
 * failed to attend, acceptable absence, booked in the future …) and other contacts.
 */
#include "db/seed/seed_internal.h"

/* one contact; returns its id */
int64_t sd_contact(seeder *g, seed_person *P, int64_t event, int64_t type, int day, int64_t outcome, int enforcement,
                       int attended, int complied, const char *notes, const char *sensitive) {
    rng *r = &P->r;
    int64_t id = sd_new_id(g, T_CONTACT);
    int secs = rrange(r, 9, 16) * 3600;
    secs += 30 * 60 * rbelow(r, 2);
    bool doc = pml(r, 30);
    {
        int64_t v_soft_deleted = pml(r, 10);
        sd_put_contact(g, &(struct row_contact){
            .contact_id = id,
            .offender_id = P->oid,
            .event_id = event,
            .contact_type_id = type,
            .contact_date = sd_date(day),
            .contact_start_time = sd_ts(day, secs),
            .contact_outcome_type_id = outcome,
            .enforcement = enforcement < 0 ? SD_NULL_INT : sd_int(enforcement),
            .attended = sd_yn(attended),
            .complied = sd_yn(complied),
            .notes = notes,
            .staff_id = P->om_staff,
            .team_id = P->om_team,
            .probation_area_id = P->om_area,
            .staff_employee_id = P->om_staff,
            .trust_provider_flag = 0,
            .sensitive = sensitive,
            .document_linked = sd_yn(doc ? 1 : 0),
            .partition_area_id = 0,
            .soft_deleted = v_soft_deleted,
            .row_version = 0,
            .created_by_user_id = P->loader,
            .created_datetime = sd_ts(day < REF ? day : REF - 30, CREATED_SECS),
            .last_updated_user_id = P->loader,
            .last_updated_datetime = sd_ts(day < REF ? day : REF - 30, CREATED_SECS),
        });
    }
    if (doc) sd_document(g, P, "CONTACT", id, "DOCUMENT", day);
    return id;
}

static int64_t outcome_code(seeder *g, const char *code) { return sd_ref_code(&g->outcome_type, code); }

/* an attendance contact with a realistic outcome; returns 1 when attended */
int sd_attendance(seeder *g, seed_person *P, int64_t event, int day) {
    rng *r = &P->r;
    int64_t type = sd_pick(r, &g->attendance_type);
    if (day > REF) /* booked in the future: no outcome yet */
        return sd_contact(g, P, event, type, day, 0, -1, -1, -1, "Seeded appointment (booked)", NULL), 0;
    int x = rbelow(r, 100);
    if (x < 60) return sd_contact(g, P, event, type, day, outcome_code(g, "ATTC"), 0, 1, 1, "Attended and complied", NULL), 1;
    if (x < 70) return sd_contact(g, P, event, type, day, outcome_code(g, "AFTC"), 1, 1, 0, "Attended, failed to comply", NULL), 1;
    if (x < 85) return sd_contact(g, P, event, type, day, outcome_code(g, "AFTA"), 1, 0, 0, "Failed to attend", NULL), 0;
    if (x < 95) return sd_contact(g, P, event, type, day, outcome_code(g, pct(r, 50) ? "AACL" : "AAME"), 0, 0, 1, "Acceptable absence", NULL), 0;
    sd_contact(g, P, event, type, day, 0, -1, -1, -1, NULL, NULL); /* no outcome recorded */
    return 0;
}
