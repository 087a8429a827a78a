#!/usr/bin/env bash
# Schemathesis against the served /openapi.json of the real binary, signing every request with
# AK/SK like the Huawei SDK. Three runs: a partner admin over the partner and customer routes,
# a customer over the same, the operator over /v2/operator/. All default checks plus
# --max-response-time. Exit code non-zero on any failure.
#
#   bash tests/fuzz/run.sh                         # CI: 5 examples an operation, seed 11 (~4 min)
#   FUZZ_MAX_EXAMPLES=100 FUZZ_MAX_TIME=1800 bash tests/fuzz/run.sh    # long run (30 min a run)
#   FUZZ_BACKEND=postgres bash tests/fuzz/run.sh   # on a fresh PostgreSQL database
#
# Environment: BSS_BIN (default: cargo build -p server, target/debug/partner-bss),
# FUZZ_VENV (default <repo>/.venv-fuzz), FUZZ_SEED, FUZZ_MAX_TIME, FUZZ_REPORT_DIR
# (default target/fuzz).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
VENV="${FUZZ_VENV:-$REPO/.venv-fuzz}"
MAX_EXAMPLES="${FUZZ_MAX_EXAMPLES:-5}"
SEED="${FUZZ_SEED:-11}"
REPORTS="${FUZZ_REPORT_DIR:-$REPO/target/fuzz}"

if [ ! -x "$VENV/bin/python" ]; then python3 -m venv "$VENV"; fi
want="$(sha256sum < "$HERE/requirements.txt" | cut -d' ' -f1)"
if [ "$(cat "$VENV/.fuzz-requirements.sha256" 2>/dev/null || true)" != "$want" ]; then
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$HERE/requirements.txt"
  echo "$want" > "$VENV/.fuzz-requirements.sha256"
fi
if [ -z "${BSS_BIN:-}" ]; then
  (cd "$REPO" && cargo build --quiet -p server)
  BSS_BIN="$REPO/target/debug/partner-bss"
fi

WORK="$(mktemp -d)"
DB_DROP=""
case "${FUZZ_BACKEND:-sqlite}" in
  sqlite) DATABASE_URL="sqlite://$WORK/fuzz.db" ;;
  postgres)
    PG="${FUZZ_PG_URL:-postgres://postgres@127.0.0.1:5432}"
    NAME="fuzz_$(head -c 8 /dev/urandom | od -An -tx1 | tr -d ' \n')"
    psql "$PG/postgres" -qc "CREATE DATABASE $NAME"
    DATABASE_URL="$PG/$NAME"; DB_DROP="$NAME" ;;
  *) echo "FUZZ_BACKEND must be sqlite or postgres" >&2; exit 2 ;;
esac
export DATABASE_URL
export BSS_OPERATOR_AK="FUZZOPERATORAK000001" BSS_OPERATOR_SK="fuzz-operator-secret-key-0123456789"
export BSS_MASTER_KEY="$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export BSS_RATE_LIMIT=100000 BSS_AUTH_FAILURES_PER_IP=100000
PORT="$("$VENV/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
"$BSS_BIN" serve --listen "127.0.0.1:$PORT" >"$WORK/server.log" 2>&1 &
SERVER=$!
cleanup() {
  kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true
  if [ -n "$DB_DROP" ]; then psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS $DB_DROP WITH (FORCE)" || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
BASE="http://127.0.0.1:$PORT"
for _ in $(seq 1 100); do curl -fs "$BASE/healthz" >/dev/null 2>&1 && break; sleep 0.2; done

eval "$("$VENV/bin/python" "$HERE/seed.py" "$BASE")"
mkdir -p "$REPORTS"
export SCHEMATHESIS_HOOKS=hooks PYTHONPATH="$HERE"
status=0
fuzz() {
  local name="$1" ak="$2" sk="$3"; shift 3
  echo "==> schemathesis as $name" >&2
  local extra=()
  if [ -n "${FUZZ_MAX_TIME:-}" ]; then extra+=(--max-time "$FUZZ_MAX_TIME"); fi
  FUZZ_AK="$ak" FUZZ_SK="$sk" "$VENV/bin/schemathesis" run "$BASE/openapi.json" \
    --checks all --exclude-checks ignored_auth,object_level_authorization,positive_data_acceptance \
    --generation-allow-x00 false \
    --max-response-time 5 --max-examples "$MAX_EXAMPLES" --seed "$SEED" \
    --workers 1 --suppress-health-check all "${extra[@]}" \
    --report junit,ndjson --report-junit-path "$REPORTS/$name.xml" --report-ndjson-path "$REPORTS/$name.ndjson" \
    "$@" || status=1
}
fuzz partner "$PARTNER_AK" "$PARTNER_SK" --exclude-path-regex '^/v2/operator/'
fuzz customer "$CUSTOMER_AK" "$CUSTOMER_SK" --exclude-path-regex '^/v2/operator/'
fuzz operator "$BSS_OPERATOR_AK" "$BSS_OPERATOR_SK" --include-path-regex '^/v2/operator/'
# The order chain (operator creates, customer reads and pays, operator unsubscribes, customer
# reads the refund) through its OpenAPI links: stateful phase only, positive data, each request
# signed by the identity owning its path (hooks.py).
FUZZ_OPERATOR_AK="$BSS_OPERATOR_AK" FUZZ_OPERATOR_SK="$BSS_OPERATOR_SK" FUZZ_ORDER_CUSTOMER_ID="$CUSTOMER_ID" \
  fuzz orders "$CUSTOMER_AK" "$CUSTOMER_SK" --phases stateful --mode positive \
  --include-path-regex '^/v2/operator/orders|^/v2/orders/customer-orders/(details|refund-orders)|^/v3/orders/customer-orders/pay$'
if grep -Ei 'panicked|internal error' "$WORK/server.log" >&2; then status=1; fi
exit "$status"
