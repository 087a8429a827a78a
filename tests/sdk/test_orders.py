"""S17 and S19 through the official SDK's typed operations: listing and reading orders, cancelling
them, the coupons and discounts usable for an order, PayOrders with each of its error codes and
its success path (cash then credit, coupons consumed once, discounts applied), refunds after an
unsubscribe, the customers' coupons, and partner payment (request, list, pay, reject, refund to
the partner).

Every S17 operation below is the SDK's own typed method (`api.sdk.pay_orders(...)`), and the
assertions read the models it parses: `float` for CustomerOrderV2/V3 and coupon amounts,
`Decimal` for ListOrderDiscounts' and ShowRefundOrderDetails' amounts. The S19 paths, which the
SDK has no method for, and the operator set-up go through `call_api`, signed the same way.
"""

import json
import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest
from huaweicloudsdkbss.v2 import (
    AdjustAccountReq,
    CancelCustomerOrderReq,
    CancelCustomerOrderRequest,
    CouponSimpleInfoOrderPayV3,
    CustomerOrderV2,
    CustomerOrderV3,
    DiscountSimpleInfoV3,
    ListCustomerAccountChangeRecordsRequest,
    ListCustomerOrdersRequest,
    ListOrderCouponsByOrderIdRequest,
    ListOrderDiscountsRequest,
    ListPartnerAccountChangeRecordsRequest,
    ListPartnerBalancesRequest,
    ListSubCustomerCouponsRequest,
    PayCustomerOrderV3Req,
    PayOrdersRequest,
    ShowCustomerAccountBalancesRequest,
    ShowCustomerOrderDetailsRequest,
    ShowRefundOrderDetailsRequest,
    UpdateCustomerAccountAmountRequest,
)

from bss import Api, Customer, Partner, sdk_fails, unique

PARTNER = "/v2/operator/partners/{partner_id}"
OP_CUSTOMER = "/v2/operator/customers/{customer_id}"
OP_ORDERS = "/v2/operator/orders"
UNSUBSCRIBE = "/v2/operator/orders/{order_id}/unsubscribe"
ASK_PARTNER = "/v2/orders/customer-orders/{order_id}/partner-payment-requests"
PARTNER_ORDERS = "/v2/partners/sub-customers/orders/query"
PARTNER_PAY = "/v2/partners/sub-customers/orders/{order_id}/pay"
PARTNER_REJECT = "/v2/partners/sub-customers/orders/{order_id}/reject"

PENDING_PAYMENT, COMPLETED, CANCELLED = 6, 5, 4
VOUCHER, DISCOUNT_COUPON, PRODUCT_COUPON, CASH_COUPON = 1, 2, 3, 4
PROMOTION, CONTRACT, BUSINESS, PARTNER_GRANTED, PRICE_ADJUST = 0, 1, 2, 3, 609
DEBIT, CREDIT = "BALANCE_TYPE_DEBIT", "BALANCE_TYPE_CREDIT"
CASH_TYPE, CREDIT_TYPE = 1, 2
DEDUCT = "SOURCE_OPERAIION_DEDEUCT"
REFUND = "SOURCE_OPERAIION_REFUND"
NO_OPTIONS = {"use_coupon": "NO", "use_discount": "NO"}
UTC_TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
LIMIT_KEYS = ("simultaneousUseWithEmpowerDiscount", "simultaneousUseWithContractDiscount",
              "simultaneousUseWithPromotionDiscount")


# --- set-up over the operator API ------------------------------------------------------------

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


def user_api(op, partner: Partner, roles) -> Api:
    key = op.make_access_key(op.make_user(partner.partner_id, roles))
    return op.client(key, domain_id=key.domain_id)


def desk(op, partner_type="DISTRIBUTOR", roles=("finance",)) -> Desk:
    partner = op.make_partner(partner_type)
    return Desk(partner, user_api(op, partner, roles))


def customer_of(op, partner_id=None, association_type="2", **extra) -> Client:
    """A customer with its own key, associated with `partner_id` (resale by default)."""
    customer = op.make_customer(**extra)
    if partner_id is not None:
        r = op.api.post(PARTNER + "/sub-customers",
                        {"customer_id": customer.customer_id,
                         "association_type": association_type},
                        path_params={"partner_id": partner_id})
        assert r.status == 201, r.exchange.describe()
    key = op.make_access_key(customer)
    return Client(customer, op.client(key, domain_id=key.domain_id))


def payer(op, cash=None, credit=None) -> Client:
    """An independent customer with a credit account, `cash` recharged and `credit` as limit."""
    c = customer_of(op, has_credit_account=True)
    if cash is not None:
        r = op.api.post(OP_CUSTOMER + "/recharge", {"amount": cash},
                        path_params={"customer_id": c.id})
        assert r.status == 200, r.exchange.describe()
    if credit is not None:
        r = op.api.put(OP_CUSTOMER + "/credit-limit", {"credit_limit": credit},
                       path_params={"customer_id": c.id})
        assert r.status == 200, r.exchange.describe()
    return c


def recharge_customer(op, customer_id, amount):
    r = op.api.post(OP_CUSTOMER + "/recharge", {"amount": amount},
                    path_params={"customer_id": customer_id})
    assert r.status == 200, r.exchange.describe()


def recharge_partner(op, partner_id, amount):
    r = op.api.post(PARTNER + "/recharge", {"amount": amount},
                    path_params={"partner_id": partner_id})
    assert r.status == 200, r.exchange.describe()


def partner_credit(op, partner_id, limit):
    r = op.api.put(PARTNER + "/credit-limit", {"credit_limit": limit},
                   path_params={"partner_id": partner_id})
    assert r.status == 200, r.exchange.describe()


def link(op, distributor: Desk, reseller_id: str):
    r = op.api.post(PARTNER + "/indirect-partners", {"indirect_partner_id": reseller_id},
                    path_params={"partner_id": distributor.id})
    assert r.status == 201, r.exchange.describe()


def line(amount, **extra) -> dict:
    return {"product_id": unique("prod-"), "period_type": 2, "period_num": 1,
            "official_amount": amount, **extra}


def discount(discount_type, value, mode=2, discount_id=None) -> dict:
    return {"discount_id": discount_id or unique("DSC-", 12), "discount_type": discount_type,
            "discount_mode": mode, "discount_value": value}


def new_order(op, customer_id, *lines, **extra) -> str:
    """An order pending payment; each of `lines` is an amount (one line each) or a line dict."""
    body = {"customer_id": customer_id,
            "service_type_code": extra.pop("service_type_code", "hws.service.type.ebs"),
            "order_line_items": [x if isinstance(x, dict) else line(x) for x in lines],
            **extra}
    r = op.api.post(OP_ORDERS, body)
    assert r.status == 201, r.exchange.describe()
    return r.body["order_id"]


def grant(op, customer_id, coupon_type, face_value, **use_limits) -> str:
    body = {"coupon_type": coupon_type, "face_value": face_value}
    if use_limits:
        body["use_limits"] = use_limits
    r = op.api.post(OP_CUSTOMER + "/coupons", body, path_params={"customer_id": customer_id})
    assert r.status == 201, r.exchange.describe()
    return r.body["coupon_id"]


def unsubscribe(op, order_id, amount=None) -> dict:
    r = op.api.post(UNSUBSCRIBE, {} if amount is None else {"refund_amount": amount},
                    path_params={"order_id": order_id})
    assert r.status == 200, r.exchange.describe()
    return r.body


# --- the typed SDK operations ----------------------------------------------------------------

def orders(api: Api, **kw):
    return api.sdk.list_customer_orders(ListCustomerOrdersRequest(**kw))


def order_ids(api: Api, **kw) -> set:
    resp = orders(api, limit=100, **kw)
    assert resp.total_count == len(resp.order_infos), api.last.describe()
    return {o.order_id for o in resp.order_infos}


def one_order(api: Api, order_id, **kw) -> CustomerOrderV2:
    resp = orders(api, order_id=order_id, **kw)
    assert resp.total_count == 1 and len(resp.order_infos) == 1, api.last.describe()
    return resp.order_infos[0]


def details(api: Api, order_id, **kw):
    return api.sdk.show_customer_order_details(
        ShowCustomerOrderDetailsRequest(order_id=order_id, **kw))


def cancel(api: Api, order_id):
    return api.sdk.cancel_customer_order(
        CancelCustomerOrderRequest(body=CancelCustomerOrderReq(order_id=order_id)))


def order_coupons(api: Api, order_id):
    return api.sdk.list_order_coupons_by_order_id(
        ListOrderCouponsByOrderIdRequest(order_id=order_id))


def order_discounts(api: Api, order_id):
    return api.sdk.list_order_discounts(ListOrderDiscountsRequest(order_id=order_id))


AUTO = object()


def pay(api: Api, order_id, coupons=(), discount=None, use_coupon=AUTO, use_discount=AUTO,
        discounts=None, key=None):
    """PayOrders; `coupons` are (id, type) pairs, `discount` one (id, type) pair. use_coupon and
    use_discount follow the lists unless given (None leaves them out)."""
    discounts = discounts if discounts is not None else ([discount] if discount else [])
    body = PayCustomerOrderV3Req(
        order_id=order_id,
        use_coupon=("YES" if coupons else "NO") if use_coupon is AUTO else use_coupon,
        use_discount=("YES" if discounts else "NO") if use_discount is AUTO else use_discount,
        coupon_infos=[CouponSimpleInfoOrderPayV3(id=i, type=t) for i, t in coupons] or None,
        discount_infos=[DiscountSimpleInfoV3(id=i, type=t) for i, t in discounts] or None)
    req = PayOrdersRequest(body=body)
    if key is not None:
        return api.sdk.pay_orders_invoker(req).add_header("Idempotency-Key", key).invoke()
    return api.sdk.pay_orders(req)


def refunds(api: Api, order_id, **kw):
    return api.sdk.show_refund_order_details(ShowRefundOrderDetailsRequest(order_id=order_id, **kw))


def coupons(api: Api, **kw):
    return api.sdk.list_sub_customer_coupons(ListSubCustomerCouponsRequest(**kw))


def coupon_ids(api: Api, **kw) -> set:
    resp = coupons(api, limit=100, **kw)
    assert resp.count == len(resp.user_coupons), api.last.describe()
    return {x.coupon_id for x in resp.user_coupons}


def allocate(d: Desk, customer_id, amount):
    return d.api.sdk.update_customer_account_amount(UpdateCustomerAccountAmountRequest(
        body=AdjustAccountReq(customer_id=customer_id, amount=Decimal(amount))))


def customer_balances(c: Client) -> dict:
    resp = c.api.sdk.show_customer_account_balances(ShowCustomerAccountBalancesRequest())
    return {b.account_type: b for b in resp.account_balances}


def customer_money(c: Client) -> tuple:
    """(cash, available credit) as strings with two decimals."""
    b = customer_balances(c)
    return str(b[CASH_TYPE].amount), str(b[CREDIT_TYPE].amount) if CREDIT_TYPE in b else None


def partner_money(d: Desk) -> tuple:
    """(cash, available credit) as floats."""
    resp = d.api.sdk.list_partner_balances(ListPartnerBalancesRequest())
    b = {x.account_type: x for x in resp.account_balances}
    return b[CASH_TYPE].amount, b[CREDIT_TYPE].amount


def customer_records(api: Api, balance_type=DEBIT, **kw):
    return api.sdk.list_customer_account_change_records(
        ListCustomerAccountChangeRecordsRequest(balance_type=balance_type, **kw))


def partner_records(api: Api, balance_type=DEBIT, **kw):
    return api.sdk.list_partner_account_change_records(
        ListPartnerAccountChangeRecordsRequest(balance_type=balance_type, **kw))


# --- S19 paths (no SDK method) ---------------------------------------------------------------

def ask_partner(c: Client, order_id):
    r = c.api.post(ASK_PARTNER, path_params={"order_id": order_id})
    assert r.status == 204 and r.body is None, r.exchange.describe()


def partner_orders(d: Desk, **body) -> dict:
    r = d.api.post(PARTNER_ORDERS, body)
    assert r.status == 200, r.exchange.describe()
    assert r.body["total_count"] >= len(r.body["order_infos"])
    return r.body


def partner_pay(d: Desk, order_id, **options):
    r = d.api.post(PARTNER_PAY, {**NO_OPTIONS, **options}, path_params={"order_id": order_id})
    assert r.status == 204 and r.body is None, r.exchange.describe()


def partner_reject(d: Desk, order_id, reason="over budget"):
    r = d.api.post(PARTNER_REJECT, {"reason": reason}, path_params={"order_id": order_id})
    assert r.status == 204 and r.body is None, r.exchange.describe()


# --- small helpers ---------------------------------------------------------------------------

def now() -> datetime:
    return datetime.now(timezone.utc)


def utc(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def assert_recent_utc(text: str):
    assert UTC_TIME.match(text), text
    moment = datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
    assert abs(now() - moment) < timedelta(minutes=5), text


def wire(api: Api):
    """The last response body as JSON with the exact decimal digits."""
    return json.loads(api.last.body, parse_float=Decimal)


def limits_of(coupon) -> dict:
    return {x.limit_key: x.value1 for x in coupon.use_limits or []}


def status_of(api: Api, order_id) -> int:
    return one_order(api, order_id).status


# --- ListCustomerOrders ----------------------------------------------------------------------

def test_customer_lists_its_own_orders_newest_first(op):
    c = customer_of(op)
    other = customer_of(op)
    mine = {new_order(op, c.id, amount) for amount in ("10.00", "20.00", "30.00")}
    new_order(op, other.id, "40.00")

    resp = c.api.sdk.list_customer_orders(ListCustomerOrdersRequest())

    assert resp.status_code == 200
    assert resp.total_count == 3 and {o.order_id for o in resp.order_infos} == mine
    listed = [o.order_id for o in resp.order_infos]
    keys = [(o.create_time, o.order_id) for o in resp.order_infos]
    assert keys == sorted(keys, reverse=True)
    assert [o.order_id for o in orders(c.api, order_by="-createTime").order_infos] == listed
    assert [o.order_id for o in orders(c.api, order_by="createTime").order_infos] == listed[::-1]
    assert all(o.customer_id == c.id for o in resp.order_infos)
    # Another customer's id filters to nothing rather than showing its orders.
    assert order_ids(c.api, customer_id=other.id) == set()
    assert order_ids(c.api, customer_id=c.id) == mine


def test_listed_order_has_the_customer_order_v2_fields(op):
    c = customer_of(op)
    oid = new_order(op, c.id, line("100.00"), line("50.00", discount_ratio="0.5"),
                    service_type_code="hws.service.type.vpc",
                    service_type_name="Virtual Private Cloud")

    o = one_order(c.api, oid)

    assert isinstance(o, CustomerOrderV2)
    assert (o.order_id, o.customer_id) == (oid, c.id)
    assert (o.service_type_code, o.service_type_name) == ("hws.service.type.vpc",
                                                          "Virtual Private Cloud")
    assert (o.source_type, o.status, o.order_type) == (1, PENDING_PAYMENT, 1)
    assert isinstance(o.official_amount, float)
    assert (o.official_amount, o.amount_after_discount) == (150.0, 125.0)
    assert (o.measure_id, o.currency) == (1, "CNY")
    assert_recent_utc(o.create_time)
    assert o.payment_time is None
    a = o.amount_info
    assert a.discounts == []
    assert (a.coupon_amount, a.consumed_amount, a.flexipurchase_coupon_amount,
            a.stored_card_amount, a.commission_amount) == (0.0, 0.0, 0.0, 0.0, 0.0)
    assert o.agent_pay_info.is_agent_pay is False
    assert o.agent_pay_info.paying_agent_id is None
    body = wire(c.api)["order_infos"][0]
    assert (str(body["official_amount"]), str(body["amount_after_discount"])) == ("150.00",
                                                                                  "125.00")


def test_list_customer_orders_filters(op):
    c = payer(op, cash="1000.00")
    a = new_order(op, c.id, "10.00")
    b = new_order(op, c.id, "20.00", service_type_code="hws.service.type.vpc", order_type=2)
    d = new_order(op, c.id, "30.00", service_type_code="hws.service.type.vpc")
    pay(c.api, b)
    cancel(c.api, d)
    t = now()

    assert order_ids(c.api, order_id=a.lower()) == {a}
    assert order_ids(c.api, order_id=a.upper()) == {a}
    assert order_ids(c.api, order_id=a[:3].lower() + a[3:]) == {a}
    assert order_ids(c.api, order_id=unique("CS", 30)) == set()
    assert order_ids(c.api, service_type_code="hws.service.type.vpc") == {b, d}
    assert order_ids(c.api, service_type_code="hws.service.type.obs") == set()
    assert order_ids(c.api, status=PENDING_PAYMENT) == {a}
    assert order_ids(c.api, status=COMPLETED) == {b}
    assert order_ids(c.api, status=CANCELLED) == {d}
    assert order_ids(c.api, status=1) == set()
    assert order_ids(c.api, order_type="2") == {b}
    assert order_ids(c.api, order_type="1") == {a, d}
    assert order_ids(c.api, order_type="4") == set()
    hour = timedelta(hours=1)
    assert order_ids(c.api, create_time_begin=utc(t - hour), create_time_end=utc(t + hour)) == {
        a, b, d}
    assert order_ids(c.api, create_time_end=utc(t - hour)) == set()
    assert order_ids(c.api, create_time_begin=utc(t + hour)) == set()
    assert order_ids(c.api, payment_time_begin=utc(t - hour), payment_time_end=utc(t + hour)) == {b}
    assert order_ids(c.api, payment_time_end=utc(t - hour)) == set()
    # A window of exactly one year is allowed.
    assert order_ids(c.api, create_time_begin=utc(t + hour - timedelta(days=365)),
                     create_time_end=utc(t + hour)) == {a, b, d}
    # Paging: total_count counts every match, the page holds `limit` from `offset`.
    first = orders(c.api, limit=2, offset=0)
    rest = orders(c.api, limit=2, offset=2)
    assert (first.total_count, len(first.order_infos)) == (3, 2)
    assert (rest.total_count, len(rest.order_infos)) == (3, 1)
    assert {o.order_id for o in first.order_infos + rest.order_infos} == {a, b, d}
    assert orders(c.api, offset=3).order_infos == []


@pytest.mark.parametrize("query, field", [
    ({"create_time_begin": "2025-01-01T00:00:00Z", "create_time_end": "2026-01-03T00:00:00Z"},
     "create_time_begin"),
    ({"payment_time_begin": "2025-01-01T00:00:00Z", "payment_time_end": "2026-01-03T00:00:00Z"},
     "payment_time_begin"),
    ({"create_time_begin": "2026-01-02T00:00:00Z", "create_time_end": "2026-01-01T00:00:00Z"},
     "create_time_begin"),
    ({"create_time_begin": "2026-01-01"}, "create_time_begin"),
    ({"payment_time_end": "2026-01-01 00:00:00Z"}, "payment_time_end"),
    ({"status": 7}, "status"),
    ({"order_type": "5"}, "order_type"),
    ({"order_type": "new"}, "order_type"),
    ({"order_by": "amount"}, "order_by"),
    ({"limit": 0}, "limit"),
    ({"limit": 101}, "limit"),
    ({"offset": -1}, "offset"),
    ({"method": "everyone"}, "method"),
    ({"order_id": "C" * 65}, "order_id"),
], ids=["create-367-days", "payment-367-days", "create-reversed", "date-only", "no-T",
        "status", "order_type-5", "order_type-text", "order_by", "limit-0", "limit-101",
        "offset", "method", "order_id-65"])
def test_bad_list_customer_orders_query_is_400(op, query, field):
    c = customer_of(op)
    # Two well-formed times out of order or over a year apart: a business refusal.
    window = sum(k.endswith(("_begin", "_end")) for k in query) == 2
    code = "CBC.99100066" if window else "CBC.0100"

    e = sdk_fails(c.api, 400, code, lambda: orders(c.api, **query))

    assert field in e.error_msg, c.api.last.describe()


@pytest.mark.parametrize("roles", [["finance"], ["account_manager"],
                                   ["account_manager_supervisor"], ["admin"]])
def test_partner_lists_its_customers_orders(op, roles):
    d = desk(op, roles=roles)
    resale = customer_of(op, d.id)
    referral = customer_of(op, d.id, association_type="1")
    stranger = customer_of(op, op.make_partner().partner_id)
    o1 = new_order(op, resale.id, "10.00")
    o2 = new_order(op, referral.id, "20.00")
    new_order(op, stranger.id, "30.00")

    assert order_ids(d.api) == {o1, o2}
    assert order_ids(d.api, method="sub_customer") == {o1, o2}
    assert order_ids(d.api, method="oneself") == set()
    assert order_ids(d.api, customer_id=resale.id) == {o1}
    assert order_ids(d.api, customer_id=stranger.id) == set()
    assert one_order(d.api, o2.lower()).customer_id == referral.id
    # Each customer still sees only its own.
    assert order_ids(resale.api) == {o1}


def test_partner_without_an_order_role_cannot_list_orders(op):
    partner = op.make_partner()
    c = customer_of(op, partner.partner_id)
    oid = new_order(op, c.id, "10.00")
    specialist = user_api(op, partner, ["project_specialist"])

    sdk_fails(specialist, 403, "CBC.0151", orders, specialist)
    sdk_fails(specialist, 403, "CBC.0151", details, specialist, oid)


def test_distributor_reads_its_resellers_customers_orders(op):
    d = desk(op)
    r = desk(op, "RESELLER")
    link(op, d, r.id)
    c = customer_of(op, r.id)
    oid = new_order(op, c.id, "10.00")
    other = desk(op)
    theirs = op.make_partner("RESELLER")
    link(op, other, theirs.partner_id)

    assert order_ids(d.api) == set()
    assert order_ids(d.api, indirect_partner_id=r.id) == {oid}
    assert order_ids(r.api) == {oid}
    assert details(d.api, oid, indirect_partner_id=r.id).order_info.order_id == oid
    sdk_fails(d.api, 400, "CBC.30000010", details, d.api, oid)
    sdk_fails(d.api, 400, "CBC.99000037", orders, d.api, indirect_partner_id=theirs.partner_id)
    sdk_fails(d.api, 400, "CBC.99000037", orders, d.api, indirect_partner_id=unique("", 32))


# --- ShowCustomerOrderDetails ----------------------------------------------------------------

def test_order_details_show_the_order_and_its_lines(op):
    c = customer_of(op)
    deadline = utc(now() + timedelta(days=2))
    oid = new_order(op, c.id,
                    line("100.00", product_id="p-a", period_type=3, period_num=1,
                         subscription_num=2),
                    line("60.00", product_id="p-b", period_type=2, period_num=6,
                         discount_ratio="0.5"),
                    line("5.55", product_id="p-c", period_type=5, period_num=1),
                    service_type_code="hws.service.type.ecs", service_type_name="ECS",
                    pending_payment_end_time=deadline)

    resp = details(c.api, oid)

    assert resp.status_code == 200
    assert resp.total_count == 3
    info = resp.order_info
    assert isinstance(info, CustomerOrderV3)
    assert (info.order_id, info.customer_id, info.user_name) == (oid, c.id,
                                                                  c.customer.domain_name)
    assert info.pending_payment_end_time == deadline
    assert (info.service_type_code, info.service_type_name) == ("hws.service.type.ecs", "ECS")
    assert (info.status, info.order_type, info.source_type) == (PENDING_PAYMENT, 1, 1)
    assert (info.official_amount, info.amount_after_discount) == (165.55, 135.55)
    assert (info.measure_id, info.currency) == (1, "CNY")
    assert info.amount_info.consumed_amount == 0.0 and info.amount_info.discounts == []
    assert info.payment_time is None
    assert_recent_utc(info.create_time)
    got = [(x.product_id, x.period_type, x.period_num, x.subscription_num, x.official_amount,
            x.amount_after_discount) for x in resp.order_line_items]
    assert got == [("p-a", 3, 1, 2, 100.0, 100.0), ("p-b", 2, 6, 1, 60.0, 30.0),
                   ("p-c", 5, 1, 1, 5.55, 5.55)]
    for x in resp.order_line_items:
        assert (x.order_id, x.service_type_code, x.currency) == (oid, "hws.service.type.ecs",
                                                                 "CNY")
    line_ids = [x.order_line_item_id for x in resp.order_line_items]
    assert all(line_ids) and len(set(line_ids)) == 3

    # The lines are paged; total_count stays the number of lines.
    first = details(c.api, oid, limit=2)
    rest = details(c.api, oid, limit=2, offset=2)
    assert [x.order_line_item_id for x in first.order_line_items] == line_ids[:2]
    assert [x.order_line_item_id for x in rest.order_line_items] == line_ids[2:]
    assert first.total_count == rest.total_count == 3
    past = details(c.api, oid, offset=3)
    assert past.order_line_items == [] and past.total_count == 3
    assert past.order_info.order_id == oid


@pytest.mark.parametrize("query, field", [
    ({"limit": 0}, "limit"), ({"limit": 101}, "limit"), ({"offset": -1}, "offset"),
])
def test_bad_order_details_paging_is_400_cbc_0100(op, query, field):
    c = customer_of(op)
    oid = new_order(op, c.id, "10.00")

    e = sdk_fails(c.api, 400, "CBC.0100", details, c.api, oid, **query)

    assert field in e.error_msg


def test_order_details_of_someone_elses_order_answer_like_a_missing_one(op):
    d = desk(op)
    c = customer_of(op, d.id)
    oid = new_order(op, c.id, "10.00")
    other = customer_of(op)
    stranger = desk(op)

    errors = [sdk_fails(other.api, 400, "CBC.30000010", details, other.api, oid),
              sdk_fails(c.api, 400, "CBC.30000010", details, c.api, unique("CS", 30)),
              sdk_fails(stranger.api, 400, "CBC.30000010", details, stranger.api, oid)]

    assert len({e.error_msg for e in errors}) == 1
    theirs = details(d.api, oid)
    assert (theirs.order_info.order_id, theirs.order_info.user_name) == (
        oid, c.customer.domain_name)


# --- CancelCustomerOrder ---------------------------------------------------------------------

def test_cancel_moves_only_a_pending_order_to_cancelled(op):
    c = payer(op, cash="100.00")
    oid = new_order(op, c.id, "10.00")
    paid = new_order(op, c.id, "20.00")
    pay(c.api, paid)

    resp = cancel(c.api, oid)

    assert resp.status_code == 204
    assert status_of(c.api, oid) == CANCELLED
    assert details(c.api, oid).order_info.status == CANCELLED
    sdk_fails(c.api, 400, "CBC.99005010", cancel, c.api, oid)
    sdk_fails(c.api, 400, "CBC.99005010", cancel, c.api, paid)
    assert status_of(c.api, paid) == COMPLETED
    sdk_fails(c.api, 400, "CBC.99003106", pay, c.api, oid)
    assert customer_money(c)[0] == "80.00"


def test_cancel_of_someone_elses_order_is_cbc_30000010(op):
    d = desk(op)
    c = customer_of(op, d.id)
    other = customer_of(op)
    oid = new_order(op, c.id, "10.00")

    sdk_fails(other.api, 400, "CBC.30000010", cancel, other.api, oid)
    sdk_fails(c.api, 400, "CBC.30000010", cancel, c.api, unique("CS", 30))
    stranger = desk(op)
    sdk_fails(stranger.api, 400, "CBC.30000010", cancel, stranger.api, oid)
    assert status_of(c.api, oid) == PENDING_PAYMENT
    # The customer's partner (finance) may cancel it.
    assert cancel(d.api, oid).status_code == 204
    assert status_of(c.api, oid) == CANCELLED


# --- ListOrderCouponsByOrderId ---------------------------------------------------------------

def test_order_coupons_are_the_customers_coupons_usable_for_the_order(op):
    c = payer(op, cash="100.00")
    other = customer_of(op)
    oid = new_order(op, c.id, line("100.00", discount_ratio="0.5"),
                    line("100.00", discount_ratio="0.7"))
    voucher = grant(op, c.id, VOUCHER, "30.00")
    cash_coupon = grant(op, c.id, CASH_COUPON, "20.00")
    discount_coupon = grant(op, c.id, DISCOUNT_COUPON, "0.90",
                            simultaneousUseWithEmpowerDiscount=0, minConsumeDiscount="0.7")
    grant(op, c.id, PRODUCT_COUPON, "5.00")
    spent = grant(op, c.id, VOUCHER, "5.00")
    pay(c.api, new_order(op, c.id, "1.00"), coupons=[(spent, 301)])
    grant(op, other.id, VOUCHER, "50.00")

    resp = order_coupons(c.api, oid)

    assert resp.status_code == 200
    listed = {x.coupon_id: x for x in resp.user_coupons}
    assert resp.count == len(resp.user_coupons) == 3, c.api.last.describe()
    assert set(listed) == {voucher, cash_coupon, discount_coupon}
    v = listed[voucher]
    assert (v.coupon_type, v.status, v.measure_id) == (VOUCHER, 2, 1)
    assert (v.face_value, v.balance) == (30.0, 30.0)
    assert v.used_by_order_id is None
    assert_recent_utc(v.effective_time)
    expire = datetime.strptime(v.expire_time, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
    assert expire > now() + timedelta(days=300)
    assert limits_of(v) == dict.fromkeys(LIMIT_KEYS, "1")
    assert (listed[cash_coupon].coupon_type, listed[cash_coupon].face_value) == (CASH_COUPON, 20.0)
    dc = listed[discount_coupon]
    assert dc.coupon_type == DISCOUNT_COUPON
    assert limits_of(dc) == {"simultaneousUseWithEmpowerDiscount": "0",
                             "simultaneousUseWithContractDiscount": "1",
                             "simultaneousUseWithPromotionDiscount": "1",
                             "minConsumeDiscount": "0.7"}
    quantities = {(q.coupon_type, q.coupon_group, q.use_quantity_value)
                  for q in resp.coupon_max_use_quantity}
    assert quantities == {(VOUCHER, 0, 3), (DISCOUNT_COUPON, 0, 1), (CASH_COUPON, 0, 3)}


def test_order_coupons_leave_out_a_coupon_whose_min_consume_discount_no_line_reaches(op):
    c = payer(op, cash="100.00")
    oid = new_order(op, c.id, line("100.00", discount_ratio="0.5"),
                    line("100.00", discount_ratio="0.7"))
    lenient = grant(op, c.id, VOUCHER, "5.00", minConsumeDiscount="0.7")
    strict = grant(op, c.id, VOUCHER, "5.00", minConsumeDiscount="0.8")
    # PayOrders refuses the strict coupon for this order ...
    sdk_fails(c.api, 400, "CBC.99003117", pay, c.api, oid, coupons=[(strict, 301)])

    resp = order_coupons(c.api, oid)

    # ... so it is not among the coupons usable for the order.
    assert [x.coupon_id for x in resp.user_coupons] == [lenient], c.api.last.describe()
    assert resp.count == 1


def test_order_coupons_of_a_paid_order_are_none_and_foreign_orders_are_cbc_30000010(op):
    d = desk(op)
    recharge_partner(op, d.id, "100.00")
    c = customer_of(op, d.id)
    allocate(d, c.id, "50.00")
    voucher = grant(op, c.id, VOUCHER, "5.00")
    oid = new_order(op, c.id, "10.00")
    paid = new_order(op, c.id, "10.00")
    pay(c.api, paid)
    other = customer_of(op)

    # The partner's finance user sees the same list as the customer.
    assert [x.coupon_id for x in order_coupons(d.api, oid).user_coupons] == [voucher]
    empty = order_coupons(c.api, paid)
    assert (empty.count, empty.user_coupons) == (0, [])
    sdk_fails(other.api, 400, "CBC.30000010", order_coupons, other.api, oid)
    stranger = desk(op)
    sdk_fails(stranger.api, 400, "CBC.30000010", order_coupons, stranger.api, oid)


# --- ListOrderDiscounts ----------------------------------------------------------------------

def test_order_discounts_show_what_each_discount_takes_off(op):
    c = customer_of(op)
    promo = discount(PROMOTION, "0.9", mode=0, discount_id="D1-" + unique("", 8))
    contract = discount(CONTRACT, "150.00", mode=1, discount_id="D2-" + unique("", 8))
    partner = discount(PARTNER_GRANTED, "25.00", mode=2, discount_id="D3-" + unique("", 8))
    oid = new_order(op, c.id, line("100.00"), line("100.00", discount_ratio="0.8"),
                    discounts=[partner, promo, contract])
    line_ids = [x.order_line_item_id for x in details(c.api, oid).order_line_items]

    resp = order_discounts(c.api, oid)

    assert resp.status_code == 200
    got = [(x.discount_id, x.discount_type, Decimal(x.discount_value)) for x in resp.discounts]
    assert got == [(promo["discount_id"], PROMOTION, Decimal("0.9")),
                   (contract["discount_id"], CONTRACT, Decimal("150")),
                   (partner["discount_id"], PARTNER_GRANTED, Decimal("25"))]
    # The order costs 180.00 after its line ratios.
    expected = [(0, Decimal("18.00"), Decimal("0.9")), (1, Decimal("30.00"), Decimal("0.8333")),
                (2, Decimal("25.00"), Decimal("0.8611"))]
    for x, (mode, amount, ratio) in zip(resp.discounts, expected):
        assert [o.order_id for o in x.orders] == [oid]
        items = x.orders[0].order_line_items
        assert len(items) == 1
        item = items[0]
        assert sorted(item.order_line_item_ids) == sorted(line_ids)
        assert item.discount_mode == mode
        assert Decimal(str(item.discount_amount)) == amount
        assert abs(Decimal(str(item.discount_ratio)) - ratio) < Decimal("0.0001"), item


def test_order_discount_amounts_parse_as_the_decimals_the_sdk_model_declares(op):
    c = customer_of(op)
    d = discount(PARTNER_GRANTED, "0.75", mode=0)
    oid = new_order(op, c.id, "100.00", discounts=[d])

    [x] = order_discounts(c.api, oid).discounts

    # OrderLineItemV3 types both as decimal.Decimal; the SDK makes one only of a JSON number.
    item = x.orders[0].order_line_items[0]
    assert isinstance(item.discount_amount, Decimal) and item.discount_amount == Decimal("25")
    assert isinstance(item.discount_ratio, Decimal), c.api.last.describe()
    assert item.discount_ratio == Decimal("0.75")


def test_order_without_discounts_lists_none_and_foreign_orders_are_cbc_30000010(op):
    c = customer_of(op)
    oid = new_order(op, c.id, "10.00")
    other = customer_of(op)

    resp = order_discounts(c.api, oid)

    assert resp.discounts == []
    sdk_fails(other.api, 400, "CBC.30000010", order_discounts, other.api, oid)
    sdk_fails(c.api, 400, "CBC.30000010", order_discounts, c.api, unique("CS", 30))


# --- PayOrders: errors -----------------------------------------------------------------------

@pytest.mark.parametrize("kw, field", [
    (dict(use_coupon="YES"), "coupon_infos"),
    (dict(use_coupon="NO", coupons=[("cp-1", 301)]), "coupon_infos"),
    (dict(use_coupon=None, coupons=[("cp-1", 301)]), "coupon_infos"),
    (dict(use_discount="YES"), "discount_infos"),
    (dict(use_discount="NO", discount=("d-1", 3)), "discount_infos"),
    (dict(use_discount=None, discount=("d-1", 3)), "discount_infos"),
    (dict(coupons=[(f"cp-{i}", 301) for i in range(4)]), "coupon_infos"),
    (dict(discounts=[("d-1", 3), ("d-2", 0)]), "discount_infos"),
    (dict(coupons=[("cp-1", 304)]), "type"),
    (dict(coupons=[("cp-1", 301), ("cp-1", 301)]), "coupon_infos"),
    (dict(use_coupon="MAYBE"), "use_coupon"),
], ids=["coupon-yes-empty", "coupon-no-given", "coupon-absent-given", "discount-yes-empty",
        "discount-no-given", "discount-absent-given", "4-coupons", "2-discounts", "type-304",
        "repeated-coupon", "use_coupon-maybe"])
def test_inconsistent_pay_orders_body_is_400(op, kw, field):
    c = payer(op, cash="100.00")
    oid = new_order(op, c.id, "10.00")
    # A coupon named twice is well-formed: a business refusal (CBC.99100064).
    repeated = len(kw.get("coupons") or []) != len({x for x, _ in kw.get("coupons") or []})
    code = "CBC.99100064" if repeated else "CBC.0100"

    e = sdk_fails(c.api, 400, code, pay, c.api, oid, **kw)

    assert field in e.error_msg, c.api.last.describe()
    assert status_of(c.api, oid) == PENDING_PAYMENT
    assert customer_money(c)[0] == "100.00"


def test_pay_orders_without_order_id_is_400_cbc_0100(op):
    c = payer(op, cash="100.00")

    e = sdk_fails(c.api, 400, "CBC.0100", pay, c.api, None)

    assert "order_id" in e.error_msg


def test_foreign_or_missing_order_is_cbc_30000010_with_the_same_body(op):
    c = payer(op, cash="100.00")
    other = payer(op, cash="100.00")
    theirs = new_order(op, other.id, "10.00")

    sdk_fails(c.api, 400, "CBC.30000010", pay, c.api, theirs)
    foreign = wire(c.api)
    sdk_fails(c.api, 400, "CBC.30000010", pay, c.api, unique("CS", 30))
    missing = wire(c.api)

    assert foreign == missing
    assert set(foreign) >= {"error_code", "error_msg"}
    assert status_of(other.api, theirs) == PENDING_PAYMENT
    assert customer_money(c)[0] == customer_money(other)[0] == "100.00"


def test_paid_or_cancelled_order_is_cbc_99003106(op):
    c = payer(op, cash="100.00")
    paid = new_order(op, c.id, "10.00")
    cancelled = new_order(op, c.id, "10.00")
    pay(c.api, paid)
    cancel(c.api, cancelled)

    sdk_fails(c.api, 400, "CBC.99003106", pay, c.api, paid)
    sdk_fails(c.api, 400, "CBC.99003106", pay, c.api, cancelled)

    assert customer_money(c)[0] == "90.00"
    assert customer_records(c.api, trade_type="DEDEUCT").total_count == 1


def test_discount_that_is_not_the_orders_is_cbc_99003108(op):
    c = payer(op, cash="1000.00")
    mine = discount(PARTNER_GRANTED, "10.00")
    oid = new_order(op, c.id, "100.00", discounts=[mine])
    elsewhere = discount(PARTNER_GRANTED, "10.00")
    new_order(op, c.id, "100.00", discounts=[elsewhere])

    for bad in ((unique("DSC-", 12), PARTNER_GRANTED), (mine["discount_id"], PROMOTION),
                (elsewhere["discount_id"], PARTNER_GRANTED)):
        sdk_fails(c.api, 400, "CBC.99003108", pay, c.api, oid, discount=bad)

    assert status_of(c.api, oid) == PENDING_PAYMENT
    assert customer_money(c)[0] == "1000.00"
    pay(c.api, oid, discount=(mine["discount_id"], PARTNER_GRANTED))
    assert customer_money(c)[0] == "910.00"


def test_order_with_a_price_adjustment_must_be_paid_with_it_cbc_99003108(op):
    c = payer(op, cash="1000.00")
    adjust = discount(PRICE_ADJUST, "80.00", mode=1)
    partner = discount(PARTNER_GRANTED, "0.9", mode=0)
    oid = new_order(op, c.id, "100.00", discounts=[adjust, partner])

    sdk_fails(c.api, 400, "CBC.99003108", pay, c.api, oid)
    sdk_fails(c.api, 400, "CBC.99003108", pay, c.api, oid,
              discount=(partner["discount_id"], PARTNER_GRANTED))
    assert customer_money(c)[0] == "1000.00"

    pay(c.api, oid, discount=(adjust["discount_id"], PRICE_ADJUST))

    o = details(c.api, oid).order_info
    assert (o.status, o.official_amount, o.amount_after_discount) == (COMPLETED, 100.0, 80.0)
    assert [(x.discount_type, x.discount_amount) for x in o.amount_info.discounts] == [
        ("609", 20.0)]
    assert o.amount_info.consumed_amount == 80.0
    assert customer_money(c)[0] == "920.00"


def test_order_past_its_payment_deadline_is_cbc_99003110(op):
    c = payer(op, cash="100.00")
    past = utc(now() - timedelta(minutes=1))
    late = new_order(op, c.id, "10.00", pending_payment_end_time=past)
    in_time = new_order(op, c.id, "10.00",
                        pending_payment_end_time=utc(now() + timedelta(hours=1)))
    assert details(c.api, late).order_info.pending_payment_end_time == past

    sdk_fails(c.api, 400, "CBC.99003110", pay, c.api, late)

    assert status_of(c.api, late) == PENDING_PAYMENT
    assert customer_money(c)[0] == "100.00"
    pay(c.api, in_time)
    assert customer_money(c)[0] == "90.00"


def test_used_unknown_or_foreign_coupon_is_cbc_99003112(op):
    c = payer(op, cash="100.00")
    other = payer(op)
    coupon = grant(op, c.id, VOUCHER, "5.00")
    theirs = grant(op, other.id, VOUCHER, "5.00")
    first = new_order(op, c.id, "10.00")
    pay(c.api, first, coupons=[(coupon, 301)])
    second = new_order(op, c.id, "10.00")

    sdk_fails(c.api, 400, "CBC.99003112", pay, c.api, second, coupons=[(coupon, 301)])
    sdk_fails(c.api, 400, "CBC.99003112", pay, c.api, second,
              coupons=[(unique("CP", 30), 301)])
    sdk_fails(c.api, 400, "CBC.99003112", pay, c.api, second, coupons=[(theirs, 301)])

    assert status_of(c.api, second) == PENDING_PAYMENT
    assert customer_money(c)[0] == "95.00"
    [x] = coupons(other.api).user_coupons
    assert (x.coupon_id, x.status, x.balance) == (theirs, 2, 5.0)


def test_coupon_type_that_does_not_match_the_coupon_is_400_cbc_0100(op):
    c = payer(op, cash="100.00")
    coupon = grant(op, c.id, VOUCHER, "5.00")
    oid = new_order(op, c.id, "10.00")

    e = sdk_fails(c.api, 400, "CBC.0100", pay, c.api, oid, coupons=[(coupon, 302)])

    assert "type" in e.error_msg
    pay(c.api, oid, coupons=[(coupon, 301)])
    assert customer_money(c)[0] == "95.00"


@pytest.mark.parametrize("limit, blocked, allowed", [
    ("simultaneousUseWithEmpowerDiscount", [PARTNER_GRANTED], [PROMOTION, CONTRACT, BUSINESS]),
    ("simultaneousUseWithContractDiscount", [CONTRACT, BUSINESS], [PROMOTION, PARTNER_GRANTED]),
    ("simultaneousUseWithPromotionDiscount", [PROMOTION], [CONTRACT, BUSINESS, PARTNER_GRANTED]),
])
def test_coupon_not_combinable_with_the_discount_type_is_cbc_99003116(op, limit, blocked,
                                                                      allowed):
    c = payer(op, cash="1000.00")

    for discount_type in blocked + allowed:
        coupon = grant(op, c.id, VOUCHER, "5.00", **{limit: 0})
        d = discount(discount_type, "10.00")
        oid = new_order(op, c.id, "100.00", discounts=[d])
        both = dict(coupons=[(coupon, 301)], discount=(d["discount_id"], discount_type))
        if discount_type in blocked:
            sdk_fails(c.api, 400, "CBC.99003116", pay, c.api, oid, **both)
            # Nothing was used: the coupon alone still pays.
            pay(c.api, oid, coupons=[(coupon, 301)])
            assert one_order(c.api, oid).amount_info.consumed_amount == 95.0
        else:
            pay(c.api, oid, **both)
            assert one_order(c.api, oid).amount_info.consumed_amount == 85.0


def test_min_consume_discount_above_every_lines_ratio_is_cbc_99003117(op):
    c = payer(op, cash="1000.00")
    strict = grant(op, c.id, VOUCHER, "5.00", minConsumeDiscount="0.8")
    lenient = grant(op, c.id, VOUCHER, "5.00", minConsumeDiscount="0.7")
    oid = new_order(op, c.id, line("100.00", discount_ratio="0.5"),
                    line("100.00", discount_ratio="0.7"))

    sdk_fails(c.api, 400, "CBC.99003117", pay, c.api, oid, coupons=[(strict, 301)])
    sdk_fails(c.api, 400, "CBC.99003117", pay, c.api, oid,
              coupons=[(lenient, 301), (strict, 301)])

    assert customer_money(c)[0] == "1000.00"
    pay(c.api, oid, coupons=[(lenient, 301)])
    assert customer_money(c)[0] == "885.00"
    # On an order without line discounts the strict coupon is fine.
    plain = new_order(op, c.id, "10.00")
    pay(c.api, plain, coupons=[(strict, 301)])
    assert customer_money(c)[0] == "880.00"


def test_voucher_with_a_discount_coupon_is_cbc_99003147(op):
    c = payer(op, cash="1000.00")
    voucher = grant(op, c.id, VOUCHER, "5.00")
    # A discount coupon's face value is the share paid (S17): 0.95 pays 95 %.
    discount_coupon = grant(op, c.id, DISCOUNT_COUPON, "0.95")
    cash_coupon = grant(op, c.id, CASH_COUPON, "5.00")
    oid = new_order(op, c.id, "100.00")

    sdk_fails(c.api, 400, "CBC.99003147", pay, c.api, oid,
              coupons=[(voucher, 301), (discount_coupon, 300)])
    sdk_fails(c.api, 400, "CBC.99003147", pay, c.api, oid,
              coupons=[(discount_coupon, 300), (cash_coupon, 302), (voucher, 301)])

    assert customer_money(c)[0] == "1000.00"
    pay(c.api, oid, coupons=[(voucher, 301), (cash_coupon, 302)])
    other = new_order(op, c.id, "100.00")
    pay(c.api, other, coupons=[(discount_coupon, 300)])
    assert customer_money(c)[0] == "815.00"


def test_insufficient_cash_and_credit_is_cbc_99005003_and_nothing_is_debited(op):
    c = payer(op, cash="30.00", credit="20.00")
    coupon = grant(op, c.id, VOUCHER, "10.00")
    oid = new_order(op, c.id, "60.01")

    sdk_fails(c.api, 400, "CBC.99005003", pay, c.api, oid, coupons=[(coupon, 301)])

    assert customer_money(c) == ("30.00", "20.00")
    assert customer_records(c.api).total_count == 1  # the recharge only
    assert customer_records(c.api, CREDIT).total_count == 1  # the credit limit only
    [x] = coupons(c.api, coupon_id=coupon).user_coupons
    assert (x.status, x.balance, x.order_id) == (2, 10.0, None)
    o = one_order(c.api, oid)
    assert (o.status, o.amount_info.consumed_amount, o.amount_info.coupon_amount) == (
        PENDING_PAYMENT, 0.0, 0.0)
    # One cent more and it is paid: the coupon, all the cash, all the credit.
    recharge_customer(op, c.id, "0.01")
    pay(c.api, oid, coupons=[(coupon, 301)])
    assert customer_money(c) == ("0.00", "0.00")


def test_partner_and_operator_cannot_pay_orders(op, operator_api):
    partner = op.make_partner()
    c = customer_of(op, partner.partner_id)
    oid = new_order(op, c.id, "10.00")

    for roles in (["admin"], ["finance"]):
        api = user_api(op, partner, roles)
        sdk_fails(api, 403, "CBC.0151", pay, api, oid)
    sdk_fails(operator_api, 403, "CBC.0151", pay, operator_api, oid)

    assert status_of(c.api, oid) == PENDING_PAYMENT


# --- PayOrders: success ----------------------------------------------------------------------

def test_pay_orders_takes_cash_first_then_credit(op):
    c = payer(op, cash="30.00", credit="100.00")
    oid = new_order(op, c.id, "50.00")

    resp = pay(c.api, oid)

    assert resp.status_code == 204
    assert c.api.last.body == b""
    b = customer_balances(c)
    assert str(b[CASH_TYPE].amount) == "0.00"
    assert (str(b[CREDIT_TYPE].amount), str(b[CREDIT_TYPE].credit_amount)) == ("80.00", "100.00")
    o = one_order(c.api, oid)
    assert o.status == COMPLETED
    assert_recent_utc(o.payment_time)
    assert (o.amount_after_discount, o.amount_info.consumed_amount,
            o.amount_info.coupon_amount) == (50.0, 50.0, 0.0)
    [cash_row] = customer_records(c.api, trade_type="DEDEUCT").records
    assert (cash_row.trade_detail_type, cash_row.trade_id, cash_row.change_amount,
            cash_row.balance_after_change, cash_row.revenue_expense_type) == (
        DEDUCT, oid, "30.00", "0.00", "EXPENSE")
    [credit_row] = customer_records(c.api, CREDIT, trade_type="DEDEUCT").records
    assert (credit_row.trade_id, credit_row.change_amount, credit_row.balance_after_change,
            credit_row.revenue_expense_type) == (oid, "20.00", "80.00", "EXPENSE")
    # With enough cash, credit is untouched.
    recharge_customer(op, c.id, "15.00")
    pay(c.api, new_order(op, c.id, "10.00"))
    assert customer_money(c) == ("5.00", "80.00")


def test_coupons_are_consumed_once_and_shown_on_the_order(op):
    c = payer(op, cash="100.00")
    voucher = grant(op, c.id, VOUCHER, "30.00")
    cash_coupon = grant(op, c.id, CASH_COUPON, "20.00")
    oid = new_order(op, c.id, "100.00")

    pay(c.api, oid, coupons=[(voucher, 301), (cash_coupon, 302)])

    assert customer_money(c)[0] == "50.00"
    o = one_order(c.api, oid)
    assert (o.amount_info.coupon_amount, o.amount_info.consumed_amount) == (50.0, 50.0)
    assert o.official_amount == 100.0
    used = {x.coupon_id: x for x in coupons(c.api, order_id=oid).user_coupons}
    assert set(used) == {voucher, cash_coupon}
    for x in used.values():
        assert (x.status, x.order_id, x.balance) == (3, oid, 0.0)
        assert_recent_utc(x.create_time)
    # A used coupon is gone for the next order.
    again = new_order(op, c.id, "10.00")
    sdk_fails(c.api, 400, "CBC.99003112", pay, c.api, again, coupons=[(voucher, 301)])
    assert voucher not in {x.coupon_id for x in order_coupons(c.api, again).user_coupons}
    # A coupon larger than the order is used once too, its rest kept as balance.
    big = grant(op, c.id, VOUCHER, "80.00")
    pay(c.api, again, coupons=[(big, 301)])
    [x] = coupons(c.api, coupon_id=big).user_coupons
    assert (x.status, x.order_id, x.balance, x.face_value) == (3, again, 70.0, 80.0)
    assert customer_money(c)[0] == "50.00"
    third = new_order(op, c.id, "10.00")
    sdk_fails(c.api, 400, "CBC.99003112", pay, c.api, third, coupons=[(big, 301)])


def test_discount_is_applied_and_shown_in_amount_info(op):
    c = payer(op, cash="1000.00")
    d = discount(PARTNER_GRANTED, "0.9", mode=0)
    oid = new_order(op, c.id, line("100.00"), line("100.00", discount_ratio="0.8"),
                    discounts=[d])

    pay(c.api, oid, discount=(d["discount_id"], PARTNER_GRANTED))

    info = details(c.api, oid).order_info
    assert (info.official_amount, info.amount_after_discount) == (200.0, 162.0)
    assert [(x.discount_type, x.discount_amount) for x in info.amount_info.discounts] == [
        ("3", 18.0)]
    assert info.amount_info.consumed_amount == 162.0
    o = one_order(c.api, oid)
    assert (o.official_amount, o.amount_after_discount) == (200.0, 162.0)
    assert o.amount_info.consumed_amount == 162.0
    assert customer_money(c)[0] == "838.00"
    # A discount and a coupon together: the discount first, then the coupon.
    business = discount(BUSINESS, "20.00")
    voucher = grant(op, c.id, VOUCHER, "10.00")
    both = new_order(op, c.id, "100.00", discounts=[business])
    pay(c.api, both, coupons=[(voucher, 301)], discount=(business["discount_id"], BUSINESS))
    o = one_order(c.api, both)
    assert (o.amount_after_discount, o.amount_info.coupon_amount,
            o.amount_info.consumed_amount) == (80.0, 10.0, 70.0)
    assert customer_money(c)[0] == "768.00"


def test_listed_order_shows_the_applied_discount_in_amount_info_like_its_details(op):
    c = payer(op, cash="100.00")
    d = discount(PARTNER_GRANTED, "25.00")
    oid = new_order(op, c.id, "100.00", discounts=[d])
    pay(c.api, oid, discount=(d["discount_id"], PARTNER_GRANTED))
    shown = [(x.discount_type, x.discount_amount)
             for x in details(c.api, oid).order_info.amount_info.discounts]
    assert shown == [("3", 25.0)]

    o = one_order(c.api, oid)

    assert (o.amount_after_discount, o.amount_info.consumed_amount) == (75.0, 75.0)
    assert [(x.discount_type, x.discount_amount) for x in o.amount_info.discounts] == shown, \
        c.api.last.describe()


def test_pay_orders_with_an_idempotency_key_pays_once(op):
    c = payer(op, cash="100.00")
    oid = new_order(op, c.id, "40.00")
    key = unique("pay-", 24)

    first = pay(c.api, oid, key=key)
    sent = c.api.last.request_headers
    again = pay(c.api, oid, key=key)

    assert sent["Idempotency-Key"] == key
    assert first.status_code == again.status_code == 204
    assert customer_money(c)[0] == "60.00"
    assert customer_records(c.api, trade_type="DEDEUCT").total_count == 1
    sdk_fails(c.api, 400, "CBC.99003106", pay, c.api, oid)
    other = new_order(op, c.id, "10.00")
    sdk_fails(c.api, 409, "CBC.0260", pay, c.api, other, key=key)
    assert status_of(c.api, other) == PENDING_PAYMENT


# --- unsubscribe and ShowRefundOrderDetails --------------------------------------------------

def test_unsubscribe_refunds_the_customer_in_the_proportions_paid(op):
    c = payer(op, cash="30.00", credit="100.00")
    oid = new_order(op, c.id, "50.00", service_type_code="hws.service.type.obs")
    pay(c.api, oid)

    part = unsubscribe(op, oid, "10.00")
    assert customer_money(c) == ("6.00", "84.00")
    rest = unsubscribe(op, oid)
    assert customer_money(c) == ("30.00", "100.00")

    # ShowRefundOrderDetails takes the unsubscription order's id, as the SDK documents
    # order_id; each record names the original order as base_order_id (#18 item 4).
    resps = [refunds(c.api, r["refund_order_id"]) for r in (part, rest)]
    assert [(r.status_code, r.total_count) for r in resps] == [(200, 1), (200, 1)]
    by_id = {x.id: x for r in resps for x in r.refund_infos}
    assert set(by_id) == {part["refund_order_id"], rest["refund_order_id"]}
    assert by_id[part["refund_order_id"]].amount == Decimal("-10.00")
    assert by_id[rest["refund_order_id"]].amount == Decimal("-40.00")
    assert refunds(c.api, oid).total_count == 0
    # The unsubscription order is an order (order_type 4, completed) the customer sees.
    u = one_order(c.api, part["refund_order_id"])
    assert (u.order_type, u.status) == (4, 5)
    assert details(c.api, part["refund_order_id"]).order_info.order_type == 4
    for x in by_id.values():
        assert isinstance(x.amount, Decimal)
        assert (x.base_order_id, x.customer_id, x.measure_id, x.service_type_code) == (
            oid, c.id, "1", "hws.service.type.obs")
    cash_rows = customer_records(c.api, trade_type="REFUND").records
    assert sorted((x.trade_detail_type, x.change_amount, x.revenue_expense_type, x.trade_id)
                  for x in cash_rows) == sorted([
        (REFUND, "6.00", "REVENUE", part["refund_order_id"]),
        (REFUND, "24.00", "REVENUE", rest["refund_order_id"])])
    credit_rows = customer_records(c.api, CREDIT, trade_type="REFUND").records
    assert sorted(x.change_amount for x in credit_rows) == ["16.00", "4.00"]
    # Nothing is left to refund.
    op.api.fails("POST", UNSUBSCRIBE, 400, "CBC.99100063", body={},
                 path_params={"order_id": oid})


def test_refunds_of_an_unpaid_order_are_none_and_it_cannot_be_unsubscribed(op):
    c = payer(op, cash="10.00")
    oid = new_order(op, c.id, "5.00")

    resp = refunds(c.api, oid)

    assert (resp.total_count, resp.refund_infos) == (0, [])
    op.api.fails("POST", UNSUBSCRIBE, 400, "CBC.99003106", body={},
                 path_params={"order_id": oid})
    other = customer_of(op)
    sdk_fails(other.api, 400, "CBC.30000010", refunds, other.api, oid)


def test_partner_reads_refunds_only_with_the_customer_id(op):
    d = desk(op)
    recharge_partner(op, d.id, "100.00")
    c = customer_of(op, d.id)
    other = customer_of(op, d.id)
    allocate(d, c.id, "50.00")
    oid = new_order(op, c.id, "20.00")
    pay(c.api, oid)
    refund_id = unsubscribe(op, oid)["refund_order_id"]

    # Who asks decides whether customer_id is needed: a business rule (CBC.99100067).
    e = sdk_fails(d.api, 400, "CBC.99100067", refunds, d.api, oid)
    assert "customer_id" in e.error_msg

    resp = refunds(d.api, refund_id, customer_id=c.id)
    assert [(x.id, x.amount, x.base_order_id, x.customer_id) for x in resp.refund_infos] == [
        (refund_id, Decimal("-20.00"), oid, c.id)]
    assert refunds(d.api, refund_id, customer_id=other.id).total_count == 0
    stranger = desk(op)
    sdk_fails(stranger.api, 400, "CBC.30000010", refunds, stranger.api, refund_id,
              customer_id=c.id)
    # The customer paid, so the customer got the money back.
    assert customer_money(c)[0] == "50.00"
    assert partner_money(d)[0] == 50.0


# --- ListSubCustomerCoupons ------------------------------------------------------------------

def test_customer_lists_its_own_coupons_with_filters(op):
    c = payer(op, cash="100.00")
    other = customer_of(op)
    voucher = grant(op, c.id, VOUCHER, "10.00")
    discount_coupon = grant(op, c.id, DISCOUNT_COUPON, "0.80",
                            simultaneousUseWithEmpowerDiscount=0, minConsumeDiscount="0.5")
    cash_coupon = grant(op, c.id, CASH_COUPON, "20.00")
    grant(op, other.id, VOUCHER, "99.00")
    oid = new_order(op, c.id, "30.00")
    pay(c.api, oid, coupons=[(cash_coupon, 302)])

    resp = coupons(c.api)

    assert resp.status_code == 200
    assert resp.count == 3 and len(resp.user_coupons) == 3
    by_id = {x.coupon_id: x for x in resp.user_coupons}
    assert set(by_id) == {voucher, discount_coupon, cash_coupon}
    v = by_id[voucher]
    assert (v.customer_id, v.coupon_type, v.status, v.measure_id) == (c.id, VOUCHER, 2, 1)
    assert (v.face_value, v.balance, v.order_id) == (10.0, 10.0, None)
    assert (v.is_frozen, v.currency) == ("0", "CNY")
    assert_recent_utc(v.valid_time)
    assert_recent_utc(v.create_time)
    assert UTC_TIME.match(v.expire_time)
    assert {x.limit_key: x.value1 for x in v.use_limits} == dict.fromkeys(LIMIT_KEYS, "1")
    dc = by_id[discount_coupon]
    assert {x.limit_key: x.value1 for x in dc.use_limits}["minConsumeDiscount"] == "0.5"
    assert {x.limit_key: x.value1 for x in dc.use_limits}[LIMIT_KEYS[0]] == "0"
    cc = by_id[cash_coupon]
    assert (cc.status, cc.order_id, cc.balance, cc.face_value) == (3, oid, 0.0, 20.0)

    assert coupon_ids(c.api, coupon_id=voucher) == {voucher}
    assert coupon_ids(c.api, coupon_id=unique("CP", 30)) == set()
    assert coupon_ids(c.api, order_id=oid) == {cash_coupon}
    assert coupon_ids(c.api, coupon_type=DISCOUNT_COUPON) == {discount_coupon}
    assert coupon_ids(c.api, coupon_type=PRODUCT_COUPON) == set()
    assert coupon_ids(c.api, status=2) == {voucher, discount_coupon}
    assert coupon_ids(c.api, status=3) == {cash_coupon}
    first = coupons(c.api, limit=2)
    rest = coupons(c.api, limit=2, offset=2)
    assert (first.count, len(first.user_coupons), rest.count, len(rest.user_coupons)) == (
        3, 2, 3, 1)
    assert {x.coupon_id for x in first.user_coupons + rest.user_coupons} == set(by_id)


@pytest.mark.parametrize("query, field", [
    ({"coupon_type": 5}, "coupon_type"), ({"status": 6}, "status"), ({"limit": 0}, "limit"),
    ({"limit": 101}, "limit"), ({"offset": -1}, "offset"),
])
def test_bad_sub_customer_coupons_query_is_400_cbc_0100(op, query, field):
    c = customer_of(op)

    e = sdk_fails(c.api, 400, "CBC.0100", lambda: coupons(c.api, **query))

    assert field in e.error_msg


def test_partner_lists_its_customers_coupons(op):
    d = desk(op, roles=("account_manager",))
    c1 = customer_of(op, d.id)
    c2 = customer_of(op, d.id, association_type="1")
    stranger = customer_of(op, op.make_partner().partner_id)
    g1 = grant(op, c1.id, VOUCHER, "1.00")
    g2 = grant(op, c2.id, CASH_COUPON, "2.00")
    grant(op, stranger.id, VOUCHER, "3.00")

    resp = coupons(d.api)

    assert {(x.coupon_id, x.customer_id) for x in resp.user_coupons} == {(g1, c1.id),
                                                                          (g2, c2.id)}
    assert resp.count == 2
    assert coupon_ids(d.api, coupon_type=CASH_COUPON) == {g2}
    assert coupon_ids(c1.api) == {g1}
    specialist = user_api(op, d.partner, ["project_specialist"])
    sdk_fails(specialist, 403, "CBC.0151", coupons, specialist)


def test_distributor_lists_its_resellers_customers_coupons(op):
    d = desk(op)
    r = desk(op, "RESELLER")
    link(op, d, r.id)
    c = customer_of(op, r.id)
    g = grant(op, c.id, VOUCHER, "1.00")

    assert coupon_ids(d.api) == set()
    assert coupon_ids(d.api, indirect_partner_id=r.id) == {g}
    assert coupon_ids(r.api) == {g}
    sdk_fails(d.api, 400, "CBC.99000037", coupons, d.api, indirect_partner_id=unique("", 32))


# --- S19: partner payment --------------------------------------------------------------------

def test_partner_pays_its_resale_customers_order_cash_then_credit(op):
    d = desk(op)
    recharge_partner(op, d.id, "30.00")
    partner_credit(op, d.id, "100.00")
    c = customer_of(op, d.id)
    off = discount(PARTNER_GRANTED, "10.00")
    oid = new_order(op, c.id, "60.00", discounts=[off])

    ask_partner(c, oid)

    c.api.fails("POST", ASK_PARTNER, 400, "CBC.99000088", path_params={"order_id": oid})
    sdk_fails(c.api, 400, "CBC.99000088", pay, c.api, oid)
    pending = partner_orders(d, agent_pay_status="PENDING")
    assert pending["total_count"] == 1
    [listed] = pending["order_infos"]
    assert (listed["order_id"], listed["customer_id"], listed["status"]) == (
        oid, c.id, PENDING_PAYMENT)
    assert listed["agent_pay_info"]["is_agent_pay"] is False

    partner_pay(d, oid, use_discount="YES",
                discount_infos=[{"id": off["discount_id"], "type": PARTNER_GRANTED}])

    assert partner_money(d) == (0.0, 80.0)
    assert customer_money(c)[0] == "0.00"
    for api in (c.api, d.api):
        o = one_order(api, oid)
        assert o.status == COMPLETED
        assert (o.agent_pay_info.is_agent_pay, o.agent_pay_info.paying_agent_id) == (True, d.id)
        assert (o.amount_after_discount, o.amount_info.consumed_amount) == (50.0, 50.0)
        info = details(api, oid).order_info
        assert [(x.discount_type, x.discount_amount) for x in info.amount_info.discounts] == [
            ("3", 10.0)]
    [cash_row] = partner_records(d.api, trade_type="DEDEUCT").records
    assert (cash_row.trade_detail_type, cash_row.trade_id, cash_row.change_amount,
            cash_row.type, cash_row.customer_id) == (DEDUCT, oid, "30.00", "2", c.id)
    [credit_row] = partner_records(d.api, CREDIT, trade_type="DEDEUCT").records
    assert (credit_row.trade_id, credit_row.change_amount, credit_row.customer_id) == (
        oid, "20.00", c.id)
    assert customer_records(c.api, trade_type="DEDEUCT").total_count == 0
    paid = partner_orders(d, agent_pay_status="PAID")
    assert [x["order_id"] for x in paid["order_infos"]] == [oid]
    assert paid["order_infos"][0]["agent_pay_info"]["is_agent_pay"] is True
    assert paid["order_infos"][0]["agent_pay_info"]["paying_agent_id"] == d.id
    assert partner_orders(d, agent_pay_status="PENDING")["total_count"] == 0
    # Once paid it is no longer the partner's to pay or reject, nor the customer's.
    d.api.fails("POST", PARTNER_PAY, 400, "CBC.99100061", body=NO_OPTIONS,
                path_params={"order_id": oid})
    d.api.fails("POST", PARTNER_REJECT, 400, "CBC.99100061", body={"reason": "late"},
                path_params={"order_id": oid})
    sdk_fails(c.api, 400, "CBC.99003106", pay, c.api, oid)
    assert partner_money(d) == (0.0, 80.0)


def test_partner_pays_with_the_customers_coupon_and_its_own_balance(op):
    d = desk(op)
    recharge_partner(op, d.id, "100.00")
    c = customer_of(op, d.id)
    voucher = grant(op, c.id, VOUCHER, "15.00")
    oid = new_order(op, c.id, "40.00")
    ask_partner(c, oid)

    partner_pay(d, oid, use_coupon="YES", coupon_infos=[{"id": voucher, "type": 301}])

    assert partner_money(d)[0] == 75.0
    [x] = coupons(c.api, coupon_id=voucher).user_coupons
    assert (x.status, x.order_id, x.balance) == (3, oid, 0.0)
    o = one_order(c.api, oid)
    assert (o.amount_info.coupon_amount, o.amount_info.consumed_amount) == (15.0, 25.0)
    assert (o.agent_pay_info.is_agent_pay, o.agent_pay_info.paying_agent_id) == (True, d.id)


def test_reseller_pays_its_own_customers_order(op):
    d = desk(op)
    r = desk(op, "RESELLER")
    link(op, d, r.id)
    recharge_partner(op, r.id, "20.00")
    c = customer_of(op, r.id)
    oid = new_order(op, c.id, "12.50")
    ask_partner(c, oid)
    assert partner_orders(d)["total_count"] == 0
    assert [x["order_id"] for x in partner_orders(d, indirect_partner_id=r.id)["order_infos"]] \
        == [oid]

    partner_pay(r, oid)

    assert partner_money(r)[0] == 7.5
    assert one_order(c.api, oid).agent_pay_info.paying_agent_id == r.id


def test_asking_the_partner_to_pay_a_paid_or_cancelled_order_is_cbc_99003106(op):
    d = desk(op)
    recharge_partner(op, d.id, "100.00")
    c = customer_of(op, d.id)
    allocate(d, c.id, "50.00")
    paid = new_order(op, c.id, "10.00")
    cancelled = new_order(op, c.id, "10.00")
    pay(c.api, paid)
    cancel(c.api, cancelled)

    for oid in (paid, cancelled):
        c.api.fails("POST", ASK_PARTNER, 400, "CBC.99003106", path_params={"order_id": oid})
    c.api.fails("POST", ASK_PARTNER, 400, "CBC.30000010",
                path_params={"order_id": unique("CS", 30)})

    assert partner_orders(d)["total_count"] == 0


def test_only_a_resale_customer_may_ask_its_partner_to_pay(op):
    d = desk(op)
    recharge_partner(op, d.id, "100.00")
    referral = customer_of(op, d.id, association_type="1")
    independent = customer_of(op)

    for c in (referral, independent):
        oid = new_order(op, c.id, "10.00")
        c.api.fails("POST", ASK_PARTNER, 400, "CBC.99100062", path_params={"order_id": oid})
        assert status_of(c.api, oid) == PENDING_PAYMENT
    assert partner_orders(d)["total_count"] == 0
    oid = new_order(op, referral.id, "10.00")
    d.api.fails("POST", PARTNER_PAY, 400, "CBC.99100061", body=NO_OPTIONS,
                path_params={"order_id": oid})
    assert partner_money(d)[0] == 100.0


def test_partner_rejects_and_the_customer_pays_itself(op):
    d = desk(op)
    recharge_partner(op, d.id, "100.00")
    c = customer_of(op, d.id)
    allocate(d, c.id, "40.00")
    oid = new_order(op, c.id, "25.00")
    ask_partner(c, oid)

    partner_reject(d, oid, "not in this month's budget")

    rejected = partner_orders(d, agent_pay_status="REJECTED")
    assert [x["order_id"] for x in rejected["order_infos"]] == [oid]
    assert rejected["total_count"] == 1
    assert partner_orders(d, agent_pay_status="PENDING")["total_count"] == 0
    d.api.fails("POST", PARTNER_PAY, 400, "CBC.99100061", body=NO_OPTIONS,
                path_params={"order_id": oid})
    d.api.fails("POST", PARTNER_REJECT, 400, "CBC.99100061", body={"reason": "again"},
                path_params={"order_id": oid})
    pay(c.api, oid)
    assert customer_money(c)[0] == "15.00"
    assert partner_money(d)[0] == 60.0
    o = one_order(c.api, oid)
    assert (o.status, o.agent_pay_info.is_agent_pay) == (COMPLETED, False)


def test_customer_may_ask_again_after_a_rejection(op):
    d = desk(op)
    recharge_partner(op, d.id, "100.00")
    c = customer_of(op, d.id)
    oid = new_order(op, c.id, "25.00")
    ask_partner(c, oid)
    partner_reject(d, oid)

    ask_partner(c, oid)

    assert [x["order_id"] for x in partner_orders(d)["order_infos"]] == [oid]
    sdk_fails(c.api, 400, "CBC.99000088", pay, c.api, oid)
    partner_pay(d, oid)
    assert partner_money(d)[0] == 75.0


@pytest.mark.parametrize("body, field", [
    ({}, "reason"), ({"reason": ""}, "reason"), ({"reason": "r" * 257}, "reason"),
])
def test_reject_needs_a_reason(op, body, field):
    d = desk(op)
    c = customer_of(op, d.id)
    oid = new_order(op, c.id, "10.00")
    ask_partner(c, oid)

    e = d.api.fails("POST", PARTNER_REJECT, 400, "CBC.0100", body=body,
                    path_params={"order_id": oid})

    assert field in e.error_msg
    assert partner_orders(d, agent_pay_status="PENDING")["total_count"] == 1


def test_reject_of_an_order_not_submitted_is_cbc_99100061(op):
    d = desk(op)
    c = customer_of(op, d.id)
    oid = new_order(op, c.id, "10.00")

    d.api.fails("POST", PARTNER_REJECT, 400, "CBC.99100061", body={"reason": "no"},
                path_params={"order_id": oid})
    d.api.fails("POST", PARTNER_PAY, 400, "CBC.99100061", body=NO_OPTIONS,
                path_params={"order_id": oid})


def test_partner_payment_paths_check_identity_and_ownership(op):
    d = desk(op)
    recharge_partner(op, d.id, "100.00")
    c = customer_of(op, d.id)
    oid = new_order(op, c.id, "10.00")
    ask_partner(c, oid)
    stranger = desk(op)
    recharge_partner(op, stranger.id, "100.00")
    manager = user_api(op, d.partner, ["account_manager"])

    stranger.api.fails("POST", PARTNER_PAY, 400, "CBC.30000010", body=NO_OPTIONS,
                       path_params={"order_id": oid})
    stranger.api.fails("POST", PARTNER_REJECT, 400, "CBC.30000010", body={"reason": "x"},
                       path_params={"order_id": oid})
    assert partner_orders(stranger)["total_count"] == 0
    c.api.fails("POST", PARTNER_PAY, 403, "CBC.0151", body=NO_OPTIONS,
                path_params={"order_id": oid})
    c.api.fails("POST", PARTNER_ORDERS, 403, "CBC.0151", body={})
    d.api.fails("POST", ASK_PARTNER, 403, "CBC.0151", path_params={"order_id": oid})
    manager.fails("POST", PARTNER_ORDERS, 403, "CBC.0151", body={})
    manager.fails("POST", PARTNER_PAY, 403, "CBC.0151", body=NO_OPTIONS,
                  path_params={"order_id": oid})
    manager.fails("POST", PARTNER_REJECT, 403, "CBC.0151", body={"reason": "x"},
                  path_params={"order_id": oid})
    other = customer_of(op, d.id)
    other.api.fails("POST", ASK_PARTNER, 400, "CBC.30000010", path_params={"order_id": oid})

    assert partner_money(stranger)[0] == 100.0 and partner_money(d)[0] == 100.0
    assert partner_orders(d)["total_count"] == 1


def test_partner_payment_requests_filters_and_paging(op):
    d = desk(op)
    c1 = customer_of(op, d.id)
    c2 = customer_of(op, d.id)
    asked = [new_order(op, c1.id, "1.00"), new_order(op, c1.id, "2.00"),
             new_order(op, c2.id, "3.00")]
    new_order(op, c1.id, "4.00")
    for oid, c in zip(asked, (c1, c1, c2)):
        ask_partner(c, oid)

    everything = partner_orders(d)
    assert everything["total_count"] == 3
    assert {x["order_id"] for x in everything["order_infos"]} == set(asked)
    keys = [(x["create_time"], x["order_id"]) for x in everything["order_infos"]]
    assert keys == sorted(keys, reverse=True)
    assert {x["order_id"] for x in partner_orders(d, customer_id=c1.id)["order_infos"]} == set(
        asked[:2])
    first = partner_orders(d, limit=2)
    rest = partner_orders(d, limit=2, offset=2)
    assert (first["total_count"], len(first["order_infos"])) == (3, 2)
    assert (rest["total_count"], len(rest["order_infos"])) == (3, 1)
    for body, field in (({"agent_pay_status": "DONE"}, "agent_pay_status"),
                        ({"limit": 0}, "limit"), ({"offset": -1}, "offset")):
        e = d.api.fails("POST", PARTNER_ORDERS, 400, "CBC.0100", body=body)
        assert field in e.error_msg, d.api.last.describe()


def test_failed_partner_payment_leaves_the_request_pending(op):
    d = desk(op)
    recharge_partner(op, d.id, "10.00")
    c = customer_of(op, d.id)
    oid = new_order(op, c.id, "50.00")
    ask_partner(c, oid)

    d.api.fails("POST", PARTNER_PAY, 400, "CBC.99005003", body=NO_OPTIONS,
                path_params={"order_id": oid})

    assert partner_money(d) == (10.0, 0.0)
    assert [x["order_id"] for x in partner_orders(d)["order_infos"]] == [oid]
    assert status_of(c.api, oid) == PENDING_PAYMENT
    partner_credit(op, d.id, "40.00")
    partner_pay(d, oid)
    assert partner_money(d) == (0.0, 0.0)


def test_refund_after_the_partner_paid_goes_back_to_the_partner(op):
    d = desk(op)
    recharge_partner(op, d.id, "30.00")
    partner_credit(op, d.id, "100.00")
    c = customer_of(op, d.id)
    oid = new_order(op, c.id, "50.00")
    ask_partner(c, oid)
    partner_pay(d, oid)
    assert partner_money(d) == (0.0, 80.0)

    part = unsubscribe(op, oid, "10.00")["refund_order_id"]
    assert partner_money(d) == (6.0, 84.0)
    rest = unsubscribe(op, oid)["refund_order_id"]

    assert partner_money(d) == (30.0, 100.0)
    assert customer_money(c)[0] == "0.00"
    assert customer_records(c.api, trade_type="REFUND").total_count == 0
    cash_rows = partner_records(d.api, trade_type="REFUND").records
    assert sorted((x.trade_id, x.trade_detail_type, x.change_amount, x.type, x.customer_id)
                  for x in cash_rows) == sorted([(part, REFUND, "6.00", "1", c.id),
                                                 (rest, REFUND, "24.00", "1", c.id)])
    credit_rows = partner_records(d.api, CREDIT, trade_type="REFUND").records
    assert sorted((x.trade_id, x.change_amount, x.customer_id) for x in credit_rows) == sorted(
        [(part, "4.00", c.id), (rest, "16.00", c.id)])
    amounts = {x.id: x.amount for r in (part, rest)
               for x in refunds(d.api, r, customer_id=c.id).refund_infos}
    assert amounts == {part: Decimal("-10.00"), rest: Decimal("-40.00")}
    assert {x.id: x.amount for r in (part, rest)
            for x in refunds(c.api, r).refund_infos} == amounts
