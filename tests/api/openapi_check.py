"""
Code and document cannot drift: every 200 JSON body the API suite receives is
validated against the schema /v3/api-docs gives for that operation.

conftest.py calls RECORDER.record() for each response (Deliusd.request) and
RECORDER.check() at the end of the session (an autouse session fixture, so a
mismatch is an error of the run). Bodies are kept up to MAX_PER_OPERATION per
operation and MAX_BODY bytes each, so the memory stays bounded.
"""
import http.client
import json
import re
import urllib.parse

import jsonschema

MAX_PER_OPERATION = 40
MAX_BODY = 4 << 20


def template_regex(path):
    parts = re.split(r"(\{[^}]+\})", path)
    rx = "".join("[^/]+" if p.startswith("{") else re.escape(p) for p in parts)
    literal = sum(1 for seg in path.split("/") if seg and not seg.startswith("{"))
    return re.compile("^" + rx + "$"), literal


class Document:
    """An OpenAPI document with operation look-up by concrete path."""

    def __init__(self, doc):
        self.doc = doc
        self.templates = [(template_regex(p), p) for p in doc["paths"]]

    def operation(self, method, path):
        """(template, operation) for a concrete request path, literal segments winning."""
        path = urllib.parse.unquote(path.split("?", 1)[0])
        best = None
        for (rx, literal), template in self.templates:
            if rx.match(path) and method.lower() in self.doc["paths"][template]:
                if best is None or literal > best[0]:
                    best = (literal, template)
        if best is None:
            return None, None
        return best[1], self.doc["paths"][best[1]][method.lower()]

    def response_schema(self, op, status, content_type="application/json"):
        resp = op.get("responses", {}).get(str(status))
        if resp is None:
            return None
        media = resp.get("content", {}).get(content_type)
        return None if media is None else media.get("schema")

    def errors(self, instance, schema):
        """Validation errors of instance against an operation schema (refs into components)."""
        root = {"$schema": "http://json-schema.org/draft-07/schema#", "allOf": [schema],
                "components": self.doc["components"]}
        v = jsonschema.Draft7Validator(root)
        return [f"{'/'.join(map(str, e.absolute_path)) or '$'}: {e.message}" for e in v.iter_errors(instance)]


def fetch_document(host, port):
    c = http.client.HTTPConnection(host, port, timeout=30)
    try:
        c.request("GET", "/v3/api-docs")
        r = c.getresponse()
        assert r.status == 200, r.status
        return Document(json.loads(r.read()))
    finally:
        c.close()


class Recorder:
    def __init__(self):
        self.document = None
        self.seen = {}       # (method, template) -> count
        self.problems = []
        self.unchecked = 0   # 200 JSON bodies seen while no document could be fetched
        self.checked = 0

    def record(self, port, method, path, response):
        if response.status != 200 or method == "HEAD":
            return
        ctype = response.headers.get("content-type", "")
        if not ctype.startswith("application/json") or len(response.body) > MAX_BODY:
            return
        if self.document is None:
            try:
                self.document = fetch_document("127.0.0.1", port)
            except (OSError, AssertionError):
                self.unchecked += 1
                return
        template, op = self.document.operation(method, path)
        if op is None:
            self.problems.append(f"{method} {path}: answered 200 but is not in /v3/api-docs")
            return
        key = (method, template)
        if self.seen.get(key, 0) >= MAX_PER_OPERATION:
            return
        self.seen[key] = self.seen.get(key, 0) + 1
        schema = self.document.response_schema(op, 200)
        if not schema:
            self.problems.append(f"{method} {template}: 200 JSON body, but the document gives no schema")
            return
        try:
            body = json.loads(response.body)
        except ValueError:
            self.problems.append(f"{method} {path}: 200 application/json body is not JSON")
            return
        errs = self.document.errors(body, schema)
        self.checked += 1
        if errs:
            self.problems.append(f"{method} {path} ({template}) does not match its 200 schema:\n    "
                                 + "\n    ".join(errs[:10]))

    def check(self):
        problems, self.problems = self.problems, []
        # a recorder that never managed to fetch the document would pass whatever the bodies were
        if self.unchecked and not self.checked:
            problems.append(f"{self.unchecked} 200 JSON bodies seen but /v3/api-docs could never be fetched:"
                            " nothing was checked")
        assert not problems, (f"{len(problems)} response(s) differ from /v3/api-docs "
                              f"({self.checked} checked):\n  " + "\n  ".join(problems[:30]))


RECORDER = Recorder()
