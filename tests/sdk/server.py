"""Starts and stops the `partner-bss` binary for the suite, on SQLite or a fresh PostgreSQL
database.

Environment:
- `BSS_BIN`: the server binary (default `<repo>/target/debug/partner-bss`).
- `SDK_BACKEND`: `sqlite` (default; a new file in a temp dir) or `postgres` (a new database
  `sdk_<hex>` created on `SDK_PG_URL`, dropped at the end).
- `SDK_PG_URL`: the PostgreSQL server, default `postgres://postgres@127.0.0.1:5432`.
- `SDK_DATABASE_URL`: use this database URL as is (overrides `SDK_BACKEND`; not dropped).
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

REPO = Path(__file__).resolve().parents[2]
READY_TIMEOUT_S = 30.0


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _psql(admin_url: str, sql: str) -> None:
    subprocess.run(
        ["psql", f"{admin_url.rstrip('/')}/postgres", "-v", "ON_ERROR_STOP=1", "-q", "-c", sql],
        check=True, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60,
    )


class Database:
    """The database the server runs on, created fresh unless `SDK_DATABASE_URL` is given."""

    def __init__(self, workdir: Path):
        self.backend = os.environ.get("SDK_BACKEND", "sqlite").strip().lower() or "sqlite"
        self._drop: Optional[tuple[str, str]] = None
        given = os.environ.get("SDK_DATABASE_URL", "").strip()
        if given:
            self.url = given
            self.backend = "postgres" if given.startswith("postgres") else "sqlite"
        elif self.backend == "sqlite":
            self.url = f"sqlite://{workdir / 'bss.db'}"
        elif self.backend in ("postgres", "postgresql", "pg"):
            self.backend = "postgres"
            admin = os.environ.get("SDK_PG_URL", "postgres://postgres@127.0.0.1:5432").rstrip("/")
            name = f"sdk_{secrets.token_hex(6)}"
            try:
                _psql(admin, f'CREATE DATABASE "{name}"')
            except subprocess.CalledProcessError as e:
                raise RuntimeError(f"could not create database {name} on {admin}: {e.stderr}") from e
            self.url = f"{admin}/{name}"
            self._drop = (admin, name)
        else:
            raise RuntimeError(f"SDK_BACKEND must be sqlite or postgres, not {self.backend!r}")

    def drop(self) -> None:
        if self._drop:
            admin, name = self._drop
            self._drop = None
            _psql(admin, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@dataclass
class Server:
    url: str
    operator_ak: str
    operator_sk: str
    backend: str
    stdout_path: Path
    stderr_path: Path

    def logs(self, max_chars: int = 20000) -> str:
        out = []
        for p in (self.stdout_path, self.stderr_path):
            text = p.read_text(errors="replace") if p.exists() else ""
            out.append(f"--- {p.name} ---\n{text[-max_chars:]}")
        return "\n".join(out)


class ServerProcess:
    """Runs the binary with a temp dir as cwd; `start()` returns once `/readyz` answers 200."""

    def __init__(self, extra_env: Optional[dict] = None):
        self.extra_env = dict(extra_env or {})
        self.tmp = tempfile.TemporaryDirectory(prefix="bss-sdk-")
        self.workdir = Path(self.tmp.name)
        self.proc: Optional[subprocess.Popen] = None
        self.db: Optional[Database] = None
        self.server: Optional[Server] = None

    def start(self) -> Server:
        binary = Path(os.environ.get("BSS_BIN") or REPO / "target" / "debug" / "partner-bss")
        if not binary.is_file():
            raise RuntimeError(f"server binary {binary} not found; build it with `cargo build -p server`")
        self.db = Database(self.workdir)
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        ak = "SDKOP" + secrets.token_hex(8).upper()
        sk = secrets.token_urlsafe(30)
        env = {k: v for k, v in os.environ.items()
               if not k.startswith("BSS_") and k != "DATABASE_URL"}
        env.update({
            "DATABASE_URL": self.db.url,
            "BSS_LISTEN": f"127.0.0.1:{port}",
            "BSS_OPERATOR_AK": ak,
            "BSS_OPERATOR_SK": sk,
            "BSS_MASTER_KEY": secrets.token_hex(32),
            "BSS_MASTER_KEY_FILE": str(self.workdir / "partner-bss.key"),
            "BSS_RATE_LIMIT": "100000",
            "NO_COLOR": "1",
        })
        env.update(self.extra_env)
        stdout_path = self.workdir / "server.stdout.log"
        stderr_path = self.workdir / "server.stderr.log"
        self.server = Server(url, ak, sk, self.db.backend, stdout_path, stderr_path)
        with open(stdout_path, "wb") as out, open(stderr_path, "wb") as err:
            self.proc = subprocess.Popen([str(binary), "serve"], cwd=self.workdir, env=env,
                                         stdin=subprocess.DEVNULL, stdout=out, stderr=err)
        self._wait_ready()
        return self.server

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + READY_TIMEOUT_S
        last = "no answer yet"
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited with status {self.proc.returncode} before it "
                                   f"was ready\n{self.server.logs()}")
            try:
                with urllib.request.urlopen(f"{self.server.url}/readyz", timeout=2) as r:
                    if r.status == 200:
                        return
                    last = f"HTTP {r.status}"
            except urllib.error.HTTPError as e:
                last = f"HTTP {e.code}: {e.read()[:500]!r}"
            except OSError as e:
                last = repr(e)
            time.sleep(0.1)
        raise RuntimeError(f"server not ready after {READY_TIMEOUT_S:.0f}s ({last})\n"
                           f"{self.server.logs()}")

    def stop(self) -> None:
        try:
            if self.proc is not None and self.proc.poll() is None:
                self.proc.send_signal(signal.SIGTERM)
                try:
                    self.proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    self.proc.kill()
                    self.proc.wait(timeout=10)
        finally:
            try:
                if self.db is not None:
                    self.db.drop()
            finally:
                self.tmp.cleanup()
