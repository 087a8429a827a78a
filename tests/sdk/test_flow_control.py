"""Flow control as the SDK sees it, on a server of its own where two APIs are limited to
2 requests/s per credential (burst 1) through `BSS_RATE_LIMIT_OVERRIDES`; every other API
keeps the suite's high limit, so set-up calls are never refused.

The SDK's urllib3 adapter retries 429 on idempotent methods with a budget of 0, so a GET's 429
surfaces as `ClientRequestException(429, error_code="429")` without the body; a POST's 429 body
is parsed normally (BSS-CONVENTIONS §2)."""

import pytest

from bss import Api, ClientRequestException, Operator

PARTNER = "/v2/operator/partners/{partner_id}"
RECHARGE = PARTNER + "/recharge"
ATTEMPTS = 20  # far more than 2/s allows, even on a slow machine


@pytest.fixture(scope="module")
def limited(server_factory):
    srv = server_factory({
        "BSS_RATE_LIMIT": "100000",
        "BSS_RATE_LIMIT_OVERRIDES": f"GET {PARTNER}=2,POST {RECHARGE}=2",
    })
    return Api(srv.url, srv.operator_ak, srv.operator_sk)


@pytest.fixture(scope="module")
def limited_op(limited):
    return Operator(limited)


def _until_refused(send):
    """Sends until the SDK raises; returns (admitted count, exception)."""
    ok = 0
    for _ in range(ATTEMPTS):
        try:
            send()
        except ClientRequestException as e:
            return ok, e
        ok += 1
    pytest.fail(f"{ATTEMPTS} requests in a row were admitted at 2 requests/s")


def test_post_over_the_limit_is_429_cbc_0250_parsed_by_the_sdk(limited, limited_op):
    partner = limited_op.make_partner()

    ok, e = _until_refused(lambda: limited.post(
        RECHARGE, {"amount": "1.00"}, path_params={"partner_id": partner.partner_id}))

    assert ok >= 1
    assert (e.status_code, e.error_code) == (429, "CBC.0250")
    assert e.request_id == limited.last.headers["X-Request-Id"]
    assert int(limited.last.headers["Retry-After"]) >= 1
    # Another API of the same credential is not affected.
    assert limited_op.make_partner().partner_id


def test_get_over_the_limit_surfaces_as_the_sdk_retry_error(limited, limited_op):
    partner = limited_op.make_partner()

    ok, e = _until_refused(lambda: limited.get(PARTNER,
                                               path_params={"partner_id": partner.partner_id}))

    assert ok >= 1
    assert e.status_code == 429
    assert e.error_code == "429"  # made by the SDK's retry adapter, not read from the body


def test_limits_are_per_credential(limited, limited_op):
    partner, _, key = limited_op.partner_user_key()
    args = dict(path_params={"partner_id": partner.partner_id})

    # The operator exhausts its quota on GET partner ...
    _until_refused(lambda: limited.get(PARTNER, **args))
    # ... while a partner user's first call of the same API is admitted, then refused as not
    # an operator: 403, not 429.
    limited_op.client(key).fails("GET", PARTNER, 403, "CBC.0151", **args)
