"""Service-account keys and the OAuth token endpoint, verified like Google's.

google-auth's service_account.Credentials posts a JWT signed with the key's private RSA key
to the key file's token_uri; the stand-in checks the signature with the public half it kept
and hands out an opaque bearer token mapped to the account's e-mail.
"""
from __future__ import annotations

import base64
import json
import secrets
import threading
import time
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer"
GOOGLE_TOKEN_URI = "https://oauth2.googleapis.com/token"


def _b64decode(part: str) -> bytes:
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


class TokenError(Exception):
    """OAuth errors use their own envelope: {"error", "error_description"}."""

    def __init__(self, error: str, description: str):
        super().__init__(description)
        self.body = {"error": error, "error_description": description}


class Auth:
    def __init__(self, clock):
        self._clock = clock
        self._lock = threading.Lock()
        self._keys: dict[str, tuple[str, object]] = {}   # key id -> (email, public key)
        self._tokens: dict[str, tuple[str, float]] = {}   # token -> (email, expiry)
        self.token_requests = 0

    def service_account_key(self, directory, email: str, token_uri: str) -> Path:
        project = email.split("@")[1].split(".")[0] if "@" in email else "standin"
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        kid = secrets.token_hex(20)
        pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption()).decode()
        with self._lock:
            self._keys[kid] = (email, key.public_key())
        info = {"type": "service_account", "project_id": project, "private_key_id": kid,
                "private_key": pem, "client_email": email, "client_id": str(secrets.randbelow(10**20)),
                "auth_uri": "https://accounts.google.com/o/oauth2/auth", "token_uri": token_uri,
                "auth_provider_x509_cert_url": "https://www.googleapis.com/oauth2/v1/certs",
                "client_x509_cert_url": "https://www.googleapis.com/robot/v1/metadata/x509/"
                                        + email.replace("@", "%40"),
                "universe_domain": "googleapis.com"}
        path = Path(directory) / f"{email.split('@')[0]}-key.json"
        path.write_text(json.dumps(info, indent=2))
        path.chmod(0o600)        # as the README tells the office to keep it (others may not read it)
        return path

    def issue(self, email: str, lifetime: float = 3599) -> str:
        token = "ya29.standin-" + secrets.token_urlsafe(24)
        with self._lock:
            self._tokens[token] = (email, self._clock() + lifetime)
        return token

    def expire_all(self) -> None:
        with self._lock:
            self._tokens = {t: (e, 0.0) for t, (e, _) in self._tokens.items()}

    def user_for(self, token: str) -> tuple[str | None, str | None]:
        """(email, None) for a live token, else (None, reason for the 401 ErrorInfo)."""
        with self._lock:
            hit = self._tokens.get(token)
        if hit is None:
            return None, "ACCESS_TOKEN_TYPE_UNSUPPORTED"
        if hit[1] <= self._clock():
            return None, "ACCESS_TOKEN_EXPIRED"
        return hit[0], None

    def exchange(self, form: dict, token_uri: str) -> dict:
        """POST /token with grant_type=jwt-bearer & assertion=<signed JWT>."""
        self.token_requests += 1
        if form.get("grant_type") != JWT_BEARER:
            raise TokenError("unsupported_grant_type", "Invalid grant_type: " + str(form.get("grant_type")))
        try:
            head_b64, claims_b64, sig_b64 = form.get("assertion", "").split(".")
            header, claims = json.loads(_b64decode(head_b64)), json.loads(_b64decode(claims_b64))
        except ValueError:
            raise TokenError("invalid_grant", "Invalid JWT: malformed assertion.") from None
        with self._lock:
            known = self._keys.get(header.get("kid"))
        if known is None or header.get("alg") != "RS256" or known[0] != claims.get("iss"):
            raise TokenError("invalid_grant", "Invalid JWT Signature.")
        try:
            known[1].verify(_b64decode(sig_b64), f"{head_b64}.{claims_b64}".encode(),
                            padding.PKCS1v15(), hashes.SHA256())
        except InvalidSignature:
            raise TokenError("invalid_grant", "Invalid JWT Signature.") from None
        now = time.time()     # JWT times are wall-clock, whatever the stand-in's clock says
        if not (claims.get("iat", 0) - 300 <= now <= claims.get("exp", 0) + 300) or \
                claims.get("exp", 0) - claims.get("iat", 0) > 3600:
            raise TokenError("invalid_grant", "Invalid JWT: Token must be a short-lived token (60 minutes) "
                                              "and in a reasonable timeframe. Check your iat and exp values "
                                              "in the JWT claim.")
        # google-auth always addresses the JWT to Google's endpoint, whatever token_uri says.
        if claims.get("aud") not in (token_uri, GOOGLE_TOKEN_URI):
            raise TokenError("invalid_grant", "Invalid JWT: Failed audience check.")
        return {"access_token": self.issue(claims["iss"]), "expires_in": 3599, "token_type": "Bearer"}
