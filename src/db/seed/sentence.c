/*
 * sentence.c - the sentence of an event: DISPOSAL (and now and then an older soft-deleted one),
 * requirements with unpaid work details and appointments, order managers, additional sentences,
 * OGRS assessments; for custodial kinds CUSTODY with key dates, releases, licence conditions,
 * post-sentence supervision requirements, institutional reports and approved-premises referrals.
 */
#include <string.h>

#include "db/seed/seed_internal.h"

static void key_dates(seeder *g, seed_person *P, int64_t custody, int kind, int start, int release) {
    rng *r = &P->r;
    int sed = start + rrange(r, 700, 2600);
    if (kind != K_CUST_END && sed < FAR_END_LO) sed = FAR_END_LO + rrange(r, 0, 1500);
    int vals[9];
    vals[0] = release != NODATE ? release : start + (sed - start) / 2;  /* ACR */
    vals[1] = sed;                                                      /* LED */
    vals[2] = vals[0] - 120;                                            /* HDE */
    vals[3] = start + (sed - start) / 3;                                /* PED */
    vals[4] = sed;                                                      /* SED */
    vals[5] = vals[0];                                                  /* EXP */
    vals[6] = sed + 365;                                                /* PSSED */
    vals[7] = vals[0] - 240;                                            /* POM1 */
    vals[8] = vals[0] - 210;                                            /* POM2 */
    for (int k = 0; k < 9; k++) {
        if (k >= 2 && pct(r, 35)) continue; /* ACR and LED always, the rest sometimes */
        {
            int64_t v_soft_deleted = pml(r, 10);
            sd_put_key_date(g, &(struct row_key_date){
                .key_date_id = sd_new_id(g, T_KEY_DATE),
                .custody_id = custody,
                .key_date_type_id = g->id_key[k],
                .key_date = sd_date(vals[k]),
                .soft_deleted = v_soft_deleted,
            });
        }
    }
}

static void requirement(seeder *g, seed_person *P, int64_t disposal, int64_t event, int start, int end,
                        bool disp_active, int which, bool *upw, int64_t *first_rqmnt, int projects_area) {
    rng *r = &P->r;
    int64_t id = sd_new_id(g, T_RQMNT);
    if (!*first_rqmnt) *first_rqmnt = id;
    bool deleted = pct(r, 4);
    bool active = disp_active && !pct(r, 12);
    int term = active ? NODATE : (disp_active ? start + rrange(r, 30, (REF - start) > 31 ? REF - start - 1 : 31) : end);
    int64_t main = 0, ad_main = 0;
    int length = 0, rar = -1;
    if (which == 0) main = g->id_rqmnt_upw, length = rrange(r, 40, 300);
    else if (which == 1) main = g->id_rqmnt_rar, length = rrange(r, 10, 40);
    else if (which == 2 && g->ad_rqmnt_main.n) ad_main = sd_pick(r, &g->ad_rqmnt_main), length = rrange(r, 1, 12);
    else {
        do main = sd_pick(r, &g->rqmnt_main);
        while (g->rqmnt_main.n > 2 && (main == g->id_rqmnt_upw || main == g->id_rqmnt_rar));
        length = rrange(r, 1, 24);
    }

    /* RAR: attendance contacts, counted into RAR_COUNT */
    if (which == 1) {
        rar = 0;
        int n = rrange(r, 2, 6);
        for (int k = 0; k < n; k++) {
            int day = start + 14 * (k + 1);
            if (!active && term != NODATE && day > term) break;
            rar += sd_attendance(g, P, event, day);
        }
        if (active && pct(r, 50)) sd_attendance(g, P, event, REF + rrange(r, 3, 400));
    }

    {
        const char *v_rqmnt_notes = pct(r, 40) ? "" : "Seeded requirement notes";
        int64_t v_rqmnt_type_sub_category_id = main && pct(r, 60) ? sd_pick(r, &g->rqmnt_sub) : 0;
        int64_t v_ad_rqmnt_type_sub_category_id = ad_main ? sd_pick(r, &g->ad_rqmnt_sub) : 0;
        int64_t v_rqmnt_termination_reason_id = term != NODATE ? sd_pick(r, &g->rqmnt_termination) : 0;
        sd_put_rqmnt(g, &(struct row_rqmnt){
            .rqmnt_id = id,
            .disposal_id = disposal,
            .rqmnt_notes = v_rqmnt_notes,
            .commencement_date = sd_date(start),
            .start_date = sd_date(start),
            .termination_date = sd_date(term),
            .expected_start_date = sd_date(start),
            .expected_end_date = sd_date(end),
            .rqmnt_type_main_category_id = main,
            .rqmnt_type_sub_category_id = v_rqmnt_type_sub_category_id,
            .ad_rqmnt_type_main_category_id = ad_main,
            .ad_rqmnt_type_sub_category_id = v_ad_rqmnt_type_sub_category_id,
            .rqmnt_termination_reason_id = v_rqmnt_termination_reason_id,
            .length = length,
            .rar_count = rar >= 0 ? sd_int(rar) : SD_NULL_INT,
            .created_datetime = sd_ts(start, CREATED_SECS),
            .active_flag = active ? 1 : 0,
            .soft_deleted = deleted ? 1 : 0,
        });
    }

    if (which == 0 && !deleted) {
        *upw = true;
        int64_t det = sd_new_id(g, T_UPW_DETAILS);
        const char *status = active ? "UIP" : (pct(r, 70) ? "UC" : "UT");
        int64_t st = sd_ref_code(&g->upw_status, status);
        {
            int64_t v_upw_status_id = st ? st : sd_pick(r, &g->upw_status);
            sd_put_upw_details(g, &(struct row_upw_details){
                .upw_details_id = det,
                .disposal_id = disposal,
                .upw_length_minutes = length * 60,
                .upw_status_id = v_upw_status_id,
                .soft_deleted = 0,
            });
        }
        area_t *a = &g->areas[projects_area];
        int n = rrange(r, 2, 8);
        for (int k = 0; k < n; k++) {
            int day = start + 7 * (k + 1);
            int att, comp, mins;
            if (day > REF || (!active && term != NODATE && day > term)) att = comp = -1, mins = 0;
            else {
                int x = rbelow(r, 100);
                if (x < 55) att = comp = 1, mins = pct(r, 80) ? 420 : rrange(r, 60, 420);
                else if (x < 70) att = 0, comp = 1, mins = 0;
                else if (x < 85) att = 0, comp = 0, mins = 0;
                else att = comp = -1, mins = 0;
            }
            int64_t appt = sd_new_id(g, T_UPW_APPOINTMENT);
            {
                int64_t v_upw_project_id = a->projects[rbelow(r, 3)];
                sd_int_t v_minutes_credited = att < 0 && comp < 0 && pct(r, 70) ? SD_NULL_INT : sd_int(mins);
                int64_t v_soft_deleted = pml(r, 40);
                sd_put_upw_appointment(g, &(struct row_upw_appointment){
                    .upw_appointment_id = appt,
                    .upw_details_id = det,
                    .upw_project_id = v_upw_project_id,
                    .appointment_date = sd_date(day),
                    .minutes_credited = v_minutes_credited,
                    .attended = sd_yn(att),
                    .complied = sd_yn(comp),
                    .soft_deleted = v_soft_deleted,
                });
            }
            if (pct(r, 4)) sd_document(g, P, "UPW_APPOINTMENT", appt, "DOCUMENT", day);
        }
    }
}

static void order_managers(seeder *g, seed_person *P, int64_t event, int start, int end, bool active) {
    rng *r = &P->r;
    area_t *a = &g->areas[P->area];
    bool transfer = pct(r, 20);
    int mid = start + (end != NODATE ? (end - start) / 2 : (REF - start) / 2);
    for (int k = transfer ? 0 : 1; k < 2; k++) {
        bool current = k == 1;
        team_t *t = &a->teams[rbelow(r, a->nteams)];
        bool unalloc = pct(r, 6);
        int slot = rbelow(r, STAFF_PER_TEAM);
        int64_t staff = unalloc ? t->unalloc : t->staff[slot];
        bool provider = pct(r, 3);
        {
            int64_t v_allocation_team_id = pct(r, 5) ? 0 : t->id;
            int64_t v_allocation_reason_id = sd_pick(r, &g->allocation_reason);
            int64_t v_transfer_reason_id = !current ? sd_pick(r, &g->transfer_reason) : 0;
            sd_put_order_manager(g, &(struct row_order_manager){
                .order_manager_id = sd_new_id(g, T_ORDER_MANAGER),
                .event_id = event,
                .allocation_staff_id = staff,
                .allocation_team_id = v_allocation_team_id,
                .probation_area_id = a->id,
                .allocation_date = sd_ts(current && transfer ? mid : start, CREATED_SECS),
                .end_date = sd_ts(current ? (active ? NODATE : end) : mid, 17 * 3600),
                .allocation_reason_id = v_allocation_reason_id,
                .provider_employee_id = provider ? a->provider_emp[0] : 0,
                .provider_team_id = provider ? a->provider_team : 0,
                .transfer_reason_id = v_transfer_reason_id,
                .staff_employee_id = provider ? a->provider_emp[0] : staff,
                .trust_provider_flag = provider ? 1 : 0,
                .active_flag = current && active ? 1 : 0,
                .soft_deleted = 0,
            });
        }
    }
}

/* The disposal of a sentenced event (called for every kind but K_PRE): sets e->disposal and
 * e->first_rqmnt. */
void sd_disposal(seeder *g, seed_person *P, sd_event_plan *e) {
    rng *r = &P->r;
    const int64_t ev = e->ev;
    const int kind = e->kind, start = e->start, months = e->months, len_days = e->len_days, end = e->end;
    const int term = e->term;
    const bool active = e->active, custodial = e->custodial;
    int64_t disposal, first_rqmnt = 0;
    bool upw = false;
    disposal = sd_new_id(g, T_DISPOSAL);
    const refrow *dt = sd_pickrow(r, custodial ? &g->disposal_custodial : &g->disposal_community);
    if (!custodial && kind == K_COMM)
        for (int k = 0; k < 4 && !dt->code[0]; k++) dt = sd_pickrow(r, &g->disposal_community);
    int reqs = 0;
    bool has_upw = false, has_rar = false;
    if (!custodial && dt->code[0]) {
        has_upw = pct(r, 40);
        has_rar = pct(r, 35);
        reqs = rbelow(r, 100) < 85 ? rrange(r, 0, 2) : 0;
    }
    int rq_end = kind == K_COMM_END ? term : end;
    /* requirements before the disposal row? no: the buffers are flushed parents first */
    if (has_upw) requirement(g, P, disposal, ev, start, rq_end, active, 0, &upw, &first_rqmnt, P->area);
    if (has_rar) requirement(g, P, disposal, ev, start, rq_end, active, 1, &upw, &first_rqmnt, P->area);
    for (int k = 0; k < reqs; k++)
        requirement(g, P, disposal, ev, start, rq_end, active, pct(r, 8) ? 2 : 3, &upw, &first_rqmnt, P->area);

    bool days = !custodial && pct(r, 10) && g->id_units_days;
    {
        sd_date_t v_entered_notional_end_date = sd_date(pct(r, 30) ? end : NODATE);
        int64_t v_disposal_termination_reason_id = term != NODATE ? sd_pick(r, &g->termination_reason) : 0;
        bool length_2 = pct(r, 10);
        sd_int_t v_length_2 = length_2 ? sd_int(rrange(r, 1, 12)) : SD_NULL_INT;
        sd_put_disposal(g, &(struct row_disposal){
            .disposal_id = disposal,
            .event_id = ev,
            .disposal_type_id = dt->id,
            .disposal_date = sd_date(start),
            .notional_end_date = sd_ts(end, 0),
            .entered_notional_end_date = v_entered_notional_end_date,
            .termination_date = sd_date(term),
            .disposal_termination_reason_id = v_disposal_termination_reason_id,
            .entry_length = days ? len_days : months,
            .entry_length_units_id = days ? g->id_units_days : g->id_units_months,
            .length_2 = v_length_2,
            .entry_length_2_units_id = length_2 ? g->id_units_months : 0,
            .length = months,
            .effective_length = sd_int(months),
            .length_in_days = sd_int(len_days),
            .upw = upw ? 1 : 0,
            .active_flag = active ? 1 : 0,
            .soft_deleted = 0,
        });
    }
    if (pml(r, 10)) { /* an older, soft-deleted disposal of the same event */
        sd_put_disposal(g, &(struct row_disposal){
            .disposal_id = sd_new_id(g, T_DISPOSAL),
            .event_id = ev,
            .disposal_type_id = dt->id,
            .disposal_date = sd_date(start - 30),
            .entry_length = months,
            .entry_length_units_id = g->id_units_months,
            .length = months,
            .upw = 0,
            .active_flag = 0,
            .soft_deleted = 1,
        });
    }
    order_managers(g, P, ev, start, term, active);
    if (pct(r, 8)) {
        const refrow *as = sd_pickrow(r, &g->additional_sentence);
        {
            bool disq = !strcmp(as->code, "DISQ");
            sd_int_t v_length = disq ? sd_int(rrange(r, 6, 36)) : SD_NULL_INT;
            double amount = 0;
            if (!disq) {
                amount = rrange(r, 50, 2000);
                amount += 0.5 * rbelow(r, 2);
            }
            const char *v_notes = pct(r, 50) ? "Seeded additional sentence" : NULL;
            int64_t v_soft_deleted = pml(r, 50);
            sd_put_additional_sentence(g, &(struct row_additional_sentence){
                .additional_sentence_id = sd_new_id(g, T_ADDITIONAL_SENTENCE),
                .event_id = ev,
                .additional_sentence_type_id = as->id,
                .amount = disq ? SD_NULL_NUM : sd_num(amount),
                .length = v_length,
                .notes = v_notes,
                .soft_deleted = v_soft_deleted,
            });
        }
    }
    if (pct(r, 40)) {
        {
            int d = start + rrange(r, 0, 60);
            sd_int_t v_ogrs3_score_2 = pct(r, 8) ? SD_NULL_INT : sd_int(rrange(r, 1, 99));
            int64_t v_soft_deleted = pml(r, 20);
            sd_put_ogrs_assessment(g, &(struct row_ogrs_assessment){
                .ogrs_assessment_id = sd_new_id(g, T_OGRS_ASSESSMENT),
                .event_id = ev,
                .assessment_date = sd_date(d),
                .ogrs3_score_2 = v_ogrs3_score_2,
                .last_updated_datetime = sd_ts(d, 12 * 3600),
                .soft_deleted = v_soft_deleted,
            });
        }
    }
    if (pct(r, 30)) {
        const char *type = pct(r, 25) ? "CPS_PACK" : "DOCUMENT";
        sd_document(g, P, "EVENT", ev, type, start + rrange(r, 0, 60));
    }
    sd_doc_parents(g, P, ev, start);
    e->disposal = disposal;
    e->first_rqmnt = first_rqmnt;
}

/* Custody of a custodial event (after sd_disposal): key dates, releases, licence conditions, PSS
 * requirements, institutional reports, approved-premises referrals and recall NSIs. */
void sd_custody(seeder *g, seed_person *P, sd_event_plan *e) {
    rng *r = &P->r;
    const int64_t ev = e->ev, disposal = e->disposal;
    const int kind = e->kind, start = e->start, end = e->end, term = e->term, release = e->release;
    const int recall = e->recall;
    const bool deleted = e->deleted;
    int64_t cid = sd_new_id(g, T_CUSTODY);
    int64_t status;
    if (kind == K_CUST) status = g->id_cust_in;
    else if (kind == K_RECALL) status = sd_ref_code(&g->custodial_status, "D");
    else if (kind == K_LIC) status = pct(r, 10) ? sd_ref_code(&g->custodial_status, "C") : g->id_cust_licence;
    else status = pct(r, 30) ? sd_ref_code(&g->custodial_status, "P") : g->id_cust_licence;
    if (!status) status = kind == K_CUST || kind == K_RECALL ? g->id_cust_in : g->id_cust_licence;
    const refrow *inst = sd_pickrow(r, &g->institution);
    char booking[8];
    int b1 = rbelow(r, 26), b2 = rbelow(r, 26), b3 = rbelow(r, 10000);
    sd_fmt(booking, sizeof booking, "%c%c%04d", 'A' + b1, 'A' + b2, b3);
    {
        sd_date_t v_pss_start_date = sd_date(kind == K_LIC && pct(r, 40) ? end : NODATE);
        sd_put_custody(g, &(struct row_custody){
            .custody_id = cid,
            .disposal_id = disposal,
            .custodial_status_id = status,
            .prisoner_number = booking,
            .institution_id = inst->id,
            .establishment = inst->a1,
            .pss_start_date = v_pss_start_date,
            .soft_deleted = 0,
        });
    }
    key_dates(g, P, cid, kind, start, release);
    if (release != NODATE) {
        sd_put_release(g, &(struct row_release){
            .release_id = sd_new_id(g, T_RELEASE),
            .custody_id = cid,
            .actual_release_date = sd_ts(release, 10 * 3600),
            .soft_deleted = 0,
        });
        if (pml(r, 30)) {
            sd_put_release(g, &(struct row_release){
                .release_id = sd_new_id(g, T_RELEASE),
                .custody_id = cid,
                .actual_release_date = sd_ts(release + 400, 10 * 3600),
                .soft_deleted = 1,
            });
        }
        int n = rrange(r, 1, 3);
        for (int k = 0; k < n; k++) {
            bool lc_active = kind == K_LIC && !pct(r, 20);
            int lterm = lc_active ? NODATE : (kind == K_CUST_END ? term : release + rrange(r, 30, 200));
            if (lterm != NODATE && lterm > REF) lterm = REF - rrange(r, 1, 30);
            {
                const char *v_commencement_notes = pct(r, 40) ? "Seeded commencement notes" : NULL;
                const char *v_termination_notes = lterm != NODATE && pct(r, 50) ? "Seeded termination notes" : NULL;
                int64_t v_lic_cond_type_main_cat_id = sd_pick(r, &g->lic_main);
                int64_t v_lic_cond_type_sub_cat_id = pct(r, 70) ? sd_pick(r, &g->lic_sub) : 0;
                const char *v_lic_condition_notes = pct(r, 70) ? "Seeded licence condition notes" : NULL;
                int64_t v_soft_deleted = pml(r, 30);
                sd_put_lic_condition(g, &(struct row_lic_condition){
                    .lic_condition_id = sd_new_id(g, T_LIC_CONDITION),
                    .disposal_id = disposal,
                    .start_date = sd_date(release),
                    .commencement_date = sd_date(release),
                    .commencement_notes = v_commencement_notes,
                    .termination_date = sd_date(lterm),
                    .termination_notes = v_termination_notes,
                    .lic_cond_type_main_cat_id = v_lic_cond_type_main_cat_id,
                    .lic_cond_type_sub_cat_id = v_lic_cond_type_sub_cat_id,
                    .lic_condition_notes = v_lic_condition_notes,
                    .created_datetime = sd_ts(release, CREATED_SECS),
                    .active_flag = lc_active ? 1 : 0,
                    .soft_deleted = v_soft_deleted,
                });
            }
        }
        if (kind == K_LIC && pct(r, 30) && g->pss_main.n) {
            for (int k = 0; k < rrange(r, 1, 2); k++) {
                {
                    int64_t v_pss_rqmnt_type_main_cat_id = sd_pick(r, &g->pss_main);
                    int64_t v_pss_rqmnt_type_sub_cat_id = pct(r, 80) ? sd_pick(r, &g->pss_sub) : 0;
                    int64_t v_soft_deleted = pml(r, 50);
                    sd_put_pss_rqmnt(g, &(struct row_pss_rqmnt){
                        .pss_rqmnt_id = sd_new_id(g, T_PSS_RQMNT),
                        .custody_id = cid,
                        .pss_rqmnt_type_main_cat_id = v_pss_rqmnt_type_main_cat_id,
                        .pss_rqmnt_type_sub_cat_id = v_pss_rqmnt_type_sub_cat_id,
                        .active_flag = k == 0 ? 1 : 0,
                        .soft_deleted = v_soft_deleted,
                    });
                }
            }
        }
    }
    if (pct(r, 15)) {
        int64_t ir = sd_new_id(g, T_INSTITUTIONAL_REPORT);
        int d = start + rrange(r, 30, 300);
        {
            int64_t v_institution_report_type_id = sd_pick(r, &g->inst_report_type);
            sd_date_t v_date_required = pct(r, 80) ? sd_date(d + 28) : SD_NULL_DATE;
            sd_ts_t v_date_completed = pct(r, 60) ? sd_ts(d + 20, 14 * 3600) : SD_NULL_TS;
            sd_put_institutional_report(g, &(struct row_institutional_report){
                .institutional_report_id = ir,
                .offender_id = P->oid,
                .custody_id = cid,
                .institution_id = inst->id,
                .establishment = inst->a1,
                .institution_report_type_id = v_institution_report_type_id,
                .date_requested = sd_date(d),
                .date_required = v_date_required,
                .date_completed = v_date_completed,
                .soft_deleted = 0,
            });
        }
        sd_document(g, P, "INSTITUTIONAL_REPORT", ir, "DOCUMENT", d + 20);
    }
    if ((kind == K_LIC || kind == K_RECALL) && pct(r, 10)) {
        int64_t apr = sd_new_id(g, T_APPROVED_PREMISES_REFERRAL);
        sd_put_approved_premises_referral(g, &(struct row_approved_premises_referral){
            .approved_premises_referral_id = apr,
            .offender_id = P->oid,
            .event_id = ev,
            .referral_date = sd_date(release - 30),
            .soft_deleted = 0,
        });
        sd_document(g, P, "APPROVED_PREMISES_REFERRAL", apr, "DOCUMENT", release - 30);
    }
    if (!deleted && (kind == K_CUST || kind == K_RECALL)) {
        P->in_custody = true;
        P->custody_since = kind == K_RECALL ? recall : start;
    }
    if (!deleted && kind == K_LIC && !P->in_custody) {
        P->had_custody = true;
        P->rel_day = release;
    }
    if (kind == K_RECALL) {
        int d = recall - rrange(r, 1, 10);
        sd_nsi(g, P, ev, 1, d, false, 0, sd_pick(r, &g->rec_recall), false);
    }
    if (kind == K_LIC && pct(r, 30)) {
        int d = release + rrange(r, 30, 200);
        int64_t o = sd_pick(r, &g->rec_reject);
        sd_nsi(g, P, ev, 2, d, false, 0, o, pml(r, 50));
    }
}
