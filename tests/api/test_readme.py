"""
README.md examples stay true: every ```sh block with a curl in README.md runs
against a server on demo data seeded as `make run` seeds it (1000 people,
random seed 1), with the README's own commands (build/deliusd token with the
default key path data/dev-key.pem, curl against localhost:8080 rewritten to the
test server's port). Each curl must answer 200 unless its line ends with
`# → <status>`; a 200 application/json body must be JSON. And every operation
of /v3/api-docs has at least one curl example in the README.
"""
import json
import os
import re
import subprocess

import pytest

from conftest import ADMIN, BIN, ROOT, Deliusd, drop_database, new_database, run
from openapi_check import template_regex

README = os.path.join(ROOT, "README.md")
MARK = "@@HTTP"


def sh_blocks():
    text = open(README, encoding="utf-8").read()
    return [b for b in re.findall(r"```sh\n(.*?)```", text, flags=re.S) if re.search(r"^\s*curl ", b, re.M)]


def curl_lines(block):
    return [l for l in block.splitlines() if re.match(r"\s*curl ", l)]


def expected_status(line):
    m = re.search(r"#\s*→\s*(\d{3})\s*$", line)
    return int(m.group(1)) if m else 200


@pytest.fixture(scope="module")
def demo(keys, module_tmp):
    db = new_database(module_tmp)
    run(["seed", "--people", "1000", "--random-seed", "1", "--quiet"], env={"DELIUSD_DATABASE": db.url})
    work = os.path.join(module_tmp, "readme")
    store = os.path.join(work, "documents")  # the document store, with a file for every document row
    os.makedirs(store, exist_ok=True)
    for (doc_id,) in db.query("SELECT ALFRESCO_DOCUMENT_ID FROM DOCUMENT WHERE ALFRESCO_DOCUMENT_ID IS NOT NULL"):
        with open(os.path.join(store, doc_id), "wb") as f:
            f.write(b"%PDF-1.4 demo document " + doc_id.encode())
    d = Deliusd(db, keys, tmpdir=module_tmp, env={"DELIUSD_DOCUMENT_STORE": store}).start()
    os.makedirs(os.path.join(work, "build"), exist_ok=True)
    os.makedirs(os.path.join(work, "data"), exist_ok=True)
    for link, target in ((os.path.join(work, "build", "deliusd"), BIN),
                         (os.path.join(work, "data", "dev-key.pem"), keys["private"])):
        if not os.path.lexists(link):
            os.symlink(target, link)
    d.readme_dir = work
    yield d
    d.stop()
    drop_database(db)


def run_block(demo, block):
    script = block.replace("localhost:8080", f"127.0.0.1:{demo.port}")
    prelude = f"set -u\ncurl() {{ command curl -sS -w '\\n{MARK} %{{http_code}} %{{content_type}}\\n' \"$@\"; }}\n"
    p = subprocess.run(["bash", "-c", prelude + script], cwd=demo.readme_dir, capture_output=True, text=True,
                       timeout=120, env=dict(os.environ, DELIUSD_DATABASE=demo.db.url))
    assert p.returncode == 0, (block, p.stderr)
    results, body = [], []
    for line in p.stdout.split("\n"):
        if line.startswith(MARK):
            _, status, *ctype = line.split(" ")
            results.append((int(status), " ".join(ctype), "\n".join(body)))
            body = []
        else:
            body.append(line)
    return results


def test_readme_has_examples():
    assert sum(len(curl_lines(b)) for b in sh_blocks()) >= 15


@pytest.mark.parametrize("block", sh_blocks(), ids=lambda b: curl_lines(b)[0].split("localhost:8080")[-1][:40])
def test_readme_example_runs(demo, block):
    lines = curl_lines(block)
    results = run_block(demo, block)
    assert len(results) == len(lines), (block, results)
    for line, (status, ctype, body) in zip(lines, results):
        assert status == expected_status(line), (line, status, body[:300])
        if status == 200 and ctype.startswith("application/json") and " -o " not in line:
            json.loads(body)
        if status >= 400:
            assert "status" in json.loads(body), (line, body)


def test_every_route_has_a_readme_example(demo):
    doc = demo.get("/v3/api-docs").json()
    urls = []
    for b in sh_blocks():
        for line in curl_lines(b):
            urls += re.findall(r"localhost:8080(/[^\s\"'#]*)", line)
    missing = []
    for path, item in doc["paths"].items():
        if path.startswith("/swagger-ui/"):
            continue  # the Swagger UI: a browser page (tests/api/test_swagger_ui.py)
        if any("x-alias-of" in op for op in item.values()):
            continue  # a legacy alias path: its main path has the example
        rx, _ = template_regex(path)
        if not any(rx.match(u.split("?")[0]) for u in urls):
            missing.append(path)
    assert not missing, f"routes without a curl example in README.md: {missing}"
