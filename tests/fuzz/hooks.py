"""Schemathesis hooks: every request is signed with the credential in FUZZ_AK / FUZZ_SK, and
schema-valid requests are checked by `positive_data_accepted` instead of the built-in
`positive_data_acceptance` (see README.md)."""

import json
import os
import re
import sys

import schemathesis
from schemathesis.specs.openapi.checks import is_unexpected_http_status_case

sys.path.insert(0, os.path.dirname(__file__))
from signer import Signer  # noqa: E402

SIGNER = Signer(os.environ["FUZZ_AK"], os.environ["FUZZ_SK"])
# The order chain crosses identities: the operator creates and unsubscribes orders, the customer
# reads and pays them. With FUZZ_OPERATOR_AK set, operator paths are signed by the operator and
# the rest by FUZZ_AK, each request with the identity that owns it.
OPERATOR = (
    Signer(os.environ["FUZZ_OPERATOR_AK"], os.environ["FUZZ_OPERATOR_SK"])
    if os.environ.get("FUZZ_OPERATOR_AK")
    else None
)
# The customer whose orders the chain creates: the seeded one, funded, so PayOrders can succeed.
ORDER_CUSTOMER = os.environ.get("FUZZ_ORDER_CUSTOMER_ID")

# Huawei's business codes: CBC.99xxxxxx (a rule of the business, e.g. CBC.99005003 insufficient
# balance, CBC.99000037 not one of your resellers) and CBC.30000010 (order not valid for the
# operation). CBC.0100 (bad parameter) and every other code are not business answers.
BUSINESS_CODE = re.compile(r"^CBC\.(99\d{6}|30000010)$")


@schemathesis.hook
def before_call(context, case, kwargs):
    operator_path = case.operation.path.startswith("/v2/operator/")
    kwargs["auth"] = OPERATOR if OPERATOR is not None and operator_path else SIGNER
    # Schemathesis fills the document's other scheme (X-Auth-Token) with a drawn value; the
    # server reads a token before a signature, so the request would be refused 401 before its
    # data were judged. The signature is the credential here.
    headers = kwargs.get("headers") or {}
    for name in [h for h in headers if h.lower() == "x-auth-token"]:
        del headers[name]


@schemathesis.hook
def map_body(context, body):
    """In the order-chain run, orders are created for the seeded customer (a drawn id names no
    customer, and the chain would stop at its first step)."""
    op = context.operation
    if ORDER_CUSTOMER and op is not None and op.label == "POST /v2/operator/orders" and isinstance(body, dict):
        body["customer_id"] = ORDER_CUSTOMER
    return body


@schemathesis.check
def positive_data_accepted(ctx, response, case):
    """A schema-valid request is served, or refused for a business reason the schema cannot
    know (a well-formed id that names nothing, an insufficient balance): 400/422 must carry a
    business code, and any other status must be one the operation documents."""
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive:
        return None
    # Coverage probes of the request's shape (e.g. an unexpected Content-Type) are not data.
    if is_unexpected_http_status_case(case):
        return None
    status = response.status_code
    if status in (400, 422):
        try:
            body = json.loads(response.content)
        except ValueError:
            body = {}
        code = body.get("error_code", "") if isinstance(body, dict) else ""
        if BUSINESS_CODE.match(code):
            return None
        # A body field the operation does not define is refused (README, "Closed bodies").
        # Plain bodies say additionalProperties: false; a composed one (allOf/oneOf) cannot
        # without unevaluatedProperties, which the generator does not support, so it may add
        # a key the document never named.
        msg = body.get("error_msg", "") if isinstance(body, dict) else ""
        if code == "CBC.0100" and msg.endswith("is not a field of this operation"):
            return None
        raise AssertionError(
            f"Schema-valid request refused with {status} {code or '(no error_code)'}: "
            f"{body.get('error_msg', '') if isinstance(body, dict) else ''}\n"
            "The schema does not state a rule the server checks."
        )
    documented = case.operation.responses.status_codes
    if str(status) not in documented and f"{str(status)[0]}XX" not in documented and "default" not in documented:
        raise AssertionError(f"Schema-valid request answered {status}, not documented ({', '.join(documented)})")
    return None
