#!/usr/bin/env bash
# Every service's container entrypoint: wait for its database, migrate, then
# run the command (gunicorn by default). Services without a database skip both.
set -o errexit -o nounset -o pipefail

if [ -n "${DATABASE_URL:-}" ]; then
    python manage.py wait_for_db --timeout 60
    python manage.py migrate --noinput
fi

exec "$@"
