"""
Token verification against a JWKS endpoint (a local stub of the token issuer):
keys matched by `kid`, cached, refetched once on an unknown `kid` (key rotation).
"""
import base64
import json
import re
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

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
        issuer = self

        class H(BaseHTTPRequestHandler):
            def do_GET(self):
                issuer.fetches += 1
                body = json.dumps({"keys": issuer.keys}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *a):
                pass

        self.httpd = HTTPServer(("127.0.0.1", 0), H)
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
