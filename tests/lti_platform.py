"""An LTI 1.3 platform (an LMS) for the tests: its own RSA key and JWKS, signed id_tokens, an OAuth2
token endpoint that checks the tool's signed client assertion, and score endpoints that record what
they receive. Served over real HTTP on 127.0.0.1, so the tool fetches keys and posts grades as it
would to Canvas or Moodle."""

import json
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

CLAIM = "https://purl.imsglobal.org/spec/lti/claim/"


def rsa_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


class Platform:
    issuer = "https://lms.example.test"
    client_id = "groundwork-tool"
    deployment_id = "deployment-1"

    def __init__(self):
        self.key, self.kid = rsa_key(), "lms-key-1"
        self.tool_jwks = {"keys": []}  # the tool's public keys, as an admin pastes or fetches them
        self.scores, self.tokens = [], set()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()

    def jwks(self) -> dict:
        jwk = json.loads(RSAAlgorithm.to_jwk(self.key.public_key()))
        return {"keys": [dict(jwk, kid=self.kid, alg="RS256", use="sig")]}

    def id_token(self, nonce: str, sub="lms-user-1", roles=("Learner",), key=None, **overrides) -> str:
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "aud": self.client_id,
            "sub": sub,
            "iat": now,
            "exp": now + 300,
            "nonce": nonce,
            "email": f"{sub}@school.example",
            "given_name": "Ada",
            "family_name": "Lovelace",
            CLAIM + "deployment_id": self.deployment_id,
            CLAIM + "version": "1.3.0",
            CLAIM + "message_type": "LtiResourceLinkRequest",
            CLAIM + "roles": [f"http://purl.imsglobal.org/vocab/lis/v2/membership#{r}" for r in roles],
            CLAIM + "resource_link": {"id": "link-1"},
            CLAIM + "context": {"id": "course-42", "title": "Interpretability 101"},
            CLAIM + "target_link_uri": "http://testserver/lti/launch/",
        }
        claims.update(overrides)
        claims = {k: v for k, v in claims.items() if v is not None}
        private = (key or self.key).private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        return jwt.encode(claims, private, algorithm="RS256", headers={"kid": self.kid})

    def ags_claim(self, lineitem_id: str) -> dict:
        return {
            "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint": {
                "scope": [
                    "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
                    "https://purl.imsglobal.org/spec/lti-ags/scope/score",
                ],
                "lineitems": f"{self.url}/lineitems",
                "lineitem": f"{self.url}/lineitems/{lineitem_id}",
            }
        }

    def deep_linking_claim(self) -> dict:
        return {
            CLAIM + "message_type": "LtiDeepLinkingRequest",
            CLAIM + "resource_link": None,
            "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings": {
                "deep_link_return_url": f"{self.url}/deep-link-return",
                "accept_types": ["ltiResourceLink"],
                "accept_presentation_document_targets": ["window"],
                "data": "opaque-42",
            },
        }

    def _token(self, form: dict) -> tuple[int, dict]:
        assertion = form.get("client_assertion", [""])[0]
        try:
            kid = jwt.get_unverified_header(assertion).get("kid")
            jwk = next(k for k in self.tool_jwks["keys"] if k.get("kid") == kid)
            claims = jwt.decode(
                assertion, RSAAlgorithm.from_jwk(json.dumps(jwk)), algorithms=["RS256"], audience=f"{self.url}/token"
            )
        except Exception as e:
            return 401, {"error": "invalid_client", "error_description": str(e)}
        assert claims["sub"] == self.client_id
        token = uuid.uuid4().hex
        self.tokens.add(token)
        return 200, {
            "access_token": token,
            "token_type": "Bearer",
            "expires_in": 3600,
            "scope": form.get("scope", [""])[0],
        }

    def _handler(self):
        platform = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _answer(self, status, body):
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):
                if self.path == "/jwks":
                    return self._answer(200, platform.jwks())
                self._answer(404, {})

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
                path = urlparse(self.path).path
                if path == "/token":
                    return self._answer(*platform._token(parse_qs(body)))
                if path.startswith("/lineitems/") and path.endswith("/scores"):
                    token = self.headers.get("Authorization", "").removeprefix("Bearer ")
                    if token not in platform.tokens:
                        return self._answer(401, {"error": "bad token"})
                    platform.scores.append({"lineitem": path.removesuffix("/scores"), **json.loads(body)})
                    return self._answer(200, {})
                self._answer(404, {})

        return Handler
