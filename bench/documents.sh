#!/usr/bin/env bash
# bench/documents.sh - a large document download through both document-store backends
# (court-case-and-delius.md §5): GET /probation-case/{crn}/documents/{id} of a BENCH_DOC_MB
# (default 200) MB file, first from the local directory store, then from a remote
# Alfresco-compatible store (a Python http.server serving {base}/fetch/{id} from disk).
# For each: one small warm-up download, then the big one with curl -o /dev/null while the
# server's VmRSS/VmHWM are sampled every 50 ms. Reports RSS before / peak / growth
# (acceptance bar: growth < 10 MB), the time and MB/s, and checks the byte count and SHA-256.
# Writes bench/results/documents.md (and prints it). Builds nothing: run `make` first.
#
# Environment: BENCH_DOC_MB [200]  BENCH_DOC_OUT [bench/results/documents.md]
#   DELIUSD_BIN [build/deliusd]
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=${DELIUSD_BIN:-build/deliusd}
MB=${BENCH_DOC_MB:-200}
OUT=${BENCH_DOC_OUT:-bench/results/documents.md}
BAR_KB=$((10 * 1024))
die() { echo "documents: $*" >&2; exit 1; }
log() { echo "documents: $*" >&2; }
for tool in curl python3 sha256sum; do command -v "$tool" >/dev/null || die "$tool not found"; done
[[ -x $BIN ]] || die "$BIN not built (run: make)"

WORK=$(mktemp -d)
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

DB=$WORK/bench.db
DOCID=bench-0000-0000-0000-000000000001
SMALL=bench-0000-0000-0000-000000000002
export DELIUSD_DATABASE=$DB
"$BIN" migrate >/dev/null
python3 - "$DB" "$DOCID" "$SMALL" <<'PY'
import sqlite3, sys
db, big, small = sys.argv[1:]
c = sqlite3.connect(db)
ts = "2024-06-01T10:00:00"
c.execute("INSERT INTO OFFENDER (OFFENDER_ID, CRN, FIRST_NAME, SURNAME, DATE_OF_BIRTH_DATE, GENDER_ID, PARTITION_AREA_ID,"
          " CREATED_BY_USER_ID, CREATED_DATETIME, LAST_UPDATED_USER_ID, LAST_UPDATED_DATETIME)"
          " VALUES (1, 'B000001', 'Bench', 'Mark', '1980-01-01', 4001, 0, 3, ?, 3, ?)", (ts, ts))
for i, (doc, name) in enumerate(((big, "big report.pdf"), (small, "small.pdf")), 1):
    c.execute("INSERT INTO DOCUMENT (DOCUMENT_ID, OFFENDER_ID, ALFRESCO_DOCUMENT_ID, PRIMARY_KEY_ID, TABLE_NAME,"
              " DOCUMENT_NAME, LAST_SAVED, STATUS, SENSITIVE, PARTITION_AREA_ID) VALUES (?, 1, ?, 1, 'OFFENDER', ?, ?,"
              " 'N', 0, 0)", (i, doc, name, ts))
c.commit()
PY
STORE=$WORK/store
mkdir -p "$STORE/fetch"
log "writing a $MB MB document"
head -c $((MB * 1024 * 1024)) /dev/urandom > "$STORE/$DOCID"
printf '%%PDF-1.4 small\n' > "$STORE/$SMALL"
ln "$STORE/$DOCID" "$STORE/fetch/$DOCID"
ln "$STORE/$SMALL" "$STORE/fetch/$SMALL"
SUM=$(sha256sum "$STORE/$DOCID" | cut -d' ' -f1)
"$BIN" keygen --out "$WORK/k.pem" --pub "$WORK/k.pub" >/dev/null 2>&1
TOKEN=$("$BIN" token --key "$WORK/k.pem" --roles ROLE_PROBATION_API__COURT_CASE__CASE_DETAIL --ttl 3600)

rss() { awk -v k="$2:" '$1 == k {print $2}' "/proc/$1/status"; }

ROWS=()
run_case() { # name store-spec
  local name=$1 spec=$2 port pid
  port=$(free_port)
  DELIUSD_PORT=$port DELIUSD_BIND=127.0.0.1 DELIUSD_JWT_PUBLIC_KEY_FILE=$WORK/k.pub DELIUSD_THREADS=2 \
    DELIUSD_DOCUMENT_STORE=$spec DELIUSD_LOG_LEVEL=WARN "$BIN" serve 2>"$WORK/$name.log" &
  pid=$!
  PIDS+=("$pid")
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/health/liveness" >/dev/null && break; sleep 0.1; done
  local url=http://127.0.0.1:$port/probation-case/B000001/documents
  curl -sf -H "Authorization: Bearer $TOKEN" "$url/$SMALL" -o /dev/null || die "$name: warm-up failed"
  local before peak=0 hwm_before
  before=$(rss "$pid" VmRSS)
  hwm_before=$(rss "$pid" VmHWM)
  ( while kill -0 "$pid" 2>/dev/null; do rss "$pid" VmRSS; sleep 0.05; done ) > "$WORK/$name.rss" &
  local sampler=$!
  local t0 t1 got
  t0=$(date +%s.%N)
  got=$(curl -sf -H "Authorization: Bearer $TOKEN" "$url/$DOCID" | tee >(sha256sum | cut -d' ' -f1 > "$WORK/$name.sum") | wc -c)
  t1=$(date +%s.%N)
  sleep 0.2
  kill "$sampler" 2>/dev/null || true
  wait "$sampler" 2>/dev/null || true
  peak=$(sort -n "$WORK/$name.rss" | tail -1)
  local hwm; hwm=$(rss "$pid" VmHWM)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  local sum; sum=$(cat "$WORK/$name.sum")
  [[ $got == $((MB * 1024 * 1024)) ]] || die "$name: got $got bytes"
  [[ $sum == "$SUM" ]] || die "$name: SHA-256 mismatch"
  local secs growth ok
  secs=$(python3 -c "print(f'{$t1 - $t0:.2f}')")
  # the high-water mark counts only when it rose during the download (start-up may have set it)
  local top=$peak
  (( hwm > hwm_before && hwm > top )) && top=$hwm
  growth=$(( top - before ))
  ok=$([[ $growth -lt $BAR_KB ]] && echo pass || echo FAIL)
  ROWS+=("| $name | $MB | $secs | $(python3 -c "print(f'{$MB / ($t1 - $t0):.0f}')") | $before | $peak | $hwm | $growth | $ok |")
  log "$name: ${secs}s, RSS before ${before} kB, peak ${peak} kB, VmHWM ${hwm} kB, growth ${growth} kB ($ok)"
}

run_case local "$STORE"
SPORT=$(free_port)
python3 -m http.server "$SPORT" --bind 127.0.0.1 --directory "$STORE" >/dev/null 2>&1 &
PIDS+=("$!")
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$SPORT/fetch/$SMALL" -o /dev/null && break; sleep 0.1; done
run_case remote "http://127.0.0.1:$SPORT/"

{
  echo "# Document download: $MB MB through both document stores"
  echo
  echo "\`bench/documents.sh\` on $(date -u +%Y-%m-%d) ($(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)); one"
  echo "download each after a small warm-up; RSS sampled every 50 ms (kB). Growth = peak (or VmHWM if it rose) - RSS"
  echo "before the download; bar < 10 MB. Bytes and SHA-256 checked. Remote = a Python http.server"
  echo "serving {base}/fetch/{id} from disk on loopback (its CPU shares the machine)."
  echo
  echo "| store | MB | seconds | MB/s | RSS before | RSS peak | VmHWM after | growth | < 10 MB |"
  echo "|---|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${ROWS[@]}"
} > "$OUT"
cat "$OUT"
