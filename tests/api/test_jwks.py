"""
Token verification against a JWKS endpoint (a local stub of the token issuer):
keys matched by `kid`, cached, refetched once on an unknown `kid` (key rotation).
"""
import base64
import json
import re
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer, ThreadingHTTPServer

import pytest

from conftest import TIER, make_token


def jwk(pub_pem_path, kid):
    out = subprocess.run(["openssl", "rsa", "-pubin", "-in", pub_pem_path, "-noout", "-text"],
                         capture_output=True, text=True, check=True).stdout
    hexmod = re.search(r"Modulus:\s*\n((?:\s+[0-9a-f:]+\n)+)", out).group(1)
    n = bytes.fromhex(re.sub(r"[\s:]", "", hexmod)).lstrip(b"\x00")
    e = int(re.search(r"Exponent: (\d+)", out).group(1))
    b64 = lambda b: base64.urlsafe_b64encode(b).rstrip(b"=").decode()
    return {"kty": "RSA", "kid": kid, "use": "sig", "alg": "RS256", "n": b64(n),
            "e": b64(e.to_bytes((e.bit_length() + 7) // 8, "big"))}


class Issuer:
    """Serves {"keys": [...]} at /.well-known/jwks.json and counts fetches."""

    def __init__(self):
        self.keys = []
        self.fetches = 0
        self.delay = 0.0
        issuer = self

        class H(BaseHTTPRequestHandler):
            def do_GET(self):
                issuer.fetches += 1
                if issuer.delay:
                    time.sleep(issuer.delay)
                body = json.dumps({"keys": issuer.keys}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *a):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), H)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_port}/.well-known/jwks.json"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()


@pytest.fixture
def issuer():
    i = Issuer()
    yield i
    i.close()


def test_jwks_kid_match_cache_and_rotation(start_deliusd, keys, issuer):
    issuer.keys = [jwk(keys["public"], "key-1")]
    d = start_deliusd(env={"DELIUSD_JWT_JWKS_URL": issuer.url, "DELIUSD_JWT_PUBLIC_KEY_FILE": ""})
    t1 = make_token(keys, [TIER], kid="key-1")
    assert d.get("/person/Z999999", token=t1).status == 404  # authorised
    assert d.get("/person/Z999999", token=t1).status == 404
    fetches_after_first = issuer.fetches
    assert fetches_after_first >= 1
    assert issuer.fetches == fetches_after_first  # cached: no fetch per request

    # a token signed by another key but claiming kid key-1 is refused
    forged = make_token(keys, [TIER], kid="key-1", key=keys["other_private"])
    assert d.get("/person/Z999999", token=forged).status == 401

    # rotation: the issuer publishes key-2; an unknown kid triggers one refetch
    issuer.keys.append(jwk(keys["other_public"], "key-2"))
    t2 = make_token(keys, [TIER], kid="key-2", key=keys["other_private"])
    before = issuer.fetches
    assert d.get("/person/Z999999", token=t2).status == 404
    assert issuer.fetches == before + 1

    # a kid the issuer does not have: refused, and refetches are rate-limited
    t3 = make_token(keys, [TIER], kid="key-3")
    before = issuer.fetches
    for _ in range(5):
        assert d.get("/person/Z999999", token=t3).status == 401
    assert issuer.fetches <= before + 1


def test_jwks_unreachable_refuses_tokens_without_crashing(start_deliusd, keys):
    d = start_deliusd(env={"DELIUSD_JWT_JWKS_URL": "http://127.0.0.1:9/jwks.json", "DELIUSD_JWT_PUBLIC_KEY_FILE": ""})
    t = make_token(keys, [TIER], kid="key-1")
    r = d.get("/person/Z999999", token=t)
    assert r.status == 401
    assert d.get("/health").status == 200


def test_slow_issuer_and_bogus_kids_do_not_stall_valid_tokens(start_deliusd, keys, issuer):
    """Issue 16 defect 3: an unknown kid never makes a request thread fetch the
    JWKS under a lock. The issuer answers in 5 s while tokens with ever new
    bogus kids arrive; requests with a valid token keep being answered."""
    issuer.keys = [jwk(keys["public"], "key-1")]
    d = start_deliusd(env={"DELIUSD_JWT_JWKS_URL": issuer.url, "DELIUSD_JWT_PUBLIC_KEY_FILE": "",
                           "DELIUSD_THREADS": "2"})
    good = make_token(keys, [TIER], kid="key-1")
    assert d.get("/person/Z999999", token=good).status == 404
    issuer.delay = 5.0
    stop = threading.Event()
    bogus_sent = [0]
    bogus_tokens = [make_token(keys, [TIER], kid=f"bogus-{i}") for i in range(7)]

    def bogus():
        import http.client
        i = 0
        while not stop.is_set():
            i += 1
            t = bogus_tokens[i % 7]
            c = http.client.HTTPConnection("127.0.0.1", d.port, timeout=30)
            try:
                c.request("GET", "/person/Z999999", headers={"Authorization": "Bearer " + t})
                c.getresponse().read()
                bogus_sent[0] += 1
            except OSError:
                pass
            finally:
                c.close()
            time.sleep(0.02)

    threads = [threading.Thread(target=bogus) for _ in range(4)]
    for t in threads:
        t.start()
    lat = []
    try:
        end = time.monotonic() + 6
        while time.monotonic() < end:
            t0 = time.monotonic()
            r = d.get("/person/Z999999", token=good, timeout=10)
            lat.append(time.monotonic() - t0)
            assert r.status == 404, r
            time.sleep(0.01)
    finally:
        stop.set()
        for t in threads:
            t.join(30)
    lat.sort()
    p99 = lat[int(len(lat) * 0.99) - 1]
    print(f"valid-token requests: {len(lat)}, p99 {p99 * 1000:.1f} ms, p50 {lat[len(lat)//2]*1000:.1f} ms, worst {[round(x*1000) for x in lat[-5:]]}, bogus-kid requests: {bogus_sent[0]}")
    assert bogus_sent[0] >= 20
    # the acceptance figure is p99 < 50 ms (bench/README.md); the test allows
    # for a loaded machine but fails on the old 4-5 s stalls
    assert p99 < 1.0, f"p99 {p99 * 1000:.0f} ms"
    assert lat[-1] < 2.5, f"a valid request waited {lat[-1]:.1f} s"


def test_key_removed_from_jwks_stops_verifying_within_the_refresh_interval(start_deliusd, keys, issuer):
    """Issue 16 defect 4: the JWKS is refreshed on a schedule; a key the issuer
    removed stops verifying (the verified-token cache included)."""
    issuer.keys = [jwk(keys["public"], "key-1"), jwk(keys["other_public"], "key-2")]
    d = start_deliusd(env={"DELIUSD_JWT_JWKS_URL": issuer.url, "DELIUSD_JWT_PUBLIC_KEY_FILE": "",
                           "DELIUSD_JWKS_REFRESH_S": "1"})
    t1 = make_token(keys, [TIER], kid="key-1")
    t2 = make_token(keys, [TIER], kid="key-2", key=keys["other_private"])
    assert d.get("/person/Z999999", token=t2).status == 404
    assert d.get("/person/Z999999", token=t2).status == 404  # now in the verified-token cache
    issuer.keys = [jwk(keys["public"], "key-1")]
    deadline = time.time() + 10
    while time.time() < deadline and d.get("/person/Z999999", token=t2).status != 401:
        time.sleep(0.2)
    assert d.get("/person/Z999999", token=t2).status == 401
    assert d.get("/person/Z999999", token=t1).status == 404
    # and a key added back is picked up by the schedule as well
    issuer.keys = [jwk(keys["public"], "key-1"), jwk(keys["other_public"], "key-2")]
    time.sleep(2.5)
    before = issuer.fetches
    assert d.get("/person/Z999999", token=t2).status == 404
    assert issuer.fetches <= before + 1
