"""The wire foundation as the official SDK sees it: signing (query, body, path quirks), error
parsing into SDK exceptions, identities, X-Domain-Id, tokens and idempotent money calls."""

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from urllib.parse import urlsplit

import pytest

from bss import ClientRequestException, raw, strong_password, unique

PARTNER = "/v2/operator/partners/{partner_id}"


def test_server_runs_on_the_chosen_backend(operator_api, server):
    r = operator_api.get("/readyz")

    assert r.status == 200
    assert r.body == {"status": "ready", "database": server.backend}


# --- signing ---------------------------------------------------------------------------------

def test_bare_sdk_client_signs_through_raw(sdk_client, server, op):
    partner = op.make_partner("SOLUTION_PROVIDER")
    client = sdk_client(server.operator_ak, server.operator_sk)

    status, body = raw(client, "GET", PARTNER, path_params={"partner_id": partner.partner_id})

    assert status == 200
    assert body["partner_type"] == "SOLUTION_PROVIDER"


def test_signed_get_with_repeated_query_keys(operator_api, op):
    partner = op.make_partner("DISTRIBUTOR")

    r = operator_api.get(PARTNER, path_params={"partner_id": partner.partner_id},
                         query=[("operation_types", ["2", "1"]), ("coupon_ids", ["B", "A"]),
                                ("limit", 10)])

    assert r.status == 200
    assert r.body["partner_id"] == partner.partner_id
    assert r.body["account_name"] == partner.account_name
    # The SDK really sent repeated keys, sorted, as the canonical query string.
    assert urlsplit(r.exchange.url).query == (
        "coupon_ids=A&coupon_ids=B&limit=10&operation_types=1&operation_types=2")


def test_signed_query_values_needing_percent_encoding(operator_api, op):
    partner = op.make_partner("DISTRIBUTOR")

    r = operator_api.get(PARTNER, path_params={"partner_id": partner.partner_id},
                         query=[("coupon_ids", ["a b/c", "x+y=z&q", "ü~*"]), ("flag", True),
                                ("empty", "")])

    assert r.status == 200
    assert r.body["partner_id"] == partner.partner_id
    assert "coupon_ids=a%20b%2Fc" in r.exchange.url
    assert "flag=true" in r.exchange.url
    assert "empty=&" in r.exchange.url


@pytest.mark.parametrize("partner_type", ["DISTRIBUTOR", "RESELLER", "SOLUTION_PROVIDER"])
def test_signed_post_with_json_body_creates_a_readable_partner(operator_api, partner_type):
    account_name = unique("sdk-post-", 12)
    body = {"name": f"Acme {account_name}", "account_name": account_name,
            "partner_type": partner_type, "country_code": "CN",
            "email": f"{account_name}@example.com", "mobile_phone": "+86-13800000000"}

    created = operator_api.post("/v2/operator/partners", body)

    assert created.status == 201
    assert created.exchange.request_headers["Content-Type"] == "application/json"
    partner_id, domain_id = created.body["partner_id"], created.body["domain_id"]
    assert partner_id and domain_id and partner_id != domain_id

    got = operator_api.get(PARTNER, path_params={"partner_id": partner_id})
    assert got.status == 200
    p = got.body
    assert p["partner_id"] == partner_id
    assert p["domain_id"] == domain_id
    assert p["name"] == body["name"]
    assert p["account_name"] == account_name
    assert p["partner_type"] == partner_type
    assert p["country_code"] == "CN"
    assert p["email"] == body["email"]
    assert p["mobile_phone"] == body["mobile_phone"]
    assert p["marketing_plan_version"] == "1.0"
    assert p["reseller_program_joined"] is (partner_type == "RESELLER")
    assert p["parent_partner_id"] is None


def test_every_answer_carries_a_request_id(operator_api, op):
    partner = op.make_partner()
    ok = operator_api.get(PARTNER, path_params={"partner_id": partner.partner_id})
    err = operator_api.fails("GET", PARTNER, 404, "CBC.99100002",
                             path_params={"partner_id": "does-not-exist"})

    assert ok.request_id
    assert err.request_id and err.request_id == operator_api.last.request_id
    assert ok.request_id != err.request_id


@pytest.mark.parametrize("partner_id, sent_segment", [
    ("a b/c", "a%20b%2Fc"),
    ("ünï/cödé", "%C3%BCn%C3%AF%2Fc%C3%B6d%C3%A9"),
    ("x+y=z&q?#", "x%2By%3Dz%26q%3F%23"),
    ("%41%2F", "%2541%252F"),
    ("trailing/", "trailing%2F"),
    ("a//b", "a%2F%2Fb"),
    ("../x", "..%2Fx"),
])
def test_path_parameter_with_space_and_slash_is_signed_and_routed(operator_api, op, partner_id,
                                                                  sent_segment):
    # Control first: a success resets the operator key's count of consecutive signature
    # failures, so a server bug here cannot lock the key for the rest of the suite.
    existing = op.make_partner()
    assert operator_api.get(PARTNER, path_params={"partner_id": existing.partner_id}).status == 200

    # The SDK encodes the parameter (`/` as %2F) but canonicalises the decoded path, so a
    # %2F becomes a real separator in the string to sign. The server must accept that
    # signature (not 401) and answer that the partner does not exist.
    e = operator_api.fails("GET", PARTNER, 404, "CBC.99100002",
                           path_params={"partner_id": partner_id})

    assert urlsplit(operator_api.last.url).path == f"/v2/operator/partners/{sent_segment}"
    assert e.request_id


def test_unknown_route_is_apigw_0101(operator_api):
    e = operator_api.fails("GET", "/v2/operator/no-such-thing", 404, "APIGW.0101")

    assert e.request_id
    assert operator_api.last.json()["request_id"] == e.request_id


def test_wrong_method_is_405_apigw_0102(operator_api):
    e = operator_api.fails("DELETE", "/v2/operator/partners", 405, "APIGW.0102")

    assert e.request_id
    assert operator_api.last.headers["Allow"] == "GET, POST"


def test_body_over_the_limit_is_413_apigw_0201(operator_api):
    body = {"name": "x" * (1024 * 1024 + 1), "account_name": unique("sdk-big-", 12),
            "partner_type": "DISTRIBUTOR", "country_code": "CN"}

    e = operator_api.fails("POST", "/v2/operator/partners", 413, "APIGW.0201", body=body)

    assert e.request_id


# --- signature failures ----------------------------------------------------------------------

def test_wrong_secret_is_401_apigw_0301_with_request_id(op):
    # A throwaway user's key: failed signatures count towards that key's lockout.
    _, _, key = op.partner_user_key()
    bad = op.client(key).with_credentials(sk=key.secret_key[:-4] + "XXXX")

    e = bad.fails("GET", PARTNER, 401, "APIGW.0301", path_params={"partner_id": "any"})

    assert isinstance(e, ClientRequestException)
    assert e.request_id
    assert e.request_id == bad.last.headers["X-Request-Id"]
    body = bad.last.json()
    assert body["error_code"] == "APIGW.0301"
    assert body["request_id"] == e.request_id
    assert e.error_msg == body["error_msg"]


def test_unknown_access_key_is_401_apigw_0301(api_client):
    stranger = api_client("NOSUCHKEY" + unique("", 8).upper(), "s" * 40)

    e = stranger.fails("GET", PARTNER, 401, "APIGW.0301", path_params={"partner_id": "any"})

    assert e.request_id


def test_stale_sdk_date_is_401_even_with_a_valid_signature(op):
    _, _, key = op.partner_user_key()
    client = op.client(key)

    # The SDK signs with a date it is given: the signature is right but 16 minutes old.
    stale = (datetime.now(timezone.utc) - timedelta(minutes=16)).strftime("%Y%m%dT%H%M%SZ")
    e = client.fails("GET", PARTNER, 401, "APIGW.0301", path_params={"partner_id": "any"},
                     headers={"X-Sdk-Date": stale})

    assert "X-Sdk-Date" in e.error_msg
    # Within 15 minutes the same key is accepted (then refused as not an operator).
    recent = (datetime.now(timezone.utc) - timedelta(minutes=10)).strftime("%Y%m%dT%H%M%SZ")
    client.fails("GET", PARTNER, 403, "CBC.0151", path_params={"partner_id": "any"},
                 headers={"X-Sdk-Date": recent})


def test_five_bad_signatures_lock_the_key(op):
    _, _, key = op.partner_user_key()
    good = op.client(key)
    bad = good.with_credentials(sk="wrong-secret-" + unique("", 16))

    # Before the failures the right secret authenticates (403: a partner is no operator).
    good.fails("GET", PARTNER, 403, "CBC.0151", path_params={"partner_id": "any"})
    for _ in range(5):
        bad.fails("GET", PARTNER, 401, "APIGW.0301", path_params={"partner_id": "any"})

    # Now even the right secret is refused.
    good.fails("GET", PARTNER, 401, "APIGW.0301", path_params={"partner_id": "any"})


# --- parameter errors ------------------------------------------------------------------------

@pytest.mark.parametrize("change, field", [
    ({"country_code": "china"}, "country_code"),
    ({"country_code": "cn"}, "country_code"),
    ({"country_code": "CHN"}, "country_code"),
    ({"partner_type": "WHOLESALER"}, "partner_type"),
    ({"marketing_plan_version": "3.0"}, "marketing_plan_version"),
    ({"name": ""}, "name"),
    ({"account_name": "a" * 65}, "account_name"),
    ({"email": "not-an-email"}, "email"),
])
def test_bad_partner_parameters_are_400_cbc_0100_naming_the_field(operator_api, change, field):
    body = {"name": "Bad params", "account_name": unique("sdk-bad-", 12),
            "partner_type": "DISTRIBUTOR", "country_code": "CN", **change}

    e = operator_api.fails("POST", "/v2/operator/partners", 400, "CBC.0100", body=body)

    assert isinstance(e, ClientRequestException)
    assert field in e.error_msg
    assert e.request_id


@pytest.mark.parametrize("missing", ["name", "account_name", "partner_type", "country_code"])
def test_missing_required_partner_field_is_400_naming_it(operator_api, missing):
    body = {"name": "Missing", "account_name": unique("sdk-miss-", 12),
            "partner_type": "DISTRIBUTOR", "country_code": "CN"}
    del body[missing]

    e = operator_api.fails("POST", "/v2/operator/partners", 400, "CBC.0100", body=body)

    assert missing in e.error_msg


@pytest.mark.parametrize("amount", [Decimal("10.001"), "0.005", 0, Decimal("-1.00"), "ten"])
def test_bad_recharge_amount_is_400_cbc_0100_naming_amount(operator_api, op, amount):
    partner = op.make_partner()

    e = operator_api.fails("POST", PARTNER + "/recharge", 400, "CBC.0100",
                           path_params={"partner_id": partner.partner_id},
                           body={"amount": amount})

    assert "amount" in e.error_msg


def test_body_that_is_not_json_is_400_cbc_0100(operator_api):
    operator_api.fails("POST", "/v2/operator/partners", 400, "CBC.0100", body="{not json")


# --- identities ------------------------------------------------------------------------------

@pytest.mark.parametrize("roles", [["admin"], ["finance"], ["account_manager"]])
def test_partner_user_key_on_operator_endpoint_is_403_cbc_0151(op, roles):
    partner, _, key = op.partner_user_key("DISTRIBUTOR", roles)
    partner_api = op.client(key)

    e = partner_api.fails("GET", PARTNER, 403, "CBC.0151",
                          path_params={"partner_id": partner.partner_id})
    assert e.request_id
    partner_api.fails("POST", "/v2/operator/partners", 403, "CBC.0151",
                      body={"name": "x", "account_name": unique("sdk-x-", 12),
                            "partner_type": "RESELLER", "country_code": "CN"})
    partner_api.fails("POST", PARTNER + "/recharge", 403, "CBC.0151",
                      path_params={"partner_id": partner.partner_id}, body={"amount": "1.00"})


def test_customer_key_on_operator_endpoint_is_403_cbc_0151(op):
    customer = op.make_customer()
    key = op.make_access_key(customer)
    assert key.domain_id == customer.domain_id

    op.client(key).fails("POST", "/v2/operator/customers/{customer_id}/recharge", 403,
                         "CBC.0151", path_params={"customer_id": customer.customer_id},
                         body={"amount": "5.00"})


def test_x_domain_id_must_match_the_key_owner(op):
    partner, _, key = op.partner_user_key()
    assert key.domain_id == partner.domain_id
    args = dict(path_params={"partner_id": partner.partner_id})

    # Right domain id: authenticated, then refused as a partner on an operator API.
    right = op.client(key, domain_id=key.domain_id)
    right.fails("GET", PARTNER, 403, "CBC.0151", **args)
    assert right.last.request_headers["X-Domain-Id"] == key.domain_id

    # Another partner's domain id: not authenticated at all.
    other = op.make_partner()
    wrong = op.client(key, domain_id=other.domain_id)
    e = wrong.fails("GET", PARTNER, 401, "APIGW.0301", **args)
    assert e.request_id

    # No X-Domain-Id header at all is fine.
    op.client(key).fails("GET", PARTNER, 403, "CBC.0151", **args)


# --- tokens ----------------------------------------------------------------------------------

def _token(api_client, user_name, password):
    # The token endpoint needs no credential: a client with an unknown key still gets through.
    anonymous = api_client("NOBODY" + unique("", 8).upper(), "n" * 32)
    return anonymous.post("/v2/auth/tokens", {"user_name": user_name, "password": password})


def test_partner_token_is_not_an_operator(operator_api, op, api_client):
    password = strong_password()
    partner = op.make_partner("RESELLER")
    user = op.make_user(partner.partner_id, ["admin"], password=password)

    r = _token(api_client, user.user_name, password)
    assert r.status == 200
    token = r.body["token"]
    assert token and r.body["expires_at"].endswith("Z") and len(r.body["expires_at"]) == 20

    args = dict(path_params={"partner_id": partner.partner_id})
    # Control: the operator's own signature reads the partner.
    assert operator_api.get(PARTNER, **args).status == 200
    # The token wins over the signature on the same request: the caller is the partner user.
    operator_api.fails("GET", PARTNER, 403, "CBC.0151", headers={"X-Auth-Token": token}, **args)
    assert operator_api.last.request_headers["X-Auth-Token"] == token
    # As a bearer token the SDK does not sign at all.
    operator_api.fails("GET", PARTNER, 403, "CBC.0151",
                       headers={"Authorization": f"Bearer {token}"}, **args)


def test_customer_token_is_not_an_operator(operator_api, op, api_client):
    password = strong_password()
    customer = op.make_customer(password=password)

    r = _token(api_client, customer.domain_name, password)
    assert r.status == 200

    operator_api.fails("POST", "/v2/operator/customers/{customer_id}/recharge", 403, "CBC.0151",
                       path_params={"customer_id": customer.customer_id},
                       headers={"X-Auth-Token": r.body["token"]}, body={"amount": "1.00"})


def test_wrong_password_or_unknown_user_is_401_cbc_0154(op, api_client):
    password = strong_password()
    partner = op.make_partner()
    user = op.make_user(partner.partner_id, ["finance"], password=password)
    anonymous = api_client("NOBODY" + unique("", 8).upper(), "n" * 32)

    wrong = anonymous.fails("POST", "/v2/auth/tokens", 401, "CBC.0154",
                            body={"user_name": user.user_name, "password": password + "x"})
    unknown = anonymous.fails("POST", "/v2/auth/tokens", 401, "CBC.0154",
                              body={"user_name": unique("nobody-", 12), "password": password})
    assert wrong.error_msg == unknown.error_msg

    no_password = op.make_user(partner.partner_id, ["finance"])
    anonymous.fails("POST", "/v2/auth/tokens", 401, "CBC.0154",
                    body={"user_name": no_password.user_name, "password": password})


def test_invalid_token_is_401_cbc_0154(operator_api):
    operator_api.fails("GET", PARTNER, 401, "CBC.0154", path_params={"partner_id": "any"},
                       headers={"X-Auth-Token": "not.a.jwt"})


# --- idempotency -----------------------------------------------------------------------------

def test_recharge_with_the_same_idempotency_key_happens_once(operator_api, op):
    partner = op.make_partner()
    args = dict(path_params={"partner_id": partner.partner_id})
    key = {"Idempotency-Key": unique("idem-", 16)}

    first = operator_api.post(PARTNER + "/recharge", {"amount": Decimal("100.50")},
                              headers=key, **args)
    again = operator_api.post(PARTNER + "/recharge", {"amount": Decimal("100.50")},
                              headers=key, **args)

    assert first.status == again.status == 200
    assert first.body["trans_id"] and again.body["trans_id"] == first.body["trans_id"]

    e = operator_api.fails("POST", PARTNER + "/recharge", 409, "CBC.0260",
                           body={"amount": Decimal("100.51")}, headers=key, **args)
    assert e.request_id

    other_key = operator_api.post(PARTNER + "/recharge", {"amount": Decimal("100.50")},
                                  headers={"Idempotency-Key": unique("idem-", 16)}, **args)
    no_key = operator_api.post(PARTNER + "/recharge", {"amount": "100.50"}, **args)
    ids = {first.body["trans_id"], other_key.body["trans_id"], no_key.body["trans_id"]}
    assert len(ids) == 3


def test_credit_limit_with_the_same_idempotency_key_happens_once(operator_api, op):
    customer = op.make_customer(has_credit_account=True)
    path = "/v2/operator/customers/{customer_id}/credit-limit"
    args = dict(path_params={"customer_id": customer.customer_id})
    key = {"Idempotency-Key": unique("idem-", 16)}

    first = operator_api.put(path, {"credit_limit": "2000.00"}, headers=key, **args)
    again = operator_api.put(path, {"credit_limit": "2000.00"}, headers=key, **args)

    assert first.status == again.status == 200
    assert again.body["trans_id"] == first.body["trans_id"]
    operator_api.fails("PUT", path, 409, "CBC.0260", body={"credit_limit": "3000.00"},
                       headers=key, **args)


def test_idempotency_key_must_be_printable_ascii(operator_api, op):
    partner = op.make_partner()

    e = operator_api.fails("POST", PARTNER + "/recharge", 400, "CBC.0100",
                           path_params={"partner_id": partner.partner_id},
                           body={"amount": "1.00"}, headers={"Idempotency-Key": "k" * 256})
    assert "Idempotency-Key" in e.error_msg


def test_concurrent_retries_with_one_key_all_get_the_first_answer(operator_api, op):
    partner = op.make_partner()
    key = {"Idempotency-Key": unique("idem-", 16)}
    clients = [operator_api.with_credentials() for _ in range(8)]
    start = threading.Barrier(len(clients))

    def recharge(api):
        start.wait(timeout=30)
        return api.post(PARTNER + "/recharge", {"amount": "10.00"}, headers=key,
                        path_params={"partner_id": partner.partner_id})

    with ThreadPoolExecutor(len(clients)) as pool:
        replies = list(pool.map(recharge, clients))

    assert {r.status for r in replies} == {200}
    assert len({r.body["trans_id"] for r in replies}) == 1


def test_concurrent_recharges_with_different_keys_all_succeed(operator_api, op):
    partner = op.make_partner()
    clients = [operator_api.with_credentials() for _ in range(8)]
    start = threading.Barrier(len(clients))

    def recharge(api):
        start.wait(timeout=30)
        return api.post(PARTNER + "/recharge", {"amount": "1.00"},
                        headers={"Idempotency-Key": unique("idem-", 16)},
                        path_params={"partner_id": partner.partner_id})

    with ThreadPoolExecutor(len(clients)) as pool:
        replies = list(pool.map(recharge, clients))

    assert {r.status for r in replies} == {200}
    assert len({r.body["trans_id"] for r in replies}) == len(clients)
