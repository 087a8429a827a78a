"""Helpers for driving the server with the unmodified official Huawei Cloud BSS SDK.

Every request goes through `huaweicloudsdkbss`/`huaweicloudsdkcore`: the SDK builds the URL,
serialises the body, signs with SDK-HMAC-SHA256 and parses errors into its own exceptions.
Nothing here signs by hand.

- `sdk_client(endpoint, ak, sk, domain_id)` builds a plain `BssClient`.
- `Api` wraps one such client and records every exchange (`api.last`), so a test can look at
  the exact URL, headers and body that were sent and received.
- `Api.raw(method, path, ...)` signs and sends any path through `BssClient.call_api`.
- `Operator` builds partners, users, customers and keys through the operator API.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass, field
from typing import Any, Iterable, Optional

from huaweicloudsdkbss.v2 import BssClient
from requests.structures import CaseInsensitiveDict
from huaweicloudsdkcore.auth.credentials import GlobalCredentials
from huaweicloudsdkcore.exceptions import exceptions
from huaweicloudsdkcore.http.http_config import HttpConfig
from huaweicloudsdkcore.http.http_handler import HttpHandler

# A response model of the BSS SDK without fields: `call_api` deserialises into it, and the
# status code and body stay readable as `.status_code` / `.raw_content`.
EMPTY_RESPONSE = "ReclaimPartnerCouponsResponse"

# Query parameters whose values are lists are sent as repeated keys, the way the generated
# BSS client marks `operation_types` and `coupon_ids` (collection format "multi").
MULTI = "multi"

ClientRequestException = exceptions.ClientRequestException
ServerResponseException = exceptions.ServerResponseException
ServiceResponseException = exceptions.ServiceResponseException
SdkException = exceptions.SdkException


def unique(prefix: str, n: int = 8) -> str:
    """A name no other test uses: `prefix` + random lower-case hex."""
    return f"{prefix}{secrets.token_hex(n // 2 + n % 2)[:n]}"


def http_config(timeout=(5, 30)) -> HttpConfig:
    cfg = HttpConfig.get_default_config()
    cfg.retry_times = 0
    cfg.timeout = timeout
    return cfg


def sdk_client(endpoint: str, ak: str, sk: str, domain_id: Optional[str] = None,
               http_handler: Optional[HttpHandler] = None) -> BssClient:
    """A `BssClient` pointed at `endpoint`, built the way BSS-CONVENTIONS §3.4 describes."""
    builder = (BssClient.new_builder()
               .with_http_config(http_config())
               .with_credentials(GlobalCredentials(ak, sk, domain_id))
               .with_endpoints([endpoint]))
    if http_handler is not None:
        builder = builder.with_http_handler(http_handler)
    return builder.build()


@dataclass
class Exchange:
    """One request/response pair as it crossed the wire (from `requests`)."""

    method: str
    url: str
    request_headers: CaseInsensitiveDict
    request_body: Optional[bytes]
    status: int
    headers: CaseInsensitiveDict
    body: bytes

    @property
    def request_id(self) -> Optional[str]:
        return self.headers.get("X-Request-Id")

    def json(self) -> Any:
        return json.loads(self.body.decode("utf-8")) if self.body else None

    def describe(self) -> str:
        """Printable form for failure messages and bug reports."""
        req_body = self.request_body
        if isinstance(req_body, bytes):
            req_body = req_body.decode("utf-8", "replace")
        lines = [f"{self.method} {self.url}"]
        lines += [f"{k}: {v}" for k, v in self.request_headers.items()]
        if req_body:
            lines += ["", str(req_body)]
        lines += ["", f"-> HTTP {self.status}"]
        lines += [f"{k}: {v}" for k, v in self.headers.items()]
        lines += ["", self.body.decode("utf-8", "replace")]
        return "\n".join(lines)


@dataclass
class Reply:
    """A successful (< 400) answer to `Api.raw`."""

    status: int
    body: Any
    exchange: Exchange

    @property
    def request_id(self) -> Optional[str]:
        return self.exchange.request_id


@dataclass
class Api:
    """One SDK client for one credential, recording what it sends and receives."""

    endpoint: str
    ak: str
    sk: str = field(repr=False)
    domain_id: Optional[str] = None
    exchanges: list = field(default_factory=list, repr=False)

    def __post_init__(self):
        handler = HttpHandler().add_response_handler(self._record)
        self.sdk = sdk_client(self.endpoint, self.ak, self.sk, self.domain_id, handler)

    def _record(self, response=None, **_):
        req = response.request
        self.exchanges.append(Exchange(
            method=req.method,
            url=req.url,
            request_headers=CaseInsensitiveDict(req.headers),
            request_body=req.body,
            status=response.status_code,
            headers=CaseInsensitiveDict(response.headers),
            body=response.content,
        ))
        del self.exchanges[:-20]

    @property
    def last(self) -> Exchange:
        return self.exchanges[-1]

    def with_credentials(self, ak=None, sk=None, domain_id=None) -> "Api":
        """Another client on the same endpoint with some of the credential parts replaced."""
        return Api(self.endpoint, ak or self.ak, sk or self.sk,
                   domain_id if domain_id is not None else self.domain_id)

    def raw(self, method: str, path: str, body: Any = None,
            query: Optional[Iterable[tuple]] = None, headers: Optional[dict] = None,
            path_params: Optional[dict] = None) -> Reply:
        """`raw()` on this client; the reply carries the recorded exchange. An SDK error
        raised here carries the exchange as a note, so a failing test shows the wire."""
        try:
            status, parsed = call_api(self.sdk, method, path, body, query, headers, path_params)
        except ServiceResponseException as e:
            if hasattr(e, "add_note") and self.exchanges:
                e.add_note(self.last.describe())
            raise
        return Reply(status=status, body=parsed, exchange=self.last)

    def fails(self, method: str, path: str, status: int, code: str,
              **kw) -> ServiceResponseException:
        """Sends like `raw` and asserts the SDK raised an error with this status and code."""
        try:
            r = self.raw(method, path, **kw)
        except ServiceResponseException as e:
            assert (e.status_code, e.error_code) == (status, code), (
                f"expected HTTP {status} {code}, the SDK raised {type(e).__name__} "
                f"{e.status_code} {e.error_code} {e.error_msg!r}\n{self.last.describe()}")
            return e
        raise AssertionError(f"expected HTTP {status} {code}, got {r.status}\n"
                             f"{r.exchange.describe()}")

    def get(self, path, **kw) -> Reply:
        return self.raw("GET", path, **kw)

    def post(self, path, body=None, **kw) -> Reply:
        return self.raw("POST", path, body=body, **kw)

    def put(self, path, body=None, **kw) -> Reply:
        return self.raw("PUT", path, body=body, **kw)


def call_api(sdk: BssClient, method: str, path: str, body: Any = None,
             query: Optional[Iterable[tuple]] = None, headers: Optional[dict] = None,
             path_params: Optional[dict] = None) -> tuple[int, Any]:
    """Signs and sends any request through `BssClient.call_api`; returns (status, parsed body).

    `path` may hold `{name}` placeholders filled from `path_params` (the SDK percent-encodes
    them, `/` included). `query` is a list of `(key, value)` pairs; a list value becomes
    repeated keys, as the generated client sends `operation_types`. Errors raise the SDK's own
    exceptions: `ClientRequestException` for 4xx, `ServerResponseException` for 5xx.
    """
    query = list(query or [])
    multi = {k: MULTI for k, v in query if isinstance(v, (list, tuple))}
    header_params = {"Content-Type": "application/json"}
    header_params.update(headers or {})
    resp = sdk.call_api(
        resource_path=path,
        method=method,
        path_params=dict(path_params or {}),
        query_params=query,
        header_params=header_params,
        body=body,
        response_type=EMPTY_RESPONSE,
        collection_formats=multi,
    )
    content = resp.raw_content
    parsed = json.loads(content.decode("utf-8")) if content else None
    return resp.status_code, parsed


def raw(client, method: str, path: str, body: Any = None, query=None, headers=None,
        path_params=None):
    """Any signed request through an `Api` (returns a `Reply`) or a bare `BssClient`
    (returns `(status, parsed body)`)."""
    if isinstance(client, Api):
        return client.raw(method, path, body=body, query=query, headers=headers,
                          path_params=path_params)
    return call_api(client, method, path, body, query, headers, path_params)


ROLES = ("admin", "account_manager", "account_manager_supervisor", "project_specialist", "finance")


def strong_password() -> str:
    """8–32 characters mixing lower, upper, digits and a symbol."""
    return "Pw-" + secrets.token_hex(6) + "X9"


@dataclass
class Key:
    access_key: str
    secret_key: str
    domain_id: str


@dataclass
class Partner:
    partner_id: str
    domain_id: str
    account_name: str
    body: dict


@dataclass
class User:
    user_id: str
    partner_id: str
    user_name: str
    password: Optional[str]


@dataclass
class Customer:
    customer_id: str
    domain_id: str
    domain_name: str
    password: Optional[str]


class Operator:
    """Builders over the operator API, signed by the operator credential through the SDK."""

    def __init__(self, api: Api):
        self.api = api

    def client(self, key: Key, domain_id: Optional[str] = None) -> Api:
        """An SDK client for an issued key (by default without X-Domain-Id)."""
        return Api(self.api.endpoint, key.access_key, key.secret_key, domain_id)

    def make_partner(self, partner_type: str = "DISTRIBUTOR", country_code: str = "CN",
                     **extra) -> Partner:
        account_name = extra.pop("account_name", None) or unique("sdk-acct-", 12)
        body = {"name": f"SDK partner {account_name}", "account_name": account_name,
                "partner_type": partner_type, "country_code": country_code, **extra}
        r = self.api.post("/v2/operator/partners", body)
        assert r.status == 201, r.exchange.describe()
        return Partner(r.body["partner_id"], r.body["domain_id"], account_name, body)

    def make_user(self, partner_id: str, roles=("admin",), password: Optional[str] = None,
                  **extra) -> User:
        user_name = extra.pop("user_name", None) or unique("sdk.user.", 12)
        body = {"user_name": user_name, "roles": list(roles), **extra}
        if password is not None:
            body["password"] = password
        r = self.api.post("/v2/operator/partners/{partner_id}/users", body,
                          path_params={"partner_id": partner_id})
        assert r.status == 201, r.exchange.describe()
        return User(r.body["user_id"], partner_id, user_name, password)

    def make_access_key(self, owner) -> Key:
        """A key for a `User` or a `Customer`."""
        if isinstance(owner, User):
            r = self.api.post("/v2/operator/partners/{partner_id}/users/{user_id}/access-keys",
                              path_params={"partner_id": owner.partner_id,
                                           "user_id": owner.user_id})
        elif isinstance(owner, Customer):
            r = self.api.post("/v2/operator/customers/{customer_id}/access-keys",
                              path_params={"customer_id": owner.customer_id})
        else:
            raise TypeError(f"no access keys for {owner!r}")
        assert r.status == 201, r.exchange.describe()
        return Key(r.body["access_key"], r.body["secret_key"], r.body["domain_id"])

    def make_customer(self, country_code: str = "CN", password: Optional[str] = None,
                      **extra) -> Customer:
        domain_name = extra.pop("domain_name", None) or unique("sdk_cust_", 12)
        body = {"domain_name": domain_name, "country_code": country_code, **extra}
        if password is not None:
            body["password"] = password
        r = self.api.post("/v2/operator/customers", body)
        assert r.status == 201, r.exchange.describe()
        return Customer(r.body["customer_id"], r.body["domain_id"], domain_name, password)

    def partner_user_key(self, partner_type: str = "DISTRIBUTOR", roles=("admin",)):
        """A new partner, one user of it and that user's key."""
        partner = self.make_partner(partner_type)
        user = self.make_user(partner.partner_id, roles)
        return partner, user, self.make_access_key(user)


def sdk_fails(api: Api, status: int, code: str, call, *args, **kw) -> ServiceResponseException:
    """Calls a typed SDK operation of `api.sdk` (e.g. `api.sdk.list_partner_balances`, or an
    invoker's `.invoke`) and asserts the SDK raised an error with this status and code; the
    failure message shows the recorded exchange."""
    try:
        resp = call(*args, **kw)
    except ServiceResponseException as e:
        assert (e.status_code, e.error_code) == (status, code), (
            f"expected HTTP {status} {code}, the SDK raised {type(e).__name__} "
            f"{e.status_code} {e.error_code} {e.error_msg!r}\n{api.last.describe()}")
        return e
    raise AssertionError(f"expected HTTP {status} {code}, got {resp.status_code}\n"
                         f"{api.last.describe()}")


def fetch_text(api: Api, path: str, query: Optional[Iterable[tuple]] = None,
               headers: Optional[dict] = None) -> Exchange:
    """A signed GET through `BssClient.call_api` for a body that is not JSON (CSV exports);
    returns the recorded exchange (`.status`, `.headers`, `.body` bytes). Errors raise the SDK's
    own exceptions, with the exchange as a note."""
    header_params = {"Content-Type": "application/json"}
    header_params.update(headers or {})
    try:
        api.sdk.call_api(resource_path=path, method="GET", path_params={},
                         query_params=list(query or []), header_params=header_params,
                         body=None, response_type=EMPTY_RESPONSE, collection_formats={})
    except ServiceResponseException as e:
        if hasattr(e, "add_note") and api.exchanges:
            e.add_note(api.last.describe())
        raise
    return api.last
