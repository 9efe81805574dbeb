/*
 * event.c - events (EVENT) and what hangs off them directly: main and additional offences, court
 * appearances and pre-sentence reports, NSIs (breach, recall and others) with their managers, and
 * the event's general contacts. The sentence itself (disposal, requirements, custody) is sentence.c.
 */
#include <inttypes.h>
#include <string.h>

#include "db/seed/seed_internal.h"

static const int KIND_WEIGHT[K_N] = {10, 34, 20, 10, 13, 5, 8};

static int pick_kind(rng *r) {
    int x = rbelow(r, 100);
    for (int k = 0; k < K_N; k++) {
        if (x < KIND_WEIGHT[k]) return k;
        x -= KIND_WEIGHT[k];
    }
    return K_COMM;
}

static void nsi_managers(seeder *g, seed_person *P, int64_t nsi_id, int start, int end, bool active) {
    rng *r = &P->r;
    int n = pct(r, 40) ? 2 : 1;
    int mid = start + (end == NODATE ? 60 : (end - start) / 2);
    for (int k = 0; k < n; k++) {
        bool current = k == n - 1;
        int64_t team, staff;
        sd_area_staff(g, P, P->area, &team, &staff, NULL);
        int s = current && n == 2 ? mid : start;
        int e = !current ? mid : (active ? NODATE : end);
        {
            int64_t v_soft_deleted = pml(r, 15);
            sd_put_nsi_manager(g, &(struct row_nsi_manager){
                .nsi_manager_id = sd_new_id(g, T_NSI_MANAGER),
                .nsi_id = nsi_id,
                .staff_id = staff,
                .team_id = team,
                .probation_area_id = g->areas[P->area].id,
                .start_date = sd_ts(s, CREATED_SECS),
                .end_date = sd_ts(e, 17 * 3600),
                .active_flag = current && active ? 1 : 0,
                .soft_deleted = v_soft_deleted,
            });
        }
    }
}

/* kind: 0 breach, 1 recall, 2 rejected recall, 3 other */
int64_t sd_nsi(seeder *g, seed_person *P, int64_t event, int kind, int referral, bool active, int64_t rqmnt,
               int64_t outcome, bool deleted) {
    rng *r = &P->r;
    int64_t id = sd_new_id(g, T_NSI), type, status;
    switch (kind) {
    case 0:
        type = g->id_nsi_breach;
        status = sd_ref_code(&g->nsi_status, active ? "BRE02" : "BRE05");
        if (!status) status = sd_pick(r, &g->nsi_status);
        break;
    case 1:
        type = g->id_nsi_recall;
        /* REC06..REC09 when present */
        status = g->rec_status.n >= 9 ? g->rec_status.v[rrange(r, 5, 8)].id : sd_pick(r, &g->rec_status);
        break;
    case 2:
        type = g->id_nsi_recall;
        status = sd_ref_code(&g->nsi_status, pct(r, 50) ? "REC05" : "REC10");
        if (!status) status = sd_pick(r, &g->rec_status);
        break;
    default: {
        const refrow *t;
        do t = sd_pickrow(r, &g->nsi_type);
        while (g->nsi_type.n > 2 && (t->id == g->id_nsi_breach || t->id == g->id_nsi_recall));
        type = t->id;
        status = sd_ref_code(&g->nsi_status, active ? "INPROG" : "COMP");
        if (!status) status = sd_pick(r, &g->nsi_status);
    }
    }
    int end = active ? NODATE : referral + rrange(r, 30, 200);
    {
        char b_external_reference[96];
        int64_t v_nsi_sub_type_id = pct(r, 50) ? sd_pick(r, &g->nsi_sub_type) : 0;
        int status_day = referral + rrange(r, 0, 20);
        sd_ts_t v_nsi_status_date = sd_ts(status_day, rrange(r, 9, 17) * 3600);
        sd_date_t v_actual_start_date = sd_date(referral + rrange(r, 1, 14));
        sd_int_t v_length = pct(r, 50) ? sd_int(rrange(r, 1, 12)) : SD_NULL_INT;
        const char *v_notes = pct(r, 60) ? "Seeded NSI notes.\nSecond line of notes." : NULL;
        const char *v_external_reference = pct(r, 20) ? sd_sfmt(b_external_reference, sizeof b_external_reference,
                                                                "urn:uk:gov:hmpps:seed:nsi:%" PRId64, id)
                                                      : NULL;
        int64_t v_intended_provider_id = pct(r, 50) ? g->areas[P->area].id : 0;
        sd_put_nsi(g, &(struct row_nsi){
            .nsi_id = id,
            .offender_id = P->oid,
            .event_id = event,
            .nsi_type_id = type,
            .nsi_sub_type_id = v_nsi_sub_type_id,
            .nsi_status_id = status,
            .nsi_status_date = v_nsi_status_date,
            .nsi_outcome_id = outcome,
            .referral_date = sd_date(referral),
            .actual_start_date = v_actual_start_date,
            .expected_start_date = sd_date(referral + 7),
            .actual_end_date = sd_date(end),
            .expected_end_date = sd_date(referral + 180),
            .rqmnt_id = rqmnt,
            .length = v_length,
            .notes = v_notes,
            .external_reference = v_external_reference,
            .intended_provider_id = v_intended_provider_id,
            .active_flag = active ? 1 : 0,
            .soft_deleted = deleted ? 1 : 0,
        });
    }
    nsi_managers(g, P, id, referral, end, active);
    if (pct(r, 15)) sd_document(g, P, "NSI", id, "DOCUMENT", referral + 3);
    return id;
}

static void court_report(seeder *g, seed_person *P, int64_t appearance, int day, bool completed) {
    rng *r = &P->r;
    int64_t id = sd_new_id(g, T_COURT_REPORT);
    int64_t type = sd_pick(r, &g->court_report_type);
    {
        sd_ts_t v_allocation_date = pct(r, 80) ? sd_ts(day + 1, 11 * 3600) : SD_NULL_TS;
        int64_t v_soft_deleted = pml(r, 20);
        sd_put_court_report(g, &(struct row_court_report){
            .court_report_id = id,
            .offender_id = P->oid,
            .court_appearance_id = appearance,
            .court_report_type_id = type,
            .delivered_court_report_type_id = completed ? type : 0,
            .date_requested = sd_ts(day, 10 * 3600),
            .date_required = sd_ts(day + 21, 10 * 3600),
            .allocation_date = v_allocation_date,
            .completed_date = completed ? sd_ts(day + 18, 15 * 3600) : SD_NULL_TS,
            .sent_to_court_date = completed ? sd_ts(day + 19, 9 * 3600) : SD_NULL_TS,
            .received_by_court_date = completed ? sd_ts(day + 20, 9 * 3600) : SD_NULL_TS,
            .soft_deleted = v_soft_deleted,
        });
    }
    int n = pct(r, 20) ? 2 : 1;
    for (int k = 0; k < n; k++) {
        int64_t team, staff;
        sd_area_staff(g, P, P->area, &team, &staff, NULL);
        {
            int64_t v_staff_id = pct(r, 5) ? 0 : staff;
            sd_put_report_manager(g, &(struct row_report_manager){
                .report_manager_id = sd_new_id(g, T_REPORT_MANAGER),
                .court_report_id = id,
                .staff_id = v_staff_id,
                .active_flag = k == n - 1 ? 1 : 0,
                .soft_deleted = 0,
            });
        }
    }
    if (pct(r, 60)) sd_document(g, P, "COURT_REPORT", id, "DOCUMENT", day + 18);
}

static int64_t court_appearance(seeder *g, seed_person *P, int64_t event, int64_t court, int day, int64_t type,
                                int64_t outcome) {
    int64_t id = sd_new_id(g, T_COURT_APPEARANCE);
    {
        sd_ts_t v_appearance_date = sd_ts(day, rrange(&P->r, 10, 15) * 3600);
        int64_t v_soft_deleted = pml(&P->r, 15);
        sd_put_court_appearance(g, &(struct row_court_appearance){
            .court_appearance_id = id,
            .event_id = event,
            .offender_id = P->oid,
            .court_id = court,
            .appearance_date = v_appearance_date,
            .appearance_type_id = type,
            .outcome_id = outcome,
            .soft_deleted = v_soft_deleted,
        });
    }
    return id;
}

static int64_t non_sentence_type(seeder *g, rng *r) {
    for (int k = 0; k < 8; k++) {
        int64_t t = sd_pick(r, &g->appearance_type);
        if (t != g->id_app_sentence) return t;
    }
    return sd_pick(r, &g->appearance_type);
}

static int64_t outcome_not_psr(seeder *g, rng *r) {
    for (int k = 0; k < 8; k++) {
        int64_t t = sd_pick(r, &g->appearance_outcome);
        if (t != g->id_out_psr) return t;
    }
    return 0;
}

static void offences(seeder *g, seed_person *P, int64_t event, int referral, bool sentenced) {
    rng *r = &P->r;
    int day = referral - rrange(r, 1, 90);
    {
        int64_t v_offence_id = sd_pick(r, &g->offence);
        int64_t v_offence_count = rrange(r, 1, 3);
        sd_int_t v_tics = pct(r, 50) ? sd_int(rrange(r, 0, 4)) : SD_NULL_INT;
        const char *v_verdict = sentenced ? pct(r, 80) ? "Guilty" : "Guilty plea" : NULL;
        sd_ts_t v_last_updated_datetime = sd_ts(referral + rrange(r, 0, 30), CREATED_SECS);
        sd_put_main_offence(g, &(struct row_main_offence){
            .main_offence_id = sd_new_id(g, T_MAIN_OFFENCE),
            .event_id = event,
            .offender_id = P->oid,
            .offence_id = v_offence_id,
            .offence_date = sd_date(day),
            .offence_count = v_offence_count,
            .tics = v_tics,
            .verdict = v_verdict,
            .created_datetime = sd_ts(referral, CREATED_SECS),
            .last_updated_datetime = v_last_updated_datetime,
            .soft_deleted = 0,
        });
    }
    int n = pct(r, 25) ? rrange(r, 1, 2) : 0;
    for (int k = 0; k < n; k++) {
        {
            int64_t v_offence_id = sd_pick(r, &g->offence);
            sd_date_t v_offence_date = sd_date(day - rrange(r, 0, 30));
            int64_t v_soft_deleted = pml(r, 40);
            sd_put_additional_offence(g, &(struct row_additional_offence){
                .additional_offence_id = sd_new_id(g, T_ADDITIONAL_OFFENCE),
                .event_id = event,
                .offence_id = v_offence_id,
                .offence_date = v_offence_date,
                .offence_count = 1,
                .created_datetime = sd_ts(referral, CREATED_SECS),
                .last_updated_datetime = sd_ts(referral, CREATED_SECS),
                .soft_deleted = v_soft_deleted,
            });
        }
    }
}

void sd_event(seeder *g, seed_person *P, int number) {
    rng *r = &P->r;
    int kind = pick_kind(r);
    bool deleted = pml(r, 15);
    bool active = kind != K_COMM_END && kind != K_CUST_END;
    bool custodial = kind >= K_CUST;
    bool sentenced = kind != K_PRE;
    int start, len_days, term = NODATE, release = NODATE, recall = NODATE, referral;
    switch (kind) {
    case K_PRE: start = REF - rrange(r, 5, 150); break;
    case K_COMM: start = REF - rrange(r, 30, 1000); break;
    case K_COMM_END: start = REF - rrange(r, 1000, 3600); break;
    case K_CUST: start = REF - rrange(r, 30, 1500); break;
    case K_LIC: start = REF - rrange(r, 400, 2500); break;
    case K_RECALL: start = REF - rrange(r, 500, 2500); break;
    default: start = REF - rrange(r, 2500, 5000); break;
    }
    int months = custodial ? rrange(r, 12, 120) : rrange(r, 6, 36);
    len_days = months * 30 + months / 2;
    if (kind == K_COMM_END) {
        months = rrange(r, 6, 24);
        len_days = months * 30;
        term = start + len_days;
    }
    if (kind == K_CUST_END) term = start + rrange(r, 700, 1500);
    if (kind == K_LIC || kind == K_RECALL) {
        release = start + rrange(r, 90, 380);
        if (kind == K_RECALL) recall = release + rrange(r, 30, 200);
    }
    if (kind == K_CUST_END) release = term - rrange(r, 200, 400);
    referral = kind == K_PRE ? start : start - rrange(r, 14, 120);
    int end = start + len_days;
    if (active && sentenced && end < FAR_END_LO && pct(r, 50)) end = FAR_END_LO + rrange(r, 0, 1800);

    bool in_breach = active && sentenced && kind != K_CUST && pct(r, 15);
    int ftc = in_breach ? rrange(r, 1, 3) : (sentenced && pct(r, 8) ? 1 : 0);
    int breach_end = !in_breach && sentenced && pct(r, 5) ? start + rrange(r, 60, 300) : NODATE;
    area_t *a = &g->areas[P->area];
    int64_t court = a->courts[rbelow(r, 2)];

    int64_t ev = sd_new_id(g, T_EVENT);
    {
        char b_event_number[96];
        sd_date_t v_conviction_date = sentenced || pct(r, 40) ? sd_date(start) : SD_NULL_DATE;
        int64_t v_court_id = pml(r, 30) ? 0 : court;
        sd_put_event(g, &(struct row_event){
            .event_id = ev,
            .offender_id = P->oid,
            .event_number = sd_sfmt(b_event_number, sizeof b_event_number, "%d", number),
            .referral_date = sd_date(referral),
            .conviction_date = v_conviction_date,
            .in_breach = in_breach,
            .breach_end = sd_date(breach_end),
            .ftc_count = ftc,
            .court_id = v_court_id,
            .active_flag = active ? 1 : 0,
            .soft_deleted = deleted ? 1 : 0,
            .row_version = 0,
            .created_by_user_id = P->loader,
            .created_datetime = sd_ts(referral, CREATED_SECS),
            .last_updated_user_id = P->loader,
            .last_updated_datetime = sd_ts(referral, CREATED_SECS),
        });
    }

    offences(g, P, ev, referral, sentenced);

    /* court appearances (+ a pre-sentence report) */
    if (!sentenced) {
        int d = referral + rrange(r, 1, 10);
        bool psr = pct(r, 60);
        int64_t type = non_sentence_type(g, r);
        int64_t outcome = psr ? g->id_out_psr : outcome_not_psr(g, r);
        int64_t ca = court_appearance(g, P, ev, court, d, type, outcome);
        if (psr) court_report(g, P, ca, d, false);
        if (pct(r, 30)) {
            type = non_sentence_type(g, r);
            outcome = pct(r, 50) ? 0 : outcome_not_psr(g, r);
            court_appearance(g, P, ev, court, d + 28, type, outcome);
        }
    } else {
        if (pct(r, 35)) {
            int d = start - rrange(r, 21, 40);
            int64_t type = non_sentence_type(g, r);
            int64_t ca = court_appearance(g, P, ev, court, d, type, g->id_out_psr);
            court_report(g, P, ca, d, true);
        }
        court_appearance(g, P, ev, court, start, g->id_app_sentence, outcome_not_psr(g, r));
    }

    if (!deleted && active) {
        if (sentenced) P->current_disposal = true;
    }

    sd_event_plan e = {.ev = ev, .kind = kind, .deleted = deleted, .active = active, .custodial = custodial,
                       .start = start, .months = months, .len_days = len_days, .end = end, .term = term,
                       .release = release, .recall = recall};
    if (sentenced) sd_disposal(g, P, &e);
    if (custodial) sd_custody(g, P, &e);
    int64_t first_rqmnt = e.first_rqmnt;

    /* breach NSIs: enforcement while in breach (recent referral), history for others */
    if (in_breach) {
        int ref_day = REF + rrange(r, -180, 700);
        int64_t rq = pct(r, 50) ? first_rqmnt : 0;
        int64_t o = sd_pick(r, &g->bre_outcomes);
        sd_nsi(g, P, ev, 0, ref_day, true, rq, o, pct(r, 3));
    } else if (sentenced && pct(r, 6)) {
        int ref_day = start + rrange(r, 30, 200);
        if (ref_day > REF - 400) ref_day = REF - 400;
        int64_t o = pct(r, 50) ? sd_pick(r, &g->bre_outcomes) : sd_ref_code(&g->nsi_outcome, "BRE09");
        sd_nsi(g, P, ev, 0, ref_day, false, 0, o, false);
    }
    if (pct(r, 8)) {
        int d = start + rrange(r, 10, 100);
        bool still = active && pct(r, 60);
        sd_nsi(g, P, ev, 3, d, still, 0, 0, pct(r, 5));
    }

    /* general contacts of sentenced events */
    if (sentenced) {
        int n = active ? rrange(r, 0, 3) : rrange(r, 0, 1);
        for (int k = 0; k < n; k++) {
            int day = start + rrange(r, 1, 300);
            if (pct(r, 50)) sd_attendance(g, P, ev, day);
            else {
                const refrow *ct = sd_pickrow(r, &g->contact_type);
                sd_contact(g, P, ev, ct->id, day, 0, -1, -1, -1, "Seeded contact note",
                           !strcmp(ct->a1, "Y") ? "Y" : NULL);
            }
        }
    }
}
