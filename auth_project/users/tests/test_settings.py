"""Settings that must fail at boot rather than at the first request."""

import os
import subprocess
import sys
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[2]


def _settings_import(**env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; settings.SIMPLE_JWT"],
        cwd=PROJECT_DIR,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_rs256_without_the_private_key_refuses_to_start():
    result = _settings_import(JWT_PUBLIC_KEY="-----BEGIN PUBLIC KEY-----", JWT_PRIVATE_KEY="")

    assert result.returncode != 0
    assert "JWT_PRIVATE_KEY" in result.stderr


def test_the_default_hs256_settings_start():
    result = _settings_import(JWT_PUBLIC_KEY="")

    assert result.returncode == 0, result.stderr
