"""
The two-command set-up: `make run` (scripts/run-dev after the build) creates the
demo database and a development key, prints a curl command with a token, and
serves; the printed command answers 200 from /health. Also the CLI contract:
--help per subcommand, --version, errors on stderr with non-zero exit codes,
and migrate twice.
"""
import os
import re
import shlex
import signal
import subprocess
import time

import pytest

from conftest import BACKEND, BIN, ROOT, free_port, run


@pytest.mark.skipif(BACKEND != "sqlite", reason="make run uses the embedded SQLite default")
def test_run_dev_prints_a_working_curl_command(tmp_path):
    port = free_port()
    env = dict(os.environ, DELIUSD_DATA_DIR=str(tmp_path / "data"), DELIUSD_PORT=str(port),
               DELIUSD_SEED_PEOPLE="50", DELIUSD_BIN_DIR=os.path.dirname(BIN))
    env.pop("DELIUSD_DATABASE", None)
    p = subprocess.Popen([os.path.join(ROOT, "scripts", "run-dev")], env=env, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        lines = []
        deadline = time.time() + 120
        curl = None
        while time.time() < deadline and curl is None:
            line = p.stderr.readline()
            if not line:
                break
            lines.append(line)
            if line.strip().startswith("curl ") and "/health" in line:
                curl = line.strip()
        assert curl, "no curl command printed:\n" + "".join(lines)
        assert f"localhost:{port}/health" in curl and "Authorization: Bearer " in curl
        for _ in range(100):
            r = subprocess.run(shlex.split(curl) + ["-w", "\n%{http_code}"], capture_output=True, text=True)
            if r.stdout.endswith("200"):
                break
            time.sleep(0.1)
        body, code = r.stdout.rsplit("\n", 1)
        assert code == "200", r
        assert '"status":"UP"' in body
        assert (tmp_path / "data" / "deliusd.db").exists()
        assert (tmp_path / "data" / "dev-key.pem").exists()
        assert oct((tmp_path / "data" / "dev-key.pem").stat().st_mode & 0o777) == "0o600"
    finally:
        os.killpg(p.pid, signal.SIGINT)
        p.wait(timeout=30)
    assert p.returncode == 0


def test_help_and_version():
    r = run(["--help"])
    for cmd in ["serve", "migrate", "seed", "token", "keygen"]:
        assert cmd in r.stdout
        h = run([cmd, "--help"])
        assert h.stdout.startswith(f"usage: deliusd {cmd}")
    assert re.match(r"^deliusd \d+\.\d+\.\d+", run(["--version"]).stdout)
    seed_help = run(["seed", "--help"]).stdout
    assert "--people" in seed_help and "--random-seed" in seed_help and "--force" in seed_help
    token_help = run(["token", "--help"]).stdout
    assert "--roles" in token_help and "--user" in token_help and "--ttl" in token_help


def test_cli_errors_go_to_stderr_with_nonzero_exit(tmp_path):
    for args in (["nonsense"], ["token"], ["seed", "--people", "abc"], ["migrate", "extra"], []):
        r = run(args, check=False, env={"DELIUSD_DATABASE": str(tmp_path / "x.db")})
        assert r.returncode != 0, args
        assert r.stderr.strip(), args
    r = run(["serve"], check=False, env={"DELIUSD_DATABASE": str(tmp_path / "missing.db"), "DELIUSD_PORT": "0"})
    assert r.returncode != 0 and "migrate" in r.stderr
    r = run(["serve"], check=False, env={"DELIUSD_PORT": "notaport"})
    assert r.returncode != 0 and "DELIUSD_PORT" in r.stderr


def test_token_roles_user_ttl(tmp_path, keys):
    import base64
    import json
    t = run(["token", "--key", keys["private"], "--roles", "ROLE_A,ROLE_B", "--user", "alice", "--ttl", "60"]).stdout.strip()
    payload = t.split(".")[1]
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    assert claims["sub"] == "alice" and claims["authorities"] == ["ROLE_A", "ROLE_B"]
    assert 55 <= claims["exp"] - int(time.time()) <= 61
    header = t.split(".")[0]
    assert json.loads(base64.urlsafe_b64decode(header + "=" * (-len(header) % 4)))["alg"] == "RS256"


@pytest.mark.skipif(BACKEND != "sqlite", reason="file-based check")
def test_migrate_twice_second_does_nothing(tmp_path):
    env = {"DELIUSD_DATABASE": str(tmp_path / "m.db")}
    first = run(["migrate"], env=env)
    assert "applied migration" in first.stderr
    second = run(["migrate"], env=env)
    assert second.returncode == 0 and "applied migration" not in second.stderr
