/*
 * routes.c - court-case-and-delius routes (court-case-and-delius.md §2, §3, §5). Every
 * route is served at /probation-case/{crn}/… and at its legacy alias
 * /secure/offenders/crn/{crn}/… (same handler, role and errors). Role
 * ROLE_PROBATION_API__COURT_CASE__CASE_DETAIL (admin implies it); errors
 * {status, developerMessage}. Literal segments before variables: documents/grouped
 * is declared before documents/{documentId}.
 *
 * Issue 10 (person record, registrations, managers, documents) and issue 11
 * (convictions) each add their own entries; keep edits additive.
 */
#include "services/court_case/court_case.h"

#define CC_ROUTE(SUFFIX, HANDLER, SCHEMA, SUMMARY)                                                              \
    {.method = "GET", .pattern = "/probation-case/{crn}" SUFFIX, .alias = "/secure/offenders/crn/{crn}" SUFFIX, \
     .roles = ROLE_COURT, .errors = ERR_STYLE_DEVELOPER, .handler = HANDLER, .service = "court-case",            \
     .schema = SCHEMA, .summary = SUMMARY}

const route_def court_case_routes[] = {
    /* --- issue 10: the person record, registrations, managers and documents --- */
    CC_ROUTE("", cc_offender_summary, "OffenderDetailSummary", "Summary of a person on probation (per-CRN LAO check when configured)"),
    CC_ROUTE("/all", cc_offender_detail, "OffenderDetail", "The person record: contact details and addresses, aliases, offender managers, profile"),
    CC_ROUTE("/status", cc_status, "ProbationStatusDetail", "Probation status of a CRN (NO_RECORD for an unknown CRN)"),
    CC_ROUTE("/registrations", cc_registrations, "Registrations", "Registrations (risk flags) of a person, with deregistration details"),
    CC_ROUTE("/allOffenderManagers", cc_all_offender_managers, "CommunityOrPrisonOffenderManager[]", "Community and prison offender managers of a person"),
    CC_ROUTE("/documents/grouped", cc_documents_grouped, "OffenderDocuments", "A person's documents, grouped by conviction (the alias takes subtype)"),
    CC_ROUTE("/documents/{documentId}", cc_document_download, NULL, "Downloads a document from the document store (streamed)"),
    /* --- issue 11: convictions --- */
    CC_ROUTE("/convictions", cc_convictions, "Conviction[]", "Convictions of a person, latest referral first (activeOnly=false)"),
    CC_ROUTE("/convictions/{convictionId}", cc_conviction, "Conviction", "One conviction: offences, sentence, custody, court, appearance, order managers"),
    CC_ROUTE("/convictions/{convictionId}/sentenceStatus", cc_sentence_status, "SentenceStatus", "Sentence status of a conviction"),
    CC_ROUTE("/convictions/{convictionId}/requirements", cc_requirements, "ConvictionRequirements", "Requirements of a conviction (activeOnly, excludeSoftDeleted: exact-match filters, default true)"),
    CC_ROUTE("/convictions/{convictionId}/pssRequirements", cc_pss_requirements, "PssRequirements", "Post-sentence supervision requirements of a conviction's custody"),
    CC_ROUTE("/convictions/{convictionId}/licenceConditions", cc_licence_conditions, "LicenceConditions", "Licence conditions of a conviction"),
    CC_ROUTE("/convictions/{convictionId}/nsis", cc_nsis, "NsiDetails", "Non-statutory interventions of a conviction by type code (nsiCodes required)"),
    CC_ROUTE("/convictions/{convictionId}/nsis/{nsiId}", cc_nsi, "Nsi", "One non-statutory intervention with its managers"),
    CC_ROUTE("/convictions/{convictionId}/courtReports", cc_court_reports, "CourtReportMinimal[]", "Court reports of a conviction with their report managers"),
    CC_ROUTE("/convictions/{convictionId}/courtAppearances", cc_court_appearances, "CourtAppearanceBasicWrapper", "Court appearances of a conviction, latest first"),
    CC_ROUTE("/convictions/{convictionId}/attendancesFilter", cc_attendances, "Attendances", "Attendance contacts of a conviction up to today"),
    /* --- issue 12: the compare tools (§4; bodies read after the token check) --- */
    {.method = "POST", .pattern = "/secure/compare", .roles = ROLE_COURT, .errors = ERR_STYLE_DEVELOPER,
     .handler = cc_compare, .service = "court-case", .schema = "CompareReport",
     .summary = "Compares deliusd's answer for a Uri and its params with the legacy community-api's (always 200)"},
    {.method = "POST", .pattern = "/secure/compareAll", .roles = ROLE_COURT, .errors = ERR_STYLE_DEVELOPER,
     .handler = cc_compare_all, .service = "court-case", .schema = "CompareAllReport",
     .summary = "Runs the compare for every uriConfig entry over a page of people (CRNs given or from the database)"},
};
const size_t court_case_route_count = sizeof court_case_routes / sizeof court_case_routes[0];
