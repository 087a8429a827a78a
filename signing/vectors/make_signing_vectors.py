#!/usr/bin/env python3
"""Capture requests signed by the official Huawei Cloud SDK (huaweicloudsdkcore's SDK-HMAC-SHA256 signer)
and write them as test vectors for a server-side verifier.

    python3 -m venv .venv && .venv/bin/pip install huaweicloudsdkbss==3.1.219
    .venv/bin/python signing/vectors/make_signing_vectors.py > signing/tests/sdk-signing-vectors.json

Each vector is what the SDK put on the wire: method, path, raw query, headers, body. `valid` vectors were
signed by the SDK with `secret_key`; the `tampered` ones change one byte-relevant thing after signing and
must be rejected. X-Sdk-Date is fixed in the past, so a verifier under test needs an injectable clock.
"""
import json
import sys
from urllib.parse import urlsplit

from huaweicloudsdkcore.auth.credentials import GlobalCredentials
from huaweicloudsdkcore.http.http_config import HttpConfig
from huaweicloudsdkcore.http.http_handler import HttpHandler
from huaweicloudsdkcore.exceptions import exceptions
from huaweicloudsdkbss.v2 import (
    BssClient, ListPartnerAccountChangeRecordsRequest, ListIssuedPartnerCouponsRequest,
    ListPartnerCouponsRecordRequest, PayOrdersRequest, PayCustomerOrderV3Req, CouponSimpleInfoOrderPayV3,
    ShowCustomerOrderDetailsRequest, ListIndirectPartnersRequest, QueryIndirectPartnersReq,
    ListPartnerBalancesRequest, UpdateCustomerAccountAmountRequest, AdjustAccountReq,
)

AK, SK, DOMAIN = "HPUAVECTORAK0000", "vector-secret-key-0123456789abcdef", "d0main0000000000vector"
captured = []


def hook(request, logger):
    captured.append(request)


cfg = HttpConfig.get_default_config()
cfg.timeout = (0.2, 0.2)
client = (BssClient.new_builder().with_http_config(cfg)
          .with_credentials(GlobalCredentials(AK, SK, DOMAIN))
          .with_endpoints(["http://127.0.0.1:9"]).with_http_handler(HttpHandler().add_request_handler(hook))
          .build())

cases = [
    ("GET list with a date-only filter", client.list_partner_account_change_records,
     ListPartnerAccountChangeRecordsRequest(balance_type="BALANCE_TYPE_DEBIT", trade_time_begin="2026-01-01",
                                            trade_time_end="2026-06-30", offset=0, limit=10)),
    ("GET with no query", client.list_partner_balances, ListPartnerBalancesRequest()),
    ("GET with a space and a slash in a query value", client.list_issued_partner_coupons,
     ListIssuedPartnerCouponsRequest(coupon_id="a b/c", status=2, limit=10)),
    ("GET with repeated query keys", client.list_partner_coupons_record,
     ListPartnerCouponsRecordRequest(operation_types=["2", "1", "10"], coupon_ids=["CP-2", "CP-1"],
                                     operation_time_begin="2026-01-01T00:00:00Z", limit=50)),
    ("GET with non-ASCII and reserved characters in a query value", client.list_issued_partner_coupons,
     ListIssuedPartnerCouponsRequest(customer_id="客户+&=~*'()", limit=10)),
    ("GET with a space and a slash in a path parameter", client.show_customer_order_details,
     ShowCustomerOrderDetailsRequest(order_id="CS 12/34", limit=10, offset=0)),
    ("POST JSON body (PayOrders v3)", client.pay_orders,
     PayOrdersRequest(body=PayCustomerOrderV3Req(order_id="CS2611251200ABCDE", use_coupon="YES", use_discount="NO",
                                                 coupon_infos=[CouponSimpleInfoOrderPayV3(id="CP0001", type=301)]))),
    ("POST JSON body with a decimal amount", client.update_customer_account_amount,
     UpdateCustomerAccountAmountRequest(body=AdjustAccountReq(customer_id="c-1", amount=10.5))),
    ("POST JSON body with non-ASCII text", client.list_indirect_partners,
     ListIndirectPartnersRequest(body=QueryIndirectPartnersReq(account_name="经销商-一", offset=0, limit=10))),
]

# Requests with another Content-Type: the SDK then signs `X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD`,
# hashing an empty body as the empty payload and a non-empty one as that literal.
RAW = [
    ("GET with Content-Type text/plain (UNSIGNED-PAYLOAD, no body)", "GET",
     "/v2/accounts/partner-accounts/balances", {"Content-Type": "text/plain"}, None),
    ("GET with Content-Type text/csv (UNSIGNED-PAYLOAD, no body)", "GET",
     "/v2/accounts/customer-accounts/balances", {"Content-Type": "text/csv"}, None),
    ("POST with Content-Type text/plain and a body (UNSIGNED-PAYLOAD)", "POST",
     "/v2/orders/customer-orders/cancel", {"Content-Type": "text/plain"}, "order_id=CS1"),
]


def raw_call(method, path, headers, body):
    return lambda _req: client.do_http_request(method, path, header_params=dict(headers), body=body,
                                               response_type="ListPartnerBalancesResponse")


cases += [(name, raw_call(m, p, h, b), None) for name, m, p, h, b in RAW]

vectors = []
for name, fn, req in cases:
    captured.clear()
    try:
        fn(req)
    except exceptions.SdkException:
        pass
    r = captured[-1]
    u = urlsplit(r.url)
    body = r.body if r.body not in (None, "") else ""
    if isinstance(body, (bytes, bytearray)):
        body = body.decode("utf-8")
    vectors.append({"name": name, "method": r.method, "path": u.path, "query": u.query,
                    "headers": {k: str(v) for k, v in r.header_params.items()}, "body": body,
                    "access_key": AK, "secret_key": SK, "valid": True})


def tampered(v, what, **change):
    t = json.loads(json.dumps(v))
    t.update(change)
    t["name"] = v["name"] + " — tampered: " + what
    t["valid"] = False
    return t


extra = []
for v in vectors:
    # UNSIGNED-PAYLOAD leaves the body out of the signature: changing it is not tampering.
    if v["body"] and v["headers"].get("X-Sdk-Content-Sha256") != "UNSIGNED-PAYLOAD":
        extra.append(tampered(v, "body changed after signing", body=v["body"].replace('"', "'", 1)))
    if v["query"]:
        extra.append(tampered(v, "query changed after signing", query=v["query"] + "&x=1"))
    extra.append(tampered(v, "path changed after signing", path=v["path"] + "x"))
    extra.append(tampered(v, "wrong secret", secret_key=v["secret_key"] + "0"))
    h = dict(v["headers"])
    h["X-Sdk-Date"] = h["X-Sdk-Date"][:-3] + ("00Z" if not h["X-Sdk-Date"].endswith("00Z") else "01Z")
    extra.append(tampered(v, "X-Sdk-Date changed after signing", headers=h))
json.dump({"generator": "huaweicloudsdkcore " + __import__("huaweicloudsdkcore").__version__ if hasattr(__import__("huaweicloudsdkcore"), "__version__") else "huaweicloudsdkcore 3.1.219",
           "note": "host header value is 127.0.0.1:9; X-Sdk-Date is in the past: verify with an injected clock",
           "vectors": vectors + extra}, sys.stdout, ensure_ascii=False, indent=1)
print()
