/*
 * org.c - the organisation rows, written once before the people: 6 community probation areas
 * S01..S06 and 2 prison areas SP1, SP2, each with boroughs, districts, teams, staff (4 named
 * officers + one unallocated `…U` officer per team), the tier placeholders `{AREA}UTSO` / `{AREA}UTS`
 * (delius-schema §12.2), provider employees and teams, OFFICER rows, courts and unpaid-work
 * projects; one USER_ per named staff member (SeedUser001, … in staff order) and the loader user
 * SeedDataLoader. Drawn from the stream (random_seed, 0).
 */
#include <stdio.h>

#include "db/seed/seed_internal.h"

static const char *const AREA_NAMES[N_AREAS] = {
    "Testshire", "Exampleshire", "Mockshire",           "Sampleshire",
    "Demoshire", "Fakeshire",    "HMP Testmoor (seed)", "HMP Exampleton (seed)"};

static int64_t insert_staff(seeder *g, rng *r, area_t *a, int64_t team_id, const char *code, const char *fore,
                            const char *sur, bool named) {
    int64_t sid = sd_new_id(g, T_STAFF);
    {
        const char *v_forename2 = named && pct(r, 30) ? pickstr(r, SD_FORENAMES, NELEM(SD_FORENAMES)) : NULL;
        int64_t v_staff_grade_id = named ? sd_pick(r, &g->officer_grade) : 0;
        sd_put_staff(g, &(struct row_staff){
            .staff_id = sid,
            .officer_code = code,
            .forename = fore,
            .forename2 = v_forename2,
            .surname = sur,
            .staff_grade_id = v_staff_grade_id,
            .probation_area_id = a->id,
        });
    }
    sd_put_staff_team(g, &(struct row_staff_team){
        .staff_id = sid,
        .team_id = team_id,
    });
    sd_put_officer(g, &(struct row_officer){
        .staff_employee_id = sid,
        .trust_provider_flag = 0,
        .forename = fore,
        .surname = sur,
    });
    if (named) {
        g->nstaff++;
        {
            char b_distinguished_name[96];
            sd_put_user(g, &(struct row_user){
                .user_id = sd_new_id(g, T_USER),
                .distinguished_name = sd_sfmt(b_distinguished_name, sizeof b_distinguished_name,
                                              "SeedUser%03d", g->nstaff),
                .staff_id = sid,
                .forename = fore,
                .surname = sur,
            });
        }
    }
    return sid;
}

/* One probation area (index ai): the area, boroughs, districts, teams and staff; for community
 * areas also the provider team and employees, courts and unpaid-work projects. */
static void area(seeder *g, rng *r, int ai, int64_t org, const int64_t ldu[3], int64_t ext) {
    int ref0 = sd_days_from_civil(2015, 4, 1);
    area_t *a = &g->areas[ai];
    a->prison = ai >= N_COMM_AREAS;
    if (a->prison) sd_fmt(a->code, sizeof a->code, "SP%d", ai - N_COMM_AREAS + 1);
    else sd_fmt(a->code, sizeof a->code, "S%02d", ai + 1);
    a->id = sd_new_id(g, T_PROBATION_AREA);
    const refrow *inst = a->prison ? &g->institution.v[(ai - N_COMM_AREAS + 1) % g->institution.n] : NULL;
    {
        sd_put_probation_area(g, &(struct row_probation_area){
            .probation_area_id = a->id,
            .code = a->code,
            .description = AREA_NAMES[ai],
            .private = ai == 4 ? 1 : 0,
            .selectable = sd_yn(a->prison ? 0 : 1),
            .organisation_id = org,
            .institution_id = inst ? inst->id : 0,
            .establishment = inst ? inst->a1 : NULL,
        });
    }

    int nb = a->prison ? 1 : 2;
    int64_t districts[4];
    int nd = 0;
    for (int b = 0; b < nb; b++) {
        int64_t bid = sd_new_id(g, T_BOROUGH);
        {
            char b_code[96];
            char b_description[96];
            sd_put_borough(g, &(struct row_borough){
                .borough_id = bid,
                .code = sd_sfmt(b_code, sizeof b_code, "%sB%d", a->code, b + 1),
                .description = sd_sfmt(b_description, sizeof b_description, "%s Borough %d", AREA_NAMES[ai], b + 1),
                .probation_area_id = a->id,
                .selectable = sd_yn(1),
            });
        }
        for (int d = 0; d < 2; d++) {
            int64_t did = sd_new_id(g, T_DISTRICT);
            {
                char b_code[96];
                char b_description[96];
                sd_put_district(g, &(struct row_district){
                    .district_id = did,
                    .code = sd_sfmt(b_code, sizeof b_code, "%sD%d%d", a->code, b + 1, d + 1),
                    .description = sd_sfmt(b_description, sizeof b_description, "%s District %d%d",
                                           AREA_NAMES[ai], b + 1, d + 1),
                    .borough_id = bid,
                    .selectable = sd_yn(1),
                });
            }
            districts[nd++] = did;
        }
    }
    a->nteams = a->prison ? 2 : MAX_TEAMS_PER_AREA;
    /* the unallocated team and staff of §12.2 */
    a->uts_team = sd_new_id(g, T_TEAM);
    {
        char b_code[96];
        char b_description[96];
        sd_put_team(g, &(struct row_team){
            .team_id = a->uts_team,
            .code = sd_sfmt(b_code, sizeof b_code, "%sUTS", a->code),
            .description = sd_sfmt(b_description, sizeof b_description, "%s Unallocated Team", AREA_NAMES[ai]),
            .probation_area_id = a->id,
            .district_id = districts[0],
            .local_delivery_unit_id = ldu[0],
            .start_date = sd_date(ref0),
            .end_date = sd_date(NODATE),
            .private = 0,
        });
    }
    char code[16];
    sd_fmt(code, sizeof code, "%sUTSO", a->code);
    a->utso_staff = insert_staff(g, r, a, a->uts_team, code, "Unallocated", "Staff", false);

    for (int ti = 0; ti < a->nteams; ti++) {
        team_t *t = &a->teams[ti];
        sd_fmt(t->code, sizeof t->code, "%sT%02d", a->code, ti + 1);
        t->id = sd_new_id(g, T_TEAM);
        {
            char b_description[96];
            char b_telephone[96];
            char b_email_address[96];
            sd_put_team(
                g,
                &(struct row_team){
                    .team_id = t->id,
                    .code = t->code,
                    .description = sd_sfmt(b_description, sizeof b_description, "%s Team %d", AREA_NAMES[ai], ti + 1),
                    .telephone = sd_sfmt(b_telephone, sizeof b_telephone, "01632 96%04d", (int)(ai * 100 + ti)),
                    .email_address =
                        ti % 3 == 1 ? NULL
                                    : sd_sfmt(b_email_address, sizeof b_email_address, "team.%s@example.com", t->code),
                    .probation_area_id = a->id,
                    .district_id = districts[ti % nd],
                    .local_delivery_unit_id = ti % 4 == 3 ? 0 : ldu[ti % 3],
                    .start_date = sd_date(ref0 + ti * 30),
                    .end_date = sd_date(ti == 6 ? sd_days_from_civil(2031, 3, 31) : NODATE),
                    .private = ai == 4 ? 1 : 0,
                });
        }
        for (int s = 0; s < STAFF_PER_TEAM; s++) {
            sd_fmt(t->staff_code[s], sizeof t->staff_code[s], "%s%c", t->code, 'A' + s);
            t->staff[s] = insert_staff(g, r, a, t->id, t->staff_code[s], pickstr(r, SD_FORENAMES, NELEM(SD_FORENAMES)),
                                       pickstr(r, SD_SURNAMES, NELEM(SD_SURNAMES)), true);
        }
        sd_fmt(t->unalloc_code, sizeof t->unalloc_code, "%sU", t->code);
        t->unalloc = insert_staff(g, r, a, t->id, t->unalloc_code, "Unallocated", "Staff", false);
    }
    if (a->prison) return;

    a->provider_team = sd_new_id(g, T_PROVIDER_TEAM);
    {
        char b_code[96];
        char b_name[96];
        sd_put_provider_team(g, &(struct row_provider_team){
            .provider_team_id = a->provider_team,
            .code = sd_sfmt(b_code, sizeof b_code, "%sPT1", a->code),
            .name = sd_sfmt(b_name, sizeof b_name, "%s Interventions Team", AREA_NAMES[ai]),
            .probation_area_id = a->id,
            .external_provider_id = ext,
        });
    }
    for (int k = 0; k < 2; k++) {
        const char *f = pickstr(r, SD_FORENAMES, NELEM(SD_FORENAMES)), *s = pickstr(r, SD_SURNAMES, NELEM(SD_SURNAMES));
        const char *f2 = k ? pickstr(r, SD_FORENAMES, NELEM(SD_FORENAMES)) : NULL;
        a->provider_emp[k] = sd_new_id(g, T_PROVIDER_EMPLOYEE);
        sd_put_provider_employee(g, &(struct row_provider_employee){
            .provider_employee_id = a->provider_emp[k],
            .forename = f,
            .forename2 = f2,
            .surname = s,
        });
        sd_put_officer(g, &(struct row_officer){
            .staff_employee_id = a->provider_emp[k],
            .trust_provider_flag = 1,
            .forename = f,
            .forename2 = f2,
            .surname = s,
        });
    }
    for (int k = 0; k < 2; k++) {
        a->courts[k] = sd_new_id(g, T_COURT);
        const char *town = SD_TOWNS[(ai + k) % NELEM(SD_TOWNS)];
        {
            char b_code[96];
            char b_court_name[96];
            char b_telephone_number[96];
            char b_fax_number[96];
            char b_building_name[96];
            char b_postcode[96];
            char b_secure_email_address[96];
            sd_put_court(
                g, &(struct row_court){
                       .court_id = a->courts[k],
                       .code = sd_sfmt(b_code, sizeof b_code, "%s%s", a->code, k ? "CC" : "MC"),
                       .selectable = sd_yn(1),
                       .court_name = sd_sfmt(b_court_name, sizeof b_court_name, "%s %s Court", town,
                                             k ? "Crown" : "Magistrates'"),
                       .telephone_number =
                           sd_sfmt(b_telephone_number, sizeof b_telephone_number, "01632 97%04d", (int)(ai * 10 + k)),
                       .fax_number =
                           k ? NULL : sd_sfmt(b_fax_number, sizeof b_fax_number, "01632 98%04d", (int)(ai * 10 + k)),
                       .building_name = sd_sfmt(b_building_name, sizeof b_building_name, "%s Court House", town),
                       .street = SD_STREETS[ai % NELEM(SD_STREETS)],
                       .town = town,
                       .county = SD_COUNTIES[ai % NELEM(SD_COUNTIES)],
                       .postcode = sd_sfmt(b_postcode, sizeof b_postcode, "ZZ%d %dCT", ai + 1, k + 1),
                       .country = "England",
                       .court_type_id = g->court_type.n ? g->court_type.v[k % g->court_type.n].id : 0,
                       .probation_area_id = a->id,
                       .secure_email_address = k ? sd_sfmt(b_secure_email_address, sizeof b_secure_email_address,
                                                           "court.%s@example.com", a->code)
                                                 : NULL,
                       .created_datetime = sd_ts(ref0, 9 * 3600),
                       .last_updated_datetime = sd_ts(ref0, 9 * 3600),
                   });
        }
    }
    static const char *proj[3] = {"Community Garden", "Charity Shop Support", "Graffiti Removal"};
    for (int k = 0; k < 3; k++) {
        a->projects[k] = sd_new_id(g, T_UPW_PROJECT);
        {
            char b_name[96];
            sd_put_upw_project(g, &(struct row_upw_project){
                .upw_project_id = a->projects[k],
                .name = sd_sfmt(b_name, sizeof b_name, "Seed %s, %s", proj[k], SD_TOWNS[(ai + k) % NELEM(SD_TOWNS)]),
            });
        }
    }
}

void sd_org(seeder *g) {
    rng rr, *r = &rr;
    sd_rng_seed(r, g->o->random_seed, 0);

    /* the loader user: CREATED_BY / LAST_UPDATED of every seeded row */
    g->loader_user = sd_new_id(g, T_USER);
    sd_put_user(g, &(struct row_user){
        .user_id = g->loader_user,
        .distinguished_name = "SeedDataLoader",
        .forename = "Seed",
        .surname = "Loader",
    });
    g->user_base = g->loader_user + 1;

    int64_t org = sd_new_id(g, T_ORGANISATION);
    sd_put_organisation(g, &(struct row_organisation){
        .organisation_id = org,
        .code = "SEEDORG",
        .description = "Seed Probation Service (synthetic data)",
        .active_flag = 1,
    });

    int64_t ldu[3];
    static const char *ldu_code[3] = {"SOMU", "SUPW", "SCRT"};
    static const char *ldu_desc[3] = {"Seed Offender Management", "Seed Unpaid Work", "Seed Court Team"};
    for (int i = 0; i < 3; i++) {
        ldu[i] = sd_new_id(g, T_LOCAL_DELIVERY_UNIT);
        sd_put_local_delivery_unit(g, &(struct row_local_delivery_unit){
            .local_delivery_unit_id = ldu[i],
            .code = ldu_code[i],
            .description = ldu_desc[i],
            .selectable = sd_yn(1),
        });
    }
    int64_t ext = sd_new_id(g, T_EXTERNAL_PROVIDER);
    sd_put_external_provider(g, &(struct row_external_provider){
        .external_provider_id = ext,
        .code = "SEP01",
        .description = "Seed Interventions Provider",
    });

    for (int ai = 0; ai < N_AREAS; ai++) area(g, r, ai, org, ldu, ext);
}

/* a random named staff member of the person's area (team, staff) */
void sd_area_staff(seeder *g, seed_person *P, int area, int64_t *team, int64_t *staff, const char **code) {
    area_t *a = &g->areas[area];
    team_t *t = &a->teams[rbelow(&P->r, a->nteams)];
    int s = rbelow(&P->r, STAFF_PER_TEAM);
    *team = t->id;
    *staff = t->staff[s];
    if (code) *code = t->staff_code[s];
}
