"""Partner coupons through the official SDK's typed operations: CreatePartnerCoupons with its
per-customer failures parsed from `error_details` and its whole-request failures as errors,
ListIssuedPartnerCoupons with its filters, ReclaimPartnerCoupons (204, and Huawei's HTTP 200 with
CBC.99000048), a partner coupon paying an order through PayOrders, ListPartnerCouponsRecord with
repeated-key filters, and the CSV export of the records (no SDK method: `call_api`)."""

import csv
import io
import json
from decimal import Decimal

from huaweicloudsdkbss.v2 import (
    CouponSimpleInfoOrderPayV3,
    PayCustomerOrderV3Req,
    PayOrdersRequest,
)

from bss import fetch_text, sdk_fails
from vouchers_setup import (
    create_coupons, customer_of, desk, face_limits, failures, grant_quota, issued_coupons,
    coupon_records, one_quota, reclaim_coupon,
)

EBS, EC2 = "hws.service.type.ebs", "hws.service.type.ec2"
EXPORT = "/v2/promotions/benefits/partner-coupons/records/export"


def test_issue_reports_each_customer_and_refuses_bad_requests(op):
    d = desk(op)
    c1, c2 = customer_of(op, d.id), customer_of(op, d.id)
    referral = customer_of(op, d.id, association_type="1")
    stranger = customer_of(op)
    q = grant_quota(op, d.id, "100", limit_infos=[
        face_limits("10", "60"),
        {"limit_key": "CLOUD_SERVICE_TYPE", "limit_values": [{"value1": EBS}, {"value1": EC2}]}])
    resp = create_coupons(d.api, q, [c1.id, c2.id, referral.id, stranger.id], "60.00",
                          cloud_service_types=[EBS], memo="welcome")
    assert resp.status_code == 200
    assert [(c.id, bool(c.coupon_id)) for c in resp.coupon_infos] == [(c1.id, True)]
    assert failures(resp) == [(c2.id, "CBC.99000013"), (referral.id, "CBC.99000014"),
                              (stranger.id, "CBC.99000035")]
    assert all(e.error_msg for e in resp.error_details)
    quota = one_quota(d.api, q)
    assert (quota.balance, quota.quota_value, quota.quota_status) == (Decimal("40.00"), Decimal("100.00"), 0)
    assert {i.limit_key for i in quota.limit_infos} == {"FACE_VALUE", "CLOUD_SERVICE_TYPE"}
    for face, extra, code in [
        ("9.99", {}, "CBC.99000018"),
        ("60.01", {}, "CBC.99000019"),
        ("10", {"cloud_service_types": ["hws.service.type.obs"]}, "CBC.99000023"),
        ("10", {"expire_time": "2099-01-01T00:00:00Z"}, "CBC.0100"),
    ]:
        sdk_fails(d.api, 400, code, create_coupons, d.api, q, [c2.id], face, **extra)
    sdk_fails(d.api, 400, "CBC.99000012", create_coupons, d.api, "no-such-quota", [c2.id], "10")
    other = desk(op, "SOLUTION_PROVIDER")
    sdk_fails(d.api, 400, "CBC.99000037", create_coupons, d.api, q, [c2.id], "10",
              indirect_partner_id=other.id)


def test_list_and_reclaim(op):
    d = desk(op)
    c1, c2 = customer_of(op, d.id), customer_of(op, d.id)
    q = grant_quota(op, d.id, "100")
    cash_q = grant_quota(op, d.id, "50", quota_type=1)
    first = create_coupons(d.api, q, [c1.id, c2.id], "30").coupon_infos
    cash = create_coupons(d.api, cash_q, [c1.id], "5").coupon_infos[0].coupon_id
    resp = issued_coupons(d.api, limit=100)
    assert resp.total_count == 3 and len(resp.user_coupons) == 3
    coupon = next(c for c in resp.user_coupons if c.coupon_id == cash)
    assert (coupon.coupon_type, coupon.status, coupon.face_value, coupon.balance) == (4, 2, Decimal("5.00"), Decimal("5.00"))
    assert coupon.customer_id == c1.id and coupon.expire_time.endswith("Z")
    assert issued_coupons(d.api, customer_id=c1.id).total_count == 2
    assert issued_coupons(d.api, coupon_type=1).total_count == 2
    assert issued_coupons(d.api, coupon_id=first[1].coupon_id).user_coupons[0].customer_id == c2.id
    sdk_fails(d.api, 400, "CBC.0100", lambda: issued_coupons(d.api, status=9))

    done = reclaim_coupon(d.api, first[0].coupon_id)
    assert done.status_code == 204
    assert one_quota(d.api, q).balance == Decimal("70.00")
    again = reclaim_coupon(d.api, first[0].coupon_id)
    assert again.status_code == 200, "Huawei answers an already reclaimed coupon with HTTP 200"
    assert json.loads(again.raw_content)["error_code"] == "CBC.99000048"
    assert issued_coupons(d.api, status=5).user_coupons[0].coupon_id == first[0].coupon_id
    sdk_fails(d.api, 400, "CBC.99100054", reclaim_coupon, d.api, "CPnone")


def test_partner_coupon_pays_an_order(op):
    d = desk(op)
    c = customer_of(op, d.id)
    q = grant_quota(op, d.id, "100")
    coupon = create_coupons(d.api, q, [c.id], "40").coupon_infos[0].coupon_id
    r = op.api.post("/v2/operator/orders", {
        "customer_id": c.id, "service_type_code": "hws.service.type.ebs",
        "order_line_items": [{"product_id": "p-1", "period_type": 2, "period_num": 1,
                              "official_amount": "40"}]})
    assert r.status == 201, r.exchange.describe()
    order_id = r.body["order_id"]
    paid = c.api.sdk.pay_orders(PayOrdersRequest(body=PayCustomerOrderV3Req(
        order_id=order_id, use_coupon="YES", use_discount="NO",
        coupon_infos=[CouponSimpleInfoOrderPayV3(id=coupon, type=301)])))
    assert paid.status_code in (200, 204)
    used = issued_coupons(d.api, order_id=order_id).user_coupons
    assert [(u.coupon_id, u.status, u.balance) for u in used] == [(coupon, 3, Decimal("0.00"))]
    sdk_fails(d.api, 400, "CBC.99100053", reclaim_coupon, d.api, coupon)


def test_records_with_repeated_keys_and_export(op):
    d = desk(op)
    c1, c2 = customer_of(op, d.id), customer_of(op, d.id)
    stranger = customer_of(op)
    q = grant_quota(op, d.id, "100")
    ids = [x.coupon_id for x in create_coupons(d.api, q, [c1.id, c2.id, stranger.id], "20",
                                                memo="=SUM(A1)").coupon_infos]
    assert reclaim_coupon(d.api, ids[0]).status_code == 204
    resp = coupon_records(d.api, limit=100)
    assert resp.total_count == 4
    newest = resp.records[0]
    assert (newest.operation_type, newest.coupon_id, newest.operation_amount, newest.result) == \
        ("2", ids[0], Decimal("20.00"), "0")
    assert newest.quota_id == q and newest.quota_type == 0 and newest.operation_time.endswith("Z")
    assert coupon_records(d.api, operation_types=["1"]).total_count == 3
    assert coupon_records(d.api, operation_types=["1", "2"]).total_count == 4
    assert coupon_records(d.api, operation_types=["4"]).total_count == 0
    assert coupon_records(d.api, coupon_ids=ids).total_count == 3
    assert coupon_records(d.api, coupon_ids=[ids[1]]).records[0].customer_id == c2.id
    assert coupon_records(d.api, result="-1").records[0].customer_id == stranger.id
    assert coupon_records(d.api, customer_id=c1.id, quota_id=q, quota_type=0).total_count == 2
    sdk_fails(d.api, 400, "CBC.0100", coupon_records, d.api, operation_types=["12"])
    sdk_fails(d.api, 400, "CBC.0100", coupon_records, d.api, operation_time_begin="2026-01-01")
    ex = fetch_text(d.api, EXPORT, query=[("result", "0")])
    assert ex.status == 200 and ex.headers["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(ex.body.decode("utf-8"))))
    assert len(rows) == 3
    issues = [r for r in rows if r["operation_type"] == "1"]
    assert {r["coupon_id"] for r in issues} == set(ids)
    assert all(r["remark"] == "'=SUM(A1)" for r in issues), "formulas are neutralised"
