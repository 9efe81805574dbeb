"""
`deliusd seed` on a terminal draws a progress bar (percentage, rate, time left)
redrawn in place with \\r; with stderr not a terminal it writes JSON lines, as
before (issue 14).
"""
import json
import os
import pty
import re
import select
import subprocess

from conftest import BIN


def seed_on_a_terminal(url, people):
    master, slave = pty.openpty()
    p = subprocess.Popen([BIN, "seed", "--people", str(people)], stdin=subprocess.DEVNULL, stdout=slave,
                         stderr=slave, env=dict(os.environ, DELIUSD_DATABASE=url))
    os.close(slave)
    out = b""
    while True:
        r, _, _ = select.select([master], [], [], 120)
        if not r:
            p.kill()
            raise AssertionError("no output for 120 s")
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        out += chunk
    os.close(master)
    assert p.wait(timeout=60) == 0, out[-2000:]
    return out.decode("utf-8", "replace")


def test_progress_bar_on_a_terminal(db_factory):
    db = db_factory()
    out = seed_on_a_terminal(db.url, 6000)
    frames = [f for f in out.split("\r") if f.startswith("seed [")]
    assert frames, out[-2000:]
    final = frames[-1]
    assert re.match(r"seed \[#{30}\] 100%  6000 people, \d+ rows in [\d.]+ s \(\d+ people/s\)", final), final
    partial = [f for f in frames[:-1] if re.match(r"seed \[[#.]{30}\] +\d+%  \d+/6000 people  \d+/s  \d+:\d\d:\d\d left", f)]
    assert partial, frames[:5]  # at least one frame before the end: percentage, rate and time left
    assert '"seed progress"' not in out and '"seed complete"' not in out


def test_json_lines_when_not_a_terminal(db_factory):
    db = db_factory()
    p = subprocess.run([BIN, "seed", "--people", "1500"], capture_output=True, text=True,
                       env=dict(os.environ, DELIUSD_DATABASE=db.url), timeout=300)
    assert p.returncode == 0, p.stderr
    assert "\r" not in p.stderr and "seed [" not in p.stderr
    lines = [json.loads(l) for l in p.stderr.splitlines() if l.strip()]
    done = [l for l in lines if l["message"] == "seed complete"]
    assert done and done[0]["people"] == 1500
