"""Settings of the auth service. Every value comes from the environment."""

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from shop_common import settings as shared

BASE_DIR = Path(__file__).resolve().parent.parent.parent
env = shared.env

globals().update(shared.core(service="auth", base_dir=BASE_DIR))
# Auth is the one service that mints user tokens: under RS256 (JWT_PUBLIC_KEY
# set) it needs the private key too, or every login would fail at signing time.
if globals()["JWT_ALGORITHM"] == "RS256" and not globals()["JWT_SIGNING_KEY"].strip():
    raise ImproperlyConfigured(
        "Set JWT_PRIVATE_KEY on the auth service when JWT_PUBLIC_KEY is set."
    )

INSTALLED_APPS = [
    *shared.DJANGO_APPS,
    *shared.THIRD_PARTY_APPS,
    "rest_framework_simplejwt.token_blacklist",
    "users",
]
MIDDLEWARE = shared.MIDDLEWARE

DATABASES = {"default": shared.database(default_name="auth")}
CACHES = shared.redis_cache(key_prefix="auth")
# Login throttling keeps its counters in Redis, so the service is not ready without it.
READINESS_CHECKS = ["shop_common.health.database_check", "shop_common.health.redis_check"]

AUTH_USER_MODEL = "users.User"
# Argon2id at OWASP's minimum parameters (users/hashers.py, docs/auth.md). PBKDF2
# stays second so hashes stored before Argon2 still verify; each is rehashed
# with Argon2id at its user's next successful sign-in. No weaker hasher verifies.
PASSWORD_HASHERS = [
    "users.hashers.Argon2idPasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# Argon2id hashes run at once per gunicorn worker, on low-priority threads
# (users/hashers.py): workers x this = the cores the service may use (one
# worker on two cores, as devstack, compose and the Dockerfile run it).
AUTH_PASSWORD_HASH_CONCURRENCY = env.int("AUTH_PASSWORD_HASH_CONCURRENCY", default=2)
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("email",)},
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Failed-login throttling (users/login_throttle.py): only failures are counted,
# per (email, client address) and per client address, in a fixed window; none
# per email alone, so an attacker never locks the owner out.
AUTH_LOGIN_FAILURES_PER_EMAIL_ADDRESS = env.int("AUTH_LOGIN_FAILURES_PER_EMAIL_ADDRESS", default=10)
AUTH_LOGIN_FAILURES_PER_ADDRESS = env.int("AUTH_LOGIN_FAILURES_PER_ADDRESS", default=100)
AUTH_LOGIN_FAILURE_WINDOW_SECONDS = env.int("AUTH_LOGIN_FAILURE_WINDOW_SECONDS", default=5 * 60)
# How many reverse proxies in front of this service append to X-Forwarded-For.
# The contract's default is one (the gateway, DESIGN.md §5); a request with no
# X-Forwarded-For counts as REMOTE_ADDR. Set 0 where auth is exposed directly
# to clients, so none can pick its address.
AUTH_TRUSTED_PROXY_COUNT = env.int("AUTH_TRUSTED_PROXY_COUNT", default=1)

# Auth reads the user from its own database on every request (unlike the other
# services' stateless tokens), so /auth/me is current and inactive users are refused.
REST_FRAMEWORK = shared.rest_framework(
    authentication=["rest_framework_simplejwt.authentication.JWTAuthentication"]
)

# The Django admin lives under /admin/users/ (see shared.admin_scoped).
globals().update(shared.admin_scoped(service="auth", path="admin/users/", sign_in_with_auth=False))
