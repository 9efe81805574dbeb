"""
tier.calculation.complete consumer (tier-to-delius.md §4.5, decision 10), end to end:
`deliusd publish` -> the embedded queue -> the worker in `deliusd serve` -> a local
Tier API stub (with a client-credentials token from a local token stub) -> rows.

Cases: changed tier (then a newer one end-dates it), unchanged tier, unknown person,
out-of-date calculation, Tier API 404, Tier API 500 twice then 200 (applied once),
the Tier API base URL when the event has no detailUrl, a tier code missing from the
reference data, redelivery of applied messages (nothing changes).
"""
import json

import pytest

from conftest import Deliusd, drop_database, new_database
from events_support import (Stub, consumer_env, dead_letters, domain_event, events_logged, make_case, publish,
                            require_transport, rows, wait_dead_letter, wait_idle)

require_transport()

UD2, UC2, UD0, ATS = 1015, 1011, 1013, 2001
ETCH20 = 1
TIER_USER = 1
CALC = "123e4567-e89b-12d3-a456-4266141740"


@pytest.fixture(scope="module")
def env(keys, module_tmp):
    stub = Stub()
    db = new_database(module_tmp)
    d = Deliusd(db, keys, env=consumer_env(stub, DELIUSD_TIER_API_URL=stub.url + "/hmpps-tier"),
                tmpdir=module_tmp).start()
    yield d, stub
    d.stop()
    drop_database(db)
    stub.close()


def calc(stub, crn, n, score, date, *statuses):
    """Tier API stub for calculation n of crn; returns the detail URL."""
    path = f"/hmpps-tier/crn/{crn}/tier/{CALC}{n:02d}"
    body = json.dumps({"tierScore": score, "calculationId": f"{CALC}{n:02d}", "calculationDate": date})
    stub.route("GET", path, *([(s, body if s == 200 else '{"status":500}') for s in statuses] or [(200, body)]))
    return stub.url + path


def event(crn, url, n=None):
    info = {"calculationId": f"{CALC}{n:02d}"} if n is not None else {}
    return domain_event("tier.calculation.complete", crn, url, info=info, version=2)


def tier_rows(db, oid):
    return rows(db, "SELECT TIER_ID, DATE_CHANGED, TIER_CHANGE_REASON_ID, END_DATE, PARTITION_AREA_ID, SOFT_DELETED,"
                    " ROW_VERSION, CREATED_BY_USER_ID, LAST_UPDATED_USER_ID FROM MANAGEMENT_TIER WHERE OFFENDER_ID = ?"
                    " ORDER BY DATE_CHANGED", (oid,))


def contact_rows(db, oid):
    return rows(db, "SELECT CONTACT_TYPE_ID, CONTACT_DATE, CONTACT_START_TIME, NOTES, STAFF_ID, TEAM_ID, EVENT_ID,"
                    " PROBATION_AREA_ID, EXTERNAL_REFERENCE, PARTITION_AREA_ID, SOFT_DELETED, ROW_VERSION,"
                    " CREATED_BY_USER_ID, LAST_UPDATED_USER_ID FROM CONTACT WHERE OFFENDER_ID = ? ORDER BY CONTACT_ID",
                (oid,))


def offender(db, oid):
    return rows(db, "SELECT CURRENT_TIER, ROW_VERSION, LAST_UPDATED_USER_ID, LAST_UPDATED_DATETIME FROM OFFENDER"
                    " WHERE OFFENDER_ID = ?", (oid,))[0]


def notes(date, tier):
    return f"Tier Change Date: {date}\nTier: {tier}\nTier Change Reason: Assessment - Tier Score"


def test_changed_tier_then_newer_tier_then_redelivery(env):
    d, stub = env
    oid = make_case(d.db, 101, "A000001")
    url1 = calc(stub, "A000001", 0, "D2", "2021-04-23T18:25:43.511Z")
    publish(d, event("A000001", url1, 0))
    wait_idle(d, "tier")
    assert offender(d.db, oid) == (UD2, 1, 1, "2020-01-01T00:00:00")  # LAST_UPDATED_* unchanged
    assert tier_rows(d.db, oid) == [(UD2, "2021-04-23T19:25:43.511", ATS, None, 0, 0, 0, TIER_USER, TIER_USER)]
    assert contact_rows(d.db, oid) == [
        (ETCH20, "2021-04-23", "2021-04-23T19:25:43.511", notes("23/04/2021 19:25:43", "D2"), 1, 1, None, None, None,
         0, 0, 0, TIER_USER, TIER_USER)]
    created = rows(d.db, "SELECT CREATED_DATETIME, LAST_UPDATED_DATETIME FROM CONTACT WHERE OFFENDER_ID = ?", (oid,))[0]
    assert created[0] == created[1] and len(created[0]) == 26 and created[0][10] == "T"
    # the detail was fetched with a client-credentials bearer token
    calls = stub.calls(f"/hmpps-tier/crn/A000001/tier/{CALC}00")
    assert len(calls) == 1 and calls[0][2]["Authorization"].startswith("Bearer tok-")
    assert {"tier": "D2", "calculationDate": "2021-04-23T19:25:43.511", "calculationId": f"{CALC}00"} in \
        events_logged(d, "TierUpdateSuccess")
    assert "A000001" not in "".join(line for line in d.log_text().splitlines() if '"telemetry"' in line)
    m = d.get("/metrics").text
    assert 'deliusd_events_total{event="TierUpdateSuccess"} 1' in m
    assert 'deliusd_events_total{event="TIER_CALCULATION_COMPLETE_RECEIVED"} 1' in m

    # a newer calculation end-dates the open tier
    url2 = calc(stub, "A000001", 1, "C2", "2021-04-24T18:25:43.511Z")
    publish(d, event("A000001", url2, 1))
    wait_idle(d, "tier")
    assert offender(d.db, oid)[:2] == (UC2, 2)
    t = tier_rows(d.db, oid)
    assert t[0][:4] == (UD2, "2021-04-23T19:25:43.511", ATS, "2021-04-24T19:25:43.511")
    assert t[0][6] == 1  # ROW_VERSION + 1
    assert t[1] == (UC2, "2021-04-24T19:25:43.511", ATS, None, 0, 0, 0, TIER_USER, TIER_USER)
    c = contact_rows(d.db, oid)
    assert len(c) == 2 and c[1][3] == notes("24/04/2021 19:25:43", "C2")

    # redelivery of both: nothing changes (out of order, then unchanged)
    before = (offender(d.db, oid), tier_rows(d.db, oid), contact_rows(d.db, oid))
    publish(d, event("A000001", url1, 0))
    publish(d, event("A000001", url2, 1))
    wait_idle(d, "tier")
    assert (offender(d.db, oid), tier_rows(d.db, oid), contact_rows(d.db, oid)) == before
    assert {"tier": "D2", "calculationDate": "2021-04-23T19:25:43.511", "calculationId": f"{CALC}00"} in \
        events_logged(d, "OutOfOrderMessageIgnored")
    assert {"tier": "C2", "calculationDate": "2021-04-24T19:25:43.511"} in events_logged(d, "UnchangedTierIgnored")


def test_unchanged_tier(env):
    d, stub = env
    oid = make_case(d.db, 102, "A000002", tier=UD2)
    publish(d, event("A000002", calc(stub, "A000002", 0, "D2", "2022-10-11T11:00:00Z"), 0))
    wait_idle(d, "tier")
    assert offender(d.db, oid)[:2] == (UD2, 0)
    assert tier_rows(d.db, oid) == [] and contact_rows(d.db, oid) == []
    assert {"tier": "D2", "calculationDate": "2022-10-11T12:00:00"} in events_logged(d, "UnchangedTierIgnored")


def test_unknown_person_is_acknowledged(env):
    d, stub = env
    before = d.db.scalar("SELECT COUNT(*) FROM CONTACT")
    publish(d, event("A999999", calc(stub, "A999999", 0, "D2", "2022-10-11T11:00:00Z"), 0))
    wait_idle(d, "tier")
    assert d.db.scalar("SELECT COUNT(*) FROM CONTACT") == before
    assert dead_letters(d, "tier", "A999999") == 0
    assert {"tier": "D2", "calculationDate": "2022-10-11T12:00:00"} in events_logged(d, "PersonNotFound")


def test_soft_deleted_person_is_unknown(env):
    d, stub = env
    oid = make_case(d.db, 103, "A000003", deleted=1)
    publish(d, event("A000003", calc(stub, "A000003", 0, "D2", "2022-10-11T11:00:00Z"), 0))
    wait_idle(d, "tier")
    assert offender(d.db, oid)[:2] == (None, 0) and tier_rows(d.db, oid) == []


def test_out_of_date_calculation_is_ignored(env):
    d, stub = env
    oid = make_case(d.db, 104, "A000004", tier=UC2)
    d.db.sql("INSERT INTO MANAGEMENT_TIER (OFFENDER_ID, TIER_ID, DATE_CHANGED, TIER_CHANGE_REASON_ID, PARTITION_AREA_ID,"
             " SOFT_DELETED, ROW_VERSION, CREATED_BY_USER_ID, CREATED_DATETIME, LAST_UPDATED_USER_ID,"
             " LAST_UPDATED_DATETIME) VALUES (?, ?, '2022-01-01T00:00:00', ?, 0, 0, 0, 1, '2022-01-01T00:00:00', 1,"
             " '2022-01-01T00:00:00')", (oid, UC2, ATS))
    before = tier_rows(d.db, oid)
    publish(d, event("A000004", calc(stub, "A000004", 0, "D2", "2021-04-23T18:25:43.511Z"), 0))
    wait_idle(d, "tier")
    assert offender(d.db, oid)[:2] == (UC2, 0)
    assert tier_rows(d.db, oid) == before and contact_rows(d.db, oid) == []
    assert {"tier": "D2", "calculationDate": "2021-04-23T19:25:43.511", "calculationId": f"{CALC}00"} in \
        events_logged(d, "OutOfOrderMessageIgnored")


def test_tier_api_404_is_acknowledged(env):
    d, stub = env
    oid = make_case(d.db, 105, "A000005")
    publish(d, event("A000005", stub.url + "/hmpps-tier/crn/A000005/tier/unknown", 99))
    wait_idle(d, "tier")
    assert tier_rows(d.db, oid) == [] and contact_rows(d.db, oid) == []
    assert {"calculationId": f"{CALC}99"} in [
        {k: v for k, v in p.items() if k == "calculationId"} for p in events_logged(d, "TierCalculationNotFound")]


def test_tier_api_500_twice_then_200_is_applied_once(env):
    d, stub = env
    oid = make_case(d.db, 106, "A000006")
    url = calc(stub, "A000006", 0, "D0", "2023-01-05T09:00:00Z", 500, 500, 200)
    publish(d, event("A000006", url, 0))
    wait_idle(d, "tier")
    assert len(stub.calls(url[len(stub.url):])) == 3
    assert offender(d.db, oid)[:2] == (UD0, 1)
    assert [r[:4] for r in tier_rows(d.db, oid)] == [(UD0, "2023-01-05T09:00:00", ATS, None)]
    assert len(contact_rows(d.db, oid)) == 1


def test_tier_api_base_url_without_detail_url(env):
    d, stub = env
    oid = make_case(d.db, 107, "A000007")
    calc(stub, "A000007", 7, "C2", "2023-02-01T10:00:00Z")
    publish(d, event("A000007", None, 7))
    wait_idle(d, "tier")
    assert len(stub.calls(f"/hmpps-tier/crn/A000007/tier/{CALC}07")) == 1
    assert offender(d.db, oid)[:2] == (UC2, 1)


def test_missing_tier_code_fails_the_message(env):
    d, stub = env
    oid = make_case(d.db, 108, "A000008")
    publish(d, event("A000008", calc(stub, "A000008", 0, "Z9", "2023-02-01T10:00:00Z"), 0))
    err = wait_dead_letter(d, "tier", "A000008")
    assert "TIER with code of UZ9 not found" in err
    assert tier_rows(d.db, oid) == [] and contact_rows(d.db, oid) == []


def test_no_active_manager_fails_and_writes_nothing(env):
    d, stub = env
    oid = make_case(d.db, 109, "A000009", manager=False)
    publish(d, event("A000009", calc(stub, "A000009", 0, "D2", "2023-02-01T10:00:00Z"), 0))
    err = wait_dead_letter(d, "tier", "A000009")
    assert "PersonManager with crn of A000009 not found" in err
    assert offender(d.db, oid)[:2] == (None, 0)
    assert tier_rows(d.db, oid) == [] and contact_rows(d.db, oid) == []


def test_tier_api_url_path_segments_are_encoded(env):
    d, stub = env
    publish(d, event("A/../x y", None, 8))
    wait_idle(d, "tier")
    assert [r[1] for r in stub.requests if "x%20y" in r[1]] == [f"/hmpps-tier/crn/A%2F..%2Fx%20y/tier/{CALC}08"]
