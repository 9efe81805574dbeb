#!/usr/bin/env bash
# bench/latency.sh - request latency of every data route when the machine is otherwise idle:
# one client connection (wrk -t1 -c1, keep-alive), so no request waits behind another; p50, p99
# and max per route, on the database bench/run uses (build/bench/100k.db, or BENCH_PEOPLE=1000000
# for build/bench/1m.db; bench/run seeds them and writes the CRN / user / conviction lists).
#
#   bench/latency.sh                                   # 100k people, 5 s per route
#   BENCH_PEOPLE=1000000 BENCH_DURATION=10s bench/latency.sh
#
# The database file is read once first (cat > /dev/null) so the OS page cache holds it, as it
# would on a server that has been up for a while; the first requests of each route still find
# the connection's own page cache cold. Reports whether the machine was idle (other CPU use
# from /proc/stat during the runs). Figures, never assertions; loopback only; bounded runs.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=${DELIUSD_BIN:-build/deliusd}
PEOPLE=${BENCH_PEOPLE:-100000}
DURATION=${BENCH_DURATION:-5s}
OUT=${BENCH_OUT:-bench/results/latency.md}
if (( PEOPLE % 1000000 == 0 )); then NAME=$((PEOPLE / 1000000))m; else NAME=$((PEOPLE / 1000))k; fi
DB=build/bench/$NAME.db
for f in "$DB" "${DB%.db}.crns" "${DB%.db}.users" "${DB%.db}.events" build/bench/key.pem build/bench/key.pub.pem; do
  [ -f "$f" ] || { echo "latency.sh: $f missing: run BENCH_PEOPLE=$PEOPLE bench/run first" >&2; exit 1; }
done
[ -x "$BIN" ] || make -j"$(nproc)" >&2
command -v wrk >/dev/null || { echo "latency.sh: wrk not found (scripts/install-deps)" >&2; exit 1; }

TOKEN=$("$BIN" token --key build/bench/key.pem --user bench --ttl 3600 --roles ROLE_PROBATION_INTEGRATION_ADMIN)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
cat "$DB" >/dev/null
LOG=$(mktemp /tmp/deliusd-latency.XXXXXX)
DELIUSD_DATABASE=$DB DELIUSD_PORT=$PORT DELIUSD_BIND=127.0.0.1 DELIUSD_JWT_PUBLIC_KEY_FILE=build/bench/key.pub.pem \
  "$BIN" serve 2>"$LOG" >/dev/null &
PID=$!
trap 'kill $PID 2>/dev/null || true; wait $PID 2>/dev/null || true; rm -f "$LOG"' EXIT
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$PORT/health/readiness" >/dev/null 2>&1 && break; sleep 0.05; done

busy() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8, $2 + $3 + $4 + $5 + $6 + $7 + $8 }' /proc/stat; }
ROUTES="/health
/tier-details/{crn}
/person/{crn}
/case-data/{crn}/personal-details
/case-data/{crn}/{conviction}
/users/{user}/access/{crn}
/probation-case/{crn}
/probation-case/{crn}/all
/probation-case/{crn}/convictions/{conviction}"
ROWS=()
read -r b0 t0 < <(busy)
c0=$(awk '{ print $14 + $15 }' /proc/$PID/stat)
while IFS= read -r r; do
  args=(-H "Authorization: Bearer $TOKEN" -s bench/paths.lua "http://127.0.0.1:$PORT" -- "$r"
    "${DB%.db}.crns" "${DB%.db}.users" 1 "${DB%.db}.events")
  cat "$DB" >/dev/null # again per route: this VM pages out page-cache pages unread for ~60 s
  wrk -t1 -c1 -d1s "${args[@]}" >/dev/null
  line=$(wrk -t1 -c1 -d"$DURATION" --timeout 5s "${args[@]}" | grep '^BENCH ')
  ROWS+=("$(echo "$line" | awk -v r="$r" '{ for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
    printf "| `%s` | %d | %.3f | %.3f | %.3f | %s |", r, v["requests"], v["p50_us"] / 1000, v["p99_us"] / 1000,
      v["max_us"] / 1000, (v["p99_us"] < 5000 ? "yes" : "no") }')")
  echo "${ROWS[-1]}" >&2
done <<<"$ROUTES"
read -r b1 t1 < <(busy)
c1=$(awk '{ print $14 + $15 }' /proc/$PID/stat)
OTHER=$(awk -v b=$((b1 - b0)) -v t=$((t1 - t0)) -v s=$((c1 - c0)) 'BEGIN { printf "%.0f", t ? 100 * 2 * (b - s) / t : 0 }')

mkdir -p "$(dirname "$OUT")"
{
  echo "# deliusd latency, one connection (machine otherwise idle)"
  echo
  echo "Written by \`bench/latency.sh\` on $(date -u +%Y-%m-%dT%H:%MZ), git $(git rev-parse --short HEAD 2>/dev/null || echo '?')."
  echo "Database \`$DB\` ($PEOPLE people, $(du -m "$DB" | cut -f1) MB, read into the OS page cache first);"
  echo "deliusd default settings (access log on, to a file); \`wrk -t1 -c1 -d$DURATION\` per route after 1 s warm-up,"
  echo "random CRNs / users / convictions (bench/paths.lua, seed 1). CPU outside deliusd during the runs"
  echo "(wrk, loopback, anything else), in % of one CPU: $OTHER."
  echo
  echo "| route | requests | p50 ms | p99 ms | max ms | p99 < 5 ms |"
  echo "|---|--:|--:|--:|--:|---|"
  printf '%s\n' "${ROWS[@]}"
} >"$OUT"
cat "$OUT"
