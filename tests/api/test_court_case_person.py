"""
court-case-and-delius: the person record, status, registrations and managers
(court-case-and-delius.md §1, §2.1-§2.4, §2.6, §3, §8) against the SQL fixtures of
ccfixtures.py. Every 200 is fetched at /probation-case/{crn}/... and at the
/secure/offenders/crn/{crn}/... alias: the bodies must be byte-identical, and
they are checked against the seed contract (001) and compared as whole bodies.
"""
import pytest

import ccfixtures as fx
from conftest import ADMIN, COURT, TIER, UPW, Deliusd, drop_database, new_database
from seedschema import assert_schema

ENV = {"DELIUSD_TODAY": fx.TODAY.isoformat(), "DELIUSD_THREADS": "1", "DELIUSD_DEBUG_QUERY_COUNT": "true"}


@pytest.fixture(scope="module")
def db(module_tmp):
    database = new_database(module_tmp)
    fx.build(database)
    yield database
    drop_database(database)


@pytest.fixture(scope="module")
def cc(db, keys, module_tmp):
    d = Deliusd(db, keys, env=ENV, tmpdir=module_tmp).start()
    yield d
    d.stop()


def alias_of(path):
    assert path.startswith("/probation-case/")
    return "/secure/offenders/crn/" + path[len("/probation-case/"):]


def get_both(d, path, status=200, roles=(COURT,)):
    """GET path and its alias: same status, byte-identical bodies (framework errors: equal but for
    their timestamp and path). Returns the canonical response."""
    a = d.get(path, roles=list(roles))
    b = d.get(alias_of(path), roles=list(roles))
    assert a.status == status, a
    assert b.status == status, b
    if "timestamp" in a.json() if a.headers.get("content-type") == "application/json" else False:
        strip = lambda r: {k: v for k, v in r.json().items() if k not in ("timestamp", "path")}
        assert strip(a) == strip(b)
    else:
        assert a.body == b.body
    return a


def ok(d, path, schema=None):
    r = get_both(d, path)
    body = r.json()
    if schema:
        items = body if isinstance(body, list) else [body]
        for item in items:
            assert_schema(item, schema, seed="001")
    return body


def queries(d, path):
    before = int(d.get("/probation-case/Z123456/status", roles=[COURT]).headers["x-query-count"])
    r = d.get(path, roles=[COURT])
    return int(r.headers["x-query-count"]) - before


# --------------------------------------------------------------------------- expected bodies

DISABILITIES = [
    {"lastUpdatedDateTime": "2024-01-01T10:00:00", "disabilityCondition": {"code": "HD1", "description": "Tone deaf"},
     "disabilityId": fx.C_DIS1, "disabilityType": {"code": "HD", "description": "Hearing Difficulties"},
     "isActive": True, "notes": "Disability notes", "startDate": fx.day(-100)},
    {"lastUpdatedDateTime": "2024-01-02T10:00:00.5", "disabilityId": fx.C_DIS2,
     "disabilityType": {"code": "VI", "description": None}, "endDate": fx.day(0), "isActive": False,
     "startDate": fx.day(-300)},
]
PROVISIONS = [
    {"category": {"code": "H1", "description": "Hearing Aid in one ear"}, "finishDate": fx.day(100),
     "notes": "Provision notes", "provisionId": fx.C_PROV, "provisionType": {"code": "H", "description": "Hearing Aid"},
     "startDate": fx.day(-100)},
]


def describe(d, ref_id):
    return d.query("SELECT CODE_DESCRIPTION FROM R_STANDARD_REFERENCE_LIST WHERE STANDARD_REFERENCE_LIST_ID = ?",
                   (ref_id,))[0][0]


def c_summary(d):
    dis = [dict(x) for x in DISABILITIES]
    dis[1]["disabilityType"] = {"code": "VI", "description": describe(d, 13002)}
    return {
        "preferredName": "Other name",
        "activeProbationManagedSentence": True,
        "contactDetails": {"allowSMS": True, "emailAddresses": ["test@test.none"],
                           "phoneNumbers": [{"number": "01234567890", "type": "TELEPHONE"},
                                            {"number": "07734111992", "type": "MOBILE"}]},
        "currentDisposal": "1",
        "currentExclusion": False,
        "currentRestriction": False,
        "dateOfBirth": "1977-08-12",
        "firstName": "TestForename",
        "gender": "Male",
        "middleNames": ["MiddleName", "OtherMiddleName"],
        "offenderId": fx.C,
        "offenderProfile": {
            "genderIdentity": describe(d, 5001),
            "selfDescribedGender": "Self described",
            "disabilities": dis,
            "ethnicity": describe(d, 6014),
            "immigrationStatus": describe(d, 11001),
            "nationality": "British",
            "offenderDetails": "Some details",
            "offenderLanguages": {"languageConcerns": "None", "primaryLanguage": describe(d, 7001),
                                  "requiresInterpreter": False},
            "previousConviction": {"convictionDate": "2024-03-04", "detail": {"documentName": "PRE_CONS.pdf"}},
            "provisions": PROVISIONS,
            "religion": describe(d, 9001),
            "remandStatus": "Bail",
            "riskColour": "RED",
            "secondaryNationality": "French",
            "sexualOrientation": describe(d, 10001),
        },
        "otherIds": {"crn": "C123456", "croNumber": "CRO123", "immigrationNumber": "IMM1",
                     "mostRecentPrisonerNumber": "A1234BC", "niNumber": "AB123456C", "nomsNumber": "NOMS123",
                     "pncNumber": "1234567890123"},
        "partitionArea": "National Data",
        "previousSurname": "Previous",
        "softDeleted": False,
        "surname": "TestSurname",
        "title": "Mr",
    }


def c_detail(d):
    body = c_summary(d)
    body["contactDetails"]["addresses"] = [{
        "from": "2020-01-01", "noFixedAbode": False, "addressNumber": "1", "buildingName": "Building",
        "streetName": "Street", "district": "District", "town": "Town", "county": "County", "postcode": "ZZ1 1ZZ",
        "telephoneNumber": "0191 000000", "status": {"code": "M", "description": "Main"},
        "type": {"code": "A01A", "description": "Householder (Owner - freehold or leasehold)"},
        "typeVerified": True, "latestAssessmentDate": "2023-05-01T09:30:00",
        "createdDatetime": "2024-06-01T10:00:00", "lastUpdatedDatetime": "2024-06-01T10:00:00"}]
    body["exclusionMessage"] = "This case is excluded"
    body["restrictionMessage"] = "This case is restricted"
    body["offenderAliases"] = [{"id": str(fx.C_ALIAS), "dateOfBirth": "1968-01-01", "firstName": "Bob",
                                "middleNames": ["Reg"], "surname": "Xavier", "gender": "Male"}]
    body["offenderManagers"] = [{
        "trustOfficer": {"forenames": "Off1 Off2", "surname": "OffSurname"},
        "staff": {"code": "C01T01A", "forenames": "Off1 Off2", "surname": "OffSurname", "unallocated": False},
        "providerEmployee": {"forenames": "ProvEmpForename1 ProvEmpForename2", "surname": "ProvEmpSurname"},
        "partitionArea": "National Data",
        "softDeleted": False,
        "team": {"code": "C01T01", "description": "Court Team 1", "telephone": "020 7946 0001",
                 "localDeliveryUnit": {"code": "N07LAU", "description": "Camden"},
                 "district": {"code": "N07LAU", "description": "Camden"},
                 "borough": {"code": "N07PDU", "description": "Camden and Islington"}},
        "probationArea": {"code": "N07", "description": "London", "nps": True},
        "fromDate": "2024-01-01",
        "active": True,
        "allocationReason": {"code": "IN1", "description": "Initial Allocation"},
    }]
    body["currentTier"] = "B2"
    return body


TEAM1 = {"code": "C01T01", "description": "Court Team 1", "telephone": "020 7946 0001",
         "emailAddress": "team1@example.com",
         "localDeliveryUnit": {"code": "N07LAU", "description": "Camden"},
         "district": {"code": "N07LAU", "description": "Camden"},
         "borough": {"code": "N07PDU", "description": "Camden and Islington"},
         "teamType": {"code": "OMU", "description": "Offender Management"},
         "startDate": "2010-01-01"}
TEAM2 = {"code": "WSIT01", "description": "Westside OMU",
         "localDeliveryUnit": {"code": "WSILAU", "description": "Westside (HMP)"},
         "district": {"code": "WSILAU", "description": "Westside (HMP)"},
         "borough": {"code": "WSIPDU", "description": "Westside (HMP)"},
         "teamType": {"code": "OMU", "description": "Offender Management"},
         "startDate": "2011-02-03", "endDate": "2030-01-01"}


def managers(d, with_teams):
    london = {"probationAreaId": 1, "code": "N07", "description": "London",
              "organisation": {"code": "NPS", "description": "National Probation Service"}}
    westside = {"probationAreaId": 4, "code": "WSI", "description": "Westside (HMP)",
                "organisation": {"code": "NPS", "description": "National Probation Service"},
                "institution": {"institutionId": 1, "isEstablishment": True, "code": "WSIHMP"}}
    inst = d.query("SELECT DESCRIPTION, INSTITUTION_NAME, ESTABLISHMENT_TYPE_ID, PRIVATE, NOMIS_CDE_CODE"
                   " FROM R_INSTITUTION WHERE INSTITUTION_ID = 1 AND ESTABLISHMENT = 'Y'")[0]
    westside["institution"]["description"] = inst[0]
    if inst[1] is not None:
        westside["institution"]["institutionName"] = inst[1]
    if inst[2] is not None:
        et = d.query("SELECT CODE_VALUE, CODE_DESCRIPTION FROM R_STANDARD_REFERENCE_LIST"
                     " WHERE STANDARD_REFERENCE_LIST_ID = ?", (inst[2],))[0]
        westside["institution"]["establishmentType"] = {"code": et[0], "description": et[1]}
    if inst[3] is not None:
        westside["institution"]["isPrivate"] = bool(inst[3])
    if inst[4] is not None:
        westside["institution"]["nomsPrisonInstitutionCode"] = inst[4]
    if with_teams:
        london["teams"] = [
            {"teamId": 1, "code": "N07UTS", "description": "London Unallocated Team", "isPrivate": False,
             "scProvider": {"code": "N07UTS", "description": "London Unallocated Team"},
             "localDeliveryUnit": {"code": "UAT", "description": "Unallocated"},
             "district": {"code": "N07LAU", "description": "Camden"},
             "borough": {"code": "N07PDU", "description": "Camden and Islington"}},
            {"teamId": fx.TEAM1, "code": "C01T01", "description": "Court Team 1", "isPrivate": False,
             "scProvider": {"code": "C01T01", "description": "Court Team 1"},
             "localDeliveryUnit": {"code": "OMU", "description": "Offender Management"},
             "district": {"code": "N07LAU", "description": "Camden"},
             "borough": {"code": "N07PDU", "description": "Camden and Islington"}},
            {"providerTeamId": 1, "code": "N07PT1", "name": "London Interventions Team",
             "externalProvider": {"code": "EP001", "description": "Community Interventions Provider"}},
        ]
        westside["teams"] = [
            {"teamId": 4, "code": "WSIUTS", "description": "Westside (HMP) Unallocated Team", "isPrivate": False,
             "scProvider": {"code": "WSIUTS", "description": "Westside (HMP) Unallocated Team"},
             "localDeliveryUnit": {"code": "UAT", "description": "Unallocated"},
             "district": {"code": "WSILAU", "description": "Westside (HMP)"},
             "borough": {"code": "WSIPDU", "description": "Westside (HMP)"}},
            {"teamId": fx.TEAM2, "code": "WSIT01", "description": "Westside OMU", "isPrivate": True,
             "scProvider": {"code": "WSIT01", "description": "Westside OMU"},
             "localDeliveryUnit": {"code": "OMU", "description": "Offender Management"},
             "district": {"code": "WSILAU", "description": "Westside (HMP)"},
             "borough": {"code": "WSIPDU", "description": "Westside (HMP)"}},
        ]
    return [
        {"staffCode": "C01T01A", "staffId": fx.STAFF1, "isResponsibleOfficer": False,
         "isPrisonOffenderManager": False, "isUnallocated": False,
         "staff": {"forenames": "Off1 Off2", "surname": "OffSurname"}, "team": TEAM1, "probationArea": london,
         "fromDate": "2024-01-01", "grade": {"code": "PO", "description": "Probation Officer"}},
        {"staffCode": "WSIT01A", "staffId": fx.STAFF2, "isResponsibleOfficer": True,
         "isPrisonOffenderManager": True, "isUnallocated": False,
         "staff": {"forenames": "Prison", "surname": "Manager", "email": "pom@example.com",
                   "phoneNumber": "0161 999"},
         "team": TEAM2, "probationArea": westside, "fromDate": "2024-02-02"},
    ]


# --------------------------------------------------------------------------- person record

def test_offender_summary(cc):
    body = ok(cc, "/probation-case/C123456", "OffenderDetailSummary")
    assert body == c_summary(cc)
    assert list(body) == list(c_summary(cc))  # field order as in the contract


def test_offender_detail(cc):
    body = ok(cc, "/probation-case/C123456/all", "OffenderDetail")
    assert body == c_detail(cc)


def test_offender_without_sentence_and_minimal_rows(cc):
    body = ok(cc, "/probation-case/U123456", "OffenderDetailSummary")
    assert body["currentDisposal"] == "0" and body["activeProbationManagedSentence"] is False
    assert body["contactDetails"] == {}
    assert body["offenderProfile"] == {"offenderLanguages": {}, "previousConviction": {}}
    detail = ok(cc, "/probation-case/N123456/all", "OffenderDetail")
    for absent in ("offenderAliases", "offenderManagers", "middleNames", "currentTier", "exclusionMessage"):
        assert absent not in detail
    assert detail["contactDetails"] == {}


def test_soft_deleted_person_is_returned(cc):
    body = ok(cc, "/probation-case/S123456/all", "OffenderDetail")
    assert body["softDeleted"] is True and body["otherIds"] == {"crn": "S123456"}


def test_disabilities_all_soft_deleted_gives_empty_list(cc):
    cc.sql("INSERT INTO DISABILITY (DISABILITY_ID, OFFENDER_ID, DISABILITY_TYPE_ID, START_DATE,"
           " LAST_UPDATED_DATETIME, SOFT_DELETED) VALUES (500901, ?, 13001, '2020-01-01', ?, 1)", (fx.Z, fx.TS))
    body = ok(cc, "/probation-case/Z123456", "OffenderDetailSummary")
    assert body["offenderProfile"]["disabilities"] == []


@pytest.mark.parametrize("crn", ["A123456", "X999999"])
def test_offender_unknown_crn(cc, crn):
    for suffix in ("", "/all", "/registrations", "/allOffenderManagers"):
        r = get_both(cc, f"/probation-case/{crn}{suffix}", status=404)
        assert r.json() == {"status": 404, "developerMessage": f"Person with crn of {crn} not found"}


def test_lao_check_off_by_default(cc):
    body = ok(cc, "/probation-case/E123456", "OffenderDetailSummary")
    assert body["currentExclusion"] is True and body["currentRestriction"] is True
    detail = ok(cc, "/probation-case/E123456/all", "OffenderDetail")
    assert detail["exclusionMessage"] == "You are excluded from viewing this case"


def test_lao_check_enforced(db, keys, tmp_path):
    d = Deliusd(db, keys, env={**ENV, "DELIUSD_LAO_IGNORE_EXCLUSIONS": "false"}, tmpdir=str(tmp_path)).start()
    try:
        for suffix in ("", "/all"):
            r = get_both(d, "/probation-case/E123456" + suffix, status=403)
            assert r.json() == {"status": 403, "developerMessage": "You are excluded from viewing this case"}
            get_both(d, "/probation-case/R123456" + suffix, status=200)  # restrictions still ignored
        # routes without the check (§1.5) are unaffected
        get_both(d, "/probation-case/E123456/registrations", status=200)
    finally:
        d.stop()
    d = Deliusd(db, keys, env={**ENV, "DELIUSD_LAO_IGNORE_EXCLUSIONS": "false",
                               "DELIUSD_LAO_IGNORE_RESTRICTIONS": "false"}, tmpdir=str(tmp_path)).start()
    try:
        r = get_both(d, "/probation-case/R123456/all", status=403)
        assert r.json() == {"status": 403, "developerMessage": "This case is restricted"}
        # the exclusion wins over the restriction
        assert get_both(d, "/probation-case/E123456", status=403).json()["developerMessage"] == \
            "You are excluded from viewing this case"
        assert get_both(d, "/probation-case/C123456", status=200).json()["currentExclusion"] is False
        get_both(d, "/probation-case/A123456", status=404)
    finally:
        d.stop()


# --------------------------------------------------------------------------- status (§2.4)

@pytest.mark.parametrize("crn,expected", [
    ("D035N73", {"status": "NO_RECORD", "inBreach": False, "preSentenceActivity": False, "awaitingPsr": False}),
    ("Z123456", {"status": "NO_RECORD", "inBreach": False, "preSentenceActivity": False, "awaitingPsr": False}),
    ("S123456", {"status": "NO_RECORD", "inBreach": False, "preSentenceActivity": False, "awaitingPsr": False}),
    ("N123456", {"status": "CURRENT", "inBreach": False, "preSentenceActivity": False, "awaitingPsr": False}),
    ("C123456", {"status": "CURRENT", "terminationDate": fx.day(-200), "inBreach": True,
                 "preSentenceActivity": False, "awaitingPsr": False}),
    ("P123456", {"status": "PREVIOUSLY_KNOWN", "terminationDate": fx.day(-7), "inBreach": False,
                 "preSentenceActivity": False, "awaitingPsr": False}),
    ("U123456", {"status": "NOT_SENTENCED", "inBreach": False, "preSentenceActivity": True, "awaitingPsr": True}),
])
def test_status(cc, crn, expected):
    assert ok(cc, f"/probation-case/{crn}/status", "ProbationStatusDetail") == expected


def test_status_ignores_deleted_disposals_and_deleted_events(cc):
    """§2.4: a soft-deleted disposal is no disposal (the event stays NOT_SENTENCED, with pre-sentence
    activity and, with a 101 outcome among several appearances, awaiting a PSR); a soft-deleted event
    counts for nothing, not even its breach flag or its live disposal."""
    oid, e1, e2 = 500191, 500192, 500193
    try:
        fx.person(cc.db, oid, "W123456")
        fx.event(cc.db, e1, oid, 1)
        fx.disposal(cc.db, 500194, e1, deleted=1)
        for k, outcome in enumerate((28001, None, 28001)):
            fx.ins(cc.db, "COURT_APPEARANCE", COURT_APPEARANCE_ID=500195 + k, EVENT_ID=e1, OFFENDER_ID=oid,
                   COURT_ID=1, APPEARANCE_DATE=fx.day(-3 + k) + "T10:00:00", APPEARANCE_TYPE_ID=27001,
                   OUTCOME_ID=outcome, SOFT_DELETED=0)
        fx.event(cc.db, e2, oid, 2, in_breach=1, deleted=1)
        fx.disposal(cc.db, 500198, e2, termination=fx.day(-1))
        assert ok(cc, "/probation-case/W123456/status", "ProbationStatusDetail") == \
            {"status": "NOT_SENTENCED", "inBreach": False, "preSentenceActivity": True, "awaitingPsr": True}
    finally:
        cc.db.sql("DELETE FROM COURT_APPEARANCE WHERE OFFENDER_ID = ?", (oid,))
        cc.db.sql("DELETE FROM DISPOSAL WHERE EVENT_ID IN (?, ?)", (e1, e2))
        cc.db.sql("DELETE FROM EVENT WHERE OFFENDER_ID = ?", (oid,))
        cc.db.sql("DELETE FROM OFFENDER WHERE OFFENDER_ID = ?", (oid,))


# --------------------------------------------------------------------------- registrations (§2.6)

def registration(reg_id, start, active, notes=None, level=False, review=None, end=None, dereg=None, count=0):
    item = {"registrationId": reg_id, "offenderId": fx.C,
            "register": {"code": "1", "description": "RoSH"}, "type": {"code": "T1", "description": "Type 1"},
            "riskColour": "Red", "startDate": start}
    if review:
        item["nextReviewDate"] = review
    item["reviewPeriodMonths"] = 6
    if notes:
        item["notes"] = notes
    item["registeringTeam"] = {"code": "C01T01", "description": "Court Team 1"}
    item["registeringOfficer"] = {"code": "C01T01A", "forenames": "Off1 Off2", "surname": "OffSurname",
                                  "unallocated": False}
    item["registeringProbationArea"] = {"code": "N07", "description": "London"}
    if level:
        item["registerLevel"] = {"code": "M1", "description": "MAPPA Level 1"}
        item["registerCategory"] = {"code": "M1", "description": "MAPPA Cat 1"}
    item["warnUser"] = True
    item["active"] = active
    if end:
        item["endDate"] = end
    if not active:
        item["deregisteringTeam"] = {"code": "WSIT01", "description": "Westside OMU"}
        item["deregisteringOfficer"] = {"code": "WSIT01A", "forenames": "Prison", "surname": "Manager",
                                        "unallocated": False}
        item["deregisteringProbationArea"] = {"code": "WSI", "description": "Westside (HMP)"}
    if dereg:
        item["deregisteringNotes"] = dereg
    item["numberOfPreviousDeregistrations"] = count
    return item


REG1 = registration(fx.C_REG1, "2023-01-01", True, notes="Active with deregistrations", level=True,
                    review="2024-07-01", end="2023-09-01", dereg="DEREG_2", count=2)
REG2 = registration(fx.C_REG2, "2022-01-01", False, end="2022-06-01", dereg="Ended", count=1)
REG3 = registration(fx.C_REG3, "2024-01-01", True)


@pytest.mark.parametrize("query,expected", [
    ("", [REG1, REG2, REG3]),
    ("?activeOnly=false", [REG1, REG2, REG3]),
    ("?activeOnly=true", [REG1, REG3]),
    ("?activeOnly=TRUE", [REG1, REG3]),
])
def test_registrations(cc, query, expected):
    body = ok(cc, "/probation-case/C123456/registrations" + query, "Registrations")
    assert body == {"registrations": expected}


def test_registrations_latest_deregistration_by_date_then_created(cc):
    """§2.6: the latest deregistration is max DEREGISTRATION_DATE, then CREATED_DATETIME - not the
    highest id (the C123456 fixture cannot tell them apart: its later deregistration has the higher id)."""
    reg = dict(OFFENDER_ID=fx.N, REGISTER_TYPE_ID=fx.REG_TYPE, REGISTERING_TEAM_ID=fx.TEAM1,
               REGISTERING_STAFF_ID=fx.STAFF1, CREATED_DATETIME=fx.TS, DEREGISTERED=1, SOFT_DELETED=0)
    dereg = dict(DEREGISTERING_TEAM_ID=fx.TEAM2, DEREGISTERING_STAFF_ID=fx.STAFF2, SOFT_DELETED=0)
    try:
        fx.ins(cc.db, "REGISTRATION", REGISTRATION_ID=500591, REGISTRATION_DATE="2024-01-01", **reg)
        fx.ins(cc.db, "REGISTRATION", REGISTRATION_ID=500592, REGISTRATION_DATE="2024-01-02", **reg)
        # 500591: the later date has the lower id
        fx.ins(cc.db, "DEREGISTRATION", DEREGISTRATION_ID=500593, REGISTRATION_ID=500591,
               DEREGISTRATION_DATE="2024-03-01", DEREGISTERING_NOTES="later date", CREATED_DATETIME="2024-03-01T09:00:00",
               **dereg)
        fx.ins(cc.db, "DEREGISTRATION", DEREGISTRATION_ID=500594, REGISTRATION_ID=500591,
               DEREGISTRATION_DATE="2024-02-01", DEREGISTERING_NOTES="earlier date", CREATED_DATETIME="2024-05-01T09:00:00",
               **dereg)
        # 500592: the same date, the later creation has the lower id
        fx.ins(cc.db, "DEREGISTRATION", DEREGISTRATION_ID=500595, REGISTRATION_ID=500592,
               DEREGISTRATION_DATE="2024-04-01", DEREGISTERING_NOTES="created later", CREATED_DATETIME="2024-04-01T12:00:00",
               **dereg)
        fx.ins(cc.db, "DEREGISTRATION", DEREGISTRATION_ID=500596, REGISTRATION_ID=500592,
               DEREGISTRATION_DATE="2024-04-01", DEREGISTERING_NOTES="created earlier", CREATED_DATETIME="2024-04-01T08:00:00",
               **dereg)
        body = ok(cc, "/probation-case/N123456/registrations", "Registrations")
        got = [(r["registrationId"], r["endDate"], r["deregisteringNotes"], r["numberOfPreviousDeregistrations"])
               for r in body["registrations"]]
        assert got == [(500591, "2024-03-01", "later date", 2), (500592, "2024-04-01", "created later", 2)]
    finally:
        cc.db.sql("DELETE FROM DEREGISTRATION WHERE REGISTRATION_ID IN (500591, 500592)")
        cc.db.sql("DELETE FROM REGISTRATION WHERE REGISTRATION_ID IN (500591, 500592)")


def test_registrations_empty(cc):
    assert ok(cc, "/probation-case/S123456/registrations", "Registrations") == {"registrations": []}


# --------------------------------------------------------------------------- allOffenderManagers (§2.3)

def test_all_offender_managers(cc):
    assert ok(cc, "/probation-case/C123456/allOffenderManagers", "CommunityOrPrisonOffenderManager") == \
        managers(cc, False)
    assert ok(cc, "/probation-case/C123456/allOffenderManagers?includeProbationAreaTeams=false",
              "CommunityOrPrisonOffenderManager") == managers(cc, False)


def test_all_offender_managers_with_teams(cc):
    body = ok(cc, "/probation-case/C123456/allOffenderManagers?includeProbationAreaTeams=true",
              "CommunityOrPrisonOffenderManager")
    assert body == managers(cc, True)
    assert len(body) == 2 and body[1]["isPrisonOffenderManager"] is True


def test_all_offender_managers_none(cc):
    assert ok(cc, "/probation-case/Z123456/allOffenderManagers?includeProbationAreaTeams=true") == []


# --------------------------------------------------------------------------- errors, roles, query budget

ROUTES = ["", "/all", "/status", "/registrations", "/allOffenderManagers"]


@pytest.mark.parametrize("suffix", ROUTES)
def test_401_403(cc, suffix):
    path = "/probation-case/C123456" + suffix
    for p in (path, alias_of(path)):
        r = cc.get(p)
        assert r.status == 401
        for roles in ([TIER], [UPW], []):
            r = cc.get(p, roles=roles)
            assert r.status == 403 and r.json() == {"status": 403, "developerMessage": "Access Denied"}
        assert cc.get(p, roles=[ADMIN]).status == 200


@pytest.mark.parametrize("path,param", [
    ("/probation-case/C123456/registrations?activeOnly=yes", "activeOnly"),
    ("/probation-case/C123456/allOffenderManagers?includeProbationAreaTeams=1", "includeProbationAreaTeams"),
])
def test_400_bad_boolean(cc, path, param):
    r = get_both(cc, path, status=400)
    assert param in r.json()["message"]


@pytest.mark.parametrize("path,budget", [
    ("/probation-case/C123456", 4),
    ("/probation-case/C123456/all", 7),
    ("/probation-case/C123456/status", 1),
    ("/probation-case/C123456/registrations", 2),
    ("/probation-case/C123456/allOffenderManagers", 2),
    ("/probation-case/C123456/allOffenderManagers?includeProbationAreaTeams=true", 4),
])
def test_query_budget(cc, path, budget):
    assert queries(cc, path) == budget
