"""
`deliusd check` (issue 14): on a migrated database nothing is missing (exit 0);
after a column, an index, a reference code, a service user and a sequence are
each removed, it names the missing piece and who needs it (exit 1), in text
and in --json. Runs on the suite's backend (SQLite, or PostgreSQL with
DELIUSD_TEST_BACKEND=postgres). An unreadable database exits 2.
"""
import json

import pytest

from conftest import BACKEND, run


def check(db, *args):
    return run(["check", *args], env={"DELIUSD_DATABASE": db.url}, check=False)


def test_migrated_database_passes(db_factory):
    db = db_factory()
    p = check(db)
    assert p.returncode == 0, p.stdout + p.stderr
    assert "nothing missing" in p.stdout and "MISSING" not in p.stdout
    assert "ok       GET /tier-details/{crn}" in p.stdout
    out = json.loads(check(db, "--json").stdout)
    assert out["ok"] is True and out["missing"] == 0 and out["checked"] >= 50
    whos = {r["who"] for r in out["results"]}
    assert {"GET /tier-details/{crn}", "GET /case-data/{crn}/{eventId}", "consumer tier.calculation.complete"} <= whos


REMOVALS = [
    # (SQLite refuses to drop an indexed column: the covering index of 0005 goes first)
    ("column", "DROP INDEX IX_OFFENDER_CRN_TIER; ALTER TABLE OFFENDER DROP COLUMN CURRENT_TIER", "GET /tier-details/{crn}",
     {"kind": "column", "table": "OFFENDER", "name": "CURRENT_TIER"}, "column OFFENDER.CURRENT_TIER"),
    ("index", "DROP INDEX IX_EXCLUSION_OFFENDER_USER", "GET /users/{username}/access/{crn}",
     {"kind": "index", "table": "EXCLUSION"}, "index on EXCLUSION (OFFENDER_ID,USER_ID)"),
    ("reference code", "DELETE FROM R_CONTACT_TYPE WHERE CODE = 'ETCH20'", "consumer tier.calculation.complete",
     {"kind": "reference code", "table": "R_CONTACT_TYPE", "name": "ETCH20"}, "reference code ETCH20 in R_CONTACT_TYPE.CODE"),
    ("service user", "DELETE FROM USER_ WHERE DISTINGUISHED_NAME = 'TierToDelius'", "consumer tier.calculation.complete",
     {"kind": "service user", "table": "USER_", "name": "TierToDelius"}, "service user TierToDelius"),
    ("sequence", "DELETE FROM DELIUSD_SEQUENCE WHERE NAME = 'CONTACT_ID_SEQ'", "consumer tier.calculation.complete",
     {"kind": "sequence", "table": "DELIUSD_SEQUENCE", "name": "CONTACT_ID_SEQ"}, "sequence CONTACT_ID_SEQ"),
    # court-case routes (issue 10): reviewPeriodMonths' column, and the index behind the latest deregistration
    ("court-case column", "ALTER TABLE R_REGISTER_TYPE DROP COLUMN REGISTER_REVIEW_PERIOD", "GET /probation-case/{crn}/registrations",
     {"kind": "column", "table": "R_REGISTER_TYPE", "name": "REGISTER_REVIEW_PERIOD"}, "column R_REGISTER_TYPE.REGISTER_REVIEW_PERIOD"),
    ("court-case index", "DROP INDEX IX_DEREGISTRATION_REGISTRATION", "GET /probation-case/{crn}/registrations",
     {"kind": "index", "table": "DEREGISTRATION"}, "index on DEREGISTRATION (REGISTRATION_ID)"),
]


@pytest.mark.parametrize("label,sql,who,expected,text", REMOVALS, ids=[r[0] for r in REMOVALS])
def test_names_the_missing_piece(db_factory, label, sql, who, expected, text):
    db = db_factory()
    for stmt in sql.split(";"):
        if stmt.strip():
            db.sql(stmt)
    p = check(db)
    assert p.returncode == 1, p.stdout + p.stderr
    assert f"MISSING  {who}:" in p.stdout and text in p.stdout, p.stdout
    assert " MISSING " in p.stdout.splitlines()[-1]
    out = json.loads(check(db, "--json").stdout)
    bad = [r for r in out["results"] if not r["ok"]]
    assert out["ok"] is False and out["missing"] == sum(len(r["missing"]) for r in bad) >= 1
    assert who in [r["who"] for r in bad]
    for r in bad:  # the one thing removed, and only it, is reported (wherever it is needed)
        for m in r["missing"]:
            assert {k: m[k] for k in expected} == expected, (r["who"], m)


def test_service_user_from_the_environment(db_factory):
    db = db_factory()
    p = run(["check"], env={"DELIUSD_DATABASE": db.url, "DELIUSD_SERVICE_USER_TIER": "SomeoneElse"}, check=False)
    assert p.returncode == 1 and "service user SomeoneElse" in p.stdout


def test_unreadable_database_exits_2(tmp_path):
    url = str(tmp_path / "missing.db") if BACKEND == "sqlite" else "host=/nonexistent dbname=x"
    p = run(["check"], env={"DELIUSD_DATABASE": url}, check=False)
    assert p.returncode == 2 and "cannot" in p.stderr
