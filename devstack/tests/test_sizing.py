"""gunicorn sizing: the stack's for every service, unless a service has its own."""

from devstack.services import SERVICES, Service
from devstack.stack import gunicorn_command, gunicorn_sizing


def test_a_service_without_its_own_sizing_gets_the_stacks():
    service = Service("plain", 9000, None)

    assert gunicorn_sizing(service, workers=3, threads=5) == (3, 5)


def test_a_service_with_its_own_threads_keeps_them_and_the_stacks_workers():
    service = Service("hashing", 9000, None, gunicorn_threads=32)

    assert gunicorn_sizing(service, workers=3, threads=5) == (3, 32)


def test_auth_has_more_threads_than_a_burst_of_32_sign_ins():
    auth = next(service for service in SERVICES if service.name == "auth")

    _, threads = gunicorn_sizing(auth, workers=2, threads=4)

    assert threads > 32  # the burst, and /healthz beside it


def test_gunicorn_command_keeps_its_keyword_arguments():
    command = gunicorn_command(port=8123, workers=2, threads=7)

    assert command[command.index("--workers") + 1] == "2"
    assert command[command.index("--threads") + 1] == "7"
    assert "127.0.0.1:8123" in command
