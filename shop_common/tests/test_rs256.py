"""RS256: auth alone holds the private key; the other services verify with
the public key. Run in a fresh interpreter, since SimpleJWT builds its token
backend once per process."""

import json
import os
import subprocess
import sys
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

SCRIPT = """
import json, os, time, uuid
import django
django.setup()
import jwt
from rest_framework.test import APIClient

now = int(time.time())
claims = {"sub": str(uuid.uuid4()), "email": "a@example.com", "role": "admin",
          "token_type": "access", "iat": now, "exp": now + 300, "jti": uuid.uuid4().hex}
good = jwt.encode(claims, os.environ["TEST_PRIVATE_KEY"], algorithm="RS256")
# The classic confusion attack: HS256 "signed" with the public key as secret.
confused = jwt.encode(claims, "irrelevant", algorithm="HS256")

def status(token):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return client.get("/whoami").status_code

from django.conf import settings
print(json.dumps({"algorithm": settings.JWT_ALGORITHM, "good": status(good),
                  "confused": status(confused)}))
"""


def _pem_pair() -> tuple[str, str]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    public = (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    return private, public


def test_a_service_with_only_the_public_key_accepts_rs256_tokens_and_refuses_hs256():
    private, public = _pem_pair()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings_rs256",
        "JWT_PUBLIC_KEY": public,
        "TEST_PRIVATE_KEY": private,
    }
    env.pop("JWT_PRIVATE_KEY", None)

    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=Path(__file__).resolve().parents[1],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )

    assert json.loads(result.stdout.strip().splitlines()[-1]) == {
        "algorithm": "RS256",
        "good": 200,
        "confused": 401,
    }
