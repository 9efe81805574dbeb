"""
tier-to-delius read API (tier-to-delius.md §2, §3, §6): /tier-details/{crn},
/person/{crn}, /probation-cases, and /docs/asyncapi.

Every case is its own CRN built from SQL fixtures; responses are compared as
whole JSON bodies (equality) and checked against the seed schema (002).
"""
import datetime
import json
from zoneinfo import ZoneInfo

import pytest

from conftest import ADMIN, COURT, TIER, TIER_LEGACY, UPW, UPW_LEGACY

try:  # the shared seed-contract checker (tests/api/seedschema.py)
    from seedschema import assert_schema as _seed_assert_schema
except ImportError:  # pragma: no cover - fallback while it does not exist
    _seed_assert_schema = None

LONDON = ZoneInfo("Europe/London")


def today(days=0):
    return (datetime.datetime.now(LONDON).date() + datetime.timedelta(days=days)).isoformat()


def now(days=0):
    t = datetime.datetime.now(LONDON).replace(tzinfo=None, microsecond=0) + datetime.timedelta(days=days)
    return t.isoformat()


# --------------------------------------------------------------- contract (seed 002)
# The schemas of ../../shared/seeds/002: name -> {field: (type, required)}.
SEED_002 = {
    "TierDetails": {
        "gender": ("string", True), "currentTier": ("string", False), "oGRSScore": ("integer", False),
        "rSRScore": ("number", False), "registrations": ("array:Registration", True),
        "convictions": ("array:Conviction", True), "previousEnforcementActivity": ("boolean", True),
        "ogrsscore": ("integer", False), "rsrscore": ("number", False),
    },
    "Registration": {"code": ("string", True), "description": ("string", True), "level": ("string", False),
                     "date": ("string", True)},
    "Conviction": {"terminationDate": ("string", False), "sentenceTypeCode": ("string", False),
                   "breached": ("boolean", True), "requirements": ("array:Requirement", True)},
    "Requirement": {"mainCategoryTypeCode": ("string", True), "restrictive": ("boolean", True)},
    "PersonDetails": {"crn": ("string", True), "name": ("object:Name", True)},
    "Name": {"forenames": ("string", True), "surname": ("string", True)},
    "CaseAccess": {"crn": ("string", True), "userExcluded": ("boolean", True), "userRestricted": ("boolean", True),
                   "exclusionMessage": ("string", False), "restrictionMessage": ("string", False)},
}


def _local_check(body, name, path="$"):
    schema = SEED_002[name]
    assert isinstance(body, dict), f"{path}: not an object"
    extra = set(body) - set(schema)
    assert not extra, f"{path}: fields not in {name}: {extra}"
    for field, (typ, required) in schema.items():
        if field not in body:
            assert not required, f"{path}.{field}: required field missing"
            continue
        v = body[field]
        assert v is not None, f"{path}.{field}: null written (nulls are omitted)"
        p = f"{path}.{field}"
        if typ == "string":
            assert isinstance(v, str), p
        elif typ == "boolean":
            assert isinstance(v, bool), p
        elif typ == "integer":
            assert isinstance(v, int) and not isinstance(v, bool), p
        elif typ == "number":
            assert isinstance(v, (int, float)) and not isinstance(v, bool), p
        elif typ.startswith("array:"):
            assert isinstance(v, list), p
            for i, item in enumerate(v):
                _local_check(item, typ[6:], f"{p}[{i}]")
        elif typ.startswith("object:"):
            _local_check(v, typ[7:], p)


def check_schema(body, name):
    _local_check(body, name)
    if _seed_assert_schema is not None:
        _seed_assert_schema(body, name, seed="002")


# --------------------------------------------------------------- fixture data

# Reference data comes from migration 0002 (fixed ids below 100000; tests add rows
# from 100000 up): GENDER M 4001 Male, F 4002 Female; TIER UD2 1015; REGISTER LEVEL
# M2 18002; NSI OUTCOME BRE01..BRE16 = 21001..21016, REC01..REC05 = 21017..21021;
# R_DISPOSAL_TYPE 1 SC, 2 SP, 10 no sentence type; R_RQMNT_TYPE_MAIN_CATEGORY 1 W (N),
# 3 MAIN (N), 4 J (Y); R_REGISTER_TYPE 1 MAPPA, 2 ROSH "ROSH description", 10 RCCO
# "Child Concerns"; R_NSI_TYPE 1 BRE, 2 REC, 3 CRS01, 4 APCUS; R_NSI_STATUS 16 INPROG;
# TEAM 1 / STAFF 1; USER_ 1.
MALE, FEMALE, DEV_MALE = 4001, 4002, 100010
UD2, DEV_T1 = 1015, 100020
M2, DEV_L1 = 18002, 100030
SC, SP, NO_TYPE = 1, 2, 10
W, MAIN, J = 1, 3, 4
MAPPA, ROSH, RCCO = 1, 2, 10
BRE, REC, CRS01, APCUS = 1, 2, 3, 4
BRE01, BRE02, BRE09, BRE16, REC01, REC02, REC03 = 21001, 21002, 21009, 21016, 21017, 21018, 21019
ENFORCEMENT = [21001, 21002, 21003, 21004, 21005, 21006, 21007, 21008, 21010, 21013, 21014, 21016, 21017, 21018]
NOT_ENFORCEMENT = [21009, 21011, 21012, 21015, 21019, 21020, 21021]


def load_base(d):
    """The dev data set's own reference codes (tier-to-delius.md §6.1), once per database."""
    if getattr(d, "_tier_base", False):
        return
    d._tier_base = True
    d.script("""
INSERT INTO R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID, CODE_VALUE, CODE_DESCRIPTION, REFERENCE_DATA_MASTER_ID)
  SELECT 100010, 'MALE', 'description of MALE', REFERENCE_DATA_MASTER_ID FROM R_REFERENCE_DATA_MASTER WHERE CODE_SET_NAME = 'GENDER';
INSERT INTO R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID, CODE_VALUE, CODE_DESCRIPTION, REFERENCE_DATA_MASTER_ID)
  SELECT 100020, 'T1', 'description of T1', REFERENCE_DATA_MASTER_ID FROM R_REFERENCE_DATA_MASTER WHERE CODE_SET_NAME = 'TIER';
INSERT INTO R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID, CODE_VALUE, CODE_DESCRIPTION, REFERENCE_DATA_MASTER_ID)
  SELECT 100030, 'L1', 'description of L1', REFERENCE_DATA_MASTER_ID FROM R_REFERENCE_DATA_MASTER WHERE CODE_SET_NAME = 'REGISTER LEVEL';
""")


class Case:
    """Builds one case (one OFFENDER and its rows) with ids from its own block."""

    def __init__(self, d, n, crn, first="Test", second=None, third=None, surname="Person", gender=MALE,
                 tier=None, rsr=None, deleted=0):
        load_base(d)
        self.d, self.id, self.crn, self._next = d, n * 1000, crn, n * 1000
        ts = now()
        d.sql("INSERT INTO OFFENDER (OFFENDER_ID, CRN, FIRST_NAME, SECOND_NAME, THIRD_NAME, SURNAME,"
              " DATE_OF_BIRTH_DATE, GENDER_ID, CURRENT_TIER, DYNAMIC_RSR_SCORE, PARTITION_AREA_ID, SOFT_DELETED,"
              " ROW_VERSION, CREATED_BY_USER_ID, CREATED_DATETIME, LAST_UPDATED_USER_ID, LAST_UPDATED_DATETIME)"
              " VALUES (?, ?, ?, ?, ?, ?, '1980-01-01', ?, ?, ?, 0, ?, 0, 1, ?, 1, ?)",
              (self.id, crn, first, second, third, surname, gender, tier, rsr, deleted, ts, ts))

    def nid(self):
        self._next += 1
        return self._next

    def event(self, active=1, deleted=0, in_breach=0, eid=None):
        eid = eid or self.nid()
        ts = now()
        self.d.sql("INSERT INTO EVENT (EVENT_ID, OFFENDER_ID, EVENT_NUMBER, REFERRAL_DATE, IN_BREACH, FTC_COUNT,"
                   " ACTIVE_FLAG, SOFT_DELETED, ROW_VERSION, CREATED_BY_USER_ID, CREATED_DATETIME,"
                   " LAST_UPDATED_USER_ID, LAST_UPDATED_DATETIME) VALUES (?, ?, ?, '2020-01-01', ?, 0, ?, ?, 0, 1, ?, 1, ?)",
                   (eid, self.id, str(eid - self.id), in_breach, active, deleted, ts, ts))
        return eid

    def disposal(self, event_id, type_id=SP, termination=None, active=1, deleted=0):
        did = self.nid()
        self.d.sql("INSERT INTO DISPOSAL (DISPOSAL_ID, EVENT_ID, DISPOSAL_TYPE_ID, DISPOSAL_DATE, TERMINATION_DATE,"
                   " UPW, ACTIVE_FLAG, SOFT_DELETED) VALUES (?, ?, ?, '2020-02-01', ?, 0, ?, ?)",
                   (did, event_id, type_id, termination, active, deleted))
        return did

    def requirement(self, disposal_id, category=MAIN, active=1, deleted=0, rid=None):
        rid = rid or self.nid()
        self.d.sql("INSERT INTO RQMNT (RQMNT_ID, DISPOSAL_ID, RQMNT_NOTES, RQMNT_TYPE_MAIN_CATEGORY_ID,"
                   " CREATED_DATETIME, ACTIVE_FLAG, SOFT_DELETED) VALUES (?, ?, '', ?, ?, ?, ?)",
                   (rid, disposal_id, category, now(), active, deleted))
        return rid

    def registration(self, type_id=ROSH, level=None, date=None, deregistered=0, deleted=0, rid=None):
        rid = rid or self.nid()
        self.d.sql("INSERT INTO REGISTRATION (REGISTRATION_ID, OFFENDER_ID, REGISTER_TYPE_ID, REGISTER_LEVEL_ID,"
                   " REGISTRATION_DATE, REGISTERING_TEAM_ID, REGISTERING_STAFF_ID, DEREGISTERED, CREATED_DATETIME,"
                   " SOFT_DELETED) VALUES (?, ?, ?, ?, ?, 1, 1, ?, ?, ?)",
                   (rid, self.id, type_id, level, date or today(), deregistered, now(), deleted))
        return rid

    def oasys(self, date, score, updated=None, deleted=0):
        self.d.sql("INSERT INTO OASYS_ASSESSMENT (OASYS_ASSESSMENT_ID, OFFENDER_ID, ASSESSMENT_DATE, OGRS_SCORE_2,"
                   " LAST_UPDATED_DATETIME, SOFT_DELETED) VALUES (?, ?, ?, ?, ?, ?)",
                   (self.nid(), self.id, date, score, updated or now(), deleted))

    def ogrs(self, event_id, date, score, updated=None, deleted=0):
        self.d.sql("INSERT INTO OGRS_ASSESSMENT (OGRS_ASSESSMENT_ID, EVENT_ID, ASSESSMENT_DATE, OGRS3_SCORE_2,"
                   " LAST_UPDATED_DATETIME, SOFT_DELETED) VALUES (?, ?, ?, ?, ?, ?)",
                   (self.nid(), event_id, date, score, updated or now(), deleted))

    def nsi(self, event_id, referral, outcome=BRE01, deleted=0, type_id=BRE):
        self.d.sql("INSERT INTO NSI (NSI_ID, OFFENDER_ID, EVENT_ID, NSI_TYPE_ID, NSI_STATUS_ID, NSI_STATUS_DATE,"
                   " NSI_OUTCOME_ID, REFERRAL_DATE, ACTIVE_FLAG, SOFT_DELETED) VALUES (?, ?, ?, ?, 16, ?, ?, ?, 1, ?)",
                   (self.nid(), self.id, event_id, type_id, now(), outcome, referral, deleted))


def get_details(d, crn, roles=(TIER,)):
    r = d.get(f"/tier-details/{crn}", roles=list(roles))
    assert r.status == 200, r
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    check_schema(body, "TierDetails")
    return body


def details(gender="Male", current_tier=None, ogrs=None, rsr=None, registrations=(), convictions=(),
            enforcement=False):
    """The expected body: both key spellings, nulls left out."""
    b = {"gender": gender}
    if current_tier is not None:
        b["currentTier"] = current_tier
    if ogrs is not None:
        b["oGRSScore"] = ogrs
    if rsr is not None:
        b["rSRScore"] = rsr
    b["registrations"] = list(registrations)
    b["convictions"] = list(convictions)
    b["previousEnforcementActivity"] = enforcement
    if ogrs is not None:
        b["ogrsscore"] = ogrs
    if rsr is not None:
        b["rsrscore"] = rsr
    return b


def conviction(requirements=(), breached=False, sentence="SP", termination=None):
    c = {}
    if termination is not None:
        c["terminationDate"] = termination
    if sentence is not None:
        c["sentenceTypeCode"] = sentence
    c["breached"] = breached
    c["requirements"] = [{"mainCategoryTypeCode": code, "restrictive": r} for code, r in requirements]
    return c


# --------------------------------------------------------------- §6.2 TierDetailsTest

def dev_case_f001022(d, n=1, crn="F001022"):
    """The contract-version API data set (tier-to-delius.md §6.1)."""
    c = Case(d, n, crn, gender=DEV_MALE, tier=DEV_T1, rsr=10.1)
    e = c.event(active=1, deleted=0, in_breach=0)
    disp = c.disposal(e, type_id=SP)
    c.requirement(disp, category=MAIN)
    c.ogrs(e, today(-7), 88, updated=now(-7))
    c.oasys(today(-70), 99)
    c.registration(type_id=ROSH, level=DEV_L1, date=today())
    c.nsi(e, today(-360), outcome=BRE01)
    return c


@pytest.fixture(scope="module")
def dev_data(deliusd):
    """The dev data set's two people: F001022 (API data) and A000001 (no events)."""
    dev_case_f001022(deliusd)
    Case(deliusd, 2, "A000001", first="Test", surname="Person")
    return deliusd


def test_tier_details_successful_response(dev_data):
    deliusd = dev_data
    body = get_details(deliusd, "F001022")
    assert body == details(
        gender="description of MALE", current_tier="T1", ogrs=88, rsr=10.1,
        registrations=[{"code": "ROSH", "description": "ROSH description", "level": "L1", "date": today()}],
        convictions=[conviction([("MAIN", False)], breached=False, sentence="SP")],
        enforcement=True)
    # the JSON paths the original integration test asserts
    assert body["ogrsscore"] == 88 and body["rsrscore"] == 10.1
    assert body["convictions"][0]["breached"] is False


def test_tier_details_key_order_and_number_format(dev_data):
    deliusd = dev_data
    r = deliusd.get("/tier-details/F001022", roles=[TIER])
    assert r.status == 200
    keys = list(json.loads(r.text).keys())
    assert keys == ["gender", "currentTier", "oGRSScore", "rSRScore", "registrations", "convictions",
                    "previousEnforcementActivity", "ogrsscore", "rsrscore"]
    assert '"rsrscore":10.1' in r.text.replace(" ", "")


def test_person_details(dev_data):
    deliusd = dev_data
    r = deliusd.get("/person/A000001", roles=[TIER])
    assert r.status == 200, r
    assert r.headers["content-type"].startswith("application/json")
    assert r.json() == {"crn": "A000001", "name": {"forenames": "Test", "surname": "Person"}}
    check_schema(r.json(), "PersonDetails")


# --------------------------------------------------------------- §2.2 field derivations

def test_tier_details_minimal_case_omits_nulls(deliusd):
    Case(deliusd, 3, "T000003", gender=MALE)
    body = get_details(deliusd, "T000003")
    assert body == {"gender": "Male", "registrations": [], "convictions": [], "previousEnforcementActivity": False}


def test_tier_details_rsr_whole_number_written_with_decimal_point(deliusd):
    Case(deliusd, 4, "T000004", gender=FEMALE, tier=UD2, rsr=12.0)
    r = deliusd.get("/tier-details/T000004", roles=[TIER])
    assert r.status == 200
    assert r.json() == details(gender="Female", current_tier="UD2", rsr=12.0)
    compact = r.text.replace(" ", "")
    assert '"rsrscore":12.0' in compact and '"rSRScore":12.0' in compact


@pytest.mark.parametrize("n,rsr", [(41, 10.0), (42, 50.0), (43, 100.0), (44, 0.5), (45, 99.99)])
def test_tier_details_rsr_java_double_format(deliusd, n, rsr):
    crn = "R%06d" % n
    Case(deliusd, 300 + n, crn, rsr=rsr)
    r = deliusd.get(f"/tier-details/{crn}", roles=[TIER])
    assert r.status == 200
    assert r.json() == details(rsr=rsr)
    java = repr(float(rsr))  # Python's repr matches Java's Double.toString in [1e-3, 1e7)
    assert f'"rsrscore":{java}' in r.text.replace(" ", "")


def test_tier_details_registrations_filter_and_order(deliusd):
    c = Case(deliusd, 5, "T000005")
    c.registration(type_id=ROSH, level=DEV_L1, date="2023-05-01", rid=5101)
    c.registration(type_id=MAPPA, level=M2, date="2024-01-10", rid=5102)
    c.registration(type_id=RCCO, level=None, date="2024-01-10", rid=5103)  # same date, higher id first
    c.registration(type_id=ROSH, date="2025-01-01", deregistered=1)        # deregistered: not returned
    c.registration(type_id=ROSH, date="2025-01-01", deleted=1)             # soft-deleted: not returned
    body = get_details(deliusd, "T000005")
    assert body == details(registrations=[
        {"code": "RCCO", "description": "Child Concerns", "date": "2024-01-10"},
        {"code": "MAPPA", "description": "MAPPA", "level": "M2", "date": "2024-01-10"},
        {"code": "ROSH", "description": "ROSH description", "level": "L1", "date": "2023-05-01"},
    ])


def test_tier_details_convictions_filter_and_order(deliusd):
    c = Case(deliusd, 6, "T000006")
    # created out of id order: the response is ordered by EVENT_ID
    e2 = c.event(eid=6200, in_breach=1)
    d2 = c.disposal(e2, type_id=NO_TYPE, termination="2024-03-04")    # null sentence type, terminated
    e1 = c.event(eid=6100)
    d1 = c.disposal(e1, type_id=SC)
    c.requirement(d1, category=J, rid=6903)                             # restrictive Y
    c.requirement(d1, category=MAIN, rid=6901)
    c.requirement(d1, category=W, rid=6902, active=0)                   # inactive: dropped
    c.requirement(d1, category=W, rid=6904, deleted=1)                  # deleted: dropped
    c.requirement(d1, category=None, rid=6905)                          # no main category: dropped
    c.requirement(d2, category=W, rid=6906)
    # events that give no conviction
    c.event(eid=6300)                                                   # no disposal
    e4 = c.event(eid=6400, active=0)                                    # inactive event
    c.disposal(e4)
    e5 = c.event(eid=6500, deleted=1)                                   # deleted event
    c.disposal(e5)
    e6 = c.event(eid=6600)
    c.disposal(e6, active=0)                                            # inactive disposal
    e7 = c.event(eid=6700)
    c.disposal(e7, deleted=1)                                           # deleted disposal
    body = get_details(deliusd, "T000006")
    assert body == details(convictions=[
        conviction([("MAIN", False), ("J", True)], sentence="SC"),
        conviction([("W", False)], breached=True, sentence=None, termination="2024-03-04"),
    ])


def test_tier_details_conviction_without_requirements_has_empty_list(deliusd):
    c = Case(deliusd, 7, "T000007")
    c.disposal(c.event())
    assert get_details(deliusd, "T000007") == details(convictions=[conviction([])])


@pytest.mark.parametrize("n,setup,expected", [
    # the newer of the two sources wins
    (10, lambda c, e: (c.oasys(today(-1), 50), c.ogrs(e, today(-5), 60)), 50),
    (11, lambda c, e: (c.oasys(today(-5), 50), c.ogrs(e, today(-1), 60)), 60),
    # equal dates: OASys wins
    (12, lambda c, e: (c.oasys(today(-3), 50), c.ogrs(e, today(-3), 60)), 50),
    # a null score is dropped; the other source is used
    (13, lambda c, e: (c.oasys(today(-1), None), c.ogrs(e, today(-9), 60)), 60),
    (14, lambda c, e: (c.oasys(today(-9), 50), c.ogrs(e, today(-1), None)), 50),
    # only the latest OASys row counts: an older scored row is not used
    (15, lambda c, e: (c.oasys(today(-9), 50), c.oasys(today(-1), None)), None),
    # within a table: latest date, then latest update
    (16, lambda c, e: (c.oasys(today(-2), 41, updated=now(-2)), c.oasys(today(-2), 42, updated=now(-1)),
                       c.oasys(today(-20), 43)), 42),
    (17, lambda c, e: (c.ogrs(e, today(-2), 71, updated=now(-1)), c.ogrs(e, today(-2), 72, updated=now(-2))), 71),
    # soft-deleted assessments are ignored
    (18, lambda c, e: (c.oasys(today(-1), 50, deleted=1), c.oasys(today(-8), 51)), 51),
    (19, lambda c, e: (c.ogrs(e, today(-1), 60, deleted=1), c.oasys(today(-8), 51)), 51),
    # OGRS assessments on an inactive or deleted event are ignored
    (20, lambda c, e: (c.ogrs(c.event(active=0), today(-1), 60), c.oasys(today(-8), 51)), 51),
    (21, lambda c, e: (c.ogrs(c.event(deleted=1), today(-1), 60), c.oasys(today(-8), 51)), 51),
    # a score of 0 is a score
    (22, lambda c, e: c.oasys(today(-1), 0), 0),
    # nothing at all
    (23, lambda c, e: None, None),
    # only the latest OGRS row counts: an older scored row is not used
    (24, lambda c, e: (c.ogrs(e, today(-9), 60), c.ogrs(e, today(-1), None)), None),
    # ...not even when it is newer than the OASys row: the null latest OGRS row is dropped, OASys is used
    (25, lambda c, e: (c.ogrs(e, today(-5), 60), c.ogrs(e, today(-1), None), c.oasys(today(-9), 50)), 50),
    # the latest OGRS row by update time on the same date has a null score: the other one is not used
    (26, lambda c, e: (c.ogrs(e, today(-2), 60, updated=now(-2)), c.ogrs(e, today(-2), None, updated=now(-1))),
     None),
    # both sources' latest rows are null, each with an older scored row: nothing
    (27, lambda c, e: (c.oasys(today(-9), 50), c.oasys(today(-1), None),
                       c.ogrs(e, today(-8), 60), c.ogrs(e, today(-2), None)), None),
])
def test_tier_details_ogrs(deliusd, n, setup, expected):
    crn = "G%06d" % n
    c = Case(deliusd, 100 + n, crn)
    e = c.event()  # active event without a disposal: no conviction
    setup(c, e)
    assert get_details(deliusd, crn) == details(ogrs=expected)


@pytest.mark.parametrize("n,setup,expected", [
    (30, lambda c, e: c.nsi(e, today(-365)), True),                        # exactly 365 days ago counts
    (31, lambda c, e: c.nsi(e, today(-366)), False),                       # older: no
    (32, lambda c, e: c.nsi(e, today(), outcome=BRE09), False),            # BRE09 is not enforcement
    (33, lambda c, e: c.nsi(e, today(), outcome=REC03), False),            # REC03 is not enforcement
    (34, lambda c, e: c.nsi(e, today(), outcome=None), False),             # no outcome
    (35, lambda c, e: c.nsi(None, today()), False),                        # not linked to an event
    (36, lambda c, e: c.nsi(c.event(deleted=1), today()), False),          # event deleted
    (37, lambda c, e: c.nsi(c.event(active=0), today()), True),            # inactive event still counts
    (38, lambda c, e: c.nsi(e, today(), deleted=1), False),                # NSI deleted
    (39, lambda c, e: c.nsi(e, today(-10), outcome=REC02), True),          # REC02
    (40, lambda c, e: c.nsi(e, today(-10), outcome=BRE16), True),          # BRE16
])
def test_tier_details_previous_enforcement_activity(deliusd, n, setup, expected):
    crn = "E%06d" % n
    c = Case(deliusd, 100 + n, crn)
    e = c.event()
    setup(c, e)
    assert get_details(deliusd, crn) == details(enforcement=expected)


def test_tier_details_both_ogrs_sources_null_omit_every_score_field(deliusd):
    """OASys and OGRS rows exist but both latest scores are null: no oGRSScore/ogrsscore key at all
    (and with no RSR, no score field of any kind)."""
    c = Case(deliusd, 150, "G000150")
    e = c.event()
    c.oasys(today(-1), None)
    c.ogrs(e, today(-2), None)
    body = get_details(deliusd, "G000150")
    assert body == {"gender": "Male", "registrations": [], "convictions": [], "previousEnforcementActivity": False}
    for key in ("oGRSScore", "ogrsscore", "rSRScore", "rsrscore"):
        assert key not in body, key
    # same dates on both sides; with an RSR score only the RSR keys are written
    c = Case(deliusd, 151, "G000151", rsr=33.5)
    e = c.event()
    c.oasys(today(-3), None)
    c.ogrs(e, today(-3), None)
    body = get_details(deliusd, "G000151")
    assert body == details(rsr=33.5)
    assert "oGRSScore" not in body and "ogrsscore" not in body
    r = deliusd.get("/tier-details/G000151", roles=[TIER])
    assert list(r.json().keys()) == ["gender", "rSRScore", "registrations", "convictions",
                                     "previousEnforcementActivity", "rsrscore"]


@pytest.mark.parametrize("n,type_id,outcome,expected", [
    (52, REC, BRE01, True),        # a breach outcome on a recall NSI
    (53, CRS01, BRE02, True),      # ...on a commissioned-rehabilitative-services NSI
    (54, APCUS, REC01, True),      # a recall outcome on an approved-premises NSI
    (55, CRS01, REC02, True),
    (56, CRS01, BRE09, False),     # the outcome still decides: BRE09 is not enforcement on any type
    (57, APCUS, None, False),      # no outcome on a non-breach NSI
])
def test_tier_details_enforcement_nsi_type_not_checked(deliusd, n, type_id, outcome, expected):
    crn = "N%06d" % n
    c = Case(deliusd, 100 + n, crn)
    c.nsi(c.event(), today(-30), outcome=outcome, type_id=type_id)
    assert get_details(deliusd, crn) == details(enforcement=expected)


@pytest.mark.parametrize("pinned,counts,too_old", [
    ("2024-03-01", "2023-03-02", "2023-03-01"),   # 365 days back is not "one year back" across 29 February
    ("2025-03-01", "2024-03-01", "2024-02-29"),   # 366 days back is 29 February
    ("2024-01-01", "2023-01-01", "2022-12-31"),   # across a year end
])
def test_tier_details_enforcement_365_day_boundary_pinned_today(start_deliusd, pinned, counts, too_old):
    """DELIUSD_TODAY pins the server's date: REFERRAL_DATE exactly 365 days before it counts, 366 does not.
    (The same boundary against the real Europe/London date: cases 30/31 of
    test_tier_details_previous_enforcement_activity.)"""
    d = start_deliusd(env={"DELIUSD_TODAY": pinned})
    c = Case(d, 1, "B000365")
    c.nsi(c.event(), counts)
    c = Case(d, 2, "B000366")
    c.nsi(c.event(), too_old)
    assert get_details(d, "B000365") == details(enforcement=True)
    assert get_details(d, "B000366") == details(enforcement=False)


def test_tier_details_every_enforcement_code(deliusd):
    for i, ref in enumerate(ENFORCEMENT + NOT_ENFORCEMENT):
        crn = "H%06d" % i
        c = Case(deliusd, 200 + i, crn)
        c.nsi(c.event(), today(-1), outcome=ref)
        assert get_details(deliusd, crn)["previousEnforcementActivity"] is (ref in ENFORCEMENT), ref


# --------------------------------------------------------------- §3 errors, roles

def test_tier_details_not_found(deliusd):
    r = deliusd.get("/tier-details/X999999", roles=[TIER])
    assert r.status == 404
    assert r.json() == {"status": 404, "message": "Person with crn of X999999 not found"}


def test_soft_deleted_person_is_not_found(deliusd):
    c = Case(deliusd, 8, "D000008", deleted=1)
    c.disposal(c.event())
    for path in ("/tier-details/D000008", "/person/D000008"):
        r = deliusd.get(path, roles=[TIER])
        assert r.status == 404, path
        assert r.json() == {"status": 404, "message": "Person with crn of D000008 not found"}


def test_person_not_found(deliusd):
    r = deliusd.get("/person/X999998", roles=[TIER])
    assert r.status == 404
    assert r.json() == {"status": 404, "message": "Person with crn of X999998 not found"}


def test_crn_matched_exactly(deliusd):
    Case(deliusd, 9, "C000009")
    for crn in ("c000009", "C000009%20", "%20C000009"):
        assert deliusd.get(f"/person/{crn}", roles=[TIER]).status == 404, crn
        assert deliusd.get(f"/tier-details/{crn}", roles=[TIER]).status == 404, crn


def test_person_forenames_joined(deliusd):
    Case(deliusd, 11, "P000011", first="Anne", second="Marie", third="Louise", surname="Smith")
    Case(deliusd, 12, "P000012", first="Anne", second=None, third="Louise", surname="Smith")
    Case(deliusd, 13, "P000013", first="Anne", second=" ", third=None, surname="Smith")
    assert deliusd.get("/person/P000011", roles=[TIER]).json() == \
        {"crn": "P000011", "name": {"forenames": "Anne Marie Louise", "surname": "Smith"}}
    assert deliusd.get("/person/P000012", roles=[TIER]).json() == \
        {"crn": "P000012", "name": {"forenames": "Anne Louise", "surname": "Smith"}}
    # blank (non-null) parts are kept
    assert deliusd.get("/person/P000013", roles=[TIER]).json() == \
        {"crn": "P000013", "name": {"forenames": "Anne  ", "surname": "Smith"}}


ROUTES = ["/tier-details/F001022", "/person/A000001", "/probation-cases"]


@pytest.mark.parametrize("path", ROUTES)
def test_no_token_is_401(deliusd, path):
    r = deliusd.get(path)
    assert r.status == 401
    assert r.headers["www-authenticate"].startswith("Bearer")
    assert r.json() == {"status": 401, "message": "Unauthorized"}


@pytest.mark.parametrize("path", ROUTES)
def test_bad_token_is_401(deliusd, path, keys):
    for tok in ("not-a-jwt", deliusd.token([TIER], key=keys["other_private"]), deliusd.token([TIER], ttl=-3600)):
        r = deliusd.get(path, token=tok)
        assert r.status == 401, tok
        assert 'error="invalid_token"' in r.headers["www-authenticate"]
        assert r.json() == {"status": 401, "message": "Unauthorized"}


@pytest.mark.parametrize("path", ROUTES)
@pytest.mark.parametrize("roles", [[COURT], [UPW], [UPW_LEGACY], []])
def test_wrong_role_is_403(deliusd, path, roles):
    r = deliusd.get(path, roles=roles)
    assert r.status == 403
    assert r.json() == {"status": 403, "message": "Access Denied"}


@pytest.mark.parametrize("path", ROUTES)
@pytest.mark.parametrize("roles", [[TIER], [TIER_LEGACY], [ADMIN], [COURT, TIER_LEGACY]])
def test_accepted_roles(dev_data, path, roles):
    r = dev_data.get(path, roles=roles)
    assert r.status == 200, r


# --------------------------------------------------------------- no N+1

def test_tier_details_fixed_number_of_queries(start_deliusd):
    d = start_deliusd(env={"DELIUSD_DEBUG_QUERY_COUNT": "1", "DELIUSD_THREADS": "1"})
    small = Case(d, 1, "Q000001")
    small.disposal(small.event())
    big = Case(d, 2, "Q000002")
    for _ in range(12):
        disp = big.disposal(big.event())
        for cat in (W, MAIN, J):
            big.requirement(disp, category=cat)
        big.registration()
        big.oasys(today(-1), 5)
    counts = []
    for crn in ("Q000001", "Q000001", "Q000002"):
        r = d.get(f"/tier-details/{crn}", roles=[TIER])
        assert r.status == 200
        counts.append(int(r.headers["x-query-count"]))
    assert len(get_details(d, "Q000002")["convictions"]) == 12
    # cumulative per connection (one worker thread) or per request: either way constant
    assert counts[2] - counts[1] == counts[1] - counts[0] or counts[0] == counts[1] == counts[2], counts


# --------------------------------------------------------------- /probation-cases

def probation_cases_data(d):
    """A fresh database's cases and the CRNs /probation-cases must list."""
    dev_case_f001022(d, 1, "F001022")
    Case(d, 2, "A000001")                                   # no events: not listed
    c = Case(d, 3, "B000003")                               # two active events: listed once
    c.event()
    c.event()
    c = Case(d, 4, "B000004")                               # active event without a disposal: listed
    c.event()
    c = Case(d, 5, "B000005")                               # only inactive / deleted events: not listed
    c.disposal(c.event(active=0))
    c.disposal(c.event(deleted=1))
    c = Case(d, 6, "B000006", deleted=1)                    # person deleted: not listed
    c.disposal(c.event())
    c = Case(d, 7, "A000007")                               # sorts before F001022
    c.event(active=0)
    c.event()
    return ["A000007", "B000003", "B000004", "F001022"]


def test_probation_cases_json(start_deliusd):
    d = start_deliusd()
    expected = probation_cases_data(d)
    r = d.get("/probation-cases", roles=[TIER])
    assert r.status == 200, r
    assert r.headers["content-type"].startswith("application/json")
    assert r.json() == expected
    for accept in ("application/json", "*/*", "text/plain, application/json", "application/json;q=0.9, text/plain"):
        r = d.get("/probation-cases", roles=[TIER], headers={"Accept": accept})
        assert r.status == 200
        assert r.headers["content-type"].startswith("application/json"), accept
        assert r.json() == expected, accept


def test_probation_cases_text(start_deliusd):
    d = start_deliusd()
    expected = probation_cases_data(d)
    for accept in ("text/plain", "text/plain;charset=UTF-8", " text/plain ; q=1"):
        r = d.get("/probation-cases", roles=[TIER], headers={"Accept": accept})
        assert r.status == 200
        assert r.headers["content-type"].startswith("text/plain"), accept
        assert r.text == "".join(c + "\n" for c in expected)


def test_probation_cases_empty(start_deliusd):
    d = start_deliusd()
    r = d.get("/probation-cases", roles=[TIER])
    assert r.status == 200 and r.body == b"[]"
    r = d.get("/probation-cases", roles=[TIER], headers={"Accept": "text/plain"})
    assert r.status == 200 and r.body == b""


def test_probation_cases_large_stream(start_deliusd):
    """Enough CRNs for many reader calls; both forms list the same CRNs in order."""
    d = start_deliusd()
    load_base(d)
    n = 6000
    ts = now()
    rows, events = [], []
    for i in range(n):
        oid = 100000 + i
        rows.append(f"({oid}, 'Z{i:06d}', 'F', 'S', '1980-01-01', 4001, 0, 0, 0, 1, '{ts}', 1, '{ts}')")
        if i % 3 != 2:
            events.append(f"({oid}, {oid}, '1', '2020-01-01', 0, 0, 1, 0, 0, 1, '{ts}', 1, '{ts}')")
    d.script("INSERT INTO OFFENDER (OFFENDER_ID, CRN, FIRST_NAME, SURNAME, DATE_OF_BIRTH_DATE, GENDER_ID,"
             " PARTITION_AREA_ID, SOFT_DELETED, ROW_VERSION, CREATED_BY_USER_ID, CREATED_DATETIME,"
             " LAST_UPDATED_USER_ID, LAST_UPDATED_DATETIME) VALUES " + ",".join(rows) + ";"
             "INSERT INTO EVENT (EVENT_ID, OFFENDER_ID, EVENT_NUMBER, REFERRAL_DATE, IN_BREACH, FTC_COUNT,"
             " ACTIVE_FLAG, SOFT_DELETED, ROW_VERSION, CREATED_BY_USER_ID, CREATED_DATETIME,"
             " LAST_UPDATED_USER_ID, LAST_UPDATED_DATETIME) VALUES " + ",".join(events) + ";")
    expected = [f"Z{i:06d}" for i in range(n) if i % 3 != 2]
    r = d.get("/probation-cases", roles=[TIER_LEGACY])
    assert r.status == 200
    assert r.json() == expected
    r = d.get("/probation-cases", roles=[ADMIN], headers={"Accept": "text/plain"})
    assert r.status == 200
    assert r.text.split("\n") == expected + [""]


def test_probation_cases_client_gone_mid_stream(start_deliusd):
    """A client that hangs up mid-stream: the stream's connection is released (no leak under
    ASan at shutdown) and the server keeps serving."""
    import http.client
    d = start_deliusd()
    load_base(d)
    ts = now()
    rows = ",".join(f"({200000 + i}, 'Y{i:06d}', 'F', 'S', '1980-01-01', 4001, 0, 0, 0, 1, '{ts}', 1, '{ts}')"
                    for i in range(20000))
    events = ",".join(f"({200000 + i}, {200000 + i}, '1', '2020-01-01', 0, 0, 1, 0, 0, 1, '{ts}', 1, '{ts}')"
                      for i in range(20000))
    d.script("INSERT INTO OFFENDER (OFFENDER_ID, CRN, FIRST_NAME, SURNAME, DATE_OF_BIRTH_DATE, GENDER_ID,"
             " PARTITION_AREA_ID, SOFT_DELETED, ROW_VERSION, CREATED_BY_USER_ID, CREATED_DATETIME,"
             " LAST_UPDATED_USER_ID, LAST_UPDATED_DATETIME) VALUES " + rows + ";"
             "INSERT INTO EVENT (EVENT_ID, OFFENDER_ID, EVENT_NUMBER, REFERRAL_DATE, IN_BREACH, FTC_COUNT,"
             " ACTIVE_FLAG, SOFT_DELETED, ROW_VERSION, CREATED_BY_USER_ID, CREATED_DATETIME,"
             " LAST_UPDATED_USER_ID, LAST_UPDATED_DATETIME) VALUES " + events + ";")
    for accept in ("application/json", "text/plain"):
        c = http.client.HTTPConnection("127.0.0.1", d.port, timeout=10)
        c.request("GET", "/probation-cases", headers={"Authorization": "Bearer " + d.token([TIER]),
                                                      "Accept": accept})
        resp = c.getresponse()
        assert resp.status == 200
        assert len(resp.read(100)) == 100
        c.sock.close()
        c.close()
    r = d.get("/probation-cases", roles=[TIER], headers={"Accept": "text/plain"})
    assert r.status == 200 and len(r.text.split("\n")) == 20001


# --------------------------------------------------------------- /docs/asyncapi

def test_asyncapi_document(deliusd):
    r = deliusd.get("/docs/asyncapi")  # public
    assert r.status == 200
    assert r.headers["content-type"].startswith("application/json")
    assert "tier.calculation.complete" in r.text
    doc = r.json()
    assert doc["asyncapi"] == "2.6.0"
    assert doc["defaultContentType"] == "application/json"
    assert set(doc["channels"]) == {"tier-to-delius-queue", "unpaid-work-and-delius-queue",
                                    "court-case-and-delius-queue"}
    events = {name: ch["publish"]["message"] for name, ch in doc["channels"].items()}
    assert events["tier-to-delius-queue"]["name"] == "tier.calculation.complete"
    assert events["tier-to-delius-queue"]["messageId"] == "tier.calculation.complete"
    assert events["unpaid-work-and-delius-queue"]["messageId"] == "unpaid-work.assessment.completed"
    assert events["court-case-and-delius-queue"]["messageId"] == "court-case-note.published"
    for m in events.values():
        payload = m["payload"]
        assert payload["type"] == "object"
        assert payload["properties"]["eventType"]["const"] == m["messageId"]
        assert {"eventType", "version", "occurredAt", "detailUrl", "additionalInformation",
                "personReference"} <= set(payload["properties"])
    for s in doc["servers"].values():
        assert s["protocol"] == "sqs" and s["url"].startswith("https://sqs.eu-west-2.amazonaws.com/")
