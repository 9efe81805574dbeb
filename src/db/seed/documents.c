/*
 * documents.c - DOCUMENT rows (the metadata of a document in the remote store, linked to its parent
 * row by TABLE_NAME and PRIMARY_KEY_ID) and the rows that mostly exist to carry a document: case
 * allocations, referrals and assessments.
 */
#include <inttypes.h>
#include <string.h>

#include "db/seed/seed_internal.h"

static void alfresco_uuid(rng *r, char out[37]) {
    static const char hex[] = "0123456789abcdef";
    uint64_t a = rnd(r), b = rnd(r);
    int k = 0;
    for (int i = 0; i < 32; i++) {
        if (i == 8 || i == 12 || i == 16 || i == 20) out[k++] = '-';
        uint64_t w = i < 16 ? a : b;
        out[k++] = hex[(w >> ((i % 16) * 4)) & 15];
    }
    out[k] = 0;
}

void sd_document(seeder *g, seed_person *P, const char *table, int64_t pk, const char *type, int day) {
    rng *r = &P->r;
    int64_t id = sd_new_id(g, T_DOCUMENT);
    char uuid[37];
    alfresco_uuid(r, uuid);
    int secs = rrange(r, 8 * 3600, 18 * 3600);
    {
        char b_document_name[96];
        const char *v_alfresco_document_id = pml(r, 30) ? NULL : uuid;
        sd_ts_t v_last_saved = sd_ts(day + rrange(r, 0, 30), secs);
        int64_t v_sensitive = pct(r, 5);
        int64_t v_soft_deleted = pml(r, 20);
        int64_t author = sd_staff_user(g, rrange(r, 1, g->nstaff));
        int64_t v_created_by_user_id = pct(r, 10) ? 0 : author;
        sd_ts_t v_created_datetime = pct(r, 5) ? SD_NULL_TS : sd_ts(day, secs);
        sd_put_document(g, &(struct row_document){
            .document_id = id,
            .offender_id = P->oid,
            .alfresco_document_id = v_alfresco_document_id,
            .primary_key_id = pk,
            .table_name = table,
            .document_name = sd_sfmt(b_document_name, sizeof b_document_name, "%s-%" PRId64 ".pdf",
                                     !strcmp(type, "DOCUMENT") ? "document" : type, id),
            .document_type = type,
            .date_produced = sd_ts(day, secs),
            .last_saved = v_last_saved,
            .status = "N",
            .sensitive = v_sensitive,
            .partition_area_id = 0,
            .soft_deleted = v_soft_deleted,
            .row_version = 0,
            .created_by_user_id = v_created_by_user_id,
            .created_datetime = v_created_datetime,
            .last_updated_user_id = author,
        });
    }
}

void sd_doc_parents(seeder *g, seed_person *P, int64_t event, int day) {
    rng *r = &P->r;
    if (pct(r, 3)) {
        int64_t id = sd_new_id(g, T_CASE_ALLOCATION);
        sd_put_case_allocation(g, &(struct row_case_allocation){
            .case_allocation_id = id,
            .offender_id = P->oid,
            .event_id = event,
            .soft_deleted = 0,
        });
        sd_document(g, P, "CASE_ALLOCATION", id, "DOCUMENT", day + 2);
    }
    if (pct(r, 4)) {
        int64_t id = sd_new_id(g, T_REFERRAL);
        {
            int64_t v_referral_type_id = sd_pick(r, &g->referral_type);
            sd_put_referral(g, &(struct row_referral){
                .referral_id = id,
                .offender_id = P->oid,
                .event_id = event,
                .referral_type_id = v_referral_type_id,
                .referral_date = sd_date(day + 10),
                .soft_deleted = 0,
            });
        }
        sd_document(g, P, "REFERRAL", id, "DOCUMENT", day + 10);
        if (pct(r, 60)) {
            int64_t as = sd_new_id(g, T_ASSESSMENT);
            {
                int64_t v_assessment_type_id = sd_pick(r, &g->assessment_type);
                sd_put_assessment(g, &(struct row_assessment){
                    .assessment_id = as,
                    .offender_id = P->oid,
                    .assessment_type_id = v_assessment_type_id,
                    .referral_id = id,
                    .assessment_date = sd_date(day + 20),
                    .soft_deleted = 0,
                });
            }
            sd_document(g, P, "ASSESSMENT", as, "DOCUMENT", day + 20);
        }
    }
    if (pct(r, 2)) { /* an assessment without referral: no description */
        int64_t as = sd_new_id(g, T_ASSESSMENT);
        {
            int64_t v_assessment_type_id = sd_pick(r, &g->assessment_type);
            sd_put_assessment(g, &(struct row_assessment){
                .assessment_id = as,
                .offender_id = P->oid,
                .assessment_type_id = v_assessment_type_id,
                .assessment_date = sd_date(day + 25),
                .soft_deleted = 0,
            });
        }
        sd_document(g, P, "ASSESSMENT", as, "DOCUMENT", day + 25);
    }
}
