"""
`deliusd seed`: deterministic synthetic demo data (src/db/seed.c).

(a) the same --random-seed gives identical table contents in two fresh databases, a different
    seed gives different contents, and `seed --force` over a seeded database gives the same
    contents as a fresh one;
(b) every branch the three APIs exercise is present in a 1000-person seed (one COUNT(*) > 0 per
    branch), the stored derived columns are consistent and the foreign keys hold;
(c) seeding a database that already has people fails without --force, with a clear message.

The binary is DELIUSD_BIN (default build/deliusd); each database is a fresh one in a temporary
directory (or a fresh PostgreSQL database when DELIUSD_TEST_BACKEND=postgres), handed to deliusd in
DELIUSD_DATABASE. Dates in the data are laid out around 2026-01-01 (see the top of seed.c).
"""
import hashlib

import pytest

from conftest import BACKEND, drop_database, new_database, run

PEOPLE = 1000


def seed(db, *args, check=True):
    return run(["seed", "--quiet", *args], env={"DELIUSD_DATABASE": db.url}, check=check)


def tables(db):
    if db.kind == "sqlite":
        rows = db.query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    else:
        rows = db.query("SELECT upper(table_name) FROM information_schema.tables"
                        " WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1")
    # the migration log records when it ran: the one clock-dependent table
    return [r[0] for r in rows if r[0].upper() != "DELIUSD_SCHEMA_MIGRATION"]


def table_digests(db):
    """{table: (row count, sha256 of all rows in column order, sorted by every column)}"""
    out = {}
    for t in tables(db):
        cur = db.conn().cursor()
        cur.execute(f"SELECT * FROM {t} LIMIT 0")
        ncols = len(cur.description)
        cur.fetchall()
        order = ", ".join(str(i + 1) for i in range(ncols))
        h = hashlib.sha256()
        n = 0
        for row in db.query(f"SELECT * FROM {t} ORDER BY {order}"):
            h.update(repr(tuple(row)).encode())
            n += 1
        out[t.upper()] = (n, h.hexdigest())
    return out


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    """A 1000-person seed with --random-seed 7."""
    db = new_database(str(tmp_path_factory.mktemp("seed")))
    seed(db, "--people", str(PEOPLE), "--random-seed", "7")
    yield db
    drop_database(db)


@pytest.fixture
def fresh(tmp_path):
    made = []

    def _fresh():
        db = new_database(str(tmp_path))
        made.append(db)
        return db
    yield _fresh
    for db in made:
        drop_database(db)


# ------------------------------------------------------------------------------ (a) determinism

def test_same_seed_gives_identical_tables(seeded, fresh):
    other = fresh()
    seed(other, "--people", str(PEOPLE), "--random-seed", "7")
    a, b = table_digests(seeded), table_digests(other)
    assert a.keys() == b.keys()
    differing = [t for t in a if a[t] != b[t]]
    assert differing == []
    assert a["OFFENDER"][0] == PEOPLE


def test_different_seed_gives_different_tables(seeded, fresh):
    other = fresh()
    seed(other, "--people", str(PEOPLE), "--random-seed", "8")
    a, b = table_digests(seeded), table_digests(other)
    assert a["OFFENDER"] != b["OFFENDER"]
    assert a["EVENT"] != b["EVENT"]
    # the reference data is the same
    assert a["R_STANDARD_REFERENCE_LIST"] == b["R_STANDARD_REFERENCE_LIST"]


def test_force_replaces_rather_than_appends(fresh):
    first, second = fresh(), fresh()
    seed(first, "--people", "300", "--random-seed", "5")
    seed(first, "--people", "200", "--random-seed", "9", "--force")
    seed(second, "--people", "200", "--random-seed", "9")
    assert table_digests(first) == table_digests(second)


# ------------------------------------------------------------------------------ (c) refusal

def test_refuses_a_database_with_people_without_force(fresh):
    db = fresh()
    seed(db, "--people", "20")
    p = seed(db, "--people", "20", check=False)
    assert p.returncode != 0
    assert "already has 20 people" in p.stderr and "--force" in p.stderr
    assert db.scalar("SELECT COUNT(*) FROM OFFENDER") == 20


def test_zero_people_seeds_only_the_organisation(fresh):
    db = fresh()
    seed(db, "--people", "0")
    assert db.scalar("SELECT COUNT(*) FROM OFFENDER") == 0
    assert db.scalar("SELECT COUNT(*) FROM STAFF WHERE OFFICER_CODE = 'S01UTSO'") == 1
    # and a later seed still works (no people yet, so no --force needed)
    seed(db, "--people", "5")
    assert db.scalar("SELECT COUNT(*) FROM OFFENDER") == 5


# ------------------------------------------------------------------------------ (b) branches

ATT = ("JOIN R_CONTACT_TYPE ct ON ct.CONTACT_TYPE_ID = c.CONTACT_TYPE_ID"
       " WHERE ct.ATTENDANCE_CONTACT = 'Y' AND ct.NATIONAL_STANDARDS_CONTACT = 'Y'")
DISP = "DISPOSAL d JOIN R_DISPOSAL_TYPE dt ON dt.DISPOSAL_TYPE_ID = d.DISPOSAL_TYPE_ID"
RQ = "RQMNT q JOIN R_RQMNT_TYPE_MAIN_CATEGORY mc ON mc.RQMNT_TYPE_MAIN_CATEGORY_ID = q.RQMNT_TYPE_MAIN_CATEGORY_ID"
NSI_OUT = ("NSI n JOIN R_STANDARD_REFERENCE_LIST o ON o.STANDARD_REFERENCE_LIST_ID = n.NSI_OUTCOME_ID"
           " JOIN R_NSI_TYPE nt ON nt.NSI_TYPE_ID = n.NSI_TYPE_ID")
REG = "REGISTRATION r JOIN R_REGISTER_TYPE rt ON rt.REGISTER_TYPE_ID = r.REGISTER_TYPE_ID"
ADDR = ("OFFENDER_ADDRESS a JOIN R_STANDARD_REFERENCE_LIST s ON s.STANDARD_REFERENCE_LIST_ID = a.ADDRESS_STATUS_ID")
KEY = ("KEY_DATE k JOIN R_STANDARD_REFERENCE_LIST s ON s.STANDARD_REFERENCE_LIST_ID = k.KEY_DATE_TYPE_ID"
       " WHERE s.CODE_VALUE = '{}'")
CUST = ("CUSTODY c JOIN R_STANDARD_REFERENCE_LIST s ON s.STANDARD_REFERENCE_LIST_ID = c.CUSTODIAL_STATUS_ID"
        " WHERE s.CODE_VALUE = '{}'")
LIVE_EXCL = "(x.EXCLUSION_END_TIME IS NULL OR x.EXCLUSION_END_TIME > '2026-01-01T00:00:00')"
LIVE_RESTR = "(x.RESTRICTION_END_TIME IS NULL OR x.RESTRICTION_END_TIME > '2026-01-01T00:00:00')"

BRANCHES = {
    # people and events
    "person without events": "OFFENDER o WHERE NOT EXISTS (SELECT 1 FROM EVENT e WHERE e.OFFENDER_ID = o.OFFENDER_ID)",
    "person with several events": "(SELECT OFFENDER_ID FROM EVENT GROUP BY OFFENDER_ID HAVING COUNT(*) > 1) x",
    "soft-deleted person": "OFFENDER WHERE SOFT_DELETED = 1",
    "person with a current disposal": "OFFENDER WHERE CURRENT_DISPOSAL = 1",
    "person without a current disposal but with events":
        "OFFENDER o WHERE CURRENT_DISPOSAL = 0 AND EXISTS (SELECT 1 FROM EVENT e WHERE e.OFFENDER_ID = o.OFFENDER_ID)",
    "pre-sentence event (active, no disposal)":
        "EVENT e WHERE e.ACTIVE_FLAG = 1 AND NOT EXISTS (SELECT 1 FROM DISPOSAL d WHERE d.EVENT_ID = e.EVENT_ID)",
    "awaiting PSR (no disposal, outcome 101)":
        "EVENT e JOIN COURT_APPEARANCE ca ON ca.EVENT_ID = e.EVENT_ID JOIN R_STANDARD_REFERENCE_LIST s"
        " ON s.STANDARD_REFERENCE_LIST_ID = ca.OUTCOME_ID WHERE s.CODE_VALUE = '101'"
        " AND NOT EXISTS (SELECT 1 FROM DISPOSAL d WHERE d.EVENT_ID = e.EVENT_ID)",
    "inactive event": "EVENT WHERE ACTIVE_FLAG = 0",
    "soft-deleted event": "EVENT WHERE SOFT_DELETED = 1",
    "event in breach": "EVENT WHERE IN_BREACH = 1",
    "event with failures to comply": "EVENT WHERE FTC_COUNT > 0",
    "event with a breach end": "EVENT WHERE BREACH_END IS NOT NULL",
    # sentences
    "active community sentence": DISP + " WHERE dt.SENTENCE_TYPE = 'SP' AND d.ACTIVE_FLAG = 1 AND d.SOFT_DELETED = 0",
    "terminated community sentence":
        DISP + " WHERE dt.SENTENCE_TYPE = 'SP' AND d.ACTIVE_FLAG = 0 AND d.TERMINATION_DATE IS NOT NULL",
    "active custodial sentence": DISP + " WHERE dt.SENTENCE_TYPE IN ('SC', 'NC') AND d.ACTIVE_FLAG = 1",
    "terminated custodial sentence":
        DISP + " WHERE dt.SENTENCE_TYPE IN ('SC', 'NC') AND d.ACTIVE_FLAG = 0 AND d.TERMINATION_DATE IS NOT NULL",
    "sentence without sentence type": DISP + " WHERE dt.SENTENCE_TYPE IS NULL",
    "soft-deleted disposal": "DISPOSAL WHERE SOFT_DELETED = 1",
    "disposal with a second length": "DISPOSAL WHERE LENGTH_2 IS NOT NULL",
    "disposal with an entered notional end date": "DISPOSAL WHERE ENTERED_NOTIONAL_END_DATE IS NOT NULL",
    "main offence": "MAIN_OFFENCE",
    "additional offence": "ADDITIONAL_OFFENCE WHERE SOFT_DELETED = 0",
    "additional sentence": "ADDITIONAL_SENTENCE WHERE SOFT_DELETED = 0",
    # custody
    "custody in prison (A)": CUST.format("A"),
    "custody released on licence (B)": CUST.format("B"),
    "custody recalled (D)": CUST.format("D"),
    **{f"key date {k}": KEY.format(k) for k in ("ACR", "LED", "HDE", "PED", "SED", "EXP", "PSSED", "POM1", "POM2")},
    "release": "RELEASE WHERE SOFT_DELETED = 0",
    "active licence condition": "LIC_CONDITION WHERE ACTIVE_FLAG = 1 AND SOFT_DELETED = 0",
    "terminated licence condition": "LIC_CONDITION WHERE ACTIVE_FLAG = 0 AND TERMINATION_DATE IS NOT NULL",
    "active PSS requirement": "PSS_RQMNT WHERE ACTIVE_FLAG = 1 AND SOFT_DELETED = 0",
    "inactive PSS requirement": "PSS_RQMNT WHERE ACTIVE_FLAG = 0",
    "institutional report": "INSTITUTIONAL_REPORT",
    # requirements, unpaid work, RAR
    "unpaid work requirement (W)": RQ + " WHERE mc.CODE = 'W'",
    "RAR requirement (F) with attendances": RQ + " WHERE mc.CODE = 'F' AND q.RAR_COUNT > 0",
    "restrictive requirement": RQ + " WHERE mc.RESTRICTIVE = 'Y' AND q.ACTIVE_FLAG = 1",
    "active requirement": "RQMNT WHERE ACTIVE_FLAG = 1 AND SOFT_DELETED = 0",
    "inactive requirement": "RQMNT WHERE ACTIVE_FLAG = 0 AND SOFT_DELETED = 0",
    "soft-deleted requirement": "RQMNT WHERE ACTIVE_FLAG = 1 AND SOFT_DELETED = 1",
    "inactive and soft-deleted requirement": "RQMNT WHERE ACTIVE_FLAG = 0 AND SOFT_DELETED = 1",
    "additional requirement without main category":
        "RQMNT WHERE RQMNT_TYPE_MAIN_CATEGORY_ID IS NULL AND AD_RQMNT_TYPE_MAIN_CATEGORY_ID IS NOT NULL",
    "requirement with empty notes": "RQMNT WHERE RQMNT_NOTES = ''",
    "UPW details": "UPW_DETAILS",
    "UPW appointment attended": "UPW_APPOINTMENT WHERE ATTENDED = 'Y' AND MINUTES_CREDITED > 0",
    "UPW appointment acceptable absence": "UPW_APPOINTMENT WHERE ATTENDED = 'N' AND COMPLIED = 'Y'",
    "UPW appointment unacceptable absence": "UPW_APPOINTMENT WHERE ATTENDED = 'N' AND COMPLIED = 'N'",
    "UPW appointment without outcome": "UPW_APPOINTMENT WHERE ATTENDED IS NULL AND COMPLIED IS NULL",
    "soft-deleted UPW appointment": "UPW_APPOINTMENT WHERE SOFT_DELETED = 1",
    # contacts
    "attendance contact with outcome": "CONTACT c " + ATT + " AND c.CONTACT_OUTCOME_TYPE_ID IS NOT NULL"
                                                           " AND c.CONTACT_DATE <= '2026-01-01'",
    "attendance contact with enforcement": "CONTACT c " + ATT + " AND c.ENFORCEMENT = 1",
    "attendance contact not attended": "CONTACT c " + ATT + " AND c.ATTENDED = 'N'",
    "future attendance contact": "CONTACT c " + ATT + " AND c.CONTACT_DATE > '2027-01-01'",
    "non-attendance contact": "CONTACT c JOIN R_CONTACT_TYPE ct ON ct.CONTACT_TYPE_ID = c.CONTACT_TYPE_ID"
                              " WHERE ct.ATTENDANCE_CONTACT = 'N'",
    "sensitive contact": "CONTACT WHERE SENSITIVE = 'Y'",
    # NSIs
    "breach NSI with an enforcement outcome": NSI_OUT + " WHERE nt.CODE = 'BRE' AND o.CODE_VALUE IN ('BRE01','BRE02',"
        "'BRE03','BRE04','BRE05','BRE06','BRE07','BRE08','BRE10','BRE13','BRE14','BRE16')",
    "recent enforcement NSI (referral >= 2025-01-01)": NSI_OUT + " WHERE o.CODE_VALUE LIKE 'BRE%'"
                                                                 " AND n.REFERRAL_DATE >= '2025-01-01'",
    "enforcement NSI still recent after 2027-06": NSI_OUT + " WHERE o.CODE_VALUE LIKE 'BRE%'"
                                                            " AND n.REFERRAL_DATE >= '2026-07-01'",
    "old breach NSI (referral before 2025)": NSI_OUT + " WHERE nt.CODE = 'BRE' AND n.REFERRAL_DATE < '2025-01-01'",
    "recall NSI (REC01/REC02 outcome)": NSI_OUT + " WHERE nt.CODE = 'REC' AND o.CODE_VALUE IN ('REC01', 'REC02')",
    "rejected recall NSI (REC03..REC05 outcome)": NSI_OUT + " WHERE o.CODE_VALUE IN ('REC03', 'REC04', 'REC05')",
    "recall NSI status REC05/REC10": "NSI n JOIN R_NSI_STATUS s ON s.NSI_STATUS_ID = n.NSI_STATUS_ID"
                                     " WHERE s.CODE IN ('REC05', 'REC10')",
    "other NSI type": "NSI n JOIN R_NSI_TYPE nt ON nt.NSI_TYPE_ID = n.NSI_TYPE_ID WHERE nt.CODE NOT IN ('BRE', 'REC')",
    "NSI without event": "NSI WHERE EVENT_ID IS NULL",
    "NSI linked to a requirement": "NSI WHERE RQMNT_ID IS NOT NULL",
    "soft-deleted NSI": "NSI WHERE SOFT_DELETED = 1",
    "inactive NSI": "NSI WHERE ACTIVE_FLAG = 0",
    "NSI with two managers": "(SELECT NSI_ID FROM NSI_MANAGER GROUP BY NSI_ID HAVING COUNT(*) > 1) x",
    "active NSI manager": "NSI_MANAGER WHERE ACTIVE_FLAG = 1 AND END_DATE IS NULL",
    # registrations
    "active registration": "REGISTRATION WHERE DEREGISTERED = 0 AND SOFT_DELETED = 0",
    "deregistered registration with deregistration": "REGISTRATION r WHERE r.DEREGISTERED = 1 AND EXISTS"
        " (SELECT 1 FROM DEREGISTRATION d WHERE d.REGISTRATION_ID = r.REGISTRATION_ID)",
    "active registration with an earlier deregistration": "REGISTRATION r WHERE r.DEREGISTERED = 0 AND EXISTS"
        " (SELECT 1 FROM DEREGISTRATION d WHERE d.REGISTRATION_ID = r.REGISTRATION_ID)",
    "registration with several deregistrations":
        "(SELECT REGISTRATION_ID FROM DEREGISTRATION GROUP BY REGISTRATION_ID HAVING COUNT(*) > 1) x",
    "soft-deleted registration": "REGISTRATION WHERE SOFT_DELETED = 1",
    "MAPPA registration with level and category": REG + " WHERE rt.CODE = 'MAPPA' AND r.DEREGISTERED = 0"
        " AND r.REGISTER_LEVEL_ID IS NOT NULL AND r.REGISTER_CATEGORY_ID IS NOT NULL",
    "non-MAPPA registration with a level": REG + " WHERE rt.CODE <> 'MAPPA' AND r.REGISTER_LEVEL_ID IS NOT NULL",
    **{f"active {c} risk flag": REG + f" WHERE rt.COLOUR = '{c}' AND rt.CODE <> 'MAPPA' AND r.DEREGISTERED = 0"
       for c in ("Red", "Amber", "Green", "White")},
    "highest risk colour": "OFFENDER WHERE CURRENT_HIGHEST_RISK_COLOUR = 'RED'",
    # person details
    "alias": "ALIAS WHERE SOFT_DELETED = 0",
    "soft-deleted alias": "ALIAS WHERE SOFT_DELETED = 1",
    "alias with second and third names": "ALIAS WHERE SECOND_NAME IS NOT NULL AND THIRD_NAME IS NOT NULL",
    "main address": ADDR + " WHERE s.CODE_VALUE = 'M' AND a.END_DATE IS NULL AND a.SOFT_DELETED = 0",
    "previous address": ADDR + " WHERE s.CODE_VALUE = 'P' AND a.END_DATE IS NOT NULL",
    "secondary address": ADDR + " WHERE s.CODE_VALUE = 'S'",
    "no fixed abode": "OFFENDER_ADDRESS WHERE NO_FIXED_ABODE = 'Y'",
    "address assessment": "ADDRESS_ASSESSMENT WHERE SOFT_DELETED = 0",
    "active disability": "DISABILITY WHERE FINISH_DATE IS NULL AND START_DATE <= '2026-01-01' AND SOFT_DELETED = 0",
    "disability ending after 2030": "DISABILITY WHERE FINISH_DATE >= '2030-01-01'",
    "ended disability": "DISABILITY WHERE FINISH_DATE < '2026-01-01'",
    "disability not started yet": "DISABILITY WHERE START_DATE > '2029-01-01'",
    "active provision": "PROVISION WHERE FINISH_DATE IS NULL AND START_DATE <= '2026-01-01'",
    "ended provision": "PROVISION WHERE FINISH_DATE < '2026-01-01'",
    "provision not started yet": "PROVISION WHERE START_DATE > '2029-01-01'",
    "active personal circumstance": "PERSONAL_CIRCUMSTANCE WHERE END_DATE IS NULL AND SOFT_DELETED = 0",
    "ended personal circumstance": "PERSONAL_CIRCUMSTANCE WHERE END_DATE < '2026-01-01'",
    "evidenced personal circumstance": "PERSONAL_CIRCUMSTANCE WHERE EVIDENCED = 'Y'",
    "personal circumstance with sub-type": "PERSONAL_CIRCUMSTANCE WHERE CIRCUMSTANCE_SUB_TYPE_ID IS NOT NULL",
    "personal contact with address": "PERSONAL_CONTACT p JOIN ADDRESS a ON a.ADDRESS_ID = p.ADDRESS_ID"
                                     " WHERE a.SOFT_DELETED = 0 AND a.TELEPHONE_NUMBER IS NOT NULL",
    "personal contact with a soft-deleted address": "PERSONAL_CONTACT p JOIN ADDRESS a ON a.ADDRESS_ID = p.ADDRESS_ID"
                                                    " WHERE a.SOFT_DELETED = 1",
    "personal contact without address": "PERSONAL_CONTACT WHERE ADDRESS_ID IS NULL",
    "ended personal contact": "PERSONAL_CONTACT WHERE END_DATE IS NOT NULL",
    "interpreter required (non-English)": "OFFENDER o JOIN R_STANDARD_REFERENCE_LIST l"
        " ON l.STANDARD_REFERENCE_LIST_ID = o.LANGUAGE_ID WHERE l.CODE_VALUE <> '001' AND o.INTERPRETER_REQUIRED = 'Y'",
    "English speaker": "OFFENDER o JOIN R_STANDARD_REFERENCE_LIST l ON l.STANDARD_REFERENCE_LIST_ID = o.LANGUAGE_ID"
                       " WHERE l.CODE_VALUE = '001'",
    "no language": "OFFENDER WHERE LANGUAGE_ID IS NULL",
    "second and third names": "OFFENDER WHERE SECOND_NAME IS NOT NULL AND THIRD_NAME IS NOT NULL",
    "both phone numbers": "OFFENDER WHERE TELEPHONE_NUMBER IS NOT NULL AND MOBILE_NUMBER IS NOT NULL",
    "no phone numbers": "OFFENDER WHERE TELEPHONE_NUMBER IS NULL AND MOBILE_NUMBER IS NULL",
    "RSR score": "OFFENDER WHERE DYNAMIC_RSR_SCORE IS NOT NULL",
    "gender identity": "OFFENDER WHERE GENDER_IDENTITY_ID IS NOT NULL",
    # managers and organisation
    "ended offender manager": "OFFENDER_MANAGER WHERE ACTIVE_FLAG = 0 AND END_DATE IS NOT NULL",
    "unallocated offender manager": "OFFENDER_MANAGER WHERE ACTIVE_FLAG = 1 AND OFFICER_CODE LIKE '%U'",
    "offender manager with a provider employee": "OFFENDER_MANAGER WHERE TRUST_PROVIDER_FLAG = 1"
                                                 " AND PROVIDER_EMPLOYEE_ID IS NOT NULL",
    "active prison offender manager": "PRISON_OFFENDER_MANAGER WHERE ACTIVE_FLAG = 1",
    "ended prison offender manager": "PRISON_OFFENDER_MANAGER WHERE ACTIVE_FLAG = 0",
    "responsible officer: community manager": "RESPONSIBLE_OFFICER WHERE END_DATE IS NULL"
                                              " AND OFFENDER_MANAGER_ID IS NOT NULL",
    "responsible officer: prison manager": "RESPONSIBLE_OFFICER WHERE END_DATE IS NULL"
                                           " AND PRISON_OFFENDER_MANAGER_ID IS NOT NULL",
    "ended responsible officer": "RESPONSIBLE_OFFICER WHERE END_DATE IS NOT NULL",
    "active order manager": "ORDER_MANAGER WHERE ACTIVE_FLAG = 1",
    "transferred order manager": "ORDER_MANAGER WHERE ACTIVE_FLAG = 0 AND TRANSFER_REASON_ID IS NOT NULL",
    "UTSO staff and UTS team of every seeded area":
        "PROBATION_AREA pa WHERE pa.CODE LIKE 'S%' AND EXISTS (SELECT 1 FROM STAFF s WHERE s.OFFICER_CODE"
        " = pa.CODE || 'UTSO') AND EXISTS (SELECT 1 FROM TEAM t WHERE t.CODE = pa.CODE || 'UTS')",
    "staff user": "USER_ u JOIN STAFF s ON s.STAFF_ID = u.STAFF_ID WHERE u.DISTINGUISHED_NAME = 'SeedUser001'",
    "staff in several teams' areas": "STAFF_TEAM",
    "prison probation area with institution": "PROBATION_AREA WHERE INSTITUTION_ID IS NOT NULL AND CODE LIKE 'SP%'",
    "private probation area": "PROBATION_AREA WHERE PRIVATE = 1",
    "team with an end date": "TEAM WHERE END_DATE IS NOT NULL",
    "provider team": "PROVIDER_TEAM WHERE EXTERNAL_PROVIDER_ID IS NOT NULL",
    # courts
    "court": "COURT WHERE CODE LIKE 'S%'",
    "sentencing appearance": "COURT_APPEARANCE ca JOIN R_STANDARD_REFERENCE_LIST s ON s.STANDARD_REFERENCE_LIST_ID"
                             " = ca.APPEARANCE_TYPE_ID WHERE s.CODE_VALUE = 'S'",
    "non-sentencing appearance": "COURT_APPEARANCE ca JOIN R_STANDARD_REFERENCE_LIST s"
                                 " ON s.STANDARD_REFERENCE_LIST_ID = ca.APPEARANCE_TYPE_ID WHERE s.CODE_VALUE <> 'S'",
    "completed court report": "COURT_REPORT WHERE COMPLETED_DATE IS NOT NULL",
    "outstanding court report": "COURT_REPORT WHERE COMPLETED_DATE IS NULL",
    "report manager with staff": "REPORT_MANAGER WHERE STAFF_ID IS NOT NULL AND ACTIVE_FLAG = 1",
    # assessments and tiers
    "OASys assessment with score": "OASYS_ASSESSMENT WHERE OGRS_SCORE_2 IS NOT NULL",
    "OASys assessment without score": "OASYS_ASSESSMENT WHERE OGRS_SCORE_2 IS NULL",
    "OGRS assessment with score": "OGRS_ASSESSMENT WHERE OGRS3_SCORE_2 IS NOT NULL",
    "OGRS assessment without score": "OGRS_ASSESSMENT WHERE OGRS3_SCORE_2 IS NULL",
    "person with a tier": "OFFENDER WHERE CURRENT_TIER IS NOT NULL",
    "person without a tier": "OFFENDER WHERE CURRENT_TIER IS NULL",
    "tier history with an ended tier": "MANAGEMENT_TIER WHERE END_DATE IS NOT NULL",
    # documents
    **{f"document of {t}": f"DOCUMENT WHERE TABLE_NAME = '{t}' AND SOFT_DELETED = 0 AND ALFRESCO_DOCUMENT_ID"
                            " IS NOT NULL" for t in (
        "OFFENDER", "EVENT", "ADDRESSASSESSMENT", "PERSONALCONTACT", "PERSONAL_CIRCUMSTANCE", "COURT_REPORT",
        "INSTITUTIONAL_REPORT", "APPROVED_PREMISES_REFERRAL", "ASSESSMENT", "CASE_ALLOCATION", "REFERRAL",
        "UPW_APPOINTMENT", "CONTACT", "NSI")},
    "previous-conviction document": "DOCUMENT WHERE DOCUMENT_TYPE = 'PREVIOUS_CONVICTION'",
    "CPS pack document": "DOCUMENT WHERE DOCUMENT_TYPE = 'CPS_PACK'",
    "document without store id": "DOCUMENT WHERE ALFRESCO_DOCUMENT_ID IS NULL",
    "soft-deleted document": "DOCUMENT WHERE SOFT_DELETED = 1",
    "assessment with a referral": "ASSESSMENT WHERE REFERRAL_ID IS NOT NULL",
    "assessment without a referral": "ASSESSMENT WHERE REFERRAL_ID IS NULL",
    # limited access
    "excluded person (in-force exclusion)": f"OFFENDER o JOIN EXCLUSION x ON x.OFFENDER_ID = o.OFFENDER_ID"
        f" WHERE {LIVE_EXCL} AND o.CURRENT_EXCLUSION = 1 AND o.EXCLUSION_MESSAGE IS NOT NULL",
    "restricted person (in-force restriction)": f"OFFENDER o JOIN RESTRICTION x ON x.OFFENDER_ID = o.OFFENDER_ID"
        f" WHERE {LIVE_RESTR} AND o.CURRENT_RESTRICTION = 1 AND o.RESTRICTION_MESSAGE IS NOT NULL",
    "excluded and restricted person": "OFFENDER WHERE CURRENT_EXCLUSION = 1 AND CURRENT_RESTRICTION = 1",
    "person with only expired limitations": "OFFENDER o WHERE o.CURRENT_EXCLUSION = 0 AND o.CURRENT_RESTRICTION = 0"
        " AND EXISTS (SELECT 1 FROM EXCLUSION x WHERE x.OFFENDER_ID = o.OFFENDER_ID)",
    "exclusion with an end time after 2030": "EXCLUSION WHERE EXCLUSION_END_TIME > '2030-01-01T00:00:00'",
    "future-dated exclusion": "EXCLUSION WHERE EXCLUSION_DATE >= '2030-01-01T00:00:00'",
    "restriction with an end time after 2030": "RESTRICTION WHERE RESTRICTION_END_TIME > '2030-01-01T00:00:00'",
}


@pytest.mark.parametrize("branch", list(BRANCHES))
def test_branch_present(seeded, branch):
    assert seeded.scalar(f"SELECT COUNT(*) FROM {BRANCHES[branch]}") > 0, branch


FIXED_EXAMPLES = [
    ("A000007", 1, 0), ("A000013", 0, 1), ("A000029", 1, 1), ("A000041", 0, 0), ("A000053", 1, 0),
]


@pytest.mark.parametrize("crn,excluded,restricted", FIXED_EXAMPLES)
def test_fixed_limited_access_examples(seeded, crn, excluded, restricted):
    row = seeded.query("SELECT CURRENT_EXCLUSION, CURRENT_RESTRICTION FROM OFFENDER WHERE CRN = ?", (crn,))
    assert row == [(excluded, restricted)]


def test_fixed_examples_users(seeded):
    def users(table):
        return sorted(r[0] for r in seeded.query(
            f"SELECT u.DISTINGUISHED_NAME FROM {table} x JOIN USER_ u ON u.USER_ID = x.USER_ID"
            f" JOIN OFFENDER o ON o.OFFENDER_ID = x.OFFENDER_ID WHERE o.CRN = ?", ("A000029",)))
    assert users("EXCLUSION") == ["SeedUser001"]
    assert users("RESTRICTION") == ["SeedUser003"]
    assert seeded.scalar("SELECT SOFT_DELETED FROM OFFENDER WHERE CRN = 'A000097'") == 1


CONSISTENCY = {
    "CURRENT_DISPOSAL": "OFFENDER o WHERE o.CURRENT_DISPOSAL <> CASE WHEN EXISTS (SELECT 1 FROM EVENT e JOIN DISPOSAL d"
        " ON d.EVENT_ID = e.EVENT_ID WHERE e.OFFENDER_ID = o.OFFENDER_ID AND e.ACTIVE_FLAG = 1 AND e.SOFT_DELETED = 0"
        " AND d.ACTIVE_FLAG = 1 AND d.SOFT_DELETED = 0) THEN 1 ELSE 0 END",
    "CURRENT_EXCLUSION": f"OFFENDER o WHERE o.CURRENT_EXCLUSION <> CASE WHEN EXISTS (SELECT 1 FROM EXCLUSION x"
        f" WHERE x.OFFENDER_ID = o.OFFENDER_ID AND {LIVE_EXCL}) THEN 1 ELSE 0 END",
    "CURRENT_RESTRICTION": f"OFFENDER o WHERE o.CURRENT_RESTRICTION <> CASE WHEN EXISTS (SELECT 1 FROM RESTRICTION x"
        f" WHERE x.OFFENDER_ID = o.OFFENDER_ID AND {LIVE_RESTR}) THEN 1 ELSE 0 END",
    "messages": "OFFENDER WHERE (EXCLUSION_MESSAGE IS NULL AND CURRENT_EXCLUSION = 1)"
        " OR (EXCLUSION_MESSAGE IS NOT NULL AND CURRENT_EXCLUSION = 0)"
        " OR (RESTRICTION_MESSAGE IS NULL AND CURRENT_RESTRICTION = 1)"
        " OR (RESTRICTION_MESSAGE IS NOT NULL AND CURRENT_RESTRICTION = 0)",
    "CURRENT_TIER": "OFFENDER o WHERE COALESCE(o.CURRENT_TIER, -1) <> COALESCE((SELECT t.TIER_ID FROM MANAGEMENT_TIER t"
        " WHERE t.OFFENDER_ID = o.OFFENDER_ID ORDER BY t.DATE_CHANGED DESC LIMIT 1), -1)",
    "one open MANAGEMENT_TIER": "(SELECT OFFENDER_ID FROM MANAGEMENT_TIER WHERE END_DATE IS NULL"
        " GROUP BY OFFENDER_ID HAVING COUNT(*) <> 1) x",
    "CURRENT_HIGHEST_RISK_COLOUR": "OFFENDER o WHERE COALESCE(o.CURRENT_HIGHEST_RISK_COLOUR, '') <> COALESCE(("
        "SELECT UPPER(t.COLOUR) FROM REGISTRATION r JOIN R_REGISTER_TYPE t ON t.REGISTER_TYPE_ID = r.REGISTER_TYPE_ID"
        " WHERE r.OFFENDER_ID = o.OFFENDER_ID AND r.DEREGISTERED = 0 AND r.SOFT_DELETED = 0 ORDER BY CASE UPPER(t.COLOUR)"
        " WHEN 'RED' THEN 4 WHEN 'AMBER' THEN 3 WHEN 'GREEN' THEN 2 WHEN 'WHITE' THEN 1 ELSE 0 END DESC LIMIT 1), '')",
    "one active offender manager per person": "OFFENDER o WHERE (SELECT COUNT(*) FROM OFFENDER_MANAGER m"
        " WHERE m.OFFENDER_ID = o.OFFENDER_ID AND m.ACTIVE_FLAG = 1 AND m.SOFT_DELETED = 0) <> 1",
    "one current responsible officer per person": "OFFENDER o WHERE (SELECT COUNT(*) FROM RESPONSIBLE_OFFICER x"
        " WHERE x.OFFENDER_ID = o.OFFENDER_ID AND x.END_DATE IS NULL) <> 1",
    "unique event numbers": "(SELECT OFFENDER_ID, EVENT_NUMBER FROM EVENT WHERE SOFT_DELETED = 0"
        " GROUP BY OFFENDER_ID, EVENT_NUMBER HAVING COUNT(*) > 1) x",
    "at most one live disposal per event": "(SELECT EVENT_ID FROM DISPOSAL WHERE SOFT_DELETED = 0"
        " GROUP BY EVENT_ID HAVING COUNT(*) > 1) x",
    "DISPOSAL.UPW": "DISPOSAL d WHERE d.UPW <> CASE WHEN EXISTS (SELECT 1 FROM UPW_DETAILS u"
        " WHERE u.DISPOSAL_ID = d.DISPOSAL_ID) THEN 1 ELSE 0 END",
    "RAR_COUNT on RAR requirements": RQ + " WHERE mc.CODE = 'F' AND q.RAR_COUNT IS NULL",
    "breach only on active events": "EVENT WHERE IN_BREACH = 1 AND ACTIVE_FLAG = 0",
    "CRN format": "OFFENDER WHERE LENGTH(CRN) <> 7 OR SUBSTR(CRN, 1, 1) NOT BETWEEN 'A' AND 'Z'"
                  " OR SUBSTR(CRN, 2, 6) NOT BETWEEN '000000' AND '999999'",
    "ended rows end after they start": "OFFENDER_ADDRESS WHERE END_DATE < START_DATE",
    "terminations before 2025-06 (ended things are in the past)": "DISPOSAL WHERE TERMINATION_DATE >= '2025-06-01'",
    "CONTACT_ID_SEQ above the contacts": "DELIUSD_SEQUENCE WHERE NAME = 'CONTACT_ID_SEQ'"
        " AND NEXT_VALUE <= (SELECT MAX(CONTACT_ID) FROM CONTACT)",
    "DOCUMENT_ID_SEQ above the documents": "DELIUSD_SEQUENCE WHERE NAME = 'DOCUMENT_ID_SEQ'"
        " AND NEXT_VALUE <= (SELECT MAX(DOCUMENT_ID) FROM DOCUMENT)",
}


@pytest.mark.parametrize("rule", list(CONSISTENCY))
def test_consistent(seeded, rule):
    assert seeded.scalar(f"SELECT COUNT(*) FROM {CONSISTENCY[rule]}") == 0, rule


def test_crns_are_derived_from_the_person_number(seeded):
    assert seeded.query("SELECT MIN(CRN), MAX(CRN), COUNT(DISTINCT CRN) FROM OFFENDER") == [
        ("A000001", "A001000", PEOPLE)]


def test_names_are_obviously_fictional(seeded):
    surnames = {r[0] for r in seeded.query("SELECT DISTINCT SURNAME FROM OFFENDER")}
    assert "Testperson" in surnames and len(surnames) > 5


@pytest.mark.skipif(BACKEND != "sqlite", reason="SQLite PRAGMA")
def test_foreign_keys_hold(seeded):
    assert seeded.query("PRAGMA foreign_key_check") == []
    assert seeded.query("PRAGMA integrity_check") == [("ok",)]
