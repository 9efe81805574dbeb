"""
/v3/api-docs: the OpenAPI document carries the contract (issue 14).

- docs/api/contract.json is what tools/seed2openapi.py makes from the seeds today;
- the document validates with @apidevtools/swagger-parser (npm, installed by
  scripts/install-test-tools into build/node-tools);
- every path of the route table (routes.c files: main and alias paths) is in it,
  and every documented operation is routed;
- component field sets, types and required flags equal the seeds' (read here
  from the seed text independently of the generator);
- parameters are typed; error responses have the route's body shape, checked
  against real 400/401/403/404 answers;
- every route answers its 200 with a body that validates against the document
  (on seeded demo data), beyond what openapi_check.py records for the whole suite.
"""
import glob
import json
import os
import re
import subprocess
import sys

import pytest

from conftest import ADMIN, BIN, ROOT, Deliusd, drop_database, new_database, run
from openapi_check import Document

sys.path.insert(0, os.path.join(ROOT, "tools"))
import seed2openapi  # noqa: E402

SEED_DIRS = [os.environ.get("DELIUSD_SEED_DIR", ""), os.path.join(ROOT, "..", "shared", "seeds"),
             "/work/shared/seeds"]
SEEDS = next((d for d in SEED_DIRS if d and glob.glob(os.path.join(d, "00*_*.txt"))), None)
HEADER = "NameTypeRequiredDescriptionSchema"


def install_tools():
    p = subprocess.run([os.path.join(ROOT, "scripts", "install-test-tools")], capture_output=True, text=True,
                       timeout=900, env=dict(os.environ, DELIUSD_NO_BROWSER="1"))
    assert p.returncode == 0, p.stderr
    return p.stdout.strip().splitlines()[-1]


@pytest.fixture(scope="module")
def doc(deliusd):
    r = deliusd.get("/v3/api-docs")
    assert r.status == 200 and r.headers["content-type"].startswith("application/json")
    return r.json()


@pytest.fixture(scope="module")
def contract():
    with open(os.path.join(ROOT, "docs", "api", "contract.json"), encoding="utf-8") as f:
        return json.load(f)


def test_contract_json_is_generated_from_the_seeds(contract):
    if SEEDS is None:
        pytest.fail("seed contracts not found (shared/seeds beside the repository, or DELIUSD_SEED_DIR): the contract cannot be checked")
    fresh = json.loads(json.dumps(seed2openapi.generate(SEEDS)))
    assert fresh == contract, "docs/api/contract.json is stale: run tools/seed2openapi.py > docs/api/contract.json"


def test_document_validates_with_swagger_parser(doc, tmp_path):
    modules = install_tools()
    f = tmp_path / "api-docs.json"
    f.write_text(json.dumps(doc))
    p = subprocess.run(["node", os.path.join(ROOT, "tests", "tools", "validate-openapi.js"), str(f)],
                       capture_output=True, text=True, timeout=120, env=dict(os.environ, NODE_PATH=modules))
    assert p.returncode == 0, p.stdout + p.stderr
    out = json.loads(p.stdout)
    assert out["valid"] and out["paths"] == len(doc["paths"]), out


def route_table():
    """Every (METHOD, path) of the assembled route table, aliases included (`deliusd routes`)."""
    lines = run(["routes"]).stdout.splitlines()
    return {tuple(l.split(" ")[:2]) for l in lines}


def test_every_route_of_the_table_is_documented_and_every_operation_routed(doc, deliusd):
    table = route_table()
    assert {("GET", "/tier-details/{crn}"), ("GET", "/case-data/{crn}/{eventId}"), ("GET", "/health")} <= table
    documented = {(m.upper(), p) for p, item in doc["paths"].items() for m in item}
    assert not sorted(table - documented), f"routes not in /v3/api-docs: {sorted(table - documented)}"
    assert not sorted(documented - table), f"documented but not in the route table: {sorted(documented - table)}"
    for path, item in doc["paths"].items():
        concrete = re.sub(r"\{[^}]+\}", "1", path)
        for method in item:
            r = deliusd.request(method.upper(), concrete, body={} if method == "post" else None)
            assert not (r.status in (404, 405) and "error" in r.json()), (method, path, r)


def seed_field_sets(seed_text):
    """{schema: {field: (type, required)}} read straight from the seed lines: a field
    line belongs to the schema whose header line came last before it."""
    lines = [l.strip() for l in seed_text.splitlines() if l.strip()]
    lines = lines[lines.index("Schemas") + 1:]
    out, current = {}, None
    for i, l in enumerate(lines):
        if l == HEADER:
            name = lines[i - 1] if " " not in lines[i - 1] else lines[i - 2]  # "Name" [description]
            current = out.setdefault(name, {})
            continue
        m = seed2openapi.FIELD.match(l)
        if m and current is not None:
            current[m.group(1)] = (m.group(2), m.group(3) == "true")
    return out


def test_schema_field_sets_equal_the_seeds(doc):
    if SEEDS is None:
        pytest.fail("seed contracts not found (shared/seeds beside the repository, or DELIUSD_SEED_DIR): the contract cannot be checked")
    components = doc["components"]["schemas"]
    compared = 0
    for num, service in seed2openapi.SERVICES.items():
        text = open(glob.glob(os.path.join(SEEDS, f"{num}_*.txt"))[0], encoding="utf-8").read()
        for name, fields in seed_field_sets(text).items():
            comp = components.get(name) or components.get(f"{service}.{name}")
            assert comp is not None, f"seed {num} schema {name} is not a component"
            props = comp.get("properties", {})
            assert set(props) == set(fields), (num, name, set(props) ^ set(fields))
            assert set(comp.get("required", [])) == {f for f, (_, req) in fields.items() if req}, (num, name)
            for f, (type_, _) in fields.items():
                p = props[f]
                actual = p.get("type") or ("object" if "$ref" in p else None)
                assert actual == type_, (num, name, f, p, type_)
            assert comp.get("additionalProperties") is False, name
            compared += 1
    assert compared >= 80, compared
    # spot checks of the seed layout's harder cases (a Ref after a description line)
    assert components["PssRequirements"]["properties"]["pssRequirements"]["items"] == \
        {"$ref": "#/components/schemas/PssRequirement"}
    assert components["StaffDetails"]["properties"]["staff"] == {"$ref": "#/components/schemas/Human"}
    assert set(components["Human"]["properties"]) == {"forenames", "surname"}


def test_parameters_are_typed(doc):
    ps = {p["name"]: p for p in doc["paths"]["/case-data/{crn}/{eventId}"]["get"]["parameters"]}
    assert ps["eventId"]["schema"]["type"] == "integer" and ps["eventId"]["required"] is True
    assert ps["crn"]["schema"]["type"] == "string" and ps["crn"]["in"] == "path"
    for path, item in doc["paths"].items():
        for op in item.values():
            names = {p["name"] for p in op["parameters"] if p["in"] == "path"}
            assert names == set(re.findall(r"\{([^}]+)\}", path)), (path, names)
            for p in op["parameters"]:
                assert p["schema"]["type"] in ("string", "integer", "boolean", "array"), p
                if p["schema"]["type"] == "array":
                    assert p["in"] == "query" and p["schema"]["items"]["type"] == "string"


def test_security_and_roles_per_operation(doc):
    assert doc["components"]["securitySchemes"]["hmpps-auth"] == {
        "type": "http", "scheme": "bearer", "bearerFormat": "JWT",
        "description": doc["components"]["securitySchemes"]["hmpps-auth"]["description"]}
    op = doc["paths"]["/tier-details/{crn}"]["get"]
    assert op["security"] == [{"hmpps-auth": []}]
    assert op["x-roles"] == ["ROLE_PROBATION_API__TIER__CASE_DETAIL", "ROLE_TIER_DETAILS", ADMIN]
    assert doc["paths"]["/health"]["get"]["security"] == []
    for path, item in doc["paths"].items():
        for op in item.values():
            if op["security"]:
                assert op["x-roles"][-1] == ADMIN and all(r in op["description"] for r in op["x-roles"])
                assert {"401", "403"} <= set(op["responses"]), path


def test_every_json_operation_has_a_200_schema(doc):
    bare = [f"{m.upper()} {p}" for p, item in doc["paths"].items() for m, op in item.items()
            if "application/json" in op["responses"]["200"].get("content", {})
            and "schema" not in op["responses"]["200"]["content"]["application/json"]]
    assert not bare, f"operations whose 200 has no schema (set the route's .schema, \"Name\" or \"Name[]\"): {bare}"


def test_error_bodies_match_the_documented_shapes(doc, deliusd):
    d = Document(doc)
    checked = 0
    for path, item in doc["paths"].items():
        for method, op in item.items():
            concrete = re.sub(r"\{[^}]+\}", "1", path)
            cases = []
            if op["security"]:
                cases.append((401, {}))
                cases.append((403, {"roles": ["ROLE_SOMETHING_ELSE"]}))
            for status, kw in cases:
                r = deliusd.request(method.upper(), concrete, body={} if method == "post" else None, **kw)
                assert r.status == status, (path, r)
                errs = d.errors(r.json(), d.response_schema(op, status))
                assert not errs, (path, status, r.json(), errs)
                checked += 1
    # 400 (bad integer path variable) and 404 (unknown person) of a protected route
    op = doc["paths"]["/case-data/{crn}/{eventId}"]["get"]
    r = deliusd.get("/case-data/X1/notanumber", roles=[ADMIN])
    assert r.status == 400 and not d.errors(r.json(), d.response_schema(op, 400))
    r = deliusd.get("/case-data/X1/1", roles=[ADMIN])
    assert r.status == 404 and not d.errors(r.json(), d.response_schema(op, 404))
    assert checked >= 10


# ------------------------------------------------ every route, on demo data

@pytest.fixture(scope="module")
def seeded(keys, module_tmp):
    db = new_database(module_tmp)
    run(["seed", "--people", "40", "--random-seed", "7", "--quiet"], env={"DELIUSD_DATABASE": db.url})
    d = Deliusd(db, keys, tmpdir=module_tmp, env={"DELIUSD_TODAY": "2024-06-01"}).start()
    yield d
    d.stop()
    drop_database(db)


def sample_values(d):
    """Path variable values that exist in the demo data."""
    crn, event_no, event_id = d.query(
        "SELECT o.CRN, e.EVENT_NUMBER, e.EVENT_ID FROM OFFENDER o JOIN EVENT e ON e.OFFENDER_ID = o.OFFENDER_ID "
        "WHERE o.SOFT_DELETED = 0 AND e.SOFT_DELETED = 0 AND e.ACTIVE_FLAG = 1 ORDER BY o.OFFENDER_ID LIMIT 1")[0]
    user = d.query("SELECT DISTINGUISHED_NAME FROM USER_ WHERE DISTINGUISHED_NAME IS NOT NULL LIMIT 1")
    return {"crn": crn, "eventId": str(event_no), "convictionId": str(event_id),
            "username": user[0][0] if user else "someone"}


def test_every_route_answers_200_matching_its_schema(seeded):
    doc = seeded.get("/v3/api-docs").json()
    d = Document(doc)
    values = sample_values(seeded)
    ok, not_found = [], []
    for path, item in doc["paths"].items():
        for method, op in item.items():
            if method != "get" or any(p["required"] and p["in"] == "query" for p in op["parameters"]):
                continue
            if path.startswith("/swagger-ui"):
                continue
            concrete = re.sub(r"\{([^}]+)\}", lambda m: values.get(m.group(1), "1"), path)
            r = seeded.get(concrete, roles=[ADMIN])
            if r.status == 404:
                not_found.append(path)
                continue
            assert r.status == 200, (path, r)
            schema = d.response_schema(op, 200, r.headers["content-type"].split(";")[0])
            if r.headers["content-type"].startswith("application/json"):
                errs = d.errors(r.json(), schema)
                assert not errs, (path, errs[:5])
            ok.append(path)
    for must in ("/tier-details/{crn}", "/person/{crn}", "/case-data/{crn}/{eventId}",
                 "/case-data/{crn}/personal-details", "/users/{username}/access/{crn}", "/probation-cases"):
        assert must in ok, (must, not_found)


def test_recorder_catches_a_body_that_differs_from_the_document(doc, deliusd):
    """The suite-wide check (openapi_check.py) can fail: a body with an unknown field, a
    missing required field or a wrong type is reported; a matching one is not."""
    from conftest import Response, free_port
    from openapi_check import Recorder
    rec = Recorder()
    rec.document = Document(doc)
    ok = {"crn": "A000001", "name": {"forenames": "A", "surname": "B"}}
    for body in (ok, {**ok, "extra": 1}, {"name": ok["name"]}, {**ok, "crn": 5}):
        rec.record(deliusd.port, "GET", "/person/A000001",
                   Response(200, [("Content-Type", "application/json")], json.dumps(body).encode()))
    assert rec.checked == 4 and len(rec.problems) == 3, rec.problems
    with pytest.raises(AssertionError, match="3 response"):
        rec.check()
    rec.record(deliusd.port, "GET", "/no/such/route", Response(200, [("Content-Type", "application/json")], b"{}"))
    assert "not in /v3/api-docs" in rec.problems[0]
    # a recorder that can never fetch the document does not pass silently
    blind = Recorder()
    blind.record(free_port(), "GET", "/person/A000001",
                 Response(200, [("Content-Type", "application/json")], json.dumps(ok).encode()))
    assert blind.checked == 0 and blind.unchecked == 1
    with pytest.raises(AssertionError, match="could never be fetched"):
        blind.check()
