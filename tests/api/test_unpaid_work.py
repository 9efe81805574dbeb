"""
unpaid-work-and-delius case data (unpaid-work-and-delius.md §1.1, §1.2, §5.2):

  GET /case-data/{crn}/{eventId}          CaseDetails
  GET /case-data/{crn}/personal-details   PersonalDetails

One server per module on a fresh migrated database, with "today" pinned
(DELIUSD_TODAY) so every date boundary is exact, and the X-Query-Count debug
header on with a single worker thread (the count is per connection, so the
difference between two consecutive requests is what one request used).

Every case is its own CRN built from SQL fixtures; responses are compared as
whole JSON bodies and checked against the seed contract (000). Reference codes
come from migration 0002 and are looked up by code; rows this file creates in
reference tables use ids >= 100000 (the migration's id scheme).
"""
import datetime
import itertools

import pytest

from conftest import ADMIN, COURT, TIER, TIER_LEGACY, UPW, UPW_LEGACY, Deliusd, drop_database, new_database

try:
    from seedschema import assert_schema
except ImportError:  # pragma: no cover - the shared checker is part of the harness
    assert_schema = None

TODAY = datetime.date(2024, 6, 15)


def day(n=0):
    return (TODAY + datetime.timedelta(days=n)).isoformat()


def years_ago(n):
    return TODAY.replace(year=TODAY.year - n).isoformat()


def check(body, schema):
    if assert_schema is not None:
        assert_schema(body, schema, seed="000")


# --------------------------------------------------------------------------- fixture data

_ids = itertools.count(200000)


def nid():
    return next(_ids)


class Refs:
    """Reference ids looked up by code (migration 0002), plus the rows this file adds."""

    def __init__(self, d):
        self.d = d
        self._cache = {}

    def std(self, code_set, code):
        key = (code_set, code)
        if key not in self._cache:
            rows = self.d.query(
                "SELECT S.STANDARD_REFERENCE_LIST_ID FROM R_STANDARD_REFERENCE_LIST S"
                " JOIN R_REFERENCE_DATA_MASTER M ON M.REFERENCE_DATA_MASTER_ID = S.REFERENCE_DATA_MASTER_ID"
                " WHERE M.CODE_SET_NAME = ? AND S.CODE_VALUE = ?", (code_set, code))
            assert rows, f"reference code {code_set}/{code} missing from migration 0002"
            self._cache[key] = rows[0][0]
        return self._cache[key]

    def own(self, table, id_col, code_col, code):
        key = (table, code)
        if key not in self._cache:
            rows = self.d.query(f"SELECT {id_col} FROM {table} WHERE {code_col} = ?", (code,))
            assert rows, f"{table} {code} missing from migration 0002"
            self._cache[key] = rows[0][0]
        return self._cache[key]

    def register_type(self, code):
        return self.own("R_REGISTER_TYPE", "REGISTER_TYPE_ID", "CODE", code)

    def offence(self, code):
        return self.own("R_OFFENCE", "OFFENCE_ID", "CODE", code)

    def circ_type(self, code):
        return self.own("R_CIRCUMSTANCE_TYPE", "CIRCUMSTANCE_TYPE_ID", "CODE_VALUE", code)

    def circ_sub_type(self, code):
        return self.own("R_CIRCUMSTANCE_SUB_TYPE", "CIRCUMSTANCE_SUB_TYPE_ID", "CODE_VALUE", code)

    def first(self, table, col):
        key = ("first", table)
        if key not in self._cache:
            self._cache[key] = self.d.query(f"SELECT MIN({col}) FROM {table}")[0][0]
        return self._cache[key]


NOW_TS = TODAY.isoformat() + "T09:00:00"
SERVICE_USER = 2  # UnpaidWorkAndDelius (migration 0002)


class Case:
    """One person (OFFENDER) and helpers that attach rows to it."""

    def __init__(self, d, refs, crn, first="David", second=None, third=None, surname="Banner",
                 dob=None, gender="M", gender_identity=None, ethnicity=None, language=None,
                 interpreter=None, cro=None, pnc=None, email=None, telephone=None, mobile=None, deleted=0):
        self.d, self.r, self.crn = d, refs, crn
        self.id = nid()
        d.sql("INSERT INTO OFFENDER (OFFENDER_ID, CRN, FIRST_NAME, SECOND_NAME, THIRD_NAME, SURNAME,"
              " DATE_OF_BIRTH_DATE, GENDER_ID, GENDER_IDENTITY_ID, ETHNICITY_ID, LANGUAGE_ID, INTERPRETER_REQUIRED,"
              " CRO_NUMBER, PNC_NUMBER, E_MAIL_ADDRESS, TELEPHONE_NUMBER, MOBILE_NUMBER, PARTITION_AREA_ID,"
              " SOFT_DELETED, CREATED_BY_USER_ID, CREATED_DATETIME, LAST_UPDATED_USER_ID, LAST_UPDATED_DATETIME)"
              " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,0,?,?,?,?,?)",
              (self.id, crn, first, second, third, surname, dob or years_ago(19), refs.std("GENDER", gender),
               refs.std("GENDER IDENTITY", gender_identity) if gender_identity else None,
               refs.std("ETHNICITY", ethnicity) if ethnicity else None,
               refs.std("LANGUAGE", language) if language else None, interpreter, cro, pnc, email, telephone,
               mobile, deleted, SERVICE_USER, NOW_TS, SERVICE_USER, NOW_TS))

    def alias(self, first, second, third, surname, dob, deleted=0, id=None):
        self.d.sql("INSERT INTO ALIAS (ALIAS_ID, OFFENDER_ID, FIRST_NAME, SECOND_NAME, THIRD_NAME, SURNAME,"
                   " DATE_OF_BIRTH_DATE, GENDER_ID, SOFT_DELETED) VALUES (?,?,?,?,?,?,?,?,?)",
                   (id or nid(), self.id, first, second, third, surname, dob, self.r.std("GENDER", "M"), deleted))

    def offender_address(self, status="M", number=None, building=None, street=None, district=None, town=None,
                         county=None, postcode=None, telephone=None, deleted=0, id=None, end=None, status_id=None):
        self.d.sql("INSERT INTO OFFENDER_ADDRESS (OFFENDER_ADDRESS_ID, OFFENDER_ID, ADDRESS_STATUS_ID, ADDRESS_NUMBER,"
                   " BUILDING_NAME, STREET_NAME, DISTRICT, TOWN_CITY, COUNTY, POSTCODE, TELEPHONE_NUMBER, START_DATE,"
                   " END_DATE, SOFT_DELETED, CREATED_BY_USER_ID, CREATED_DATETIME, LAST_UPDATED_USER_ID,"
                   " LAST_UPDATED_DATETIME) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                   (id or nid(), self.id, status_id or self.r.std("ADDRESS STATUS", status), number, building,
                    street, district,
                    town, county, postcode, telephone, day(-400), end, deleted, SERVICE_USER, NOW_TS, SERVICE_USER,
                    NOW_TS))

    def disability(self, type_="HD", condition=None, notes=None, start=None, finish=None, deleted=0, id=None):
        self.d.sql("INSERT INTO DISABILITY (DISABILITY_ID, OFFENDER_ID, DISABILITY_TYPE_ID, DISABILITY_CONDITION_ID,"
                   " START_DATE, FINISH_DATE, NOTES, LAST_UPDATED_DATETIME, SOFT_DELETED) VALUES (?,?,?,?,?,?,?,?,?)",
                   (id or nid(), self.id, self.r.std("DISABILITY TYPE", type_),
                    self.r.std("DISABILITY CONDITION", condition) if condition else None, start or day(-150), finish,
                    notes, NOW_TS, deleted))

    def provision(self, type_="H", category=None, notes=None, start=None, finish=None, deleted=0, id=None):
        self.d.sql("INSERT INTO PROVISION (PROVISION_ID, OFFENDER_ID, PROVISION_TYPE_ID, PROVISION_CATEGORY_ID,"
                   " START_DATE, FINISH_DATE, NOTES, LAST_UPDATED_DATETIME, SOFT_DELETED) VALUES (?,?,?,?,?,?,?,?,?)",
                   (id or nid(), self.id, self.r.std("DISABILITY PROVISION", type_),
                    self.r.std("DISABILITY PROVISION CATEGORY", category) if category else None,
                    start or day(-150), finish, notes, NOW_TS, deleted))

    def circumstance(self, type_="PM", sub_type=None, notes=None, start=None, end=None, evidenced=None, deleted=0,
                     id=None):
        self.d.sql("INSERT INTO PERSONAL_CIRCUMSTANCE (PERSONAL_CIRCUMSTANCE_ID, OFFENDER_ID, CIRCUMSTANCE_TYPE_ID,"
                   " CIRCUMSTANCE_SUB_TYPE_ID, NOTES, START_DATE, END_DATE, EVIDENCED, SOFT_DELETED)"
                   " VALUES (?,?,?,?,?,?,?,?,?)",
                   (id or nid(), self.id, self.r.circ_type(type_), self.r.circ_sub_type(sub_type) if sub_type else None,
                    notes, start or day(0), end, evidenced, deleted))

    def address(self, number=None, building=None, street=None, district=None, town=None, county=None,
                postcode=None, telephone=None, deleted=0):
        aid = nid()
        self.d.sql("INSERT INTO ADDRESS (ADDRESS_ID, BUILDING_NAME, ADDRESS_NUMBER, STREET_NAME, DISTRICT, TOWN_CITY,"
                   " COUNTY, POSTCODE, TELEPHONE_NUMBER, SOFT_DELETED) VALUES (?,?,?,?,?,?,?,?,?,?)",
                   (aid, building, number, street, district, town, county, postcode, telephone, deleted))
        return aid

    def contact(self, relationship="Friend", type_="FRD", first="Con", other=None, surname="Tact", mobile=None,
                address_id=None, start=None, end=None, deleted=0, id=None):
        self.d.sql("INSERT INTO PERSONAL_CONTACT (PERSONAL_CONTACT_ID, OFFENDER_ID, RELATIONSHIP, RELATIONSHIP_TYPE_ID,"
                   " FIRST_NAME, OTHER_NAMES, SURNAME, MOBILE_NUMBER, ADDRESS_ID, START_DATE, END_DATE, SOFT_DELETED)"
                   " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                   (id or nid(), self.id, relationship, self.r.std("RELATIONSHIP", type_), first, other, surname,
                    mobile, address_id, start or day(0), end, deleted))

    def registration(self, type_code, date, level=None, category=None, deregistered=0, deleted=0, id=None):
        rid = id or nid()
        self.d.sql("INSERT INTO REGISTRATION (REGISTRATION_ID, OFFENDER_ID, REGISTER_TYPE_ID, REGISTER_LEVEL_ID,"
                   " REGISTER_CATEGORY_ID, REGISTRATION_DATE, REGISTERING_TEAM_ID, REGISTERING_STAFF_ID, DEREGISTERED,"
                   " CREATED_DATETIME, SOFT_DELETED) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                   (rid, self.id, self.r.register_type(type_code),
                    self.r.std("REGISTER LEVEL", level) if level else None,
                    self.r.std("REGISTER CATEGORY", category) if category else None, date,
                    self.r.first("TEAM", "TEAM_ID"), self.r.first("STAFF", "STAFF_ID"), deregistered, NOW_TS, deleted))
        return rid

    def event(self, number="1", id=None, active=1, deleted=0):
        eid = id or nid()
        self.d.sql("INSERT INTO EVENT (EVENT_ID, OFFENDER_ID, EVENT_NUMBER, REFERRAL_DATE, ACTIVE_FLAG, SOFT_DELETED,"
                   " CREATED_BY_USER_ID, CREATED_DATETIME, LAST_UPDATED_USER_ID, LAST_UPDATED_DATETIME)"
                   " VALUES (?,?,?,?,?,?,?,?,?,?)",
                   (eid, self.id, number, day(-200), active, deleted, SERVICE_USER, NOW_TS, SERVICE_USER, NOW_TS))
        return eid

    def disposal(self, event_id, date, active=1, deleted=0, id=None):
        self.d.sql("INSERT INTO DISPOSAL (DISPOSAL_ID, EVENT_ID, DISPOSAL_TYPE_ID, DISPOSAL_DATE, UPW, ACTIVE_FLAG,"
                   " SOFT_DELETED) VALUES (?,?,?,?,1,?,?)",
                   (id or nid(), event_id, self.r.first("R_DISPOSAL_TYPE", "DISPOSAL_TYPE_ID"), date, active,
                    deleted))

    def main_offence(self, event_id, code="56001", deleted=0, id=None):
        self.d.sql("INSERT INTO MAIN_OFFENCE (MAIN_OFFENCE_ID, EVENT_ID, OFFENDER_ID, OFFENCE_ID, OFFENCE_DATE,"
                   " CREATED_DATETIME, LAST_UPDATED_DATETIME, SOFT_DELETED) VALUES (?,?,?,?,?,?,?,?)",
                   (id or nid(), event_id, self.id, self.r.offence(code), day(-210), NOW_TS, NOW_TS, deleted))


def T(code, description):
    return {"code": code, "description": description}


ARSON = {"category": T("560", "Arson"), "subCategory": T("01", "Arson endangering life")}


# --------------------------------------------------------------------------- the dev case (§5.1)

DEV_EVENT_ID = 1234567890


def dev_case(d, refs):
    """D001022 exactly as the original's dev data (unpaid-work-and-delius.md §5.1)."""
    c = Case(d, refs, "D001022", dob=years_ago(19), email="myemail@email.com", telephone="123123",
             mobile="123123", ethnicity="A1", language="001")
    c.alias("Tony", "Second", "Third", "Stark", years_ago(18))
    c.circumstance("PM", "D07", notes="Some notes", start=day(0), evidenced="N")
    aid = c.address(building="", number="1", street="Promise Street", district="", town="Make Believe", county="",
                    postcode="MB01 1PS", telephone="01234567890")
    c.contact("Captains mate", "DOC", "Shiver", "Me", "Timbers", mobile="0779999887", address_id=aid, start=day(0))
    c.offender_address("M", building="", number="11", street="Castle Street", district="My town",
                       town="Magic Land", county="Hoth", postcode="ML01 1CS", telephone="01234567890")
    c.disability("HD", "HD1", notes="wears hearing aid", start=day(-150))
    c.provision("H", "H1", notes="Knock loudly on the door", start=day(-150))
    c.registration("MAPPA", day(-90), level="M1", category="M2")
    eid = c.event("1", id=DEV_EVENT_ID)
    c.disposal(eid, day(-150))
    c.main_offence(eid, "56001")
    return c


DEV_CIRCUMSTANCES = [{"type": T("PM", "Pregnancy"), "subType": T("D07", "Recently given birth"),
                      "notes": "Some notes", "evidenced": False}]
DEV_CONTACTS = [{"relationship": "Captains mate", "relationshipType": T("DOC", "Doctor"),
                 "name": {"forename": "Shiver", "middleName": "Me", "surname": "Timbers"},
                 "telephoneNumber": "01234567890", "mobileNumber": "0779999887",
                 "address": {"buildingName": "", "addressNumber": "1", "streetName": "Promise Street",
                             "district": "", "town": "Make Believe", "county": "", "postcode": "MB01 1PS"}}]
DEV_BODY = {
    "crn": "D001022",
    "name": {"forename": "David", "surname": "Banner"},
    "dateOfBirth": years_ago(19),
    "gender": "Male",
    "aliases": [{"name": {"forename": "Tony", "middleName": "Second Third", "surname": "Stark"},
                 "dateOfBirth": years_ago(18)}],
    "emailAddress": "myemail@email.com",
    "phoneNumbers": [{"type": "MOBILE", "number": "123123"}, {"type": "TELEPHONE", "number": "123123"}],
    "mainAddress": {"buildingName": "", "addressNumber": "11", "streetName": "Castle Street", "district": "My town",
                    "town": "Magic Land", "county": "Hoth", "postcode": "ML01 1CS"},
    "ethnicity": "Asian or Asian British: Indian",
    "disabilities": [{"type": T("HD", "Hearing Difficulties"), "condition": T("HD1", "Tone deaf"),
                      "notes": "wears hearing aid"}],
    "provisions": [{"type": T("H", "Hearing Aid"), "category": T("H1", "Hearing Aid in one ear"),
                    "notes": "Knock loudly on the door"}],
    "language": {"requiresInterpreter": False, "primaryLanguage": "English"},
    "personalCircumstances": DEV_CIRCUMSTANCES,
    "personalContacts": DEV_CONTACTS,
    "mappaRegistration": {"startDate": day(-90), "level": T("M1", "MAPPA Level 1"),
                          "category": T("M2", "MAPPA Cat 2")},
    "registerFlags": [{"code": "MAPPA", "description": "MAPPA", "riskColour": "Red"}],
    "sentence": {"startDate": day(-150), "mainOffence": ARSON},
}


# --------------------------------------------------------------------------- date boundaries

def boundary_case(d, refs):
    """U000002: rows either side of "today" for every dated list."""
    c = Case(d, refs, "U000002", first="Bruce", surname="Wayne")
    # disabilities: FINISH_DATE must be NULL or later than today; START_DATE is not checked
    c.disability("VI", notes="finished yesterday", finish=day(-1))
    c.disability("LD", notes="finishes today", finish=day(0))
    c.disability("MI", notes="finishes tomorrow", finish=day(1))
    c.disability("PD", notes="starts tomorrow", start=day(1))
    c.disability("SI", notes="deleted", deleted=1)
    # provisions: also START_DATE on or before today
    c.provision("LP", notes="starts today", start=day(0))
    c.provision("BSL", notes="starts tomorrow", start=day(1))
    c.provision("WA", notes="finishes today", start=day(-10), finish=day(0))
    c.provision("ET", notes="finishes tomorrow", start=day(-10), finish=day(1))
    c.provision("H", notes="finished yesterday", start=day(-10), finish=day(-1))
    c.provision("H", notes="deleted", deleted=1)
    # personal circumstances: END_DATE NULL or later than today; START_DATE not checked
    c.circumstance("EMP", "EMP01", notes="ended yesterday", end=day(-1), evidenced="Y")
    c.circumstance("EMP", "EMP02", notes="ends today", end=day(0), evidenced="Y")
    c.circumstance("EMP", "EMP03", notes="ends tomorrow", end=day(1), evidenced="Y")
    c.circumstance("ACC", None, notes=None, start=day(1))                    # starts tomorrow, no sub-type
    c.circumstance("CAR", "CAR01", notes="deleted", deleted=1)
    # personal contacts: same rule
    c.contact("Ended", "FAM", "Ended", None, "Yesterday", end=day(-1))
    c.contact("Ending", "FAM", "Ends", None, "Today", end=day(0))
    c.contact("Continuing", "FAM", "Ends", None, "Tomorrow", end=day(1))
    c.contact("Future", "PAR", "Starts", None, "Tomorrow", start=day(1), mobile="07000000001")
    c.contact("Deleted", "FAM", "Del", None, "Eted", deleted=1)
    c.eid = c.event("1")
    return c


BOUNDARY_DISABILITIES = [
    {"type": T("MI", "Mental Illness"), "notes": "finishes tomorrow"},
    {"type": T("PD", "Physical Disability"), "notes": "starts tomorrow"},
]
BOUNDARY_PROVISIONS = [
    {"type": T("LP", "Large Print"), "notes": "starts today"},
    {"type": T("ET", "Extra Time"), "notes": "finishes tomorrow"},
]
BOUNDARY_CIRCUMSTANCES = [
    {"type": T("EMP", "Employment"), "subType": T("EMP03", "Unemployed"), "notes": "ends tomorrow",
     "evidenced": True},
    {"type": T("ACC", "Accommodation"), "evidenced": False},
]
BOUNDARY_CONTACTS = [
    {"relationship": "Continuing", "relationshipType": T("FAM", "Family Member"),
     "name": {"forename": "Ends", "surname": "Tomorrow"}},
    {"relationship": "Future", "relationshipType": T("PAR", "Partner"),
     "name": {"forename": "Starts", "surname": "Tomorrow"}, "mobileNumber": "07000000001"},
]


# --------------------------------------------------------------------------- module server

@pytest.fixture(scope="module")
def upw(keys, module_tmp):
    db = new_database(module_tmp)
    d = Deliusd(db, keys, tmpdir=module_tmp,
                env={"DELIUSD_TODAY": TODAY.isoformat(), "DELIUSD_DEBUG_QUERY_COUNT": "1", "DELIUSD_THREADS": "1"})
    d.start()
    d.refs = Refs(d)
    d.descr = {}
    yield d
    d.stop()
    drop_database(db)


@pytest.fixture(scope="module")
def data(upw):
    """All fixture cases, loaded once."""
    refs = upw.refs
    cases = {"dev": dev_case(upw, refs), "boundary": boundary_case(upw, refs)}
    return cases


def get(d, path, roles=(UPW,)):
    return d.get(path, roles=list(roles))


def ok(d, path, schema, roles=(UPW,)):
    r = get(d, path, roles)
    assert r.status == 200, r
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    check(body, schema)
    return body


def descriptions(d, code_set):
    """{code: description} of a reference set (for expectations built from migration codes)."""
    rows = d.query("SELECT S.CODE_VALUE, S.CODE_DESCRIPTION FROM R_STANDARD_REFERENCE_LIST S"
                   " JOIN R_REFERENCE_DATA_MASTER M ON M.REFERENCE_DATA_MASTER_ID = S.REFERENCE_DATA_MASTER_ID"
                   " WHERE M.CODE_SET_NAME = ?", (code_set,))
    return dict(rows)


def case_body(crn, **fields):
    """The whole CaseDetails body of a default Case (David Banner, male, 19) plus `fields`, in contract order."""
    b = {"crn": crn, "name": {"forename": "David", "surname": "Banner"}, "dateOfBirth": years_ago(19),
         "gender": "Male", "aliases": [], "phoneNumbers": [], "disabilities": [], "provisions": [],
         "personalCircumstances": [], "personalContacts": [], "registerFlags": []}
    b.update(fields)
    assert set(b) <= set(DEV_BODY), set(b) - set(DEV_BODY)
    return {k: b[k] for k in DEV_BODY if k in b}


# --------------------------------------------------------------------------- §5.2 integration tests

def test_case_details_dev_case_by_event_id(upw, data):
    assert ok(upw, f"/case-data/D001022/{DEV_EVENT_ID}", "CaseDetails") == DEV_BODY


def test_case_details_dev_case_by_event_number(upw, data):
    assert ok(upw, "/case-data/D001022/1", "CaseDetails") == DEV_BODY
    assert ok(upw, "/case-data/D001022/01", "CaseDetails") == DEV_BODY  # parsed as the integer 1


def test_case_details_field_order_is_the_contract_order(upw, data):
    r = get(upw, f"/case-data/D001022/{DEV_EVENT_ID}")
    assert list(r.json().keys()) == list(DEV_BODY.keys())


def test_personal_details_dev_case(upw, data):
    body = ok(upw, "/case-data/D001022/personal-details", "PersonalDetails")
    assert body == {"crn": "D001022", "personalCircumstances": DEV_CIRCUMSTANCES, "personalContacts": DEV_CONTACTS}


# --------------------------------------------------------------------------- date boundaries

def test_case_details_date_boundaries(upw, data):
    body = ok(upw, f"/case-data/U000002/{data['boundary'].eid}", "CaseDetails")
    assert body == {
        "crn": "U000002",
        "name": {"forename": "Bruce", "surname": "Wayne"},
        "dateOfBirth": years_ago(19),
        "gender": "Male",
        "aliases": [],
        "phoneNumbers": [],
        "disabilities": BOUNDARY_DISABILITIES,
        "provisions": BOUNDARY_PROVISIONS,
        "personalCircumstances": BOUNDARY_CIRCUMSTANCES,
        "personalContacts": BOUNDARY_CONTACTS,
        "registerFlags": [],
    }


def test_personal_details_date_boundaries(upw, data):
    body = ok(upw, "/case-data/U000002/personal-details", "PersonalDetails")
    assert body == {"crn": "U000002", "personalCircumstances": BOUNDARY_CIRCUMSTANCES,
                    "personalContacts": BOUNDARY_CONTACTS}


def test_today_comes_from_the_setting(upw, data, start_deliusd):
    """The same database read on the next day: rows ending tomorrow are gone, rows starting tomorrow appear."""
    nxt = start_deliusd(env={"DELIUSD_TODAY": day(1)}, db=upw.db)
    body = ok(nxt, "/case-data/U000002/personal-details", "PersonalDetails")
    assert body == {"crn": "U000002",
                    "personalCircumstances": [{"type": T("ACC", "Accommodation"), "evidenced": False}],
                    "personalContacts": [BOUNDARY_CONTACTS[1]]}
    body = ok(nxt, f"/case-data/U000002/{data['boundary'].eid}", "CaseDetails")
    assert body["disabilities"] == [BOUNDARY_DISABILITIES[1]]
    assert body["provisions"] == [
        {"type": T("LP", "Large Print"), "notes": "starts today"},
        {"type": T("BSL", "Sign Language Interpreter"), "notes": "starts tomorrow"},
    ]


# --------------------------------------------------------------------------- null fields, empty lists

def test_minimal_person_omits_null_fields_and_writes_empty_lists(upw, data):
    c = Case(upw, upw.refs, "U000003", first="Min", surname="Imal", interpreter="Y")  # no LANGUAGE_ID
    eid = c.event("1")                                                             # no disposal
    body = ok(upw, f"/case-data/U000003/{eid}", "CaseDetails")
    assert body == {
        "crn": "U000003", "name": {"forename": "Min", "surname": "Imal"}, "dateOfBirth": years_ago(19),
        "gender": "Male", "aliases": [], "phoneNumbers": [], "disabilities": [], "provisions": [],
        "personalCircumstances": [], "personalContacts": [], "registerFlags": [],
    }
    body = ok(upw, "/case-data/U000003/personal-details", "PersonalDetails")
    assert body == {"crn": "U000003", "personalCircumstances": [], "personalContacts": []}


def test_every_person_field(upw, data):
    refs = upw.refs
    c = Case(upw, refs, "U000004", first="Ann", second="", third="Ignored", surname="Other", dob="1990-02-28",
             gender="F", gender_identity="GI02", ethnicity="W1", language="002", interpreter="Y",
             cro="123456/08A", pnc="2008/0123456X", email="a@b.c", telephone="0114 000000")  # no mobile
    # aliases, ordered by ALIAS_ID whatever the insert order
    c.alias("Both", None, None, "Null", "1990-01-01", id=210002)
    c.alias("Second", "Only", None, "Name", "1990-01-02", id=210001)
    c.alias("Third", None, "Only", "Name", "1990-01-03", id=210004)
    c.alias("Empty", "", "Third", "Second", "1990-01-04", id=210003)
    c.alias("Gone", "X", "Y", "Deleted", "1990-01-05", deleted=1, id=210005)
    # main address: status M, not deleted, lowest OFFENDER_ADDRESS_ID; END_DATE not checked
    c.offender_address("M", number="3", town="Third", id=220003)
    c.offender_address("P", number="0", town="Previous", id=220000)
    c.offender_address("M", number="0", town="Deleted main", deleted=1, id=220001)
    c.offender_address("M", number="2", town="Second", end=day(-1), id=220002)
    c.offender_address("S", number="9", town="Secondary", id=220004)
    # contacts: no address; soft-deleted address; address without telephone; address all NULL
    c.contact("No address", "EMP", "No", "Address Here", "Contact", mobile="07111111111")
    c.contact("Deleted address", "SOL", "Del", None, "Addr",
              address_id=c.address(number="7", telephone="0200", deleted=1))
    c.contact("No phone", "SW", "No", None, "Phone", address_id=c.address(street="Quiet Lane", postcode="QQ1 1QQ"))
    c.contact("Empty address", "FRD", "Empty", None, "Address", address_id=c.address())
    eid = c.event("1")
    body = ok(upw, f"/case-data/U000004/{eid}", "CaseDetails")
    gi = descriptions(upw, "GENDER IDENTITY")["GI02"]
    eth = descriptions(upw, "ETHNICITY")["W1"]
    lang = descriptions(upw, "LANGUAGE")["002"]
    rel = descriptions(upw, "RELATIONSHIP")
    assert body == {
        "crn": "U000004",
        "name": {"forename": "Ann", "middleName": "", "surname": "Other"},
        "dateOfBirth": "1990-02-28",
        "gender": "Female",
        "genderIdentity": gi,
        "croNumber": "123456/08A",
        "pncNumber": "2008/0123456X",
        "aliases": [
            {"name": {"forename": "Second", "middleName": "Only", "surname": "Name"}, "dateOfBirth": "1990-01-02"},
            {"name": {"forename": "Both", "middleName": "", "surname": "Null"}, "dateOfBirth": "1990-01-01"},
            {"name": {"forename": "Empty", "middleName": " Third", "surname": "Second"}, "dateOfBirth": "1990-01-04"},
            {"name": {"forename": "Third", "middleName": "Only", "surname": "Name"}, "dateOfBirth": "1990-01-03"},
        ],
        "emailAddress": "a@b.c",
        "phoneNumbers": [{"type": "TELEPHONE", "number": "0114 000000"}],
        "mainAddress": {"addressNumber": "2", "town": "Second"},
        "ethnicity": eth,
        "disabilities": [],
        "provisions": [],
        "language": {"requiresInterpreter": True, "primaryLanguage": lang},
        "personalCircumstances": [],
        "personalContacts": [
            {"relationship": "No address", "relationshipType": T("EMP", rel["EMP"]),
             "name": {"forename": "No", "middleName": "Address Here", "surname": "Contact"},
             "mobileNumber": "07111111111"},
            {"relationship": "Deleted address", "relationshipType": T("SOL", rel["SOL"]),
             "name": {"forename": "Del", "surname": "Addr"}},
            {"relationship": "No phone", "relationshipType": T("SW", rel["SW"]),
             "name": {"forename": "No", "surname": "Phone"},
             "address": {"streetName": "Quiet Lane", "postcode": "QQ1 1QQ"}},
            {"relationship": "Empty address", "relationshipType": T("FRD", rel["FRD"]),
             "name": {"forename": "Empty", "surname": "Address"}, "address": {}},
        ],
        "registerFlags": [],
    }


def test_language_interpreter_not_required(upw, data):
    c = Case(upw, upw.refs, "U000010", language="001", interpreter="N")
    body = ok(upw, f"/case-data/U000010/{c.event('1')}", "CaseDetails")
    assert body["language"] == {"requiresInterpreter": False, "primaryLanguage": "English"}


def test_main_address_status_m_must_be_of_the_address_status_set(upw, data):
    """Status code M of another reference set (GENDER M 'Male', UNITS M 'Months') is not the main
    address status, even on a lower OFFENDER_ADDRESS_ID."""
    refs = upw.refs
    gender_m, units_m = refs.std("GENDER", "M"), refs.std("UNITS", "M")
    assert refs.std("ADDRESS STATUS", "M") not in (gender_m, units_m)
    c = Case(upw, refs, "U000030")
    c.offender_address(number="9", street="Main Street", town="Real Main", postcode="RM1 1AA", id=250003)
    c.offender_address(number="1", town="Gender M", status_id=gender_m, id=250001)
    c.offender_address(number="2", town="Units M", status_id=units_m, id=250002)
    body = ok(upw, f"/case-data/U000030/{c.event('1')}", "CaseDetails")
    assert body == case_body("U000030", mainAddress={"addressNumber": "9", "streetName": "Main Street",
                                                     "town": "Real Main", "postcode": "RM1 1AA"})
    # only other sets' M codes: no main address at all
    c = Case(upw, refs, "U000031")
    c.offender_address(number="1", town="Gender M", status_id=gender_m, id=250011)
    c.offender_address(number="2", town="Units M", status_id=units_m, id=250012)
    body = ok(upw, f"/case-data/U000031/{c.event('1')}", "CaseDetails")
    assert body == case_body("U000031")
    assert "mainAddress" not in body


@pytest.mark.parametrize("crn,mobile,telephone,expected", [
    ("U000032", "07123456789", None, [{"type": "MOBILE", "number": "07123456789"}]),
    ("U000033", None, "0114 2223333", [{"type": "TELEPHONE", "number": "0114 2223333"}]),
    ("U000034", "", None, [{"type": "MOBILE", "number": ""}]),          # empty, not NULL: written
])
def test_phone_numbers_one_kind_only(upw, data, crn, mobile, telephone, expected):
    c = Case(upw, upw.refs, crn, mobile=mobile, telephone=telephone)
    body = ok(upw, f"/case-data/{crn}/{c.event('1')}", "CaseDetails")
    assert body == case_body(crn, phoneNumbers=expected)


# --------------------------------------------------------------------------- registrations

@pytest.fixture(scope="module")
def no_colour_type(upw):
    upw.sql("INSERT INTO R_REGISTER_TYPE (REGISTER_TYPE_ID, CODE, DESCRIPTION, ALERT_MESSAGE, COLOUR)"
            " VALUES (100001, 'UPWNC', 'No colour', 'N', NULL)")
    return "UPWNC"


def test_register_flags_and_latest_mappa(upw, data, no_colour_type):
    c = Case(upw, upw.refs, "U000005")
    c.registration("ROSH", day(-400))
    c.registration("MAPPA", day(-300), level="M3", category="M4")
    c.registration("MAPPA", day(-100), level="M2", category="M3")   # the latest active MAPPA
    c.registration("MAPPA", day(-200), level="M1", category="M1")
    c.registration("MAPPA", day(-10), level="M1", category="M1", deregistered=1)
    c.registration("RMRH", day(-5), deleted=1)
    c.registration(no_colour_type, day(-50))
    body = ok(upw, f"/case-data/U000005/{c.event('1')}", "CaseDetails")
    assert body["mappaRegistration"] == {"startDate": day(-100), "level": T("M2", "MAPPA Level 2"),
                                         "category": T("M3", "MAPPA Cat 3")}
    assert body["registerFlags"] == [
        {"code": "ROSH", "description": "ROSH description", "riskColour": "Red"},
        {"code": "MAPPA", "description": "MAPPA", "riskColour": "Red"},
        {"code": "MAPPA", "description": "MAPPA", "riskColour": "Red"},
        {"code": "MAPPA", "description": "MAPPA", "riskColour": "Red"},
        {"code": "UPWNC", "description": "No colour"},
    ]


def test_mappa_tie_on_date_takes_highest_registration_id(upw, data):
    c = Case(upw, upw.refs, "U000006")
    c.registration("MAPPA", day(-30), level="M3", category="M3", id=230002)
    c.registration("MAPPA", day(-30), level="M1", category="M1", id=230001)
    body = ok(upw, f"/case-data/U000006/{c.event('1')}", "CaseDetails")
    assert body["mappaRegistration"] == {"startDate": day(-30), "level": T("M3", "MAPPA Level 3"),
                                         "category": T("M3", "MAPPA Cat 3")}
    assert [f["code"] for f in body["registerFlags"]] == ["MAPPA", "MAPPA"]


@pytest.mark.parametrize("crn,level,category", [("U000011", "M1", None), ("U000012", None, "M2"),
                                                ("U000013", None, None)])
def test_latest_mappa_without_level_or_category_is_omitted(upw, data, crn, level, category):
    c = Case(upw, upw.refs, crn)
    c.registration("MAPPA", day(-300), level="M1", category="M1")  # older and complete: not a fallback
    c.registration("MAPPA", day(-3), level=level, category=category)
    body = ok(upw, f"/case-data/{crn}/{c.event('1')}", "CaseDetails")
    assert "mappaRegistration" not in body
    assert body["registerFlags"] == [{"code": "MAPPA", "description": "MAPPA", "riskColour": "Red"}] * 2


# --------------------------------------------------------------------------- sentence and event resolution

def test_sentence_needs_an_active_disposal_and_a_main_offence(upw, data):
    c = Case(upw, upw.refs, "U000007")
    e1 = c.event("1")                         # active disposal, live main offence -> sentence
    c.disposal(e1, day(-20), active=0)
    c.disposal(e1, day(-19), deleted=1)
    c.disposal(e1, day(-18))
    c.main_offence(e1, "02801", deleted=1)
    c.main_offence(e1, "56001")
    e2 = c.event("2")                         # disposal but no main offence -> no sentence
    c.disposal(e2, day(-10))
    e3 = c.event("3")                         # main offence but only an inactive disposal -> no sentence
    c.disposal(e3, day(-10), active=0)
    c.main_offence(e3, "56001")
    assert ok(upw, "/case-data/U000007/1", "CaseDetails")["sentence"] == {"startDate": day(-18),
                                                                          "mainOffence": ARSON}
    assert "sentence" not in ok(upw, "/case-data/U000007/2", "CaseDetails")
    assert "sentence" not in ok(upw, "/case-data/U000007/3", "CaseDetails")


FRAUD = {"category": T("053", "Fraud, forgery etc"), "subCategory": T("01", "Fraud by false representation")}
BURGLARY = {"category": T("028", "Burglary in a dwelling"), "subCategory": T("01", "Burglary in a dwelling - domestic")}


def test_sentence_with_several_rows_takes_lowest_disposal_and_main_offence_id(upw, data):
    """Decision 4: several active disposals / live main offences on one event: the lowest DISPOSAL_ID and
    the lowest MAIN_OFFENCE_ID, whatever the insert order, dates or offence codes."""
    c = Case(upw, upw.refs, "U000040")
    e = c.event("1")
    c.disposal(e, day(-30), id=250103)               # inserted first, latest date
    c.disposal(e, day(-90), id=250102)               # earliest date
    c.disposal(e, day(-60), id=250101)               # lowest active id: this one
    c.disposal(e, day(-5), id=250100, active=0)      # lower still, but inactive
    c.disposal(e, day(-6), id=250099, deleted=1)     # lower still, but deleted
    c.main_offence(e, "56001", id=250113)            # inserted first
    c.main_offence(e, "02801", id=250112)            # lowest offence code
    c.main_offence(e, "05301", id=250111)            # lowest live id: this one
    c.main_offence(e, "00801", id=250110, deleted=1)  # lower still, but deleted
    body = ok(upw, "/case-data/U000040/1", "CaseDetails")
    assert body == case_body("U000040", sentence={"startDate": day(-60), "mainOffence": FRAUD})


def test_same_event_number_twice_lowest_event_id_wins(upw, data):
    """Decision 0: two active events of one person with the same EVENT_NUMBER: the lowest EVENT_ID."""
    c = Case(upw, upw.refs, "U000041")
    high = c.event("3", id=250203)                   # inserted first
    c.disposal(high, day(-10))
    c.main_offence(high, "56001")
    low = c.event("3", id=250201)
    c.disposal(low, day(-20))
    c.main_offence(low, "02801")
    lower_inactive = c.event("3", id=250200, active=0)
    c.disposal(lower_inactive, day(-30))
    c.main_offence(lower_inactive, "05301")
    lower_deleted = c.event("3", id=250199, deleted=1)
    c.disposal(lower_deleted, day(-40))
    c.main_offence(lower_deleted, "05301")
    assert ok(upw, "/case-data/U000041/3", "CaseDetails") == \
        case_body("U000041", sentence={"startDate": day(-20), "mainOffence": BURGLARY})
    assert ok(upw, "/case-data/U000041/03", "CaseDetails") == \
        case_body("U000041", sentence={"startDate": day(-20), "mainOffence": BURGLARY})
    # the higher one is still reachable by its EVENT_ID (no event has that number)
    assert ok(upw, f"/case-data/U000041/{high}", "CaseDetails") == \
        case_body("U000041", sentence={"startDate": day(-10), "mainOffence": ARSON})


def test_event_resolution(upw, data):
    """Decision 1: EVENT_NUMBER of the person's active event first, then EVENT_ID."""
    c = Case(upw, upw.refs, "U000008")
    by_id = c.event("9", id=4)               # EVENT_ID 4, number 9
    c.disposal(by_id, day(-40))
    c.main_offence(by_id)
    by_number = c.event("4")                 # number 4: wins for /4
    c.disposal(by_number, day(-30))
    c.main_offence(by_number)
    inactive = c.event("5", active=0)
    c.disposal(inactive, day(-20))
    c.main_offence(inactive)
    deleted = c.event("6", deleted=1)
    start = lambda path: ok(upw, path, "CaseDetails")["sentence"]["startDate"]  # noqa: E731
    assert start("/case-data/U000008/4") == day(-30)
    assert start("/case-data/U000008/9") == day(-40)
    assert start(f"/case-data/U000008/{by_number}") == day(-30)
    for ev in ("5", str(inactive), "6", str(deleted), "7", "-1", "0"):
        r = get(upw, f"/case-data/U000008/{ev}")
        assert r.status == 404, (ev, r)
        assert r.json() == {"status": 404, "message": f"Event with id of {ev} not found"}
    # another person's event is not found through this CRN
    r = get(upw, f"/case-data/U000008/{DEV_EVENT_ID}")
    assert r.status == 404
    assert r.json() == {"status": 404, "message": f"Event with id of {DEV_EVENT_ID} not found"}


# --------------------------------------------------------------------------- errors

def test_unknown_or_deleted_person_is_404(upw, data):
    Case(upw, upw.refs, "U000009", deleted=1).event("1")
    for crn in ("X999999", "U000009", "d001022", "D001022 "):
        for path in (f"/case-data/{crn}/1", f"/case-data/{crn}/personal-details"):
            r = get(upw, path.replace(" ", "%20"))
            assert r.status == 404, (path, r)
            assert r.json() == {"status": 404, "message": f"Person with crn of {crn} not found"}


def test_person_checked_before_event(upw, data):
    r = get(upw, "/case-data/X999999/424242")
    assert r.json() == {"status": 404, "message": "Person with crn of X999999 not found"}


@pytest.mark.parametrize("ev", ["abc", "1.5", "1e3", "99999999999999999999", "%20"])
def test_non_integer_event_id_is_400(upw, data, ev):
    r = get(upw, f"/case-data/D001022/{ev}")
    assert r.status == 400, r
    body = r.json()
    assert body["status"] == 400 and body["error"] == "Bad Request"
    assert body["path"].startswith("/case-data/D001022/")
    assert "eventId" in body["message"]
    assert set(body) == {"timestamp", "status", "error", "path", "message"}


ROUTES = [f"/case-data/D001022/{DEV_EVENT_ID}", "/case-data/D001022/personal-details"]


@pytest.mark.parametrize("path", ROUTES)
def test_no_token_is_401(upw, data, path):
    r = upw.get(path)
    assert r.status == 401
    assert r.headers["www-authenticate"].startswith("Bearer")
    assert r.json() == {"status": 401, "message": "Unauthorized"}


@pytest.mark.parametrize("path", ROUTES)
def test_bad_token_is_401(upw, data, path):
    r = upw.get(path, token="not.a.jwt")
    assert r.status == 401
    assert 'error="invalid_token"' in r.headers["www-authenticate"]


@pytest.mark.parametrize("path", ROUTES)
@pytest.mark.parametrize("roles", [[], [TIER], [TIER_LEGACY], [COURT]])
def test_wrong_role_is_403(upw, data, path, roles):
    r = upw.get(path, roles=roles)
    assert r.status == 403, r
    assert r.json() == {"status": 403, "message": "Access Denied"}


@pytest.mark.parametrize("path", ROUTES)
@pytest.mark.parametrize("roles", [[UPW], [UPW_LEGACY], [ADMIN], [TIER, UPW_LEGACY]])
def test_accepted_roles(upw, data, path, roles):
    r = upw.get(path, roles=roles)
    assert r.status == 200, r


def test_legacy_role_gets_the_same_body(upw, data):
    assert ok(upw, f"/case-data/D001022/{DEV_EVENT_ID}", "CaseDetails", roles=[UPW_LEGACY]) == DEV_BODY


@pytest.mark.parametrize("path", ROUTES)
def test_404_per_route(upw, data, path):
    r = get(upw, path.replace("D001022", "N000404"))
    assert r.status == 404
    assert r.json() == {"status": 404, "message": "Person with crn of N000404 not found"}


def test_only_get_is_mapped(upw, data):
    r = upw.post(f"/case-data/D001022/{DEV_EVENT_ID}", body={}, roles=[UPW])
    assert r.status == 405


# --------------------------------------------------------------------------- list order

def test_lists_ordered_by_primary_key(upw, data):
    """Every list is ordered by its primary key (case_data.c: ORDER BY DISABILITY_ID, PROVISION_ID,
    PERSONAL_CIRCUMSTANCE_ID, PERSONAL_CONTACT_ID, REGISTRATION_ID). Rows are inserted with descending
    ids, and codes, dates and names are chosen so that no other order gives the same answer."""
    refs = upw.refs
    c = Case(upw, refs, "U000042")
    # inserted highest id first; ascending id order is PD, HD, VI (not code order, not date order)
    c.disability("VI", notes="third", start=day(-20), id=250303)
    c.disability("HD", notes="second", start=day(-50), id=250302)
    c.disability("PD", notes="first", start=day(-5), id=250301)
    c.provision("LP", notes="third", start=day(-20), id=250313)
    c.provision("H", notes="second", start=day(-50), id=250312)
    c.provision("WA", notes="first", start=day(-5), id=250311)
    c.circumstance("ACC", "ACC01", notes="third", start=day(-20), evidenced="Y", id=250323)
    c.circumstance("PM", "D06", notes="second", start=day(-50), id=250322)
    c.circumstance("EMP", "EMP02", notes="first", start=day(-5), evidenced="N", id=250321)
    c.contact("Mike", "PAR", "Charlie", None, "Third", start=day(-20), id=250333)
    c.contact("Alpha", "DOC", "Bravo", None, "Second", start=day(-50), id=250332)
    c.contact("Zulu", "FAM", "Alice", None, "First", start=day(-5), mobile="07000000003", id=250331)
    c.registration("HREG", day(-20), id=250344)
    c.registration("WEAP", day(-50), id=250343)
    c.registration("ALSH", day(-5), id=250342)
    c.registration("RMRH", day(-40), id=250341)
    dis = descriptions(upw, "DISABILITY TYPE")
    prov = descriptions(upw, "DISABILITY PROVISION")
    rel = descriptions(upw, "RELATIONSHIP")
    circumstances = [
        {"type": T("EMP", "Employment"), "subType": T("EMP02", "Part-time Employment"), "notes": "first",
         "evidenced": False},
        {"type": T("PM", "Pregnancy"), "subType": T("D06", "Pregnant"), "notes": "second", "evidenced": False},
        {"type": T("ACC", "Accommodation"), "subType": T("ACC01", "Settled"), "notes": "third", "evidenced": True},
    ]
    contacts = [
        {"relationship": "Zulu", "relationshipType": T("FAM", rel["FAM"]),
         "name": {"forename": "Alice", "surname": "First"}, "mobileNumber": "07000000003"},
        {"relationship": "Alpha", "relationshipType": T("DOC", rel["DOC"]),
         "name": {"forename": "Bravo", "surname": "Second"}},
        {"relationship": "Mike", "relationshipType": T("PAR", rel["PAR"]),
         "name": {"forename": "Charlie", "surname": "Third"}},
    ]
    body = ok(upw, f"/case-data/U000042/{c.event('1')}", "CaseDetails")
    assert body == case_body(
        "U000042",
        disabilities=[{"type": T("PD", dis["PD"]), "notes": "first"},
                      {"type": T("HD", dis["HD"]), "notes": "second"},
                      {"type": T("VI", dis["VI"]), "notes": "third"}],
        provisions=[{"type": T("WA", prov["WA"]), "notes": "first"},
                    {"type": T("H", prov["H"]), "notes": "second"},
                    {"type": T("LP", prov["LP"]), "notes": "third"}],
        personalCircumstances=circumstances,
        personalContacts=contacts,
        registerFlags=[{"code": "RMRH", "description": "Medium RoSH", "riskColour": "Amber"},
                       {"code": "ALSH", "description": "Suicide/Self-Harm", "riskColour": "Red"},
                       {"code": "WEAP", "description": "Weapons", "riskColour": "Red"},
                       {"code": "HREG", "description": "Hate Crime", "riskColour": "Green"}])
    body = ok(upw, "/case-data/U000042/personal-details", "PersonalDetails")
    assert body == {"crn": "U000042", "personalCircumstances": circumstances, "personalContacts": contacts}


# --------------------------------------------------------------------------- no N+1

def fill(c, n):
    for i in range(n):
        c.alias(f"A{i}", "B", None, "C", "1990-01-01")
        c.offender_address("M", number=str(i))
        c.disability("HD", "HD1", notes=str(i))
        c.provision("H", "H1", notes=str(i))
        c.circumstance("PM", "D07", notes=str(i))
        c.contact(f"R{i}", "DOC", "F", "M", "S", address_id=c.address(number=str(i), telephone="1"))
        c.registration("MAPPA" if i % 2 else "ROSH", day(-i), level="M1", category="M1")


def query_counts(d, paths):
    """Per-request statement counts from the cumulative per-connection X-Query-Count (one worker)."""
    counts, prev = [], None
    for p in [paths[0]] + list(paths):       # warm-up request first: its count is the baseline
        r = get(d, p)
        assert r.status == 200, r
        n = int(r.headers["x-query-count"])
        if prev is not None:
            counts.append(n - prev)
        prev = n
    return counts


def test_fixed_number_of_queries(upw, data):
    small = Case(upw, upw.refs, "U000020")
    fill(small, 1)
    e_small = small.event("1")
    small.disposal(e_small, day(-1))
    small.main_offence(e_small)
    big = Case(upw, upw.refs, "U000021")
    fill(big, 30)
    for i in range(5):
        e = big.event(str(i + 1))
        big.disposal(e, day(-1))
        big.main_offence(e)
    details = ["/case-data/U000020/1", "/case-data/U000021/3"]
    counts = query_counts(upw, details)
    body = ok(upw, details[1], "CaseDetails")
    assert len(body["disabilities"]) == 30 and len(body["personalContacts"]) == 30
    assert len(body["registerFlags"]) == 30 and len(body["aliases"]) == 30
    assert counts[0] == counts[1] <= 10, counts
    counts = query_counts(upw, ["/case-data/U000020/personal-details", "/case-data/U000021/personal-details"])
    assert counts[0] == counts[1] <= 3, counts


# --------------------------------------------------------------------------- §5.2 UserIntegrationTest
# The shared route GET /users/{username}/access/{crn} (src/services/tier/access.c, delius/limited_access)
# with the unpaid-work dev data: the rules are tested in test_access.py; these are the original's
# six unpaid-work cases, including the username given as a USER_ID.

LIMITED_ACCESS_USER = 100100


def london_now():
    from zoneinfo import ZoneInfo
    return datetime.datetime.now(ZoneInfo("Europe/London")).replace(tzinfo=None, microsecond=0)


@pytest.fixture(scope="module")
def lao_data(upw, data):
    d, refs = upw, upw.refs
    d.sql("INSERT INTO USER_ (USER_ID, DISTINGUISHED_NAME, FORENAME, SURNAME) VALUES (?,?,?,?)",
          (LIMITED_ACCESS_USER, "LimitedAccess", "Limited", "Access"))
    # "now" on the server is the pinned date at the current time of day
    in_an_hour = (datetime.datetime.combine(TODAY, london_now().time()) + datetime.timedelta(hours=1)).isoformat()
    start = day(-30) + "T00:00:00"
    cases = {}
    for crn, excl, restr in [("E123456", "There is an exclusion on this person", None),
                             ("R123456", None, "There is a restriction on this person"),
                             ("B123456", "You are excluded from viewing this case",
                              "You are restricted from viewing this case")]:
        c = Case(d, refs, crn)
        d.sql("UPDATE OFFENDER SET EXCLUSION_MESSAGE = ?, RESTRICTION_MESSAGE = ?, CURRENT_EXCLUSION = ?,"
              " CURRENT_RESTRICTION = ? WHERE OFFENDER_ID = ?",
              (excl, restr, 1 if excl else 0, 1 if restr else 0, c.id))
        cases[crn] = c
    d.sql("INSERT INTO EXCLUSION (EXCLUSION_ID, OFFENDER_ID, USER_ID, EXCLUSION_DATE, EXCLUSION_END_TIME)"
          " VALUES (?,?,?,?,NULL)", (nid(), cases["E123456"].id, LIMITED_ACCESS_USER, start))
    d.sql("INSERT INTO RESTRICTION (RESTRICTION_ID, OFFENDER_ID, USER_ID, RESTRICTION_TIME, RESTRICTION_END_TIME)"
          " VALUES (?,?,?,?,?)", (nid(), cases["R123456"].id, SERVICE_USER, start, in_an_hour))
    d.sql("INSERT INTO EXCLUSION (EXCLUSION_ID, OFFENDER_ID, USER_ID, EXCLUSION_DATE, EXCLUSION_END_TIME)"
          " VALUES (?,?,?,?,NULL)", (nid(), cases["B123456"].id, LIMITED_ACCESS_USER, start))
    d.sql("INSERT INTO RESTRICTION (RESTRICTION_ID, OFFENDER_ID, USER_ID, RESTRICTION_TIME, RESTRICTION_END_TIME)"
          " VALUES (?,?,?,?,NULL)", (nid(), cases["B123456"].id, SERVICE_USER, start))
    return cases


def case_access(crn, excluded=False, restricted=False, exclusion=None, restriction=None):
    body = {"crn": crn, "userExcluded": excluded, "userRestricted": restricted}
    if exclusion:
        body["exclusionMessage"] = exclusion
    if restriction:
        body["restrictionMessage"] = restriction
    return body


USER_INTEGRATION_TEST = [
    ("unpaidworkanddelius", "E123456", case_access("E123456")),
    ("unpaidworkanddelius", "R123456", case_access("R123456")),
    ("limitedaccess", "E123456", case_access("E123456", excluded=True,
                                             exclusion="There is an exclusion on this person")),
    ("limitedaccess", "R123456", case_access("R123456", restricted=True,
                                             restriction="There is a restriction on this person")),
    ("limitedaccess", "D001022", case_access("D001022")),
    (str(LIMITED_ACCESS_USER), "B123456",
     case_access("B123456", excluded=True, restricted=True, exclusion="You are excluded from viewing this case",
                 restriction="You are restricted from viewing this case")),
    ("limitedaccess", "N999999", case_access("N999999")),   # unknown CRN: 200, never 404
]


@pytest.mark.parametrize("username,crn,expected", USER_INTEGRATION_TEST)
def test_user_access_dev_cases(upw, lao_data, username, crn, expected):
    body = ok(upw, f"/users/{username}/access/{crn}", "CaseAccess")
    assert body == expected


def test_user_access_route_does_not_take_the_legacy_upw_role(upw, lao_data):
    r = upw.get("/users/limitedaccess/access/E123456", roles=[UPW_LEGACY])
    assert r.status == 403
    assert r.json() == {"status": 403, "message": "Access Denied"}
