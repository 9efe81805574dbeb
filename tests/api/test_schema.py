"""Schema and reference-data checks for `deliusd migrate` (src/db/schema/*.sql).

Runs the real binary against a fresh SQLite file, then checks the result against
delius-schema.md:

  * every table and column of the spec exists, with the spec's nullability and primary keys;
  * every index the spec names exists;
  * migrating a second time applies nothing and changes nothing;
  * the reference data the logic depends on is present and referentially intact;
  * the look-ups the endpoints and consumers make are served by an index
    (EXPLAIN QUERY PLAN shows no bare `SCAN <table>`).

Environment:
  DELIUSD_BIN       the binary (default build/deliusd, relative to the repository root)
  DELIUSD_SPEC_DIR  the spec directory (default ../shared/spec next to the repository, then
                    /work/shared/spec)
The database path is handed to the binary in DELIUSD_DATABASE (a temporary file).

Python 3 standard library + sqlite3 + pytest only.
"""

import os
import re
import sqlite3
import subprocess
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SCHEMA_DIR = REPO / "src" / "db" / "schema"


def _binary() -> Path:
    p = Path(os.environ.get("DELIUSD_BIN", "build/deliusd"))
    return p if p.is_absolute() else REPO / p


def _spec_file() -> Path:
    candidates = []
    if os.environ.get("DELIUSD_SPEC_DIR"):
        d = Path(os.environ["DELIUSD_SPEC_DIR"])
        candidates.append(d if d.is_absolute() else REPO / d)
    candidates += [REPO.parent / "shared" / "spec", Path("/work/shared/spec")]
    for d in candidates:
        if (d / "delius-schema.md").is_file():
            return d / "delius-schema.md"
    pytest.fail("delius-schema.md not found in any of: " + ", ".join(str(c) for c in candidates))


def parse_spec(path: Path):
    """Returns {table: {"columns": [(name, type, null, key)], "indexes": [name]}} in spec order.

    Tables are the level-3 headings `### NAME`; columns are the rows of the `| Column | ...`
    table under each heading (first cell = the column name); indexes are the bullets
    `- `NAME` on (...)`.
    """
    tables = {}
    current = None
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^### ([A-Z_0-9]+)\s*$", line)
        if m:
            current = tables.setdefault(m.group(1), {"columns": [], "indexes": []})
            continue
        if line.startswith("## ") or line.startswith("### "):
            current = None
            continue
        if current is None:
            continue
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if cells and re.match(r"^[A-Z_0-9]+$", cells[0]) and len(cells) >= 4:
                current["columns"].append((cells[0], cells[1], cells[2], cells[3]))
            continue
        m = re.match(r"^- `([A-Z_0-9]+)` on \(", line)
        if m:
            current["indexes"].append(m.group(1))
    return tables


def run_migrate(db_path: Path):
    binary = _binary()
    env = dict(os.environ)
    env["DELIUSD_DATABASE"] = str(db_path)
    return subprocess.run([str(binary), "migrate"], env=env, cwd=str(REPO), capture_output=True,
                          text=True, timeout=120)


@pytest.fixture(scope="module")
def spec():
    tables = parse_spec(_spec_file())
    assert len(tables) == 84, f"expected 84 tables in delius-schema.md, parsed {len(tables)}"
    return tables


@pytest.fixture(scope="module")
def migrated():
    if not _binary().is_file():
        pytest.skip(f"{_binary()} not built (run make)")
    with tempfile.TemporaryDirectory(prefix="deliusd-schema-") as d:
        db = Path(d) / "schema.db"
        r = run_migrate(db)
        assert r.returncode == 0, f"migrate failed ({r.returncode}):\n{r.stdout}\n{r.stderr}"
        yield db


@pytest.fixture()
def conn(migrated):
    c = sqlite3.connect(str(migrated))
    c.execute("PRAGMA foreign_keys = ON")
    yield c
    c.close()


def table_names(c):
    return {r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


# --------------------------------------------------------------------------------------------
# (a) tables, columns, nullability, keys, indexes


def test_every_spec_table_and_column_exists(spec, conn):
    existing = table_names(conn)
    missing_tables = [t for t in spec if t not in existing]
    missing_columns = []
    for t, d in spec.items():
        if t not in existing:
            continue
        have = {r[1] for r in conn.execute(f"PRAGMA table_info({t})")}
        missing_columns += [f"{t}.{col}" for col, _, _, _ in d["columns"] if col not in have]
    assert not missing_tables and not missing_columns, (
        f"missing tables: {missing_tables}\nmissing columns: {missing_columns}")


def test_no_columns_beyond_the_spec(spec, conn):
    extra = []
    for t, d in spec.items():
        want = {col for col, _, _, _ in d["columns"]}
        extra += [f"{t}.{r[1]}" for r in conn.execute(f"PRAGMA table_info({t})") if r[1] not in want]
    assert not extra, f"columns not in delius-schema.md: {extra}"


def test_nullability_and_primary_keys_match_the_spec(spec, conn):
    wrong = []
    for t, d in spec.items():
        info = {r[1]: r for r in conn.execute(f"PRAGMA table_info({t})")}
        for col, typ, null, key in d["columns"]:
            if col not in info:
                continue
            _, _, decl, notnull, _, pk = info[col]
            if (null == "NO") != bool(notnull) and not (null == "NO" and pk):
                wrong.append(f"{t}.{col}: spec Null={null}, NOT NULL={bool(notnull)}")
            if key.startswith("PK") != bool(pk):
                wrong.append(f"{t}.{col}: spec Key={key!r}, pk position={pk}")
            expected = {"INTEGER": "INTEGER", "BOOLEAN": "INTEGER", "DECIMAL": "REAL"}.get(typ, "TEXT")
            if decl.upper() != expected:
                wrong.append(f"{t}.{col}: declared {decl}, expected {expected} for spec type {typ}")
    assert not wrong, "\n".join(wrong)


def test_boolean_and_yesno_columns_are_checked(spec, conn):
    """A BOOLEAN column rejects 2 and a YESNO column rejects 'X' (CHECK constraints)."""
    sql = {r[0]: r[1] for r in conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'")}
    unchecked = []
    for t, d in spec.items():
        for col, typ, _, _ in d["columns"]:
            if typ == "BOOLEAN" and not re.search(rf"CHECK \({col} IN \(0, 1\)\)", sql[t]):
                unchecked.append(f"{t}.{col} (BOOLEAN)")
            if typ == "YESNO" and not re.search(rf"CHECK \({col} IN \('Y', 'N'\)\)", sql[t]):
                unchecked.append(f"{t}.{col} (YESNO)")
    assert not unchecked, f"missing CHECK constraints: {unchecked}"
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("UPDATE R_CONTACT_TYPE SET ATTENDANCE_CONTACT = 'X' WHERE CODE = 'ETCH20'")
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("UPDATE ORGANISATION SET ACTIVE_FLAG = 2")
    conn.rollback()


def test_every_spec_index_exists(spec, conn):
    have = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    missing = [f"{t}.{i}" for t, d in spec.items() for i in d["indexes"] if i not in have]
    assert not missing, f"missing indexes: {missing}"


def test_deliusd_tables(conn):
    existing = table_names(conn)
    for t in ("DELIUSD_SCHEMA_MIGRATION", "DELIUSD_SEQUENCE", "DELIUSD_QUEUE_MESSAGE", "DELIUSD_DEAD_LETTER"):
        assert t in existing, f"{t} missing"
    assert "DELIUSD_MESSAGE" not in existing  # the 0001 draft, replaced by migration 0003
    cols = [r[1] for r in conn.execute("PRAGMA table_info(DELIUSD_QUEUE_MESSAGE)")]
    assert cols == ["ID", "QUEUE", "MESSAGE_ID", "BODY", "RECEIVE_COUNT", "VISIBLE_AT", "ENQUEUED_AT",
                    "LAST_ERROR"]
    seqs = dict(conn.execute("SELECT NAME, NEXT_VALUE FROM DELIUSD_SEQUENCE"))
    assert {"CONTACT_ID_SEQ", "DOCUMENT_ID_SEQ"} <= set(seqs)
    for name in ("CONTACT_ID_SEQ", "DOCUMENT_ID_SEQ"):
        table, col = ("CONTACT", "CONTACT_ID") if name == "CONTACT_ID_SEQ" else ("DOCUMENT", "DOCUMENT_ID")
        top = conn.execute(f"SELECT COALESCE(MAX({col}), 0) FROM {table}").fetchone()[0]
        assert seqs[name] > top, f"{name} = {seqs[name]} is not above the largest {table}.{col} {top}"


def test_every_schema_file_is_recorded(conn):
    files = sorted(p.name for p in SCHEMA_DIR.glob("*.sql"))
    recorded = sorted(r[0] for r in conn.execute("SELECT VERSION FROM DELIUSD_SCHEMA_MIGRATION"))
    assert recorded == files, (
        f"DELIUSD_SCHEMA_MIGRATION {recorded} != {files} (is {_binary()} older than the schema files? run make)")


# --------------------------------------------------------------------------------------------
# (b) migrating twice


def _snapshot(db: Path):
    c = sqlite3.connect(str(db))
    try:
        snap = {}
        for (t,) in c.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"):
            snap[t] = sorted(c.execute(f"SELECT * FROM {t}").fetchall(), key=repr)
        snap["__schema__"] = sorted(c.execute("SELECT type, name, sql FROM sqlite_master").fetchall(), key=repr)
        return snap
    finally:
        c.close()


def test_second_migrate_applies_nothing(migrated):
    before = _snapshot(migrated)
    r = run_migrate(migrated)
    assert r.returncode == 0, f"second migrate failed ({r.returncode}):\n{r.stdout}\n{r.stderr}"
    after = _snapshot(migrated)
    assert len(after["DELIUSD_SCHEMA_MIGRATION"]) == len(before["DELIUSD_SCHEMA_MIGRATION"])
    assert after["DELIUSD_SCHEMA_MIGRATION"] == before["DELIUSD_SCHEMA_MIGRATION"]
    changed = [t for t in before if before[t] != after.get(t)]
    assert not changed, f"second migrate changed: {changed}"
    assert "applied migration" not in r.stderr, r.stderr


# --------------------------------------------------------------------------------------------
# reference data


def ref_codes(c, set_name):
    return {r[0]: r[1] for r in c.execute(
        "SELECT S.CODE_VALUE, S.CODE_DESCRIPTION FROM R_STANDARD_REFERENCE_LIST S"
        " JOIN R_REFERENCE_DATA_MASTER M ON M.REFERENCE_DATA_MASTER_ID = S.REFERENCE_DATA_MASTER_ID"
        " WHERE M.CODE_SET_NAME = ?", (set_name,))}


def test_foreign_keys_hold(conn):
    bad = conn.execute("PRAGMA foreign_key_check").fetchall()
    assert not bad, f"foreign key violations after migrate: {bad[:20]}"


def test_reference_codes_the_logic_depends_on(conn):
    tiers = ref_codes(conn, "TIER")
    assert {f"U{l}{d}" for l in "ABCD" for d in range(4)} <= set(tiers)
    assert "ATS" in ref_codes(conn, "TIER CHANGE REASON")
    assert {"M", "P", "S"} <= set(ref_codes(conn, "ADDRESS STATUS"))
    assert {"M", "F"} <= set(ref_codes(conn, "GENDER"))
    enforcement = {"BRE01", "BRE02", "BRE03", "BRE04", "BRE05", "BRE06", "BRE07", "BRE08", "BRE10",
                   "BRE13", "BRE14", "BRE16", "REC01", "REC02", "REC03", "REC04", "REC05"}
    assert enforcement <= set(ref_codes(conn, "NSI OUTCOME"))
    assert {"ACR", "LED", "HDE", "PED", "SED", "EXP", "PSSED", "POM1", "POM2"} <= set(ref_codes(conn, "KEY DATE TYPE"))
    assert ref_codes(conn, "COURT APPEARANCE OUTCOME").get("101") == "Adjourned - Pre-Sentence Report"
    assert "S" in ref_codes(conn, "COURT APPEARANCE TYPE")
    assert {"M1", "M2", "M3"} <= set(ref_codes(conn, "REGISTER LEVEL"))
    assert {"M1", "M2", "M3", "M4"} <= set(ref_codes(conn, "REGISTER CATEGORY"))
    for name in ("GENDER IDENTITY", "ETHNICITY", "LANGUAGE", "NATIONALITY", "DISABILITY TYPE", "DISABILITY CONDITION",
                 "DISABILITY PROVISION", "DISABILITY PROVISION CATEGORY", "RELATIONSHIP", "REGISTER TYPE FLAG",
                 "CUSTODIAL STATUS", "UNITS", "OGRS OFFENCE CATEGORY"):
        assert ref_codes(conn, name), f"reference set {name} is empty"

    contact_types = {r[0]: r[1:] for r in conn.execute(
        "SELECT CODE, ATTENDANCE_CONTACT, NATIONAL_STANDARDS_CONTACT, SENSITIVE_CONTACT FROM R_CONTACT_TYPE")}
    assert {"ETCH20", "EASU", "C294", "C295"} <= set(contact_types)
    assert contact_types["C295"][:2] == ("Y", "Y")
    assert contact_types["C294"][2] in ("Y", "N")
    assert conn.execute("SELECT COLOUR FROM R_REGISTER_TYPE WHERE CODE = 'MAPPA'").fetchone() is not None
    colours = {r[0] for r in conn.execute("SELECT COLOUR FROM R_REGISTER_TYPE")}
    assert {"Red", "Amber", "Green", "White"} <= colours
    assert {"W", "F"} <= {r[0] for r in conn.execute("SELECT CODE FROM R_RQMNT_TYPE_MAIN_CATEGORY")}
    assert {"SP", "SC", "NC"} <= {r[0] for r in conn.execute("SELECT SENTENCE_TYPE FROM R_DISPOSAL_TYPE")}
    assert {f"REC{n:02d}" for n in range(1, 11)} <= {r[0] for r in conn.execute("SELECT CODE FROM R_NSI_STATUS")}
    assert {"BRE", "REC"} <= {r[0] for r in conn.execute("SELECT CODE FROM R_NSI_TYPE")}
    assert conn.execute("SELECT NOMIS_CDE_CODE FROM R_INSTITUTION WHERE CODE = 'WSIHMP'").fetchone() == ("WSI",)
    assert {"WPBI006", "CLBI007"} <= {r[0] for r in conn.execute(
        "SELECT BUSINESS_INTERACTION_CODE FROM BUSINESS_INTERACTION WHERE ENABLED_DATE IS NULL OR ENABLED_DATE <= '2001-01-01'")}
    assert conn.execute("SELECT AREA FROM PARTITION_AREA WHERE PARTITION_AREA_ID = 0").fetchone() == ("National Data",)
    users = {r[0] for r in conn.execute("SELECT DISTINGUISHED_NAME FROM USER_")}
    assert {"TierToDelius", "UnpaidWorkAndDelius", "CourtCaseAndDelius"} <= users


def test_every_probation_area_has_unallocated_staff_and_team(conn):
    missing = conn.execute(
        "SELECT P.CODE FROM PROBATION_AREA P"
        " WHERE NOT EXISTS (SELECT 1 FROM STAFF S WHERE S.OFFICER_CODE = P.CODE || 'UTSO')"
        "    OR NOT EXISTS (SELECT 1 FROM TEAM T WHERE T.CODE = P.CODE || 'UTS')").fetchall()
    assert not missing, f"areas without {{AREA}}UTSO staff / {{AREA}}UTS team: {missing}"


def test_reference_ids_stay_below_the_seed_range(conn):
    """Migrations keep their ids below 100000; deliusd seed uses ids from 100000 up."""
    high = []
    for (t,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'DELIUSD_%'"
                             " AND name NOT LIKE 'sqlite_%'"):
        pk = [r[1] for r in conn.execute(f"PRAGMA table_info({t})") if r[5] == 1]
        if pk and conn.execute(f"SELECT typeof({pk[0]}) FROM {t} LIMIT 1").fetchone() in (("integer",),):
            top = conn.execute(f"SELECT MAX({pk[0]}) FROM {t}").fetchone()[0]
            if top is not None and top >= 100000:
                high.append(f"{t}.{pk[0]} = {top}")
    assert not high, high


# --------------------------------------------------------------------------------------------
# (c) look-ups use an index

LOOKUPS = {
    "offender by CRN":
        "SELECT OFFENDER_ID FROM OFFENDER WHERE CRN = ? AND SOFT_DELETED = 0",
    "CRNs with an active event (probation-cases)":
        "SELECT O.CRN FROM OFFENDER O WHERE O.SOFT_DELETED = 0 AND EXISTS (SELECT 1 FROM EVENT E"
        " WHERE E.OFFENDER_ID = O.OFFENDER_ID AND E.SOFT_DELETED = 0 AND E.ACTIVE_FLAG = 1) ORDER BY O.CRN",
    "events by offender":
        "SELECT * FROM EVENT WHERE OFFENDER_ID = ? AND SOFT_DELETED = 0 AND ACTIVE_FLAG = 1 ORDER BY EVENT_ID",
    "event by offender and event number":
        "SELECT EVENT_ID FROM EVENT WHERE OFFENDER_ID = ? AND EVENT_NUMBER = ? AND ACTIVE_FLAG = 1 AND SOFT_DELETED = 0",
    "event by id and offender":
        "SELECT * FROM EVENT WHERE EVENT_ID = ? AND OFFENDER_ID = ? AND SOFT_DELETED = 0",
    "disposal by event":
        "SELECT * FROM DISPOSAL WHERE EVENT_ID = ? AND SOFT_DELETED = 0 AND ACTIVE_FLAG = 1",
    "custody by disposal":
        "SELECT * FROM CUSTODY WHERE DISPOSAL_ID = ? AND SOFT_DELETED = 0",
    "key dates by custody":
        "SELECT * FROM KEY_DATE WHERE CUSTODY_ID = ? AND SOFT_DELETED = 0 ORDER BY KEY_DATE_ID",
    "requirements by disposal":
        "SELECT R.RQMNT_ID, C.CODE, C.RESTRICTIVE FROM RQMNT R JOIN R_RQMNT_TYPE_MAIN_CATEGORY C"
        " ON C.RQMNT_TYPE_MAIN_CATEGORY_ID = R.RQMNT_TYPE_MAIN_CATEGORY_ID"
        " WHERE R.DISPOSAL_ID = ? AND R.SOFT_DELETED = 0 AND R.ACTIVE_FLAG = 1 ORDER BY R.RQMNT_ID",
    "main offence by event":
        "SELECT * FROM MAIN_OFFENCE WHERE EVENT_ID = ? AND SOFT_DELETED = 0",
    "registrations by offender":
        "SELECT G.REGISTRATION_ID, T.CODE FROM REGISTRATION G JOIN R_REGISTER_TYPE T ON T.REGISTER_TYPE_ID = G.REGISTER_TYPE_ID"
        " WHERE G.OFFENDER_ID = ? AND G.SOFT_DELETED = 0 AND G.DEREGISTERED = 0"
        " ORDER BY G.REGISTRATION_DATE DESC, G.REGISTRATION_ID DESC",
    "deregistrations by registration":
        "SELECT * FROM DEREGISTRATION WHERE REGISTRATION_ID = ?",
    "contacts by offender and event (attendances)":
        "SELECT C.CONTACT_ID FROM CONTACT C JOIN R_CONTACT_TYPE T ON T.CONTACT_TYPE_ID = C.CONTACT_TYPE_ID"
        " WHERE C.OFFENDER_ID = ? AND C.EVENT_ID = ? AND C.CONTACT_DATE <= ? AND C.SOFT_DELETED = 0"
        " AND T.ATTENDANCE_CONTACT = 'Y' AND T.NATIONAL_STANDARDS_CONTACT = 'Y' ORDER BY C.CONTACT_DATE, C.CONTACT_ID",
    "contacts by event":
        "SELECT CONTACT_ID FROM CONTACT WHERE EVENT_ID = ?",
    "contact by external reference":
        "SELECT CONTACT_ID FROM CONTACT WHERE EXTERNAL_REFERENCE = ? AND OFFENDER_ID = ? AND SOFT_DELETED = 0",
    "document by external reference":
        "SELECT DOCUMENT_ID FROM DOCUMENT WHERE EXTERNAL_REFERENCE = ?",
    "management tier by offender":
        "SELECT TIER_ID, DATE_CHANGED FROM MANAGEMENT_TIER WHERE OFFENDER_ID = ? ORDER BY DATE_CHANGED DESC LIMIT 1",
    "open management tier by offender":
        "SELECT * FROM MANAGEMENT_TIER WHERE OFFENDER_ID = ? AND END_DATE IS NULL ORDER BY DATE_CHANGED DESC",
    "exclusion by offender":
        "SELECT 1 FROM EXCLUSION WHERE OFFENDER_ID = ? AND (EXCLUSION_END_TIME IS NULL OR EXCLUSION_END_TIME > ?)",
    "exclusion by offender and user":
        "SELECT 1 FROM EXCLUSION WHERE OFFENDER_ID = ? AND USER_ID = ?",
    "restriction by offender":
        "SELECT 1 FROM RESTRICTION WHERE OFFENDER_ID = ? AND (RESTRICTION_END_TIME IS NULL OR RESTRICTION_END_TIME > ?)",
    "user by upper-cased name":
        "SELECT USER_ID FROM USER_ WHERE UPPER(DISTINGUISHED_NAME) = UPPER(?)",
    "service user by exact name":
        "SELECT USER_ID FROM USER_ WHERE DISTINGUISHED_NAME = ?",
    "NSIs by event":
        "SELECT NSI_ID FROM NSI WHERE EVENT_ID = ?",
    "NSIs by offender and event":
        "SELECT N.NSI_ID FROM NSI N JOIN R_NSI_TYPE T ON T.NSI_TYPE_ID = N.NSI_TYPE_ID"
        " WHERE N.OFFENDER_ID = ? AND N.EVENT_ID = ? AND T.CODE IN ('BRE', 'REC') ORDER BY N.NSI_ID",
    "enforcement NSIs by offender (tier)":
        "SELECT 1 FROM NSI N JOIN EVENT E ON E.EVENT_ID = N.EVENT_ID"
        " JOIN R_STANDARD_REFERENCE_LIST O ON O.STANDARD_REFERENCE_LIST_ID = N.NSI_OUTCOME_ID"
        " WHERE N.OFFENDER_ID = ? AND N.SOFT_DELETED = 0 AND E.SOFT_DELETED = 0 AND N.REFERRAL_DATE >= ?"
        " AND O.CODE_VALUE IN ('BRE01', 'REC01')",
    "NSI managers by NSI":
        "SELECT * FROM NSI_MANAGER WHERE NSI_ID = ? AND SOFT_DELETED = 0",
    "court appearances by event":
        "SELECT * FROM COURT_APPEARANCE WHERE EVENT_ID = ? AND OFFENDER_ID = ? AND SOFT_DELETED = 0"
        " ORDER BY APPEARANCE_DATE DESC",
    "court reports by appearance":
        "SELECT * FROM COURT_REPORT WHERE COURT_APPEARANCE_ID = ? AND SOFT_DELETED = 0",
    "documents by offender":
        "SELECT DOCUMENT_ID FROM DOCUMENT WHERE OFFENDER_ID = ? AND ALFRESCO_DOCUMENT_ID IS NOT NULL AND SOFT_DELETED = 0"
        " ORDER BY DOCUMENT_ID",
    "document by offender and store id":
        "SELECT DOCUMENT_NAME FROM DOCUMENT WHERE OFFENDER_ID = ? AND ALFRESCO_DOCUMENT_ID = ? AND SOFT_DELETED = 0",
    "active offender manager":
        "SELECT OFFENDER_MANAGER_ID FROM OFFENDER_MANAGER WHERE OFFENDER_ID = ? AND ACTIVE_FLAG = 1"
        " ORDER BY OFFENDER_MANAGER_ID LIMIT 1",
    "main address":
        "SELECT OFFENDER_ADDRESS_ID FROM OFFENDER_ADDRESS WHERE OFFENDER_ID = ? AND ADDRESS_STATUS_ID = ? AND SOFT_DELETED = 0",
    "reference code by set and code":
        "SELECT S.STANDARD_REFERENCE_LIST_ID FROM R_STANDARD_REFERENCE_LIST S JOIN R_REFERENCE_DATA_MASTER M"
        " ON M.REFERENCE_DATA_MASTER_ID = S.REFERENCE_DATA_MASTER_ID WHERE M.CODE_SET_NAME = ? AND S.CODE_VALUE = ?",
    "contact type by code":
        "SELECT CONTACT_TYPE_ID FROM R_CONTACT_TYPE WHERE CODE = ?",
    "staff by officer code":
        "SELECT STAFF_ID FROM STAFF WHERE OFFICER_CODE = ?",
    "team by code":
        "SELECT TEAM_ID FROM TEAM WHERE CODE = ?",
    "teams of a probation area":
        "SELECT TEAM_ID FROM TEAM WHERE PROBATION_AREA_ID = ?",
    "business interaction by code":
        "SELECT BUSINESS_INTERACTION_ID FROM BUSINESS_INTERACTION WHERE BUSINESS_INTERACTION_CODE = ?",
    "OASys assessment by offender":
        "SELECT OGRS_SCORE_2 FROM OASYS_ASSESSMENT WHERE OFFENDER_ID = ? AND SOFT_DELETED = 0"
        " ORDER BY ASSESSMENT_DATE DESC, LAST_UPDATED_DATETIME DESC LIMIT 1",
    "personal circumstances by offender":
        "SELECT * FROM PERSONAL_CIRCUMSTANCE WHERE OFFENDER_ID = ? AND SOFT_DELETED = 0",
    "next visible local message":
        "SELECT ID FROM DELIUSD_QUEUE_MESSAGE WHERE QUEUE = ? AND VISIBLE_AT <= ? ORDER BY VISIBLE_AT, ID LIMIT 10",
    "dead letters of a queue":
        "SELECT ID FROM DELIUSD_DEAD_LETTER WHERE QUEUE = ? ORDER BY ID",
}

INDEX_MARKERS = ("USING INDEX", "USING COVERING INDEX", "USING INTEGER PRIMARY KEY", "USING PRIMARY KEY")


def plan(c, sql):
    nparams = sql.count("?")
    return [r[3] for r in c.execute("EXPLAIN QUERY PLAN " + sql, (None,) * nparams)]


@pytest.mark.parametrize("name", sorted(LOOKUPS))
def test_lookup_uses_an_index(conn, name):
    details = plan(conn, LOOKUPS[name])
    text = "\n".join(details)
    bare_scans = [d for d in details if re.match(r"^SCAN \S+", d) and "USING" not in d]
    assert not bare_scans, f"{name}: full table scan\n{text}"
    assert any(m in d for d in details for m in INDEX_MARKERS), f"{name}: no index used\n{text}"
