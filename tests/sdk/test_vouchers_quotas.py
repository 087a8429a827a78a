"""Coupon quotas through the official SDK's typed operations: ListQuotaCoupons with its filters,
UpdateCouponQuotas with per-reseller failures in `error_details`, ReclaimCouponQuotas with
per-quota failures, ListIssuedCouponQuotas and ListCouponQuotasRecords."""

from decimal import Decimal

from bss import sdk_fails
from vouchers_setup import (
    channel, create_coupons, customer_of, desk, failures, grant_quota, issued_quotas, one_quota,
    pass_quota, quota_records, quotas, reclaim_coupon, reclaim_quotas,
)


def test_list_quota_coupons_filters(op):
    d = desk(op)
    q = grant_quota(op, d.id, "100", effective_time="2026-01-01T00:00:00Z",
                    expire_time="2099-01-01T00:00:00Z")
    cash = grant_quota(op, d.id, "50", quota_type=1)
    resp = quotas(d.api)
    assert resp.total_count == 1, "voucher quotas by default"
    got = resp.quotas[0]
    assert (got.quota_id, got.quota_type, got.quota_value, got.balance) == (q, 0, Decimal("100.00"), Decimal("100.00"))
    assert (got.measure_id, got.currency, got.quota_status) == (1, "CNY", 0)
    assert got.effective_time == "2026-01-01T00:00:00Z" and got.expire_time == "2099-01-01T00:00:00Z"
    assert quotas(d.api, quota_type=1).quotas[0].quota_id == cash
    assert quotas(d.api, quota_status_list=[3]).total_count == 0
    assert quotas(d.api, effective_time_begin="2026-01-01T00:00:00Z").total_count == 0, "strict"
    assert quotas(d.api, expire_time_end="2099-01-01T00:00:01Z").total_count == 1
    sdk_fails(d.api, 400, "CBC.0100", quotas, d.api, quota_type=5)


def test_pass_and_reclaim_quota(op):
    d, r1, r2 = channel(op)
    stranger = desk(op, "RESELLER")
    q = grant_quota(op, d.id, "500")
    resp = pass_quota(d.api, q, [r1.id, r2.id, stranger.id], "200")
    assert resp.status_code == 200
    assert failures(resp) == [(stranger.id, "CBC.99000037")]
    children = {i.id: i.quota_id for i in resp.simple_quota_infos}
    assert set(children) == {r1.id, r2.id}
    partial = pass_quota(d.api, q, [r1.id, r2.id], "60")
    assert failures(partial) == [(r2.id, "CBC.99000013")]
    assert partial.simple_quota_infos[0].quota_id == children[r1.id], "the same child grows"
    assert one_quota(d.api, q).balance == Decimal("40.00")
    mine = one_quota(r1.api, children[r1.id])
    assert (mine.quota_value, mine.balance) == (Decimal("260.00"), Decimal("260.00"))
    assert quotas(d.api, indirect_partner_id=r2.id).quotas[0].quota_id == children[r2.id]
    sdk_fails(d.api, 400, "CBC.99000012", pass_quota, d.api, "nope", [r1.id], "1")
    sdk_fails(r1.api, 403, "CBC.0151", pass_quota, r1.api, children[r1.id], [r2.id], "1")

    customer = customer_of(op, r1.id)
    coupon = create_coupons(r1.api, children[r1.id], [customer.id], "60").coupon_infos[0].coupon_id
    issued = issued_quotas(d.api, indirect_partner_id=r1.id)
    assert issued.total_count == 1
    child = issued.quotas[0]
    assert (child.quota_id, child.parent_quota_id, child.indirect_partner_id) == (children[r1.id], q, r1.id)
    assert child.balance == Decimal("200.00") and child.indirect_partner_account_name == r1.partner.account_name
    assert issued_quotas(d.api, parent_quota_id=q, limit=100).total_count == 2
    assert issued_quotas(d.api, quota_id=children[r2.id]).quotas[0].indirect_partner_id == r2.id
    sdk_fails(d.api, 400, "CBC.99000037", issued_quotas, d.api, indirect_partner_id=stranger.id)

    back = reclaim_quotas(d.api, [children[r1.id], "nope"], remark="quarter end")
    assert failures(back) == [("nope", "CBC.99000012")]
    assert [(i.quota_id, i.quota_balance) for i in back.simple_quota_infos] == [(children[r1.id], Decimal("0.00"))]
    assert one_quota(d.api, q).balance == Decimal("240.00")
    assert one_quota(r1.api, children[r1.id]).quota_status == 6
    sdk_fails(r1.api, 400, "CBC.99000012", create_coupons, r1.api, children[r1.id], [customer.id], "1")
    assert reclaim_coupon(r1.api, coupon).status_code == 204
    again = reclaim_quotas(d.api, [children[r1.id]])
    assert again.simple_quota_infos[0].quota_id == children[r1.id] and not failures(again)
    assert one_quota(d.api, q).balance == Decimal("300.00")

    recs = quota_records(d.api, limit=100)
    kinds = [(r.operation_type, r.result, r.indirect_partner_id) for r in recs.records]
    assert kinds.count(("10", "0", r1.id)) == 2 and kinds.count(("11", "0", r1.id)) == 2
    assert ("10", "-1", r2.id) in kinds
    newest = recs.records[0]
    assert (newest.quota_id, newest.parent_quota_id, newest.amount) == (children[r1.id], q, Decimal("60.00"))
    assert newest.operator and newest.indirect_partner_name and newest.operation_time.endswith("Z")
    assert quota_records(d.api, operation_type="11").total_count == 2
    assert quota_records(d.api, indirect_partner_id=r2.id).total_count == 2
    assert quota_records(d.api, quota_id=children[r2.id]).total_count == 1
    assert quota_records(d.api, parent_quota_id=q, operation_type="10").total_count == 4
    assert quota_records(d.api, operation_time_end="2000-01-01T00:00:00Z").total_count == 0
    sdk_fails(r1.api, 403, "CBC.0151", quota_records, r1.api)
