#!/usr/bin/env bash
# bench/events.sh - events/s through the message consumers (embedded queue and SQS via fauxqs, on
# SQLite and PostgreSQL, test consumer and tier consumer with a local Tier API stub). Details and
# settings: bench/events.py. Writes bench/results/events.md.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x "${DELIUSD_BIN:-build/deliusd}" ] || make -j"$(nproc)" >&2
exec /usr/bin/python3 bench/events.py "$@"
