#!/usr/bin/env bash
# Runs the SDK suite: the unmodified official Huawei Cloud BSS SDK against the partner-bss binary.
#
#   bash tests/sdk/run.sh                        # SQLite (a fresh file in a temp dir)
#   SDK_BACKEND=postgres bash tests/sdk/run.sh   # a fresh database sdk_<hex>, dropped afterwards
#   bash tests/sdk/run.sh -k token               # extra arguments go to pytest
#
# Environment:
#   BSS_BIN          server binary; when unset, `cargo build -p server` makes
#                    target/debug/partner-bss first (a no-op when it is up to date)
#   SDK_BACKEND      sqlite (default) | postgres
#   SDK_PG_URL       PostgreSQL server for SDK_BACKEND=postgres (default postgres://postgres@127.0.0.1:5432)
#   SDK_DATABASE_URL use this database as is instead (not created, not dropped)
#   SDK_VENV         virtualenv to create or reuse (default <repo>/.venv-sdk)
#   PYTHON           interpreter that creates the venv (default python3)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
VENV="${SDK_VENV:-$REPO/.venv-sdk}"
PY="${PYTHON:-python3}"

# 1. The virtualenv, reinstalled only when requirements.txt changes.
if [ ! -x "$VENV/bin/python" ]; then
  echo "run.sh: creating virtualenv $VENV" >&2
  "$PY" -m venv "$VENV"
fi
want="$(cat "$HERE/requirements.txt" | sha256sum | cut -d' ' -f1)"
stamp="$VENV/.sdk-requirements.sha256"
if [ "$(cat "$stamp" 2>/dev/null || true)" != "$want" ]; then
  echo "run.sh: installing $HERE/requirements.txt" >&2
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-input \
    -r "$HERE/requirements.txt"
  echo "$want" > "$stamp"
fi

# 2. The server binary.
if [ -z "${BSS_BIN:-}" ]; then
  echo "run.sh: cargo build -p server" >&2
  (cd "$REPO" && cargo build --quiet -p server)
  BSS_BIN="$REPO/target/debug/partner-bss"
fi
BSS_BIN="$(cd "$(dirname "$BSS_BIN")" 2>/dev/null && pwd)/$(basename "$BSS_BIN")"
if [ ! -x "$BSS_BIN" ]; then
  echo "run.sh: server binary $BSS_BIN not found or not executable" >&2
  exit 2
fi
export BSS_BIN

# 3. The suite. pytest's exit code 5 (no tests collected) is a failure too.
cd "$REPO"
set +e
PYTHONDONTWRITEBYTECODE=1 "$VENV/bin/python" -m pytest -q "$HERE" "$@" </dev/null
rc=$?
set -e
if [ "$rc" -eq 5 ]; then
  echo "run.sh: pytest collected no tests" >&2
  exit 1
fi
exit "$rc"
