"""S15 test vouchers (no public API; BSS-style paths signed by the SDK through `call_api`):
the software path, the cap by the highest certification, one pending application, the operator's review, and the
approved voucher as the customer sees it through the SDK's typed ListSubCustomerCoupons."""

from decimal import Decimal

from huaweicloudsdkbss.v2 import ListSubCustomerCouponsRequest

from vouchers_setup import PARTNER, customer_of, desk

APPLY = "/v2/partners/benefits/test-coupons/applications"
CAP = "/v2/partners/benefits/test-coupons/quota"
REVIEW = "/v2/operator/test-coupon-applications/{application_id}/"


def solution(op, partner_id, certification="NONE") -> str:
    r = op.api.post(PARTNER + "/solutions", {"name": "solution", "certification": certification},
                    path_params={"partner_id": partner_id})
    assert r.status == 201, r.exchange.describe()
    return r.body["solution_id"]


def test_test_vouchers_cap_pending_and_approval(op):
    sp = desk(op, "SOLUTION_PROVIDER")
    c = customer_of(op, sp.id)
    body = lambda sol, amount: {"solution_id": sol, "customer_id": c.id, "amount": amount,
                                "purpose": "MIGRATION"}
    sol = solution(op, sp.id)
    sp.api.fails("POST", APPLY, 400, "CBC.99100042", body=body(sol, "1"))
    r = op.api.put(PARTNER + "/development-paths/SOFTWARE", {"stage": "JOINED"},
                   path_params={"partner_id": sp.id})
    assert r.status == 200, r.exchange.describe()
    sp.api.fails("POST", APPLY, 400, "CBC.99100055", body=body("none", "1"))
    solution(op, sp.id, "CLOUD_SOFTWARE")
    cap = sp.api.get(CAP).body
    assert (cap["cap"], cap["available"], cap["certification"]) == (100000, 100000, "CLOUD_SOFTWARE")
    sp.api.fails("POST", APPLY, 400, "CBC.99100051", body=body(sol, "100000.01"))
    app = sp.api.post(APPLY, body(sol, "30000"))
    assert app.status == 201 and app.body["status"] == "PENDING"
    sp.api.fails("POST", APPLY, 400, "CBC.99100052", body=body(sol, "1"))
    assert sp.api.get(CAP).body["pending"] == 30000
    ok = op.api.post(REVIEW + "approve", {"approved_amount": "25000.50"},
                     path_params={"application_id": app.body["application_id"]})
    assert ok.status == 200 and ok.body["status"] == "APPROVED"
    op.api.fails("POST", REVIEW + "reject", 400, "CBC.99100045", body={},
                 path_params={"application_id": app.body["application_id"]})
    cap = sp.api.get(CAP).body
    assert (cap["used"], cap["available"]) == (25000.50, 74999.50)
    assert '"used":25000.50' in sp.api.last.body.decode(), "amounts keep two decimals"
    mine = c.api.sdk.list_sub_customer_coupons(
        ListSubCustomerCouponsRequest(coupon_id=ok.body["coupon_id"]))
    assert mine.count == 1
    voucher = mine.user_coupons[0]
    assert (voucher.coupon_type, voucher.status) == (1, 2)
    assert Decimal(str(voucher.face_value)) == Decimal("25000.50")
    second = sp.api.post(APPLY, body(sol, "100"))
    no = op.api.post(REVIEW + "reject", {"reason_codes": ["INCOMPLETE"], "reason": "no list"},
                     path_params={"application_id": second.body["application_id"]})
    assert no.body["status"] == "REJECTED" and no.body["review_reason_codes"] == ["INCOMPLETE"]
    assert sp.api.get(APPLY).body["total_count"] == 2
