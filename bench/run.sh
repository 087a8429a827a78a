#!/usr/bin/env bash
# Partner BSS benchmark: for each backend, a fresh database, the release server, the database's
# own ceilings (pgbench / bare SQLite transactions), signed HTTP load (P1–P6), ledger checks and
# one report (stdout + bench/results/<date>-<backend>-<profile>.json).
#
#   bash bench/run.sh                 # full run (the issue's sizes), both backends
#   BENCH_PROFILE=smoke bash bench/run.sh   # a few seconds per scenario (CI)
#   BENCH_BACKENDS=postgres bash bench/run.sh
#   BENCH_ONLY=p1,p2 BENCH_PERF=/tmp/prof bash bench/run.sh   # some scenarios, server under perf
set -euo pipefail
cd "$(dirname "$0")/.."
PROFILE="${BENCH_PROFILE:-full}"
BACKENDS="${BENCH_BACKENDS:-postgres sqlite}"
PG="${BENCH_PG_URL:-postgres://postgres@127.0.0.1:5432}"
POOL="${BENCH_POOL_SIZE:-12}"
WORK="$(mktemp -d)"
SERVER_PID=""
PLAIN_PID=""
cleanup() {
  [ -n "$PLAIN_PID" ] && kill "$PLAIN_PID" 2>/dev/null && wait "$PLAIN_PID" 2>/dev/null
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
  [ -n "${DB_NAME:-}" ] && psql -X -q "$PG/postgres" -c "DROP DATABASE IF EXISTS $DB_NAME WITH (FORCE)" >/dev/null 2>&1
  rm -rf "$WORK"
}
trap cleanup EXIT

# CI builds the smoke run in the debug profile it has already compiled; timings then mean little.
# BENCH_BUILD=none reuses the release binaries as they are; BENCH_SERVER_BIN runs another server
# binary (e.g. a copy built from an earlier commit) for back-to-back before/after comparisons.
case "${BENCH_BUILD:-release}" in
  debug) BIN=target/debug; cargo build -q -p server -p loadgen ;;
  none) BIN=target/release ;;
  *) BIN=target/release; cargo build --release -q -p server -p loadgen ;;
esac
SERVER_BIN="${BENCH_SERVER_BIN:-$BIN/partner-bss}"
STARTED=$SECONDS
COMMIT="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
KEY="$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

for backend in $BACKENDS; do
  DB_NAME=""
  if [ "$backend" = postgres ]; then
    DB_NAME="bench_$(head -c 6 /dev/urandom | od -An -tx1 | tr -d ' \n')"
    psql -X -q "$PG/postgres" -c "CREATE DATABASE $DB_NAME" >/dev/null
    URL="$PG/$DB_NAME"
  else
    URL="sqlite://$WORK/bench.db"
  fi
  PORT="$(free_port)"
  BSS_MASTER_KEY="$KEY" BSS_OPERATOR_AK=BENCHOPERATOR BSS_OPERATOR_SK=bench-operator-secret-0000 \
    BSS_RATE_LIMIT=1000000 BSS_POOL_SIZE="$POOL" RUST_LOG=warn \
    "$SERVER_BIN" serve --listen "127.0.0.1:$PORT" --database-url "$URL" > "$WORK/server-$backend.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1 && break; sleep 0.2; done
  curl -fsS "http://127.0.0.1:$PORT/readyz" >/dev/null || { cat "$WORK/server-$backend.log"; exit 1; }
  # P2 also runs against a second server of the same binary on the same database that writes
  # no audit events (--bench-without-audit), to report what the audit log costs PayOrders.
  PLAIN=()
  if [ -z "${BENCH_ONLY:-}" ] || [[ ",${BENCH_ONLY,,}," == *",p2,"* ]]; then
    PLAIN_PORT="$(free_port)"
    BSS_MASTER_KEY="$KEY" BSS_OPERATOR_AK=BENCHOPERATOR BSS_OPERATOR_SK=bench-operator-secret-0000 \
      BSS_RATE_LIMIT=1000000 BSS_POOL_SIZE="$POOL" RUST_LOG=warn BSS_BENCH_WITHOUT_AUDIT=1 \
      "$SERVER_BIN" serve --listen "127.0.0.1:$PLAIN_PORT" --database-url "$URL" > "$WORK/server-plain-$backend.log" 2>&1 &
    PLAIN_PID=$!
    for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$PLAIN_PORT/readyz" >/dev/null 2>&1 && break; sleep 0.2; done
    curl -fsS "http://127.0.0.1:$PLAIN_PORT/readyz" >/dev/null || { cat "$WORK/server-plain-$backend.log"; exit 1; }
    PLAIN=(--server-without-audit "http://127.0.0.1:$PLAIN_PORT" --server-without-audit-pid "$PLAIN_PID")
  fi
  PERF_PID=""
  if [ -n "${BENCH_PERF:-}" ]; then
    perf record -q -F 499 ${BENCH_PERF_ARGS:-} -p "$SERVER_PID" -o "$BENCH_PERF-$backend.data" 2>/dev/null &
    PERF_PID=$!
  fi
  $BIN/loadgen --backend "$backend" --database-url "$URL" --server "http://127.0.0.1:$PORT" \
    --server-pid "$SERVER_PID" --master-key "$KEY" --profile "$PROFILE" --commit "$COMMIT" --pool-size "$POOL" \
    ${BENCH_SECS:+--secs "$BENCH_SECS"} ${BENCH_ONLY:+--only "$BENCH_ONLY"} "${PLAIN[@]}"
  if [ -n "$PERF_PID" ]; then kill -INT "$PERF_PID"; wait "$PERF_PID" 2>/dev/null || true; PERF_PID=""; fi
  VERIFY_STARTED=$(date +%s%N)
  "$SERVER_BIN" verify-ledger --database-url "$URL"
  echo "verify-ledger ($backend): $(( ($(date +%s%N) - VERIFY_STARTED) / 1000000 )) ms"
  if [ -n "$PLAIN_PID" ]; then kill "$PLAIN_PID"; wait "$PLAIN_PID" 2>/dev/null || true; PLAIN_PID=""; fi
  kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""
  if [ -n "$DB_NAME" ]; then psql -X -q "$PG/postgres" -c "DROP DATABASE IF EXISTS $DB_NAME WITH (FORCE)" >/dev/null; DB_NAME=""; fi
done
echo "bench/run.sh: profile $PROFILE, backends $BACKENDS, $((SECONDS - STARTED)) s"
