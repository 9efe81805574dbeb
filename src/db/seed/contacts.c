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
    if (day > REF) { /* booked in the future: no outcome yet */
        sd_contact(g, P, event, type, day, 0, -1, -1, -1, "Seeded appointment (booked)", NULL);
        return 0;
    }
    /* outcome code, enforcement, attended, complied (1 / 0 / -1 = NULL), notes */
    const char *outcome = NULL, *notes = NULL;
    int enforcement = -1, attended = -1, complied = -1;
    int x = rbelow(r, 100);
    if (x < 60) {
        outcome = "ATTC", enforcement = 0, attended = 1, complied = 1, notes = "Attended and complied";
    } else if (x < 70) {
        outcome = "AFTC", enforcement = 1, attended = 1, complied = 0, notes = "Attended, failed to comply";
    } else if (x < 85) {
        outcome = "AFTA", enforcement = 1, attended = 0, complied = 0, notes = "Failed to attend";
    } else if (x < 95) {
        outcome = pct(r, 50) ? "AACL" : "AAME", enforcement = 0, attended = 0, complied = 1;
        notes = "Acceptable absence";
    } /* else no outcome recorded */
    sd_contact(g, P, event, type, day, outcome ? outcome_code(g, outcome) : 0, enforcement, attended, complied, notes,
               NULL);
    return attended == 1;
}
