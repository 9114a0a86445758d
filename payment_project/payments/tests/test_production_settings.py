"""Production settings refuse the emulator unless PAYMENT_EMULATOR_ALLOWED=true.

Each case boots Django with config.settings.production in a fresh process, as
gunicorn would, with real-looking secrets in an environment of its own."""

import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from shop_common.settings import TEST_PLACEHOLDER_SECRETS

PROJECT_DIR = Path(__file__).resolve().parents[2]
BOOT = "import django; django.setup(); from django.conf import settings; print(settings.PAYMENT_PROCESSOR)"
REFUSAL = "set PAYMENT_EMULATOR_ALLOWED=true to run the emulator on purpose"


def production_boot(**variables: str) -> subprocess.CompletedProcess:
    """Starts Django under production settings with every secret the test
    settings have a placeholder for set to a real-looking value, plus
    `variables`; returns the finished process."""
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_ALLOWED_HOSTS": "payments.example.com",
        **{name: secrets.token_urlsafe(48) for name in TEST_PLACEHOLDER_SECRETS},
        **variables,
    }
    return subprocess.run(
        [sys.executable, "-c", BOOT],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_with_the_emulator_by_default():
    booted = production_boot()

    assert booted.returncode != 0
    assert "ImproperlyConfigured" in booted.stderr
    assert REFUSAL in booted.stderr


@pytest.mark.parametrize("flag", ["false", "0", "", "no"])
def test_production_refuses_the_emulator_when_the_flag_is_not_true(flag):
    booted = production_boot(PAYMENT_EMULATOR_ALLOWED=flag)

    assert booted.returncode != 0
    assert REFUSAL in booted.stderr


def test_production_runs_the_emulator_when_it_is_allowed_on_purpose():
    booted = production_boot(PAYMENT_EMULATOR_ALLOWED="true")

    assert booted.returncode == 0, booted.stderr
    assert booted.stdout.strip() == "payments.processor.EmulatorProcessor"


def test_production_with_a_real_processor_needs_no_flag():
    booted = production_boot(PAYMENT_PROCESSOR="acme_payments.AcmeProcessor")

    assert booted.returncode == 0, booted.stderr
    assert booted.stdout.strip() == "acme_payments.AcmeProcessor"


def test_production_still_refuses_a_placeholder_secret_with_the_emulator_allowed():
    booted = production_boot(
        PAYMENT_EMULATOR_ALLOWED="true",
        WEBHOOK_SECRET=TEST_PLACEHOLDER_SECRETS["WEBHOOK_SECRET"],
    )

    assert booted.returncode != 0
    assert "WEBHOOK_SECRET" in booted.stderr
