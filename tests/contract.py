"""contract.py: check pooltrend's machine-readable output against its
published contract, docs/pooltrend.schema.json, with the JSON Schema
validator of Debian's python3-jsonschema.

usage: contract.py SCHEMA DIR
DIR holds CASE.json (-f json), CASE.ndjson (-f ndjson) and CASE.csv
(-f csv) files.  Every JSON document must validate against the schema;
every NDJSON record, less its record, host and window_ keys,
must validate as the schema's pool, tag, counter or event, or a fleet's
tag or outlier; every CSV row must
have the header's fields.  NaN and Infinity are not JSON and fail.
Prints one line per failure and a summary line "contract: N passed, M
failed"; exits 1 if any failed."""
import csv
import json
import os
import sys

import jsonschema


def strict(text):
    def bad(c):
        raise ValueError("not a JSON number: " + c)
    return json.loads(text, parse_constant=bad)


def main():
    schema = json.load(open(sys.argv[1]))
    jsonschema.Draft202012Validator.check_schema(schema)
    doc = jsonschema.Draft202012Validator(schema)
    part = {}
    kinds = {"pool": "pool", "tag": "tag", "counter": "counter",
             "event": "event", "fleet_tag": "fleetTag",
             "fleet_outlier": "fleetOutlier"}
    for kind, name in kinds.items():
        sub = dict(schema["$defs"][name])
        sub["$defs"] = schema["$defs"]
        part[kind] = jsonschema.Draft202012Validator(sub)
    passed = failed = 0
    for name in sorted(os.listdir(sys.argv[2])):
        path = os.path.join(sys.argv[2], name)
        try:
            if name.endswith(".json"):
                doc.validate(strict(open(path).read()))
            elif name.endswith(".ndjson"):
                for n, line in enumerate(open(path), 1):
                    rec = strict(line)
                    kind = rec.pop("record")
                    for k in ("window_first", "window_last", "window_hours"):
                        rec.pop(k)
                    # an outlier's host is its own key
                    if kind != "fleet_outlier":
                        rec.pop("host")
                    part[kind].validate(rec)
            elif name.endswith(".csv"):
                rows = list(csv.reader(open(path, newline="")))
                for n, row in enumerate(rows, 1):
                    if len(row) != len(rows[0]):
                        raise ValueError("row %d has %d fields, the header "
                                         "%d" % (n, len(row), len(rows[0])))
            else:
                continue
            passed += 1
        except (ValueError, KeyError, jsonschema.ValidationError) as e:
            print("contract %s: %s" % (name, str(e).splitlines()[0]))
            failed += 1
    print("contract: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


sys.exit(main())
