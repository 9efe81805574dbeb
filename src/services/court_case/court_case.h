/*
 * court_case.h - court-case-and-delius handlers (court-case-and-delius.md §2, §5).
 * Each is served at /probation-case/{crn}/… and at its /secure/offenders/crn/{crn}/…
 * alias (§3). The route table is the only caller.
 */
#ifndef DL_COURT_CASE_H
#define DL_COURT_CASE_H

#include "services/service.h"

extern const route_def court_case_routes[];
extern const size_t court_case_route_count;

/* issue 10 (cc1): the person record, registrations, managers and documents */
int cc_offender_summary(http_req *r);      /* GET /probation-case/{crn}                    offender.c */
int cc_offender_detail(http_req *r);       /* GET /probation-case/{crn}/all                offender.c */
int cc_status(http_req *r);                /* GET /probation-case/{crn}/status             status.c */
int cc_registrations(http_req *r);         /* GET /probation-case/{crn}/registrations      registrations.c */
int cc_all_offender_managers(http_req *r); /* GET /probation-case/{crn}/allOffenderManagers managers.c */
int cc_documents_grouped(http_req *r);     /* GET /probation-case/{crn}/documents/grouped  documents.c */
int cc_document_download(http_req *r);     /* GET /probation-case/{crn}/documents/{documentId} documents.c */

/* issue 11 (cc2): convictions and their sub-resources; statements per request beside each handler */
int cc_convictions(http_req *r);        /* GET /probation-case/{crn}/convictions        convictions.c */
int cc_conviction(http_req *r);         /* GET …/convictions/{convictionId} */
int cc_sentence_status(http_req *r);    /* GET …/convictions/{convictionId}/sentenceStatus */
int cc_requirements(http_req *r);       /* GET …/convictions/{convictionId}/requirements */
int cc_pss_requirements(http_req *r);   /* GET …/convictions/{convictionId}/pssRequirements */
int cc_licence_conditions(http_req *r); /* GET …/convictions/{convictionId}/licenceConditions */
int cc_nsis(http_req *r);               /* GET …/convictions/{convictionId}/nsis */
int cc_nsi(http_req *r);                /* GET …/convictions/{convictionId}/nsis/{nsiId} */
int cc_court_reports(http_req *r);      /* GET …/convictions/{convictionId}/courtReports */
int cc_court_appearances(http_req *r);  /* GET …/convictions/{convictionId}/courtAppearances */
int cc_attendances(http_req *r);        /* GET …/convictions/{convictionId}/attendancesFilter */

/* issue 12: the compare tools against the legacy community-api (§4)             compare.c */
int cc_compare(http_req *r);               /* POST /secure/compare */
int cc_compare_all(http_req *r);           /* POST /secure/compareAll */

#endif
