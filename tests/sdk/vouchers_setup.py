"""Set-up and typed SDK calls shared by the voucher suites (test_vouchers*.py): partners with
a finance client, resale customers, quotas granted by the operator, and one helper per real
voucher operation of the SDK."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from huaweicloudsdkbss.v2 import (
    AdjustCouponQuotasReq,
    CreatePartnerCouponsReq,
    CreatePartnerCouponsRequest,
    ListCouponQuotasRecordsRequest,
    ListIssuedCouponQuotasRequest,
    ListIssuedPartnerCouponsRequest,
    ListPartnerCouponsRecordRequest,
    ListQuotaCouponsRequest,
    QueryCouponQuotasReqExt,
    ReclaimCouponQuotasReq,
    ReclaimCouponQuotasRequest,
    ReclaimPartnerCouponsReq,
    ReclaimPartnerCouponsRequest,
    UpdateCouponQuotasRequest,
)

from bss import Api, Customer, Partner

PARTNER = "/v2/operator/partners/{partner_id}"
QUOTAS = "/v2/operator/coupon-quotas"


@dataclass
class Desk:
    """A partner and an SDK client of one of its users (finance by default)."""

    partner: Partner
    api: Api

    @property
    def id(self) -> str:
        return self.partner.partner_id


@dataclass
class Client:
    """A customer and an SDK client signed with its own key."""

    customer: Customer
    api: Api

    @property
    def id(self) -> str:
        return self.customer.customer_id


def desk(op, partner_type="DISTRIBUTOR", roles=("finance",)) -> Desk:
    partner = op.make_partner(partner_type)
    key = op.make_access_key(op.make_user(partner.partner_id, roles))
    return Desk(partner, op.client(key, domain_id=key.domain_id))


def customer_of(op, partner_id=None, association_type="2") -> Client:
    customer = op.make_customer()
    if partner_id is not None:
        r = op.api.post(PARTNER + "/sub-customers",
                        {"customer_id": customer.customer_id,
                         "association_type": association_type},
                        path_params={"partner_id": partner_id})
        assert r.status == 201, r.exchange.describe()
    key = op.make_access_key(customer)
    return Client(customer, op.client(key, domain_id=key.domain_id))


def channel(op):
    """A distributor and two linked resellers."""
    d, r1, r2 = desk(op), desk(op, "RESELLER"), desk(op, "RESELLER")
    for r in (r1, r2):
        resp = op.api.post(PARTNER + "/indirect-partners", {"indirect_partner_id": r.id},
                           path_params={"partner_id": d.id})
        assert resp.status == 201, resp.exchange.describe()
    return d, r1, r2


def grant_quota(op, partner_id, amount, quota_type=0, **extra) -> str:
    r = op.api.post(QUOTAS, {"partner_id": partner_id, "quota_type": quota_type,
                             "amount": amount, **extra})
    assert r.status == 201, r.exchange.describe()
    return r.body["quota_id"]


def face_limits(low, high) -> dict:
    return {"limit_key": "FACE_VALUE", "limit_values": [{"value1": low, "value2": high}]}


# --- the typed SDK operations ----------------------------------------------------------------

def create_coupons(api: Api, quota_id, customer_ids, face_value, **kw):
    return api.sdk.create_partner_coupons(CreatePartnerCouponsRequest(body=CreatePartnerCouponsReq(
        quota_id=quota_id, customer_ids=list(customer_ids), face_value=Decimal(face_value), **kw)))


def issued_coupons(api: Api, **kw):
    return api.sdk.list_issued_partner_coupons(ListIssuedPartnerCouponsRequest(**kw))


def reclaim_coupon(api: Api, coupon_id, indirect=None):
    return api.sdk.reclaim_partner_coupons(ReclaimPartnerCouponsRequest(
        body=ReclaimPartnerCouponsReq(coupon_id=coupon_id, indirect_partner_id=indirect)))


def quotas(api: Api, **kw):
    return api.sdk.list_quota_coupons(ListQuotaCouponsRequest(body=QueryCouponQuotasReqExt(**kw)))


def one_quota(api: Api, quota_id, **kw):
    resp = quotas(api, quota_ids=[quota_id], **kw)
    assert resp.total_count == 1, api.last.describe()
    return resp.quotas[0]


def pass_quota(api: Api, quota_id, reseller_ids, amount):
    return api.sdk.update_coupon_quotas(UpdateCouponQuotasRequest(body=AdjustCouponQuotasReq(
        quota_id=quota_id, indirect_partner_ids=list(reseller_ids), quota_amount=Decimal(amount))))


def reclaim_quotas(api: Api, quota_ids, remark=None):
    return api.sdk.reclaim_coupon_quotas(ReclaimCouponQuotasRequest(
        body=ReclaimCouponQuotasReq(quota_ids=list(quota_ids), remark=remark)))


def issued_quotas(api: Api, **kw):
    return api.sdk.list_issued_coupon_quotas(ListIssuedCouponQuotasRequest(**kw))


def quota_records(api: Api, **kw):
    return api.sdk.list_coupon_quotas_records(ListCouponQuotasRecordsRequest(**kw))


def coupon_records(api: Api, **kw):
    return api.sdk.list_partner_coupons_record(ListPartnerCouponsRecordRequest(**kw))


def failures(resp) -> list:
    """`error_details` as (id, error_code) pairs, in order."""
    return [(e.id, e.error_code) for e in resp.error_details or []]
