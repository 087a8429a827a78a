"""Issue 22, yearly/monthly resources through the official SDK's typed operations: paying an
order creates its resources (`ListPayPerUseCustomerResources`, for the customer and for its
partner naming it), `RenewalResources` makes a renewal order that extends them once paid,
`AutoRenewalResources` / `CancelAutoRenewalResources` set the expiry policy, and
`CancelResourcesSubscription` refunds whoever paid (the partner when it paid on the customer's
behalf, S19) with REFUND ledger rows."""

from huaweicloudsdkbss.v2 import (
    AutoRenewalResourcesReq,
    AutoRenewalResourcesRequest,
    CancelAutoRenewalResourcesRequest,
    CancelResourcesSubscriptionRequest,
    ListPayPerUseCustomerResourcesRequest,
    ListSubCustomerNewTagReq,
    ListSubCustomerNewTagRequest,
    PayCustomerOrderV3Req,
    PayOrdersRequest,
    QueryResourcesReq,
    RenewalResourcesReq,
    RenewalResourcesRequest,
    UnsubscribeResourcesReq,
)

from bss import sdk_fails
from test_orders import (
    ask_partner, customer_money, customer_of, customer_records, desk, new_order,
    partner_money, partner_pay, payer, recharge_partner, user_api,
)

IN_USE, CLOSED = 2, 3


def resources(api, **query):
    return api.sdk.list_pay_per_use_customer_resources(
        ListPayPerUseCustomerResourcesRequest(body=QueryResourcesReq(**query)))


def renew(api, resource_id, months, auto_pay):
    return api.sdk.renewal_resources(RenewalResourcesRequest(body=RenewalResourcesReq(
        resource_ids=[resource_id], period_type=2, period_num=months, is_auto_pay=auto_pay)))


def unsubscribe(api, resource_id, kind=1):
    return api.sdk.cancel_resources_subscription(CancelResourcesSubscriptionRequest(
        body=UnsubscribeResourcesReq(resource_ids=[resource_id], unsubscribe_type=kind,
                                     unsubscribe_reason_type=5, unsubscribe_reason="done")))


def test_a_paid_order_makes_a_resource_that_is_renewed_and_unsubscribed(op):
    c = payer(op, cash="100")
    o = new_order(op, c.id, "30")
    c.api.sdk.pay_orders(PayOrdersRequest(body=PayCustomerOrderV3Req(
        order_id=o, use_coupon="NO", use_discount="NO")))
    page = resources(c.api, order_id=o)
    assert page.total_count == 1
    r = page.data[0]
    assert (r.status, r.expire_policy, r.is_main_resource) == (IN_USE, 0, 1)
    assert r.service_type_code == "hws.service.type.ebs" and r.expire_time > r.effective_time

    renewed = renew(c.api, r.resource_id, 1, 1)
    assert len(renewed.order_ids) == 1
    assert customer_money(c)[0] == "40.00"
    assert resources(c.api, resource_ids=[r.resource_id]).data[0].expire_time > r.expire_time

    c.api.sdk.auto_renewal_resources(AutoRenewalResourcesRequest(
        resource_id=r.resource_id, body=AutoRenewalResourcesReq(auto_renew_times=2)))
    assert resources(c.api, resource_ids=[r.resource_id]).data[0].expire_policy == 3
    c.api.sdk.cancel_auto_renewal_resources(
        CancelAutoRenewalResourcesRequest(resource_id=r.resource_id))
    assert resources(c.api, resource_ids=[r.resource_id]).data[0].expire_policy == 0

    gone = unsubscribe(c.api, r.resource_id)
    assert len(gone.order_ids) == 2 and gone.fail_resource_infos == []
    assert customer_money(c)[0] == "100.00"
    closed = resources(c.api, status_list=[CLOSED])
    assert [x.resource_id for x in closed.data] == [r.resource_id]
    refunds = customer_records(c.api, trade_type="REFUND")
    assert refunds.total_count == 2, refunds


def test_a_partner_sees_its_customer_resources_and_gets_back_what_it_paid(op):
    d = desk(op)
    admin = user_api(op, d.partner, ("admin",))
    recharge_partner(op, d.id, "80")
    c = customer_of(op, d.id)  # a resale customer whose partner pays
    o = new_order(op, c.id, "25")
    ask_partner(c, o)
    partner_pay(d, o)
    assert partner_money(d)[0] == 55.0

    page = resources(admin, customer_id=c.id)
    assert page.total_count == 1
    rid = page.data[0].resource_id
    sdk_fails(admin, 400, "CBC.99100067", resources, admin)
    stranger = desk(op, roles=("admin",))
    assert resources(stranger.api, customer_id=c.id).total_count == 0

    # Another customer's id answers like a missing one.
    other = payer(op, cash="10")
    for target in (rid, "no-such-resource"):
        sdk_fails(other.api, 404, "CBC.99100002", renew, other.api, target, 1, 0)
        sdk_fails(other.api, 404, "CBC.99100002", unsubscribe, other.api, target)

    unsubscribe(c.api, rid)
    assert partner_money(d)[0] == 80.0
    assert resources(admin, customer_id=c.id, status_list=[CLOSED]).total_count == 1


def test_new_customer_tags_of_the_partner_customers(op):
    d = desk(op, roles=("admin",))
    spent = customer_of(op, d.id, association_type="1")
    idle = customer_of(op, d.id, association_type="1")
    r = op.api.post("/v2/operator/customers/{customer_id}/recharge", {"amount": "5"},
                    path_params={"customer_id": spent.id})
    assert r.status == 200, r.exchange.describe()
    o = new_order(op, spent.id, "5")
    spent.api.sdk.pay_orders(PayOrdersRequest(body=PayCustomerOrderV3Req(
        order_id=o, use_coupon="NO", use_discount="NO")))
    resp = d.api.sdk.list_sub_customer_new_tag(ListSubCustomerNewTagRequest(
        body=ListSubCustomerNewTagReq(customer_ids=[spent.id, idle.id, "not-a-customer"])))
    tags = {t.customer_id: t for t in resp.new_customer_tags}
    assert set(tags) == {spent.id, idle.id}
    assert (tags[spent.id].new_customer_tag, tags[idle.id].new_customer_tag) == ("Y", "UNDETERMINED")
    assert tags[spent.id].customer_tag_type == "SMB" and len(tags[spent.id].expire_time) == 7
