#!/usr/bin/env bash
# Three replicas behind HAProxy over a PostgreSQL primary and a pg_basebackup hot standby, with
# their own Redis; checks flow control across replicas, kill -9 amid payments, a rolling
# restart under load and Redis stopped mid-run (see run.py and bench/README.md).
#
#   bash bench/replicas/run.sh                        # release build, full sizes
#   REPLICAS_PROFILE=smoke BENCH_BUILD=debug bash bench/replicas/run.sh   # what CI runs
#
# BENCH_BUILD: release (default) | debug | none (use BSS_BIN as built); BENCH_PG_URL: the
# primary (default postgres://postgres@127.0.0.1:5432; a database is created and dropped).
# Needs root (pg_basebackup and the standby run as the postgres user), redis-server, psql and
# HAProxy (installed from Debian's packages when missing). Loopback only; stops by itself.
set -euo pipefail
cd "$(dirname "$0")/../.."

case "${BENCH_BUILD:-release}" in
  release) cargo build --release -p server --bin partner-bss >&2; BIN=target/release/partner-bss ;;
  debug) cargo build -p server --bin partner-bss >&2; BIN=target/debug/partner-bss ;;
  none) BIN="${BSS_BIN:-target/release/partner-bss}" ;;
  *) echo "BENCH_BUILD must be release, debug or none" >&2; exit 2 ;;
esac

if ! command -v haproxy >/dev/null && [ ! -x /usr/sbin/haproxy ]; then
  echo "installing haproxy (Debian package)" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy >/dev/null
fi
export PATH="$PATH:/usr/sbin"
command -v psql >/dev/null || { apt-get update -qq && apt-get install -y -qq postgresql-client >/dev/null; }

if [ "${REPLICAS_PROFILE:-full}" = smoke ]; then
  SIZES=(--customers 6 --orders 8 --flow-secs 6 --rate 20 --deadline 600)
else
  SIZES=(--customers 20 --orders 25 --flow-secs 20 --rate 20 --deadline 1500)
fi
mkdir -p bench/results
OUT="bench/results/$(date -u +%Y-%m-%d)-replicas-${REPLICAS_PROFILE:-full}.json"
start=$(date +%s)
timeout 1800 python3 bench/replicas/run.py --bin "$BIN" "${SIZES[@]}" --out "$OUT" "$@"
echo "replicas: results in $OUT ($(( $(date +%s) - start )) s)" >&2
