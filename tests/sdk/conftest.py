"""Session fixtures: one server per run, an operator client, and builders.

Fixtures:
- `server`: the running `partner-bss` (url, operator AK/SK, backend).
- `server_factory(extra_env)`: another server with its own settings and database.
- `operator_api`: an `Api` signed with the operator credential (`.raw/.get/.post/.put`).
- `op`: `Operator` builders — `make_partner`, `make_user`, `make_access_key`,
  `make_customer`, `partner_user_key`, `client(key)`.
- `sdk_client(ak, sk, domain_id=None)`: a bare `BssClient` on the server.
- `api_client(ak, sk, domain_id=None)`: an `Api` (recording) on the server.
"""

from __future__ import annotations

import os

import pytest

from bss import Api, Operator, sdk_client as build_sdk_client
from server import ServerProcess

_LOGS_KEY = pytest.StashKey[str]()


def pytest_report_header(config):
    backend = "url " + os.environ["SDK_DATABASE_URL"] if os.environ.get("SDK_DATABASE_URL") \
        else os.environ.get("SDK_BACKEND", "sqlite")
    return f"partner-bss SDK suite; database: {backend}"


@pytest.fixture(scope="session")
def server_factory(request):
    """`start(extra_env=None) -> Server`: another server process (own database), stopped at the
    end of the session. Use it for settings the shared server cannot have (e.g. a low
    `BSS_RATE_LIMIT`)."""
    started: list[ServerProcess] = []

    def start(extra_env: dict | None = None):
        proc = ServerProcess(extra_env)
        started.append(proc)
        return proc.start()

    yield start
    logs, errors = [], []
    for proc in reversed(started):
        if request.session.testsfailed and proc.server is not None:
            logs.append(proc.server.logs())
        try:
            proc.stop()
        except Exception as e:  # stop every server even if one fails to stop
            errors.append(e)
    if logs:
        request.config.stash[_LOGS_KEY] = "\n".join(logs)
    if errors:
        raise errors[0]


@pytest.fixture(scope="session")
def server(server_factory):
    """The shared server: flow control effectively off (`BSS_RATE_LIMIT=100000`)."""
    return server_factory()


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    logs = config.stash.get(_LOGS_KEY, None)
    if logs:
        terminalreporter.section("partner-bss server output (tests failed)")
        terminalreporter.write_line(logs)


@pytest.fixture(scope="session")
def operator_api(server) -> Api:
    return Api(server.url, server.operator_ak, server.operator_sk)


@pytest.fixture(scope="session")
def op(operator_api) -> Operator:
    return Operator(operator_api)


@pytest.fixture(scope="session")
def sdk_client(server):
    def make(ak: str, sk: str, domain_id: str | None = None):
        return build_sdk_client(server.url, ak, sk, domain_id)
    return make


@pytest.fixture(scope="session")
def api_client(server):
    def make(ak: str, sk: str, domain_id: str | None = None) -> Api:
        return Api(server.url, ak, sk, domain_id)
    return make
