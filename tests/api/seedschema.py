"""
Schema checks against the seed contracts (../shared/seeds/*.txt).

The seeds are rendered API references: after a line "Schemas", each schema is
its name, then a header line "NameTypeRequiredDescriptionSchema", then one line
per field "name type required [SchemaRef]" (descriptions sit on lines of their
own). assert_schema(body, "TierDetails", seed="002") checks that every required
field is present and not null, every present field has the declared type, nested
objects/arrays match their referenced schema, and no field outside the schema
appears.
"""
import glob
import os
import re

_HERE = os.path.dirname(os.path.abspath(__file__))
SEED_DIRS = [os.environ.get("DELIUSD_SEED_DIR", ""),
             os.path.join(_HERE, "..", "..", "..", "shared", "seeds"),
             "/work/shared/seeds"]
FIELD = re.compile(r"^(\S+) (string|integer|number|boolean|object|array) (true|false)(?: (\S+))?$")
_cache = {}


def seed_dir():
    for d in SEED_DIRS:
        if d and glob.glob(os.path.join(d, "00*_*.txt")):
            return d
    raise FileNotFoundError("seed contracts not found; set DELIUSD_SEED_DIR")


def schemas(seed):
    """{schema name: {field: (type, required, ref)}} of seed file number `seed` ("000", "001", "002")."""
    if seed in _cache:
        return _cache[seed]
    path = glob.glob(os.path.join(seed_dir(), f"{seed}_*.txt"))[0]
    lines = [l.rstrip("\n") for l in open(path, encoding="utf-8")]
    start = lines.index("Schemas")
    out, current, prev = {}, None, None
    for line in lines[start + 1:]:
        s = line.strip()
        if not s:
            continue
        if s == "NameTypeRequiredDescriptionSchema":
            current = out.setdefault(prev, {})
            continue
        m = FIELD.match(s)
        if m and current is not None:
            current[m.group(1)] = (m.group(2), m.group(3) == "true", m.group(4))
        prev = s
    _cache[seed] = out
    return out


def _check(value, type_, ref, path, all_schemas, errors):
    ok = {"string": lambda v: isinstance(v, str),
          "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
          "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
          "boolean": lambda v: isinstance(v, bool),
          "object": lambda v: isinstance(v, dict),
          "array": lambda v: isinstance(v, list)}[type_]
    if not ok(value):
        errors.append(f"{path}: expected {type_}, got {type(value).__name__} {value!r}")
        return
    if type_ == "object" and ref and ref in all_schemas:
        _object(value, ref, path, all_schemas, errors)
    if type_ == "array" and ref:
        for i, item in enumerate(value):
            if ref in all_schemas:
                if not isinstance(item, dict):
                    errors.append(f"{path}[{i}]: expected object {ref}")
                else:
                    _object(item, ref, f"{path}[{i}]", all_schemas, errors)
            elif ref in ("string", "integer", "number", "boolean"):
                _check(item, ref, None, f"{path}[{i}]", all_schemas, errors)


def _object(obj, name, path, all_schemas, errors):
    fields = all_schemas[name]
    for k, v in obj.items():
        if k not in fields:
            errors.append(f"{path}.{k}: field not in schema {name}")
            continue
        if v is None:
            errors.append(f"{path}.{k}: null (null fields must be left out)")
            continue
        t, _, ref = fields[k]
        _check(v, t, ref, f"{path}.{k}", all_schemas, errors)
    for k, (t, required, _) in fields.items():
        if required and k not in obj:
            errors.append(f"{path}.{k}: required field missing ({name})")


def schema_errors(body, name, seed):
    all_schemas = schemas(seed)
    if name not in all_schemas:
        raise KeyError(f"schema {name} not in seed {seed}: {sorted(all_schemas)}")
    errors = []
    if isinstance(body, list):
        for i, item in enumerate(body):
            _object(item, name, f"$[{i}]", all_schemas, errors)
    else:
        _object(body, name, "$", all_schemas, errors)
    return errors


def assert_schema(body, name, seed):
    errors = schema_errors(body, name, seed)
    assert not errors, f"response does not match seed {seed} schema {name}:\n  " + "\n  ".join(errors)
