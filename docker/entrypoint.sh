#!/usr/bin/env bash
# Every service's container entrypoint: wait for its database, migrate, then
# run the command (gunicorn by default). Services without a database skip both.
set -o errexit -o nounset -o pipefail

# gunicorn's workers share request metrics through this folder; stale files
# from a previous run would count twice.
if [ -n "${PROMETHEUS_MULTIPROC_DIR:-}" ]; then
    rm -rf "${PROMETHEUS_MULTIPROC_DIR:?}"
    mkdir -p "$PROMETHEUS_MULTIPROC_DIR"
fi

if [ -n "${DATABASE_URL:-}" ]; then
    python manage.py wait_for_db --timeout 60
    python manage.py migrate --noinput
fi

exec "$@"
