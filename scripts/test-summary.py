#!/usr/bin/env python3
"""Sums the JUnit XML files of a test run; prints per-suite counts and one closing
line 'N passed, N failed' (CI reads it). Exit 1 when anything failed or nothing ran."""
import glob
import os
import re
import sys
import xml.etree.ElementTree as ET

d = sys.argv[1]
total_pass = total_fail = total_skip = 0
per_suite = {}
for path in sorted(glob.glob(os.path.join(d, "*.xml"))):
    try:
        # cmocka writes one <testsuites> document per group into the same file:
        # drop the XML declarations and read them as one document
        with open(path, encoding="utf-8", errors="replace") as f:
            text = re.sub(r"<\?xml[^>]*\?>", "", f.read())
        root = ET.fromstring("<all>" + text + "</all>")
    except ET.ParseError:
        print(f"unreadable results: {path}")
        total_fail += 1
        continue
    suites = root.findall(".//testsuite")
    label = os.path.basename(path)[:-4]
    for s in suites:
        for case in s.iter("testcase"):
            if case.find("failure") is not None or case.find("error") is not None:
                total_fail += 1
                per_suite.setdefault(label, [0, 0, 0])[1] += 1
            elif case.find("skipped") is not None:
                total_skip += 1
                per_suite.setdefault(label, [0, 0, 0])[2] += 1
            else:
                total_pass += 1
                per_suite.setdefault(label, [0, 0, 0])[0] += 1
for label, (p, f, s) in per_suite.items():
    print(f"  {label}: {p} passed, {f} failed, {s} skipped")
print(f"{total_pass} passed, {total_fail} failed, {total_skip} skipped")
sys.exit(1 if total_fail or total_pass == 0 else 0)
