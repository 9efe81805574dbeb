/*
 * person.c - one person (OFFENDER) and the rows hanging off the person directly: offender managers,
 * prison offender managers and responsible officers, management tiers, registrations, OASys
 * assessments, limited access (exclusions and restrictions, fixed by person number: see seed.c),
 * aliases, addresses, disabilities and provisions, personal circumstances and personal contacts.
 * Events come from event.c. Each person draws from its own stream (random_seed, p).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/seed/seed_internal.h"
#include "delius/codes.h"

static const char *colour_upper(const char *c) {
    if (!strcmp(c, "Red")) return "RED";
    if (!strcmp(c, "Amber")) return "AMBER";
    if (!strcmp(c, "Green")) return "GREEN";
    if (!strcmp(c, "White")) return "WHITE";
    return NULL;
}

static int colour_rank(const char *c) {
    if (!c) return 0;
    if (!strcmp(c, "RED")) return 4;
    if (!strcmp(c, "AMBER")) return 3;
    if (!strcmp(c, "GREEN")) return 2;
    if (!strcmp(c, "WHITE")) return 1;
    return 0;
}

/* returns the highest colour of the active registrations (static string) or NULL */
static const char *registrations(seeder *g, seed_person *P) {
    rng *r = &P->r;
    const char *best = NULL;
    bool mappa = pct(r, 12);
    /* most people carry a register flag (court-case registrations on the demo data, issue 10) */
    int n = mappa ? rrange(r, 0, 2) : (pct(r, 60) ? rrange(r, 1, 3) : 0);
    for (int k = 0; k < n + (mappa ? 1 : 0); k++) {
        bool is_mappa = mappa && k == 0;
        const refrow *t = NULL;
        if (is_mappa) {
            for (int i = 0; i < g->register_type.n; i++)
                if (g->register_type.v[i].id == g->id_register_mappa) t = &g->register_type.v[i];
        } else {
            do t = sd_pickrow(r, &g->register_type);
            while (t->id == g->id_register_mappa && g->register_type.n > 1);
        }
        bool dereg = !is_mappa && pct(r, 25);
        bool rereg = !dereg && pct(r, 10);
        bool deleted = pct(r, 2);
        int day = REF - rrange(r, 30, 2000);
        int64_t team, staff;
        sd_area_staff(g, P, P->area, &team, &staff, NULL);
        int64_t id = sd_new_id(g, T_REGISTRATION);
        int review = atoi(t->a2);
        int next = dereg ? NODATE : day + (review ? review : 6) * 30;
        if (next != NODATE && next < REF) next = REF + rrange(r, 1, 180);
        {
            int64_t v_register_level_id, v_register_category_id = 0;
            if (is_mappa) {
                v_register_level_id = pml(r, 60) ? 0 : g->id_lvl[rbelow(r, 3)]; /* a few MAPPA rows without level */
                v_register_category_id = g->id_cat[rbelow(r, 4)];
            } else {
                v_register_level_id = pct(r, 20) ? sd_pick(r, &g->register_level) : 0;
            }
            const char *v_registration_notes = pct(r, 60) ? "Seeded registration notes" : NULL;
            sd_put_registration(g, &(struct row_registration){
                .registration_id = id,
                .offender_id = P->oid,
                .register_type_id = t->id,
                .register_level_id = v_register_level_id,
                .register_category_id = v_register_category_id,
                .registration_date = sd_date(day),
                .next_review_date = sd_date(next),
                .registration_notes = v_registration_notes,
                .registering_team_id = team,
                .registering_staff_id = staff,
                .deregistered = dereg ? 1 : 0,
                .created_datetime = sd_ts(day, CREATED_SECS),
                .soft_deleted = deleted ? 1 : 0,
            });
        }
        if (dereg || rereg) {
            int nd = pct(r, 20) ? 2 : 1;
            for (int j = 0; j < nd; j++) {
                int dd = day + rrange(r, 10, 300) + j * 30;
                if (dd >= REF) dd = REF - 1 - j;
                sd_area_staff(g, P, P->area, &team, &staff, NULL);
                {
                    const char *v_deregistering_notes = pct(r, 60) ? "Seeded deregistration notes" : NULL;
                    int64_t v_soft_deleted = pml(r, 30);
                    sd_put_deregistration(g, &(struct row_deregistration){
                        .deregistration_id = sd_new_id(g, T_DEREGISTRATION),
                        .registration_id = id,
                        .deregistration_date = sd_date(dd),
                        .deregistering_team_id = team,
                        .deregistering_staff_id = staff,
                        .deregistering_notes = v_deregistering_notes,
                        .created_datetime = sd_ts(dd, CREATED_SECS + j),
                        .soft_deleted = v_soft_deleted,
                    });
                }
            }
        }
        if (!dereg && !deleted) {
            const char *c = colour_upper(t->a1);
            if (colour_rank(c) > colour_rank(best)) best = c;
        }
    }
    return best;
}

static void offender_managers(seeder *g, seed_person *P) {
    rng *r = &P->r;
    area_t *a = &g->areas[P->area];
    int alloc = REF - rrange(r, 30, 1500);
    bool previous = pct(r, 30);
    if (previous) {
        team_t *t = &a->teams[rbelow(r, a->nteams)];
        int s = rbelow(r, STAFF_PER_TEAM);
        int from = alloc - rrange(r, 100, 900);
        int64_t id = sd_new_id(g, T_OFFENDER_MANAGER);
        {
            int64_t v_allocation_reason_id = sd_pick(r, &g->allocation_reason);
            int64_t v_soft_deleted = pml(r, 50);
            sd_put_offender_manager(g, &(struct row_offender_manager){
                .offender_manager_id = id,
                .offender_id = P->oid,
                .allocation_staff_id = t->staff[s],
                .team_id = t->id,
                .probation_area_id = a->id,
                .staff_employee_id = t->staff[s],
                .trust_provider_flag = 0,
                .officer_code = t->staff_code[s],
                .partition_area_id = 0,
                .allocation_reason_id = v_allocation_reason_id,
                .allocation_date = sd_ts(from, CREATED_SECS),
                .end_date = sd_date(alloc),
                .active_flag = 0,
                .soft_deleted = v_soft_deleted,
            });
        }
        sd_put_responsible_officer(g, &(struct row_responsible_officer){
            .responsible_officer_id = sd_new_id(g, T_RESPONSIBLE_OFFICER),
            .offender_id = P->oid,
            .offender_manager_id = id,
            .start_date = sd_ts(from, CREATED_SECS),
            .end_date = sd_ts(alloc, CREATED_SECS),
        });
    }
    team_t *t = &a->teams[rbelow(r, a->nteams)];
    bool unalloc = pct(r, 10);
    int s = rbelow(r, STAFF_PER_TEAM);
    bool provider = !unalloc && pct(r, 3);
    P->om_staff = unalloc ? t->unalloc : t->staff[s];
    P->om_team = t->id;
    P->om_area = a->id;
    P->om_id = sd_new_id(g, T_OFFENDER_MANAGER);
    {
        int64_t v_allocation_reason_id = sd_pick(r, &g->allocation_reason);
        sd_put_offender_manager(g, &(struct row_offender_manager){
            .offender_manager_id = P->om_id,
            .offender_id = P->oid,
            .allocation_staff_id = P->om_staff,
            .team_id = t->id,
            .probation_area_id = a->id,
            .staff_employee_id = provider ? a->provider_emp[1] : P->om_staff,
            .trust_provider_flag = provider ? 1 : 0,
            .officer_code = unalloc ? t->unalloc_code : t->staff_code[s],
            .provider_employee_id = provider ? a->provider_emp[1] : 0,
            .provider_team_id = provider ? a->provider_team : 0,
            .partition_area_id = 0,
            .allocation_reason_id = v_allocation_reason_id,
            .allocation_date = sd_ts(alloc, CREATED_SECS),
            .active_flag = 1,
            .soft_deleted = 0,
        });
    }
}

static void prison_manager(seeder *g, seed_person *P, bool active, int from, int to) {
    rng *r = &P->r;
    area_t *a = &g->areas[N_COMM_AREAS + rbelow(r, N_PRISON_AREAS)];
    team_t *t = &a->teams[rbelow(r, a->nteams)];
    int s = rbelow(r, STAFF_PER_TEAM);
    int64_t id = sd_new_id(g, T_PRISON_OFFENDER_MANAGER);
    {
        char b_telephone_number[96];
        char b_email_address[96];
        int64_t v_allocation_reason_id = sd_pick(r, &g->allocation_reason);
        const char *v_telephone_number =
            pct(r, 70) ? sd_sfmt(b_telephone_number, sizeof b_telephone_number, "01632 99%04d", rbelow(r, 10000))
                       : NULL;
        const char *v_email_address =
            pct(r, 70) ? sd_sfmt(b_email_address, sizeof b_email_address, "pom.%s@example.com", t->staff_code[s])
                       : NULL;
        sd_put_prison_offender_manager(g, &(struct row_prison_offender_manager){
            .prison_offender_manager_id = id,
            .offender_id = P->oid,
            .allocation_staff_id = t->staff[s],
            .allocation_team_id = t->id,
            .probation_area_id = a->id,
            .allocation_reason_id = v_allocation_reason_id,
            .allocation_date = sd_ts(from, CREATED_SECS),
            .end_date = sd_ts(active ? NODATE : to, 17 * 3600),
            .telephone_number = v_telephone_number,
            .email_address = v_email_address,
            .active_flag = active ? 1 : 0,
            .soft_deleted = 0,
            .row_version = 0,
            .created_by_user_id = P->loader,
            .created_datetime = sd_ts(from, CREATED_SECS),
            .last_updated_user_id = P->loader,
            .last_updated_datetime = sd_ts(from, CREATED_SECS),
        });
    }
    if (active) P->pom_id = id;
}

/* the events (event.c) and now and then an NSI without event */
static void events(seeder *g, seed_person *P) {
    rng *r = &P->r;
    int nev = 0, x = rbelow(r, 100);
    if (x >= 15) nev = x < 65 ? 1 : x < 90 ? 2 : 3;
    for (int k = 0; k < nev; k++) sd_event(g, P, k + 1);
    if (pct(r, 2)) { /* an NSI without event */
        int d = REF - rrange(r, 10, 700);
        sd_nsi(g, P, 0, 3, d, pct(r, 50), 0, 0, false);
    }
}

/* prison offender managers and the responsible officer */
static void responsible_officers(seeder *g, seed_person *P) {
    rng *r = &P->r;
    if (P->in_custody) {
        prison_manager(g, P, true, P->custody_since + rrange(r, 1, 20), NODATE);
    } else if (P->had_custody) {
        prison_manager(g, P, false, P->rel_day - rrange(r, 100, 300), P->rel_day);
    }
    {
        sd_ts_t v_start_date = sd_ts(REF - rrange(r, 30, 900), CREATED_SECS);
        sd_put_responsible_officer(g, &(struct row_responsible_officer){
            .responsible_officer_id = sd_new_id(g, T_RESPONSIBLE_OFFICER),
            .offender_id = P->oid,
            .offender_manager_id = P->pom_id ? 0 : P->om_id,
            .prison_offender_manager_id = P->pom_id,
            .start_date = v_start_date,
        });
    }
}

/* management tiers; returns the latest TIER_ID (CURRENT_TIER), 0 */
static int64_t management_tiers(seeder *g, seed_person *P) {
    rng *r = &P->r;
    int64_t current_tier = 0;
    if (pct(r, 80)) {
        int n = rrange(r, 1, 3);
        int day = REF - rrange(r, 400, 1500);
        int64_t reason = g->tier_change_reason.v[0].id;
        for (int k = 0; k < n; k++) {
            int64_t tier = sd_pick(r, &g->tiers_u);
            int next = day + rrange(r, 30, 300);
            int secs = rrange(r, 0, 86399);
            sd_put_management_tier(g, &(struct row_management_tier){
                .offender_id = P->oid,
                .tier_id = tier,
                .date_changed = sd_ts(day, secs),
                .tier_change_reason_id = reason,
                .end_date = k < n - 1 ? sd_ts(next, secs) : SD_NULL_TS,
                .partition_area_id = 0,
                .soft_deleted = 0,
                .row_version = 0,
                .created_by_user_id = P->loader,
                .created_datetime = sd_ts(day, secs),
                .last_updated_user_id = P->loader,
                .last_updated_datetime = sd_ts(day, secs),
            });
            current_tier = tier;
            day = next;
        }
    }
    return current_tier;
}

/* OASys assessments */
static void oasys_assessments(seeder *g, seed_person *P) {
    rng *r = &P->r;
    if (pct(r, 50)) {
        int n = rrange(r, 1, 2);
        for (int k = 0; k < n; k++) {
            int d = REF - rrange(r, 10, 1500);
            {
                sd_int_t v_ogrs_score_2 = pct(r, 10) ? SD_NULL_INT : sd_int(rrange(r, 1, 99));
                int64_t v_soft_deleted = pml(r, 20);
                sd_put_oasys_assessment(g, &(struct row_oasys_assessment){
                    .oasys_assessment_id = sd_new_id(g, T_OASYS_ASSESSMENT),
                    .offender_id = P->oid,
                    .assessment_date = sd_date(d),
                    .ogrs_score_2 = v_ogrs_score_2,
                    .last_updated_datetime = sd_ts(d, 15 * 3600),
                    .soft_deleted = v_soft_deleted,
                });
            }
        }
    }
}

/* the OFFENDER row (and its documents); sets P->surname, P->dob, P->gender */
static void offender(seeder *g, seed_person *P, int64_t current_tier, const char *colour) {
    rng *r = &P->r;
    long p = P->p;
    int lao = (int)(p % 100);
    bool excluded = lao == 7 || lao == 29 || lao == 53, restricted = lao == 13 || lao == 29;
    bool deleted = p % 250 == 97;
    const char *first = pickstr(r, SD_FORENAMES, NELEM(SD_FORENAMES));
    const char *sur = pickstr(r, SD_SURNAMES, NELEM(SD_SURNAMES));
    const char *second = pct(r, 50) ? pickstr(r, SD_FORENAMES, NELEM(SD_FORENAMES)) : NULL;
    const char *third = second && pct(r, 20) ? pickstr(r, SD_FORENAMES, NELEM(SD_FORENAMES)) : NULL;
    int dob = REF - rrange(r, 18 * 365, 75 * 365);
    int64_t gender = g->gender.n >= 2 && pct(r, 85) ? g->gender.v[rbelow(r, 2)].id : sd_pick(r, &g->gender);
    bool english = pct(r, 85);
    int64_t language = english ? g->id_lang_english : (pct(r, 70) ? sd_pick(r, &g->language) : 0);
    int created = REF - rrange(r, 400, 4000);
    bool custody_person = P->in_custody || P->had_custody;
    char crn[8];
    sd_fmt(crn, sizeof crn, "%c%06ld", (char)('A' + (p / 1000000) % 26), p % 1000000);

    {
        char b_pnc_number[96];
        char b_cro_number[96];
        char b_noms_number[96];
        char b_prisoner_number[96];
        char b_immigration_number[96];
        char b_ni_number[96];
        char b_telephone_number[96];
        char b_mobile_number[96];
        char b_e_mail_address[96];
        const char *v_pnc_number = pct(r, 80) ? sd_sfmt(b_pnc_number, sizeof b_pnc_number, "%04d/%07dX",
                                                        2000 + rbelow(r, 25), (int)(p % 10000000))
                                              : NULL;
        const char *v_cro_number = NULL;
        if (pct(r, 60)) {
            int yy = rbelow(r, 100), letter = rbelow(r, 26);
            v_cro_number =
                sd_sfmt(b_cro_number, sizeof b_cro_number, "%06d/%02d%c", (int)(p % 1000000), yy, 'A' + letter);
        }
        const char *v_noms_number = NULL;
        if (custody_person || pct(r, 10)) {
            int l1 = rbelow(r, 26), l2 = rbelow(r, 26), l3 = rbelow(r, 26);
            v_noms_number = sd_sfmt(b_noms_number, sizeof b_noms_number, "%c%04d%c%c", 'A' + l1, (int)(p % 10000),
                                    'A' + l2, 'A' + l3);
        }
        const char *v_immigration_number =
            pct(r, 3) ? sd_sfmt(b_immigration_number, sizeof b_immigration_number, "SEED%06ld", p % 1000000) : NULL;
        const char *v_ni_number =
            pct(r, 60) ? sd_sfmt(b_ni_number, sizeof b_ni_number, "QQ%06d%c", (int)(p % 1000000), 'A' + rbelow(r, 4))
                       : NULL;
        const char *v_most_recent_prisoner_number = NULL;
        if (custody_person) {
            int l1 = rbelow(r, 26), num = rbelow(r, 100000);
            v_most_recent_prisoner_number =
                sd_sfmt(b_prisoner_number, sizeof b_prisoner_number, "%c%05d", 'A' + l1, num);
        }
        int64_t v_title_id = pct(r, 80) ? sd_pick(r, &g->title) : 0;
        const char *v_preferred_name = pct(r, 10) ? pickstr(r, SD_FORENAMES, NELEM(SD_FORENAMES)) : NULL;
        const char *v_previous_surname = pct(r, 5) ? pickstr(r, SD_SURNAMES, NELEM(SD_SURNAMES)) : NULL;
        bool gi = pct(r, 5);
        int64_t v_gender_identity_id = gi ? sd_pick(r, &g->gender_identity) : 0;
        const char *v_gender_identity_description = gi && pct(r, 30) ? "Self-described (seed)" : NULL;
        int64_t v_ethnicity_id = pct(r, 90) ? sd_pick(r, &g->ethnicity) : 0;
        int64_t v_nationality_id =
            g->nationality.n && pct(r, 80) ? g->nationality.v[pct(r, 85) ? 0 : rbelow(r, g->nationality.n)].id : 0;
        int64_t v_second_nationality_id = pct(r, 5) ? sd_pick(r, &g->nationality) : 0;
        int64_t v_immigration_status_id = pct(r, 10) ? sd_pick(r, &g->immigration_status) : 0;
        int64_t v_religion_id = pct(r, 60) ? sd_pick(r, &g->religion) : 0;
        int64_t v_sexual_orientation_id = pct(r, 50) ? sd_pick(r, &g->sexual_orientation) : 0;
        const char *v_language_concerns = !english && pct(r, 50) ? "Seeded language concerns" : NULL;
        sd_yn_t v_interpreter_required =
            sd_yn(english ? (pct(r, 50) ? 0 : -1) : (pct(r, 60) ? 1 : (pct(r, 50) ? 0 : -1)));
        const char *v_telephone_number =
            pct(r, 60) ? sd_sfmt(b_telephone_number, sizeof b_telephone_number, "01632 %06ld", 960000 + p % 1000)
                       : NULL;
        const char *v_mobile_number =
            pct(r, 70) ? sd_sfmt(b_mobile_number, sizeof b_mobile_number, "07700 %06ld", 900000 + p % 1000) : NULL;
        const char *v_e_mail_address =
            pct(r, 50) ? sd_sfmt(b_e_mail_address, sizeof b_e_mail_address, "person.%s@example.com", crn) : NULL;
        sd_yn_t v_allow_sms = sd_yn(pct(r, 70) ? pct(r, 80) : -1);
        const char *v_current_remand_status = pct(r, 5) ? "Remanded in custody" : NULL;
        sd_num_t v_dynamic_rsr_score = pct(r, 60) ? sd_num(rbelow(r, 10000) / 100.0) : SD_NULL_NUM;
        const char *v_offender_details = pct(r, 20) ? "Seeded offender details.\nMore details." : NULL;
        sd_ts_t v_last_updated_datetime = sd_ts(created + rrange(r, 0, 300), CREATED_SECS);
        sd_put_offender(g, &(struct row_offender){
            .offender_id = P->oid,
            .crn = crn,
            .pnc_number = v_pnc_number,
            .cro_number = v_cro_number,
            .noms_number = v_noms_number,
            .immigration_number = v_immigration_number,
            .ni_number = v_ni_number,
            .most_recent_prisoner_number = v_most_recent_prisoner_number,
            .title_id = v_title_id,
            .first_name = first,
            .second_name = second,
            .third_name = third,
            .surname = sur,
            .preferred_name = v_preferred_name,
            .previous_surname = v_previous_surname,
            .date_of_birth_date = sd_date(dob),
            .gender_id = gender,
            .gender_identity_id = v_gender_identity_id,
            .gender_identity_description = v_gender_identity_description,
            .ethnicity_id = v_ethnicity_id,
            .nationality_id = v_nationality_id,
            .second_nationality_id = v_second_nationality_id,
            .immigration_status_id = v_immigration_status_id,
            .religion_id = v_religion_id,
            .sexual_orientation_id = v_sexual_orientation_id,
            .language_id = language,
            .language_concerns = v_language_concerns,
            .interpreter_required = v_interpreter_required,
            .telephone_number = v_telephone_number,
            .mobile_number = v_mobile_number,
            .e_mail_address = v_e_mail_address,
            .allow_sms = v_allow_sms,
            .current_disposal = P->current_disposal ? 1 : 0,
            .current_remand_status = v_current_remand_status,
            .current_tier = current_tier,
            .dynamic_rsr_score = v_dynamic_rsr_score,
            .current_exclusion = excluded ? 1 : 0,
            .current_restriction = restricted ? 1 : 0,
            .exclusion_message = excluded ? "You are excluded from viewing this case (seed)" : NULL,
            .restriction_message = restricted ? "This case is restricted (seed)" : NULL,
            .current_highest_risk_colour = colour,
            .offender_details = v_offender_details,
            .partition_area_id = 0,
            .soft_deleted = deleted ? 1 : 0,
            .row_version = 0,
            .created_by_user_id = P->loader,
            .created_datetime = sd_ts(created, CREATED_SECS),
            .last_updated_user_id = P->loader,
            .last_updated_datetime = v_last_updated_datetime,
        });
    }

    if (pct(r, 35)) sd_document(g, P, "OFFENDER", P->oid, "DOCUMENT", created + rrange(r, 0, 300));
    if (pct(r, 15)) sd_document(g, P, "OFFENDER", P->oid, "PREVIOUS_CONVICTION", created + rrange(r, 0, 300));
    P->surname = sur;
    P->dob = dob;
    P->gender = gender;
}

/* exclusions and restrictions, fixed by person number (see seed.c) */
static void limited_access(seeder *g, seed_person *P) {
    rng *r = &P->r;
    int lao = (int)(P->p % 100);
    int64_t u1 = sd_staff_user(g, 1), u2 = sd_staff_user(g, 2), u3 = sd_staff_user(g, 3), u4 = sd_staff_user(g, 4);
    int ex_start = REF - rrange(r, 10, 700);
    if (lao == 7 || lao == 29) {
        sd_put_exclusion(g, &(struct row_exclusion){
            .exclusion_id = sd_new_id(g, T_EXCLUSION),
            .offender_id = P->oid,
            .user_id = u1,
            .exclusion_date = sd_ts(ex_start, CREATED_SECS),
        });
        if (lao == 7 && pct(r, 50)) {
            sd_put_exclusion(g, &(struct row_exclusion){
                .exclusion_id = sd_new_id(g, T_EXCLUSION),
                .offender_id = P->oid,
                .user_id = u2,
                .exclusion_date = sd_ts(ex_start, CREATED_SECS),
                .exclusion_end_time = sd_ts(sd_days_from_civil(2031, 1, 1), 0),
            });
        }
    }
    if (lao == 53) {
        sd_put_exclusion(g, &(struct row_exclusion){
            .exclusion_id = sd_new_id(g, T_EXCLUSION),
            .offender_id = P->oid,
            .user_id = u2,
            .exclusion_date = sd_ts(sd_days_from_civil(2030, 1, 1), CREATED_SECS),
        });
    }
    if (lao == 13 || lao == 29) {
        sd_put_restriction(g, &(struct row_restriction){
            .restriction_id = sd_new_id(g, T_RESTRICTION),
            .offender_id = P->oid,
            .user_id = u3,
            .restriction_time = sd_ts(ex_start, CREATED_SECS),
        });
        if (lao == 13) {
            sd_put_restriction(g, &(struct row_restriction){
                .restriction_id = sd_new_id(g, T_RESTRICTION),
                .offender_id = P->oid,
                .user_id = u4,
                .restriction_time = sd_ts(ex_start, CREATED_SECS),
                .restriction_end_time = sd_ts(sd_days_from_civil(2032, 6, 30), 12 * 3600),
            });
        }
    }
    if (lao == 41) { /* only expired rows: not limited any more */
        sd_put_exclusion(g, &(struct row_exclusion){
            .exclusion_id = sd_new_id(g, T_EXCLUSION),
            .offender_id = P->oid,
            .user_id = u1,
            .exclusion_date = sd_ts(sd_days_from_civil(2022, 3, 1), CREATED_SECS),
            .exclusion_end_time = sd_ts(sd_days_from_civil(2024, 3, 1), CREATED_SECS),
        });
        sd_put_restriction(g, &(struct row_restriction){
            .restriction_id = sd_new_id(g, T_RESTRICTION),
            .offender_id = P->oid,
            .user_id = u3,
            .restriction_time = sd_ts(sd_days_from_civil(2022, 3, 1), CREATED_SECS),
            .restriction_end_time = sd_ts(sd_days_from_civil(2024, 6, 1), CREATED_SECS),
        });
    }
}

/* aliases */
static void aliases(seeder *g, seed_person *P) {
    rng *r = &P->r;
    const char *sur = P->surname;
    int dob = P->dob;
    int64_t gender = P->gender;
    if (pct(r, 15)) {
        int n = rrange(r, 1, 2);
        for (int k = 0; k < n; k++) {
            {
                const char *v_first_name = pickstr(r, SD_FORENAMES, NELEM(SD_FORENAMES));
                const char *v_second_name = pct(r, 40) ? pickstr(r, SD_FORENAMES, NELEM(SD_FORENAMES)) : NULL;
                const char *v_third_name = pct(r, 15) ? pickstr(r, SD_FORENAMES, NELEM(SD_FORENAMES)) : NULL;
                const char *v_surname = pct(r, 50) ? sur : pickstr(r, SD_SURNAMES, NELEM(SD_SURNAMES));
                sd_date_t v_date_of_birth_date = sd_date(pct(r, 70) ? dob : dob + rrange(r, -400, 400));
                int64_t v_soft_deleted = pml(r, 100);
                sd_put_alias(g, &(struct row_alias){
                    .alias_id = sd_new_id(g, T_ALIAS),
                    .offender_id = P->oid,
                    .first_name = v_first_name,
                    .second_name = v_second_name,
                    .third_name = v_third_name,
                    .surname = v_surname,
                    .date_of_birth_date = v_date_of_birth_date,
                    .gender_id = gender,
                    .soft_deleted = v_soft_deleted,
                });
            }
        }
    }
}

/* addresses: main (current), previous (ended), secondary, no fixed abode */
static void addresses(seeder *g, seed_person *P) {
    rng *r = &P->r;
    int nfa = pct(r, 4);
    int moved_in = REF - rrange(r, 30, 2000);
    for (int k = 0; k < 4; k++) {
        int64_t status;
        int start, end = NODATE;
        if (k == 0) {
            if (!pct(r, 88)) continue;
            status = g->id_addr_main, start = moved_in;
        } else if (k == 1 || k == 2) {
            if (!g->id_addr_prev || !(pct(r, 35) && (k == 1 || pct(r, 40)))) continue;
            status = g->id_addr_prev;
            end = moved_in - (k - 1) * 400 - rrange(r, 1, 30);
            start = end - rrange(r, 100, 1000);
        } else {
            if (!g->id_addr_sec || !pct(r, 5)) continue;
            status = g->id_addr_sec, start = moved_in + rrange(r, 0, 20);
        }
        bool no_fixed = k == 0 && nfa;
        int64_t aid = sd_new_id(g, T_OFFENDER_ADDRESS);
        int64_t town = rbelow(r, NELEM(SD_TOWNS));
        {
            char b_address_number[96];
            char b_postcode[96];
            char b_telephone_number[96];
            int64_t v_address_type_id = pct(r, 70) ? sd_pick(r, &g->address_type) : 0;
            const char *v_address_number = NULL, *v_building_name = NULL, *v_street_name = NULL, *v_district = NULL;
            const char *v_county = NULL, *v_postcode, *v_telephone_number = NULL;
            sd_yn_t v_no_fixed_abode;
            if (no_fixed) {
                v_postcode = "NF1 1NF";
                v_no_fixed_abode = sd_yn(1);
            } else {
                v_address_number = sd_sfmt(b_address_number, sizeof b_address_number, "%d", rrange(r, 1, 250));
                v_building_name = pct(r, 20) ? "Seed House" : NULL;
                v_street_name = pickstr(r, SD_STREETS, NELEM(SD_STREETS));
                v_district = pct(r, 50) ? "Old Town" : NULL;
                v_county = pct(r, 70) ? pickstr(r, SD_COUNTIES, NELEM(SD_COUNTIES)) : NULL;
                int pc1 = rrange(r, 1, 99), pc2 = rbelow(r, 10), pc3 = rbelow(r, 26), pc4 = rbelow(r, 26);
                v_postcode = sd_sfmt(b_postcode, sizeof b_postcode, "ZZ%d %d%c%c", pc1, pc2, 'A' + pc3, 'A' + pc4);
                if (pct(r, 40))
                    v_telephone_number =
                        sd_sfmt(b_telephone_number, sizeof b_telephone_number, "01632 %06d", 960000 + rbelow(r, 1000));
                v_no_fixed_abode = sd_yn(pct(r, 60) ? 0 : -1);
            }
            sd_yn_t v_type_verified = sd_yn(pct(r, 60) ? pct(r, 70) : -1);
            const char *v_notes = pct(r, 20) ? (pct(r, 20) ? "   " : "Seeded address notes") : NULL;
            int64_t v_soft_deleted = pml(r, 20);
            sd_put_offender_address(g, &(struct row_offender_address){
                .offender_address_id = aid,
                .offender_id = P->oid,
                .address_status_id = status,
                .address_type_id = v_address_type_id,
                .address_number = v_address_number,
                .building_name = v_building_name,
                .street_name = v_street_name,
                .district = v_district,
                .town_city = SD_TOWNS[town],
                .county = v_county,
                .postcode = v_postcode,
                .telephone_number = v_telephone_number,
                .no_fixed_abode = v_no_fixed_abode,
                .type_verified = v_type_verified,
                .notes = v_notes,
                .start_date = sd_date(start),
                .end_date = sd_date(end),
                .soft_deleted = v_soft_deleted,
                .row_version = 0,
                .created_by_user_id = P->loader,
                .created_datetime = sd_ts(start, CREATED_SECS),
                .last_updated_user_id = P->loader,
                .last_updated_datetime = sd_ts(start, CREATED_SECS),
            });
        }
        if (pct(r, 10)) {
            int n = rrange(r, 1, 2);
            for (int j = 0; j < n; j++) {
                int64_t asid = sd_new_id(g, T_ADDRESS_ASSESSMENT);
                int ad = start + rrange(r, 1, 60) + j * 90;
                {
                    int64_t v_soft_deleted = pml(r, 50);
                    sd_put_address_assessment(g, &(struct row_address_assessment){
                        .address_assessment_id = asid,
                        .offender_address_id = aid,
                        .assessment_date = sd_ts(ad, 11 * 3600),
                        .soft_deleted = v_soft_deleted,
                    });
                }
                if (pct(r, 50)) sd_document(g, P, "ADDRESSASSESSMENT", asid, "DOCUMENT", ad);
            }
        }
    }
}

/* disabilities and provisions: active, ended, future */
static void disabilities(seeder *g, seed_person *P) {
    rng *r = &P->r;
    if (pct(r, 14)) {
        int n = rrange(r, 1, 2);
        for (int k = 0; k < n; k++) {
            int start = REF - rrange(r, 30, 3000);
            int x2 = rbelow(r, 100);
            int fin = x2 < 70 ? NODATE : x2 < 80 ? FAR_END_LO + rrange(r, 0, 1000) : start + rrange(r, 10, 300);
            if (x2 >= 80 && fin >= REF) fin = REF - 1 - rbelow(r, 20);
            {
                int64_t v_disability_type_id = sd_pick(r, &g->disability_type);
                int64_t v_disability_condition_id = pct(r, 70) ? sd_pick(r, &g->disability_condition) : 0;
                bool future = pct(r, 3); /* not started yet */
                const char *v_notes = pct(r, 60) ? "Seeded disability notes" : NULL;
                int64_t v_soft_deleted = pml(r, 30);
                sd_put_disability(g, &(struct row_disability){
                    .disability_id = sd_new_id(g, T_DISABILITY),
                    .offender_id = P->oid,
                    .disability_type_id = v_disability_type_id,
                    .disability_condition_id = v_disability_condition_id,
                    .start_date = sd_date(future ? FAR_END_LO + 100 : start),
                    .finish_date = sd_date(future ? NODATE : fin),
                    .notes = v_notes,
                    .last_updated_datetime = sd_ts(start + 1, 10 * 3600),
                    .soft_deleted = v_soft_deleted,
                });
            }
        }
    }
    if (pct(r, 10)) {
        int n = rrange(r, 1, 2);
        for (int k = 0; k < n; k++) {
            int start = REF - rrange(r, 30, 3000);
            int x2 = rbelow(r, 100);
            if (x2 >= 95) start = FAR_END_LO + rrange(r, 0, 300); /* not started yet */
            int fin = x2 < 70 || x2 >= 95 ? NODATE
                      : x2 < 80           ? FAR_END_LO + rrange(r, 400, 1000)
                                          : start + rrange(r, 10, 150);
            if (x2 >= 80 && x2 < 95 && fin >= REF) fin = REF - 1 - rbelow(r, 20);
            {
                int64_t v_provision_type_id = sd_pick(r, &g->provision_type);
                int64_t v_provision_category_id = pct(r, 70) ? sd_pick(r, &g->provision_category) : 0;
                const char *v_notes = pct(r, 60) ? "Seeded provision notes" : NULL;
                int64_t v_soft_deleted = pml(r, 30);
                sd_put_provision(g, &(struct row_provision){
                    .provision_id = sd_new_id(g, T_PROVISION),
                    .offender_id = P->oid,
                    .provision_type_id = v_provision_type_id,
                    .provision_category_id = v_provision_category_id,
                    .start_date = sd_date(start),
                    .finish_date = sd_date(fin),
                    .notes = v_notes,
                    .last_updated_datetime = sd_ts(start < REF ? start + 1 : REF - 1, 10 * 3600),
                    .soft_deleted = v_soft_deleted,
                });
            }
        }
    }
}

/* personal circumstances */
static void circumstances(seeder *g, seed_person *P) {
    rng *r = &P->r;
    if (pct(r, 30)) {
        int n = rrange(r, 1, 2);
        for (int k = 0; k < n; k++) {
            int64_t id = sd_new_id(g, T_PERSONAL_CIRCUMSTANCE);
            int start = REF - rrange(r, 10, 2000);
            bool ended = pct(r, 25);
            {
                int64_t v_circumstance_type_id = sd_pick(r, &g->circ_type);
                int64_t v_circumstance_sub_type_id = pct(r, 70) ? sd_pick(r, &g->circ_sub) : 0;
                const char *v_notes = pct(r, 60) ? "Seeded circumstance notes" : NULL;
                int cend = ended ? start + rrange(r, 1, 200) : (pct(r, 15) ? FAR_END_LO + 500 : NODATE);
                if (ended && cend >= REF) cend = REF - 1 - rbelow(r, 5);
                sd_yn_t v_evidenced = sd_yn(pct(r, 70) ? pct(r, 50) : -1);
                int64_t v_soft_deleted = pml(r, 30);
                sd_put_personal_circumstance(g, &(struct row_personal_circumstance){
                    .personal_circumstance_id = id,
                    .offender_id = P->oid,
                    .circumstance_type_id = v_circumstance_type_id,
                    .circumstance_sub_type_id = v_circumstance_sub_type_id,
                    .notes = v_notes,
                    .start_date = sd_date(start),
                    .end_date = sd_date(cend),
                    .evidenced = v_evidenced,
                    .soft_deleted = v_soft_deleted,
                });
            }
            if (pct(r, 15)) sd_document(g, P, "PERSONAL_CIRCUMSTANCE", id, "DOCUMENT", start);
        }
    }
}

/* personal contacts, most with an address */
static void personal_contacts(seeder *g, seed_person *P) {
    rng *r = &P->r;
    if (pct(r, 25)) {
        int n = rrange(r, 1, 2);
        for (int k = 0; k < n; k++) {
            int64_t addr = 0;
            if (pct(r, 75)) {
                addr = sd_new_id(g, T_ADDRESS);
                {
                    char b_address_number[96];
                    char b_postcode[96];
                    char b_telephone_number[96];
                    const char *v_building_name = pct(r, 30) ? "" : NULL;
                    const char *v_address_number =
                        sd_sfmt(b_address_number, sizeof b_address_number, "%d", rrange(r, 1, 300));
                    const char *v_street_name = pickstr(r, SD_STREETS, NELEM(SD_STREETS));
                    const char *v_district = pct(r, 30) ? "" : NULL;
                    const char *v_town_city = pickstr(r, SD_TOWNS, NELEM(SD_TOWNS));
                    const char *v_county = pct(r, 50) ? pickstr(r, SD_COUNTIES, NELEM(SD_COUNTIES)) : NULL;
                    int pc1 = rrange(r, 1, 99), pc2 = rbelow(r, 10);
                    const char *v_telephone_number = pct(r, 70) ? sd_sfmt(b_telephone_number, sizeof b_telephone_number,
                                                                          "01632 %06d", 960000 + rbelow(r, 1000))
                                                                : NULL;
                    int64_t v_soft_deleted = pml(r, 30);
                    sd_put_address(g, &(struct row_address){
                        .address_id = addr,
                        .building_name = v_building_name,
                        .address_number = v_address_number,
                        .street_name = v_street_name,
                        .district = v_district,
                        .town_city = v_town_city,
                        .county = v_county,
                        .postcode = sd_sfmt(b_postcode, sizeof b_postcode, "ZZ%d %dPC", pc1, pc2),
                        .telephone_number = v_telephone_number,
                        .soft_deleted = v_soft_deleted,
                    });
                }
            }
            int64_t id = sd_new_id(g, T_PERSONAL_CONTACT);
            int start = REF - rrange(r, 10, 2000);
            {
                char b_mobile_number[96];
                const char *rel = pickstr(r, SD_RELATIONSHIPS, NELEM(SD_RELATIONSHIPS));
                int64_t v_relationship_type_id = sd_pick(r, &g->relationship);
                const char *v_first_name = pickstr(r, SD_FORENAMES, NELEM(SD_FORENAMES));
                const char *v_other_names = pct(r, 30) ? pickstr(r, SD_FORENAMES, NELEM(SD_FORENAMES)) : NULL;
                const char *v_surname = pickstr(r, SD_SURNAMES, NELEM(SD_SURNAMES));
                const char *v_mobile_number = pct(r, 60) ? sd_sfmt(b_mobile_number, sizeof b_mobile_number,
                                                                   "07700 %06d", 900000 + rbelow(r, 1000))
                                                         : NULL;
                sd_date_t v_end_date = sd_date(pct(r, 15) ? REF - rrange(r, 1, 9) : NODATE);
                int64_t v_soft_deleted = pml(r, 30);
                sd_put_personal_contact(g, &(struct row_personal_contact){
                    .personal_contact_id = id,
                    .offender_id = P->oid,
                    .relationship = rel,
                    .relationship_type_id = v_relationship_type_id,
                    .first_name = v_first_name,
                    .other_names = v_other_names,
                    .surname = v_surname,
                    .mobile_number = v_mobile_number,
                    .address_id = addr,
                    .start_date = sd_date(start),
                    .end_date = v_end_date,
                    .soft_deleted = v_soft_deleted,
                });
            }
            if (pct(r, 15)) sd_document(g, P, "PERSONALCONTACT", id, "DOCUMENT", start);
        }
    }
}

/* One person: the calls below run in this order, drawing from the person's stream. */
void sd_person(seeder *g, long p) {
    seed_person PP, *P = &PP;
    memset(P, 0, sizeof *P);
    rng *r = &P->r;
    sd_rng_seed(r, g->o->random_seed, (uint64_t)p);
    P->p = p;
    P->oid = sd_new_id(g, T_OFFENDER);
    P->loader = g->loader_user;
    P->area = rbelow(r, N_COMM_AREAS);
    P->rel_day = NODATE;

    offender_managers(g, P);

    events(g, P);
    responsible_officers(g, P);
    int64_t current_tier = management_tiers(g, P);
    const char *colour = registrations(g, P);
    oasys_assessments(g, P);
    offender(g, P, current_tier, colour);
    limited_access(g, P);
    aliases(g, P);
    addresses(g, P);
    disabilities(g, P);
    circumstances(g, P);
    personal_contacts(g, P);
}
