#!/usr/bin/env python3
"""
seed2openapi.py - turns the seed contracts (the rendered API references in
shared/seeds/NNN_*.txt) into docs/api/contract.json, the data the OpenAPI
generator (src/services/platform/openapi.c) embeds: per service, the seed's
operations (path, method, typed parameters, 200 schema name) and its schemas as
OpenAPI 3.0 schema objects.

    tools/seed2openapi.py [SEED_DIR] > docs/api/contract.json

The output is committed (the seeds live outside the repository);
tests/api/test_openapi.py regenerates it from the seeds, when they are present,
and fails if the committed file differs. Nothing here is typed by hand except
the mapping seed file -> service and the few platform/error schemas that no
seed describes (PLATFORM_SCHEMAS below).

Seed format (see also tests/api/seedschema.py): the operations come first, one
block per path: "/path", a method line, optional summary lines, "Parameters",
"ParameterInTypeRequiredDescription", lines "name in type required", then
"Responses", "StatusDescriptionSchema", "200", "OK", a JSON example, and the
schema name on the line after the example's closing brace (absent when the
response has no schema). After the line "Schemas": each schema's name, the
header "NameTypeRequiredDescriptionSchema", then fields "name type required
[Ref]"; a field with a description has it on the following line(s) and then
its Ref, if any, on a line of its own.
"""
import glob
import json
import os
import re
import sys

# seed file number -> service name (the route table's `service`); README of the seeds.
SERVICES = {"000": "unpaid-work", "001": "court-case", "002": "tier"}
PRIMS = {"string", "integer", "number", "boolean"}
FIELD = re.compile(r"^(\S+) (string|integer|number|boolean|object|array) (true|false)(?: (\S+))?$")
PARAM = re.compile(r"^(\S+) (path|query|header) (string|integer|number|boolean|array|object) (true|false)(?: (.*))?$")
IDENT = re.compile(r"^[A-Z][A-Za-z0-9]*$")
METHODS = {"get", "post", "put", "delete", "patch"}

# Request bodies: the seeds list the schemas but not which operation takes them.
REQUEST_BODIES = {"court-case": {"POST /secure/compare": "Compare", "POST /secure/compareAll": "CompareAll"}}

# Schemas no seed describes: the platform routes and the error bodies (platform.md §3).
PLATFORM_SCHEMAS = {
    "Health": {"type": "object", "required": ["status"], "properties": {
        "status": {"type": "string", "enum": ["UP", "DOWN"]},
        "components": {"type": "object", "additionalProperties": {
            "type": "object", "required": ["status"],
            "properties": {"status": {"type": "string", "enum": ["UP", "DOWN"]}}}}}},
    "Info": {"type": "object", "required": ["productId", "build", "git"], "properties": {
        "productId": {"type": "string"},
        "build": {"type": "object", "required": ["name", "version"], "properties": {
            "name": {"type": "string"}, "version": {"type": "string"}}},
        "git": {"type": "object", "required": ["commit"], "properties": {"commit": {"type": "string"}}}}},
    "OpenApiDocument": {"type": "object", "required": ["openapi", "info", "paths"],
                        "description": "This document"},
    "AsyncApiDocument": {"type": "object", "required": ["asyncapi", "channels"],
                         "description": "AsyncAPI 2.6.0 document of the message channels"},
    "CrnList": {"type": "array", "items": {"type": "string"},
                "description": "CRNs (JSON array; with Accept: text/plain one per line)"},
    "ErrorResponse": {"type": "object", "required": ["status"], "description":
                      "Error body of the tier-to-delius, unpaid-work-and-delius and platform routes",
                      "properties": {"status": {"type": "integer"}, "message": {"type": "string"}}},
    "DeveloperErrorResponse": {"type": "object", "required": ["status"], "description":
                               "Error body of the court-case-and-delius routes",
                               "properties": {"status": {"type": "integer"},
                                              "developerMessage": {"type": "string"}}},
    "FrameworkError": {"type": "object", "required": ["timestamp", "status", "error", "path"], "description":
                       "Error body of the framework: malformed parameter, unknown path, wrong method, limits, 500",
                       "properties": {"timestamp": {"type": "string"}, "status": {"type": "integer"},
                                      "error": {"type": "string"}, "path": {"type": "string"},
                                      "message": {"type": "string"}}},
}


def nonblank(lines):
    return [l.strip() for l in lines if l.strip()]


def parse_operations(lines):
    ops = []
    i = 0
    while i < len(lines):
        l = lines[i]
        if l.startswith("/") and i + 1 < len(lines) and lines[i + 1] in METHODS:
            path, method = l, lines[i + 1]
            op = {"path": path, "method": method, "parameters": [], "schema": None}
            j = i + 2
            summary = []
            while j < len(lines) and lines[j] not in ("Parameters", "Responses"):
                summary.append(lines[j])
                j += 1
            if summary:
                op["summary"] = summary[0]
                if len(summary) > 1:
                    op["description"] = " ".join(summary[1:])
            if j < len(lines) and lines[j] == "Parameters":
                j += 2  # header
                while j < len(lines) and lines[j] != "Responses":
                    m = PARAM.match(lines[j])
                    if m:
                        op["parameters"].append({"name": m.group(1), "in": m.group(2), "type": m.group(3),
                                                 "required": m.group(4) == "true"})
                    elif op["parameters"]:  # a description on the line(s) after its parameter
                        last = op["parameters"][-1]
                        last["description"] = (last.get("description", "") + " " + lines[j]).strip()
                    else:
                        raise ValueError(f"{path}: unreadable parameter line {lines[j]!r}")
                    j += 1
            # Responses: StatusDescriptionSchema, 200, OK, { ... } [SchemaName]
            while j < len(lines) and lines[j] != "{":
                j += 1
            depth = 0
            while j < len(lines):
                depth += lines[j].count("{") + lines[j].count("[") - lines[j].count("}") - lines[j].count("]")
                j += 1
                if depth <= 0:
                    break
            if j < len(lines) and IDENT.match(lines[j]) and not (j + 1 < len(lines) and lines[j + 1] in METHODS):
                op["schema"] = lines[j]
                j += 1
            ops.append(op)
            i = j
        else:
            i += 1
    return ops


def parse_schemas(lines):
    """{name: {"description": str|None, "fields": {field: [type, required, ref, description]}}}"""
    header = "NameTypeRequiredDescriptionSchema"
    n = len(lines)

    def starts_schema(k):  # "Name" [one description line] header
        if not IDENT.match(lines[k]):
            return False
        if k + 1 < n and lines[k + 1] == header:
            return True
        return (k + 2 < n and lines[k + 2] == header and not IDENT.match(lines[k + 1])
                and not FIELD.match(lines[k + 1]))

    out, current, last, last_was_desc = {}, None, None, False
    k = 0
    while k < n:
        l = lines[k]
        if starts_schema(k):
            desc = None
            if lines[k + 1] != header:
                desc = lines[k + 1]
                k += 1
            current = out.setdefault(l, {"description": desc, "fields": {}})
            last, last_was_desc = None, False
            k += 2
            continue
        m = FIELD.match(l)
        if m and current is not None:
            last = [m.group(2), m.group(3) == "true", m.group(4), None]
            current["fields"][m.group(1)] = last
            last_was_desc = False
        elif IDENT.match(l) and last is not None and last_was_desc and last[0] in ("object", "array") \
                and last[2] is None:
            last[2] = l           # the Ref line after a field's description
            last_was_desc = False
        elif IDENT.match(l):
            out.setdefault(l, {"description": None, "fields": {}})   # a schema without fields
            current, last, last_was_desc = None, None, False
        elif last is not None:
            last[3] = l if last[3] is None else last[3] + " " + l    # a field's description
            last_was_desc = True
        k += 1
    return out


def field_schema(type_, ref, desc, qualify):
    if type_ == "array":
        if ref in PRIMS:
            items = {"type": ref}
        elif ref:
            items = {"$ref": "#/components/schemas/" + qualify(ref)}
        else:
            items = {"type": "string"}  # untyped arrays in the seeds are lists of strings
        s = {"type": "array", "items": items}
    elif type_ == "object":
        s = {"$ref": "#/components/schemas/" + qualify(ref)} if ref else {"type": "object"}
    else:
        s = {"type": type_}
    if desc and "$ref" not in s:
        s["description"] = desc
    return s


def object_schema(schema, qualify):
    fields = schema["fields"]
    props = {n: field_schema(t, ref, desc, qualify) for n, (t, _, ref, desc) in fields.items()}
    req = [n for n, (_, r, _, _) in fields.items() if r]
    s = {"type": "object", "properties": props, "additionalProperties": False}
    if req:
        s["required"] = req
    if schema["description"]:
        s["description"] = schema["description"]
    return s


def generate(seed_dir):
    per = {}
    for num, service in sorted(SERVICES.items()):
        files = glob.glob(os.path.join(seed_dir, f"{num}_*.txt"))
        if len(files) != 1:
            raise FileNotFoundError(f"seed {num} not found in {seed_dir}")
        with open(files[0], encoding="utf-8") as f:
            lines = nonblank(f.readlines())
        cut = lines.index("Schemas")
        per[service] = (parse_operations(lines[:cut]), parse_schemas(lines[cut + 1:]))

    # One component per schema name; a name whose field set differs between seeds
    # gets the service as a prefix in every seed that defines it ("tier.Conviction").
    defs = {}
    for service, (_, schemas) in per.items():
        for name, sch in schemas.items():
            defs.setdefault(name, {})[service] = sch["fields"]
    def canon(fields):
        return json.dumps({k: v[:3] for k, v in fields.items()}, sort_keys=True)
    clash = {n for n, by in defs.items() if len({canon(f) for f in by.values()}) > 1}

    components, names = {}, {}
    for service, (_, schemas) in per.items():
        def qualify(ref, service=service):
            return f"{service}.{ref}" if ref in clash else ref
        names[service] = {n: qualify(n) for n in sorted(schemas)}
        for name, sch in schemas.items():
            q = qualify(name)
            if name == "StreamingResponseBody":
                components[q] = {"type": "string", "format": "binary", "description": "The document's bytes"}
            elif not sch["fields"]:
                components.setdefault(q, {"type": "object"})
            else:
                components.setdefault(q, object_schema(sch, qualify))
    for service, (_, schemas) in per.items():  # refs to schemas a seed does not define
        for sch in schemas.values():
            for t, _, ref, _ in sch["fields"].values():
                if ref and ref not in PRIMS and ref not in schemas:
                    raise ValueError(f"{service}: reference to undefined schema {ref}")
    for n, s in PLATFORM_SCHEMAS.items():
        assert n not in components, n
        components[n] = s

    operations = {}
    for service, (ops, _) in per.items():
        out = operations.setdefault(service, {})
        for op in ops:
            params = []
            for p in op["parameters"]:
                if p["type"] == "array":
                    sch = {"type": "array", "items": {"type": "string"}}
                else:
                    sch = {"type": p["type"]}
                    if p["type"] == "integer":
                        sch["format"] = "int64"
                q = {"name": p["name"], "in": p["in"], "required": p["required"], "schema": sch}
                if "description" in p:
                    q["description"] = p["description"]
                if p["type"] == "array":
                    q["style"], q["explode"] = "form", True
                    q["description"] = (q.get("description", "") +
                                        " (repeated a=1&a=2, or comma-separated a=1,2)").strip()
                params.append(q)
            o = {"parameters": params}
            key = f"{op['method'].upper()} {op['path']}"
            if key in REQUEST_BODIES.get(service, {}):
                o["requestBody"] = names[service][REQUEST_BODIES[service][key]]
            if op["schema"]:
                o["schema"] = names[service][op["schema"]]
            for k in ("summary", "description"):
                if k in op:
                    o[k] = op[k]
            out[f"{op['method'].upper()} {op['path']}"] = o
    return {"generator": "tools/seed2openapi.py", "services": SERVICES, "schemaNames": names,
            "operations": operations, "schemas": components}


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    seed_dir = sys.argv[1] if len(sys.argv) > 1 else os.environ.get(
        "DELIUSD_SEED_DIR", os.path.join(here, "..", "..", "shared", "seeds"))
    if not os.path.isdir(seed_dir):
        seed_dir = "/work/shared/seeds"
    doc = generate(seed_dir)
    json.dump(doc, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
