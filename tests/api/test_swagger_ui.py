"""
Swagger UI at /swagger-ui/ (public), tested in a real headless browser: Debian's
chromium driven by playwright-core (both installed by scripts/install-test-tools).
The page loads, lists every operation of /v3/api-docs, takes a pasted bearer
token in "Authorize", and "Try it out" on GET /person/{crn} gets 200 with the
person. The screenshot goes to build/swagger-ui.png (never committed).
Without a UI directory, /swagger-ui/ answers a JSON 404 saying what to install.
"""
import json
import os
import subprocess

import pytest

from conftest import ROOT, TIER, Deliusd, drop_database, new_database, run


def tools():
    p = subprocess.run([os.path.join(ROOT, "scripts", "install-test-tools")], capture_output=True, text=True,
                       timeout=1800)
    assert p.returncode == 0, p.stderr
    return p.stdout.strip().splitlines()[-1]


@pytest.fixture(scope="module")
def ui_server(keys, module_tmp):
    modules = tools()
    db = new_database(module_tmp)
    run(["seed", "--people", "10", "--random-seed", "1", "--quiet"], env={"DELIUSD_DATABASE": db.url})
    d = Deliusd(db, keys, tmpdir=module_tmp,
                env={"DELIUSD_SWAGGER_UI_DIR": os.path.join(modules, "swagger-ui-dist")}).start()
    d.node_modules = modules
    yield d
    d.stop()
    drop_database(db)


def test_files_served_and_initializer_points_at_api_docs(ui_server):
    r = ui_server.get("/swagger-ui/")
    assert r.status == 200 and r.headers["content-type"].startswith("text/html")
    assert b"swagger-initializer.js" in r.body
    r = ui_server.get("/swagger-ui/swagger-initializer.js")
    assert r.status == 200 and b'url: "/v3/api-docs"' in r.body and b"petstore" not in r.body
    r = ui_server.get("/swagger-ui/swagger-ui-bundle.js")
    assert r.status == 200 and r.headers["content-type"].startswith("application/javascript") and len(r.body) > 100000
    for bad in ("/swagger-ui/.hidden", "/swagger-ui/no-such-file.js", "/swagger-ui/..%2f..%2fetc%2fpasswd",
                "/swagger-ui/%2e%2e"):
        r = ui_server.get(bad)
        assert r.status == 404 and r.json()["status"] == 404, (bad, r)


def test_without_a_directory_404_json_says_what_to_install(start_deliusd, tmp_path):
    for value in ("", str(tmp_path / "nothing-here")):
        d = start_deliusd(env={"DELIUSD_SWAGGER_UI_DIR": value})
        for path in ("/swagger-ui/", "/swagger-ui/index.html"):
            r = d.get(path)
            assert r.status == 404, r
            assert "DELIUSD_SWAGGER_UI_DIR" in r.json()["message"]


def test_headless_browser_try_it_out(ui_server):
    crn = ui_server.query("SELECT CRN FROM OFFENDER WHERE SOFT_DELETED = 0 ORDER BY OFFENDER_ID LIMIT 1")[0][0]
    token = ui_server.token([TIER])
    shot = os.path.join(ROOT, "build", "swagger-ui.png")
    os.makedirs(os.path.dirname(shot), exist_ok=True)
    p = subprocess.run(["node", os.path.join(ROOT, "tests", "tools", "swagger-ui-check.js"),
                        f"{ui_server.url}/swagger-ui/", token, crn, shot],
                       capture_output=True, text=True, timeout=180,
                       env=dict(os.environ, NODE_PATH=ui_server.node_modules))
    assert p.stdout.strip(), p.stderr
    out = json.loads(p.stdout.strip().splitlines()[-1])
    assert p.returncode == 0 and "error" not in out, out
    assert out["loaded"] and out["title"].startswith("deliusd")
    doc = ui_server.get("/v3/api-docs").json()
    documented = {f"{m.upper()} {path}" for path, item in doc["paths"].items() for m in item}
    assert set(out["operations"]) == documented
    assert out["authorized"]
    assert out["status"] == 200, out
    assert json.loads(out["body"])["crn"] == crn
    assert os.path.getsize(shot) > 10000
