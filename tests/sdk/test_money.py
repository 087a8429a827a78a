"""S10 money through the official SDK's typed operations: partner and customer balances,
allocations and reclaims (also for and with resellers), change and adjust records with their
filters and windows, the CSV exports, and idempotent allocations.

Every call below is the SDK's own typed method (`api.sdk.list_partner_balances(...)`), and the
assertions read the models it parses: `float` for AccountBalanceV2 amounts, `Decimal` for
AccountBalanceV3 / CustomerBalancesV2, `str` for change-record amounts. Only the CSV exports,
which the SDK has no method for, go through `call_api`; the operator set-up is signed the same way.
"""

import csv
import io
import json
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from huaweicloudsdkbss.v2 import (
    AdjustAccountReq,
    AdjustToIndirectPartnerReq,
    CustomerInfoV2,
    ListCustomerAccountChangeRecordsRequest,
    ListCustomersBalancesDetailRequest,
    ListPartnerAccountChangeRecordsRequest,
    ListPartnerAdjustRecordsRequest,
    ListPartnerBalancesRequest,
    QueryCustomersBalancesReq,
    ReclaimIndirectPartnerAccountReq,
    ReclaimIndirectPartnerAccountRequest,
    ReclaimToPartnerAccountBalancesReq,
    ReclaimToPartnerAccountRequest,
    ShowCustomerAccountBalancesRequest,
    UpdateCustomerAccountAmountRequest,
    UpdateIndirectPartnerAccountRequest,
)

from bss import Api, Customer, Partner, fetch_text, sdk_fails, unique

PARTNER = "/v2/operator/partners/{partner_id}"
OP_CUSTOMER = "/v2/operator/customers/{customer_id}"
PARTNER_EXPORT = "/v2/accounts/partner-accounts/account-change-records/export"
CUSTOMER_EXPORT = "/v2/accounts/customer-accounts/account-change-records/export"
DEBIT, CREDIT = "BALANCE_TYPE_DEBIT", "BALANCE_TYPE_CREDIT"
CASH_TYPE, CREDIT_TYPE = 1, 2
RECHARGE = "SOURCE_OPERAIION_RECHARGE"
BEADJUST = "SOURCE_OPERATION_BEADJUST"
BERETRIEVE = "SOURCE_OPERATION_BERETRIEVE"
ADJUST_CREDIT = "SOURCE_OPERAIION_ADJUST_CREDIT"
UTC8 = timezone(timedelta(hours=8))
UTC_TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")


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


def desk(op, partner_type="DISTRIBUTOR", roles=("finance",), **extra) -> Desk:
    partner = op.make_partner(partner_type, **extra)
    return Desk(partner, user_api(op, partner, roles))


def user_api(op, partner: Partner, roles) -> Api:
    key = op.make_access_key(op.make_user(partner.partner_id, roles))
    return op.client(key, domain_id=key.domain_id)


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


def recharge(op, partner_id: str, amount) -> str:
    r = op.api.post(PARTNER + "/recharge", {"amount": amount},
                    path_params={"partner_id": partner_id})
    assert r.status == 200, r.exchange.describe()
    return r.body["trans_id"]


def partner_credit_limit(op, partner_id: str, limit) -> str:
    r = op.api.put(PARTNER + "/credit-limit", {"credit_limit": limit},
                   path_params={"partner_id": partner_id})
    assert r.status == 200, r.exchange.describe()
    return r.body["trans_id"]


def customer_credit_limit(op, customer_id: str, limit) -> str:
    r = op.api.put(OP_CUSTOMER + "/credit-limit", {"credit_limit": limit},
                   path_params={"customer_id": customer_id})
    assert r.status == 200, r.exchange.describe()
    return r.body["trans_id"]


def link(op, distributor: Desk, reseller_id: str):
    r = op.api.post(PARTNER + "/indirect-partners", {"indirect_partner_id": reseller_id},
                    path_params={"partner_id": distributor.id})
    assert r.status == 201, r.exchange.describe()


def channel(op, funds="100.00"):
    """A distributor (finance client) with `funds` and a linked reseller (finance client)."""
    d = desk(op)
    r = desk(op, "RESELLER")
    link(op, d, r.id)
    if funds:
        recharge(op, d.id, funds)
    return d, r


# --- the typed SDK operations ----------------------------------------------------------------

def allocate(api: Api, customer_id, amount, indirect=None):
    return api.sdk.update_customer_account_amount(UpdateCustomerAccountAmountRequest(
        body=AdjustAccountReq(customer_id=customer_id, amount=amount,
                              indirect_partner_id=indirect)))


def reclaim(api: Api, customer_id, amount, indirect=None):
    return api.sdk.reclaim_to_partner_account(ReclaimToPartnerAccountRequest(
        body=ReclaimToPartnerAccountBalancesReq(customer_id=customer_id, amount=amount,
                                                indirect_partner_id=indirect)))


def fund_reseller(api: Api, reseller_id, amount):
    return api.sdk.update_indirect_partner_account(UpdateIndirectPartnerAccountRequest(
        body=AdjustToIndirectPartnerReq(indirect_partner_id=reseller_id, amount=amount)))


def reclaim_reseller(api: Api, reseller_id, amount):
    return api.sdk.reclaim_indirect_partner_account(ReclaimIndirectPartnerAccountRequest(
        body=ReclaimIndirectPartnerAccountReq(indirect_partner_id=reseller_id, amount=amount)))


def balances(api: Api, indirect=None) -> dict:
    """ListPartnerBalances by account type."""
    resp = api.sdk.list_partner_balances(ListPartnerBalancesRequest(indirect_partner_id=indirect))
    by_type = {b.account_type: b for b in resp.account_balances}
    assert len(by_type) == len(resp.account_balances), api.last.describe()
    return by_type


def cash(api: Api, indirect=None) -> float:
    return balances(api, indirect)[CASH_TYPE].amount


def partner_records(api: Api, balance_type=DEBIT, **kw):
    return api.sdk.list_partner_account_change_records(
        ListPartnerAccountChangeRecordsRequest(balance_type=balance_type, **kw))


def customer_records(api: Api, balance_type=DEBIT, **kw):
    return api.sdk.list_customer_account_change_records(
        ListCustomerAccountChangeRecordsRequest(balance_type=balance_type, **kw))


def adjust_records(api: Api, **kw):
    return api.sdk.list_partner_adjust_records(ListPartnerAdjustRecordsRequest(**kw))


def customers_balances(api: Api, customer_ids, indirect=None):
    return api.sdk.list_customers_balances_detail(ListCustomersBalancesDetailRequest(
        body=QueryCustomersBalancesReq(
            customer_infos=[CustomerInfoV2(customer_id=c) for c in customer_ids],
            indirect_partner_id=indirect)))


def customer_balances(client: Client) -> dict:
    resp = client.api.sdk.show_customer_account_balances(ShowCustomerAccountBalancesRequest())
    return {b.account_type: b for b in resp.account_balances}


def today() -> date:
    """Today in UTC+8, the zone of the change-record dates."""
    return datetime.now(UTC8).date()


def assert_recent_utc(text: str):
    assert UTC_TIME.match(text), text
    moment = datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
    assert abs(datetime.now(timezone.utc) - moment) < timedelta(minutes=5), text


def wire(api: Api):
    """The last response body as JSON with the exact decimal digits."""
    return json.loads(api.last.body, parse_float=Decimal)


# --- ListPartnerBalances ---------------------------------------------------------------------

def test_partner_balances_show_cash_and_credit(op):
    d = desk(op)
    recharge(op, d.id, "100.50")
    partner_credit_limit(op, d.id, "500.00")

    resp = d.api.sdk.list_partner_balances(ListPartnerBalancesRequest())

    assert resp.status_code == 200
    assert [b.account_type for b in resp.account_balances] == [CASH_TYPE, CREDIT_TYPE]
    cash_acc, credit_acc = resp.account_balances
    assert isinstance(cash_acc.amount, float) and cash_acc.amount == 100.5
    assert cash_acc.designated_amount == 0.0
    assert cash_acc.credit_amount is None
    assert credit_acc.amount == 500.0 and credit_acc.credit_amount == 500.0
    assert credit_acc.designated_amount == 0.0
    for b in resp.account_balances:
        assert b.currency == "CNY" and b.measure_id == 1
        assert isinstance(b.account_id, str) and b.account_id
    assert cash_acc.account_id != credit_acc.account_id
    # On the wire the amounts are JSON numbers with two decimals.
    body = wire(d.api)["account_balances"]
    assert [str(b["amount"]) for b in body] == ["100.50", "500.00"]
    assert str(body[1]["credit_amount"]) == "500.00"
    assert "credit_amount" not in body[0] or body[0]["credit_amount"] is None


def test_new_partner_has_empty_cash_and_credit_accounts(op):
    d = desk(op, "SOLUTION_PROVIDER")

    b = balances(d.api)

    assert sorted(b) == [CASH_TYPE, CREDIT_TYPE]
    assert b[CASH_TYPE].amount == 0.0 and b[CREDIT_TYPE].amount == 0.0
    assert b[CREDIT_TYPE].credit_amount == 0.0


def test_credit_limit_changes_show_as_available_credit(op):
    d = desk(op)
    partner_credit_limit(op, d.id, "500.00")
    partner_credit_limit(op, d.id, Decimal("300.25"))

    b = balances(d.api)

    assert b[CREDIT_TYPE].amount == 300.25 and b[CREDIT_TYPE].credit_amount == 300.25
    assert b[CASH_TYPE].amount == 0.0


def test_distributor_reads_its_resellers_balances(op):
    d, r = channel(op)
    fund_reseller(d.api, r.id, Decimal("40.00"))

    theirs = balances(d.api, indirect=r.id)

    assert cash(d.api) == 60.0
    assert theirs[CASH_TYPE].amount == 40.0
    own_view = balances(r.api)
    assert own_view[CASH_TYPE].account_id == theirs[CASH_TYPE].account_id
    assert own_view[CASH_TYPE].amount == 40.0


def test_reseller_that_is_not_the_distributors_is_cbc_99000037_like_a_missing_one(op):
    d, mine = channel(op)
    other = desk(op)
    theirs = op.make_partner("RESELLER")
    link(op, other, theirs.partner_id)
    unlinked = op.make_partner("RESELLER")

    errors = [sdk_fails(d.api, 400, "CBC.99000037", balances, d.api, indirect=x)
              for x in (theirs.partner_id, unlinked.partner_id, unique("", 32), other.id)]

    assert len({e.error_msg for e in errors}) == 1
    # A reseller acts for nobody, not even for its distributor.
    sdk_fails(mine.api, 400, "CBC.99000037", balances, mine.api, indirect=d.id)


@pytest.mark.parametrize("roles, allowed", [
    (["admin"], True),
    (["finance"], True),
    (["account_manager"], False),
    (["account_manager_supervisor"], False),
    (["project_specialist"], False),
])
def test_partner_balances_need_the_finance_or_admin_role(op, roles, allowed):
    partner = op.make_partner()
    recharge(op, partner.partner_id, "3.00")
    api = user_api(op, partner, roles)

    if allowed:
        assert cash(api) == 3.0
    else:
        sdk_fails(api, 403, "CBC.0151", balances, api)


def test_customer_cannot_read_partner_balances(op):
    client = customer_of(op, op.make_partner().partner_id)

    sdk_fails(client.api, 403, "CBC.0151", balances, client.api)


# --- allocations and reclaims with customers -------------------------------------------------

def test_allocation_moves_money_from_partner_to_customer(op):
    d = desk(op)
    recharge(op, d.id, "100.00")
    c = customer_of(op, d.id)

    resp = allocate(d.api, c.id, Decimal("30.50"))

    assert resp.status_code == 200
    assert isinstance(resp.transfer_id, str) and resp.transfer_id
    assert cash(d.api) == 69.5
    assert str(customer_balances(c)[CASH_TYPE].amount) == "30.50"
    detail = customers_balances(d.api, [c.id]).customer_balances
    assert [(x.customer_id, str(x.amount)) for x in detail] == [(c.id, "30.50")]


def test_reclaim_moves_money_back_to_the_partner(op):
    d = desk(op)
    recharge(op, d.id, "100.00")
    c = customer_of(op, d.id)
    given = allocate(d.api, c.id, Decimal("30.50")).transfer_id

    resp = reclaim(d.api, c.id, Decimal("10"))

    assert resp.status_code == 200
    assert isinstance(resp.trans_id, str) and resp.trans_id and resp.trans_id != given
    assert cash(d.api) == 79.5
    assert str(customer_balances(c)[CASH_TYPE].amount) == "20.50"
    # The whole rest can be reclaimed, down to zero.
    reclaim(d.api, c.id, Decimal("20.50"))
    assert cash(d.api) == 100.0
    assert str(customer_balances(c)[CASH_TYPE].amount) == "0.00"


@pytest.mark.parametrize("amount, cents", [
    (Decimal("0.01"), 1), (Decimal("12.3"), 1230), (7, 700), ("1.11", 111), (2.5, 250),
])
def test_allocation_amount_as_number_or_string(op, amount, cents):
    d = desk(op)
    recharge(op, d.id, "20.00")
    c = customer_of(op, d.id)

    assert allocate(d.api, c.id, amount).transfer_id

    assert customer_balances(c)[CASH_TYPE].amount == Decimal(cents) / 100
    assert cash(d.api) == (2000 - cents) / 100


def test_insufficient_balance_is_cbc_99005003_and_nothing_moves(op):
    d = desk(op)
    recharge(op, d.id, "50.00")
    partner_credit_limit(op, d.id, "1000.00")
    c = customer_of(op, d.id)
    allocate(d.api, c.id, Decimal("20.00"))
    before = partner_records(d.api).total_count

    # Credit is not allocatable: only the cash balance (30.00) counts.
    e = sdk_fails(d.api, 400, "CBC.99005003", allocate, d.api, c.id, Decimal("30.01"))
    assert e.request_id
    sdk_fails(d.api, 400, "CBC.99005003", reclaim, d.api, c.id, Decimal("20.01"))

    assert cash(d.api) == 30.0
    assert balances(d.api)[CREDIT_TYPE].amount == 1000.0
    assert str(customer_balances(c)[CASH_TYPE].amount) == "20.00"
    assert partner_records(d.api).total_count == before
    assert customer_records(c.api).total_count == 1
    # Exactly the balance is fine.
    allocate(d.api, c.id, Decimal("30.00"))
    assert cash(d.api) == 0.0


def test_customer_that_is_not_the_partners_is_cbc_99000035_like_a_missing_one(op):
    d = desk(op)
    recharge(op, d.id, "100.00")
    other = desk(op)
    recharge(op, other.id, "100.00")
    theirs = customer_of(op, other.id)
    allocate(other.api, theirs.id, Decimal("10.00"))
    independent = customer_of(op)

    errors = []
    for customer_id in (theirs.id, independent.id, unique("", 32)):
        errors.append(sdk_fails(d.api, 400, "CBC.99000035", allocate, d.api, customer_id,
                                Decimal("1.00")))
        errors.append(sdk_fails(d.api, 400, "CBC.99000035", reclaim, d.api, customer_id,
                                Decimal("1.00")))

    assert len({e.error_msg for e in errors}) == 1
    assert cash(d.api) == 100.0 and cash(other.api) == 90.0
    assert str(customer_balances(theirs)[CASH_TYPE].amount) == "10.00"


@pytest.mark.parametrize("amount", [Decimal("1.001"), "0.005", Decimal("0"), 0,
                                    Decimal("-1.00"), "-5"])
def test_bad_amount_is_400_cbc_0100_on_every_transfer(op, amount):
    d, r = channel(op)
    c = customer_of(op, d.id)
    allocate(d.api, c.id, Decimal("10.00"))
    fund_reseller(d.api, r.id, Decimal("10.00"))

    for call, target in ((allocate, c.id), (reclaim, c.id), (fund_reseller, r.id),
                         (reclaim_reseller, r.id)):
        e = sdk_fails(d.api, 400, "CBC.0100", call, d.api, target, amount)
        assert "amount" in e.error_msg

    assert cash(d.api) == 80.0 and cash(d.api, indirect=r.id) == 10.0
    assert str(customer_balances(c)[CASH_TYPE].amount) == "10.00"


def test_missing_customer_id_or_amount_is_400_cbc_0100(op):
    d = desk(op)
    recharge(op, d.id, "10.00")
    c = customer_of(op, d.id)

    e = sdk_fails(d.api, 400, "CBC.0100", allocate, d.api, None, Decimal("1.00"))
    assert "customer_id" in e.error_msg
    e = sdk_fails(d.api, 400, "CBC.0100", reclaim, d.api, c.id, None)
    assert "amount" in e.error_msg


# --- with resellers --------------------------------------------------------------------------

def test_distributor_funds_and_reclaims_from_its_reseller(op):
    d, r = channel(op)

    funded = fund_reseller(d.api, r.id, Decimal("40.00"))
    assert funded.status_code == 200
    assert isinstance(funded.transfer_id, str) and funded.transfer_id
    assert cash(d.api) == 60.0 and cash(r.api) == 40.0

    back = reclaim_reseller(d.api, r.id, Decimal("15.25"))
    assert back.status_code == 200
    assert isinstance(back.trans_id, str) and back.trans_id
    assert back.trans_id != funded.transfer_id
    assert cash(d.api) == 75.25 and cash(r.api) == 24.75

    sdk_fails(d.api, 400, "CBC.99005003", reclaim_reseller, d.api, r.id, Decimal("24.76"))
    sdk_fails(d.api, 400, "CBC.99005003", fund_reseller, d.api, r.id, Decimal("75.26"))
    assert cash(d.api) == 75.25 and cash(r.api) == 24.75


def test_reseller_that_is_not_the_distributors_cannot_be_funded(op):
    d, _ = channel(op)
    other = desk(op)
    theirs = op.make_partner("RESELLER")
    link(op, other, theirs.partner_id)
    recharge(op, other.id, "10.00")
    fund_reseller(other.api, theirs.partner_id, Decimal("10.00"))
    unlinked = op.make_partner("RESELLER")

    errors = []
    for reseller_id in (theirs.partner_id, unlinked.partner_id, unique("", 32), other.id):
        errors.append(sdk_fails(d.api, 400, "CBC.99000037", fund_reseller, d.api, reseller_id,
                                Decimal("1.00")))
        errors.append(sdk_fails(d.api, 400, "CBC.99000037", reclaim_reseller, d.api,
                                reseller_id, Decimal("1.00")))

    assert len({e.error_msg for e in errors}) == 1
    assert cash(d.api) == 100.0 and cash(other.api, indirect=theirs.partner_id) == 10.0


def test_distributor_allocates_for_its_reseller_from_the_resellers_balance(op):
    d, r = channel(op, funds="500.00")
    fund_reseller(d.api, r.id, Decimal("50.00"))
    c = customer_of(op, r.id)

    given = allocate(d.api, c.id, Decimal("20.00"), indirect=r.id)
    assert given.transfer_id
    assert cash(d.api) == 450.0 and cash(r.api) == 30.0
    assert str(customer_balances(c)[CASH_TYPE].amount) == "20.00"

    # Insufficient refers to the reseller's balance, not the distributor's.
    sdk_fails(d.api, 400, "CBC.99005003", allocate, d.api, c.id, Decimal("30.01"),
              indirect=r.id)
    # The customer is the reseller's, not the distributor's.
    sdk_fails(d.api, 400, "CBC.99000035", allocate, d.api, c.id, Decimal("1.00"))

    back = reclaim(d.api, c.id, Decimal("5.00"), indirect=r.id)
    assert back.trans_id
    assert cash(r.api) == 35.0 and cash(d.api) == 450.0
    assert str(customer_balances(c)[CASH_TYPE].amount) == "15.00"


def test_reseller_allocates_to_its_own_customer(op):
    d, r = channel(op)
    fund_reseller(d.api, r.id, Decimal("25.00"))
    c = customer_of(op, r.id)

    assert allocate(r.api, c.id, Decimal("25.00")).transfer_id

    assert cash(r.api) == 0.0
    assert str(customer_balances(c)[CASH_TYPE].amount) == "25.00"
    assert reclaim(r.api, c.id, Decimal("5.00")).trans_id
    assert cash(r.api) == 5.0


def test_customer_of_a_foreign_reseller_via_indirect_partner_id_is_cbc_99000037(op):
    d, _ = channel(op)
    other = desk(op)
    theirs = op.make_partner("RESELLER")
    link(op, other, theirs.partner_id)
    c = customer_of(op, theirs.partner_id)

    sdk_fails(d.api, 400, "CBC.99000037", allocate, d.api, c.id, Decimal("1.00"),
              indirect=theirs.partner_id)
    sdk_fails(d.api, 400, "CBC.99000037", reclaim, d.api, c.id, Decimal("1.00"),
              indirect=theirs.partner_id)


@pytest.mark.parametrize("partner_type", ["RESELLER", "SOLUTION_PROVIDER"])
def test_only_a_distributor_may_fund_resellers(op, partner_type):
    caller = desk(op, partner_type, roles=("admin",))
    recharge(op, caller.id, "10.00")
    reseller = op.make_partner("RESELLER")

    for call in (fund_reseller, reclaim_reseller):
        sdk_fails(caller.api, 403, "CBC.0151", call, caller.api, reseller.partner_id,
                  Decimal("1.00"))
    assert cash(caller.api) == 10.0


@pytest.mark.parametrize("roles", [["account_manager"], ["account_manager_supervisor"],
                                   ["project_specialist"]])
def test_transfers_need_the_finance_or_admin_role(op, roles):
    d, r = channel(op)
    c = customer_of(op, d.id)
    allocate(d.api, c.id, Decimal("10.00"))
    fund_reseller(d.api, r.id, Decimal("10.00"))
    api = user_api(op, d.partner, roles)

    for call, target in ((allocate, c.id), (reclaim, c.id), (fund_reseller, r.id),
                         (reclaim_reseller, r.id)):
        sdk_fails(api, 403, "CBC.0151", call, api, target, Decimal("1.00"))
    assert cash(d.api) == 80.0

    admin = user_api(op, d.partner, ["admin"])
    assert allocate(admin, c.id, Decimal("1.00")).transfer_id
    assert fund_reseller(admin, r.id, Decimal("1.00")).transfer_id
    assert cash(d.api) == 78.0


def test_customer_cannot_call_partner_transfers(op):
    d, r = channel(op)
    c = customer_of(op, d.id)

    for call, target in ((allocate, c.id), (reclaim, c.id), (fund_reseller, r.id),
                         (reclaim_reseller, r.id)):
        sdk_fails(c.api, 403, "CBC.0151", call, c.api, target, Decimal("1.00"))


# --- Idempotency-Key on the typed operations -------------------------------------------------

TRANSFERS = {
    # operation: (request builder, result attribute, sign of the distributor's cash change)
    "update_customer_account_amount": (
        lambda c, r, a: UpdateCustomerAccountAmountRequest(
            body=AdjustAccountReq(customer_id=c, amount=a)), "transfer_id", -1),
    "reclaim_to_partner_account": (
        lambda c, r, a: ReclaimToPartnerAccountRequest(
            body=ReclaimToPartnerAccountBalancesReq(customer_id=c, amount=a)), "trans_id", 1),
    "update_indirect_partner_account": (
        lambda c, r, a: UpdateIndirectPartnerAccountRequest(
            body=AdjustToIndirectPartnerReq(indirect_partner_id=r, amount=a)), "transfer_id", -1),
    "reclaim_indirect_partner_account": (
        lambda c, r, a: ReclaimIndirectPartnerAccountRequest(
            body=ReclaimIndirectPartnerAccountReq(indirect_partner_id=r, amount=a)), "trans_id", 1),
}


@pytest.mark.parametrize("operation", list(TRANSFERS))
def test_same_idempotency_key_moves_money_once(op, operation):
    build, result, sign = TRANSFERS[operation]
    d, r = channel(op, funds="200.00")
    c = customer_of(op, d.id)
    allocate(d.api, c.id, Decimal("50.00"))
    fund_reseller(d.api, r.id, Decimal("50.00"))
    key = unique("idem-", 24)

    def send(amount, idem=key):
        # The SDK's own invoker carries the extra header, signed like the others.
        invoker = getattr(d.api.sdk, operation + "_invoker")(build(c.id, r.id, amount))
        return invoker.add_header("Idempotency-Key", idem).invoke()

    first = send(Decimal("5.00"))
    sent = d.api.last.request_headers
    assert sent["Idempotency-Key"] == key
    signed = sent["Authorization"].split("SignedHeaders=")[1].split(",")[0].split(";")
    assert "idempotency-key" in signed
    again = send(Decimal("5.00"))

    first_id, again_id = getattr(first, result), getattr(again, result)
    assert first.status_code == again.status_code == 200
    assert first_id and again_id == first_id
    assert cash(d.api) == 100.0 + sign * 5.0
    rows = [x for x in partner_records(d.api, limit=100).records if x.trade_id == first_id]
    assert len(rows) == 1

    e = sdk_fails(d.api, 409, "CBC.0260", send, Decimal("6.00"))
    assert e.request_id
    assert cash(d.api) == 100.0 + sign * 5.0

    other = send(Decimal("5.00"), idem=unique("idem-", 24))
    assert getattr(other, result) not in (None, first_id)
    assert cash(d.api) == 100.0 + sign * 10.0


def test_idempotency_key_is_scoped_to_the_partner(op):
    a, b = desk(op), desk(op)
    recharge(op, a.id, "10.00")
    recharge(op, b.id, "10.00")
    ca, cb = customer_of(op, a.id), customer_of(op, b.id)
    key = unique("idem-", 24)

    def send(api, customer_id):
        req = UpdateCustomerAccountAmountRequest(
            body=AdjustAccountReq(customer_id=customer_id, amount=Decimal("1.00")))
        return api.sdk.update_customer_account_amount_invoker(req) \
            .add_header("Idempotency-Key", key).invoke()

    first, second = send(a.api, ca.id), send(b.api, cb.id)

    assert first.transfer_id != second.transfer_id
    assert cash(a.api) == 9.0 and cash(b.api) == 9.0



def test_idempotency_key_reused_on_another_operation_is_409_cbc_0260(op):
    d = desk(op)
    recharge(op, d.id, "10.00")
    c = customer_of(op, d.id)
    key = unique("idem-", 24)
    given = d.api.sdk.update_customer_account_amount_invoker(UpdateCustomerAccountAmountRequest(
        body=AdjustAccountReq(customer_id=c.id, amount=Decimal("1.00")))) \
        .add_header("Idempotency-Key", key).invoke()
    assert given.transfer_id

    invoker = d.api.sdk.reclaim_to_partner_account_invoker(ReclaimToPartnerAccountRequest(
        body=ReclaimToPartnerAccountBalancesReq(customer_id=c.id, amount=Decimal("1.00"))))
    sdk_fails(d.api, 409, "CBC.0260", invoker.add_header("Idempotency-Key", key).invoke)

    assert cash(d.api) == 9.0

# --- ListPartnerAccountChangeRecords ---------------------------------------------------------

def test_partner_change_records_of_recharge_allocation_and_reclaim(op):
    d = desk(op)
    c = customer_of(op, d.id)
    recharged = recharge(op, d.id, "100.00")
    given = allocate(d.api, c.id, Decimal("30.50")).transfer_id
    taken = reclaim(d.api, c.id, Decimal("10")).trans_id

    resp = partner_records(d.api)

    assert resp.status_code == 200
    assert resp.total_count == 3 and resp.currency == "CNY"
    got = [(x.trade_detail_type, x.trade_id, x.change_amount, x.balance_after_change, x.type)
           for x in resp.records]
    assert got == [  # newest first
        (BERETRIEVE, taken, "10.00", "79.50", "1"),
        (BEADJUST, given, "30.50", "69.50", "2"),
        (RECHARGE, recharged, "100.00", "100.00", "1"),
    ]
    back, out, top_up = resp.records
    for x in (back, out):
        assert x.customer_id == c.id and x.account_name == c.customer.domain_name
    assert not top_up.customer_id and not top_up.account_name
    assert len({x.account_change_id for x in resp.records}) == 3
    for x in resp.records:
        assert isinstance(x.account_change_id, str) and x.account_change_id
        assert_recent_utc(x.trade_time)
    # str-typed amounts are JSON strings on the wire.
    assert wire(d.api)["records"][1]["change_amount"] == "30.50"


@pytest.mark.parametrize("trade_type, expected", [
    ("RECHARGE", [RECHARGE]),
    ("BEADJUST", [BEADJUST, BEADJUST]),
    ("BERETRIEVE", [BERETRIEVE]),
    ("ADJUST", []),
    ("DEDEUCT", []),
    ("REFUND", []),
])
def test_partner_change_records_by_trade_type(op, trade_type, expected):
    d, r = channel(op)
    c = customer_of(op, d.id)
    allocate(d.api, c.id, Decimal("10.00"))
    fund_reseller(d.api, r.id, Decimal("10.00"))
    reclaim(d.api, c.id, Decimal("1.00"))

    resp = partner_records(d.api, trade_type=trade_type)

    assert resp.total_count == len(expected)
    assert [x.trade_detail_type for x in resp.records] == expected


def test_credit_records_are_the_credit_limit_adjustments(op):
    d = desk(op)
    recharge(op, d.id, "5.00")
    raised = partner_credit_limit(op, d.id, "500.00")
    lowered = partner_credit_limit(op, d.id, "300.00")

    resp = partner_records(d.api, balance_type=CREDIT)

    assert resp.total_count == 2
    assert [(x.trade_detail_type, x.trade_id, x.change_amount, x.balance_after_change, x.type)
            for x in resp.records] == [
        (ADJUST_CREDIT, lowered, "200.00", "300.00", "2"),
        (ADJUST_CREDIT, raised, "500.00", "500.00", "1"),
    ]
    assert partner_records(d.api, balance_type=CREDIT, trade_type="ADJUST").total_count == 2
    assert partner_records(d.api, balance_type=CREDIT, trade_type="RECHARGE").total_count == 0
    cash_rows = partner_records(d.api).records
    assert [x.trade_detail_type for x in cash_rows] == [RECHARGE]


def test_partner_change_records_page_newest_first(op):
    d = desk(op)
    for amount in ("1.00", "2.00", "3.00", "4.00", "5.00"):
        recharge(op, d.id, amount)

    pages = [partner_records(d.api, offset=o, limit=2) for o in (0, 2, 4, 6)]

    assert [p.total_count for p in pages] == [5, 5, 5, 5]
    assert [[x.change_amount for x in p.records] for p in pages] == [
        ["5.00", "4.00"], ["3.00", "2.00"], ["1.00"], []]
    assert [x.balance_after_change for x in pages[0].records] == ["15.00", "10.00"]
    default = partner_records(d.api)
    assert default.total_count == 5 and len(default.records) == 5
    assert len({x.account_change_id for p in pages for x in p.records}) == 5


def test_partner_change_records_date_window_in_utc8(op):
    d = desk(op)
    recharge(op, d.id, "1.00")
    t = today()
    year_before = t.replace(year=t.year - 1) if (t.month, t.day) != (2, 29) \
        else t.replace(year=t.year - 1, day=28)

    def count(**kw):
        return partner_records(d.api, **kw).total_count

    assert count(trade_time_begin=str(t), trade_time_end=str(t)) == 1
    assert count(trade_time_begin=str(t)) == 1
    assert count(trade_time_end=str(t)) == 1
    assert count(trade_time_begin=str(year_before), trade_time_end=str(t)) == 1
    assert count(trade_time_begin=str(t - timedelta(days=7)),
                 trade_time_end=str(t - timedelta(days=1))) == 0
    assert count(trade_time_begin=str(t + timedelta(days=1)),
                 trade_time_end=str(t + timedelta(days=1))) == 0


# Well-formed dates that are out of order or more than a year apart are a business refusal.
WINDOW = "CBC.99100066"


@pytest.mark.parametrize("window, field", [
    ({"trade_time_begin": "LONG", "trade_time_end": "TODAY"}, "trade_time"),
    ({"trade_time_begin": "TWO_YEARS"}, "trade_time"),
    ({"trade_time_begin": "TOMORROW", "trade_time_end": "TODAY"}, "trade_time"),
    ({"trade_time_begin": "2026/01/01"}, "trade_time_begin"),
    ({"trade_time_begin": "2026-1-01"}, "trade_time_begin"),
    ({"trade_time_end": "2026-13-01"}, "trade_time_end"),
    ({"trade_time_end": "2026-02-30"}, "trade_time_end"),
    ({"trade_time_end": "20260101"}, "trade_time_end"),
    ({"trade_time_begin": "2026-01-01T00:00:00Z"}, "trade_time_begin"),
])
def test_bad_change_record_window_is_400(op, window, field):
    d = desk(op)
    c = customer_of(op)
    t = today()
    year_before = t.replace(year=t.year - 1) if (t.month, t.day) != (2, 29) \
        else t.replace(year=t.year - 1, day=28)
    named = {"LONG": str(year_before - timedelta(days=1)), "TODAY": str(t),
             "TWO_YEARS": str(t - timedelta(days=731)), "TOMORROW": str(t + timedelta(days=1))}
    query = {k: named.get(v, v) for k, v in window.items()}
    code = WINDOW if any(v in named for v in window.values()) else "CBC.0100"

    e = sdk_fails(d.api, 400, code, partner_records, d.api, **query)
    assert field in e.error_msg
    e = sdk_fails(c.api, 400, code, customer_records, c.api, **query)
    assert field in e.error_msg


@pytest.mark.parametrize("query, field", [
    ({"balance_type": None}, "balance_type"),
    ({"balance_type": "BALANCE_TYPE_CASH"}, "balance_type"),
    ({"trade_type": "PAYMENT"}, "trade_type"),
    ({"limit": 0}, "limit"),
    ({"limit": 101}, "limit"),
    ({"offset": -1}, "offset"),
    ({"indirect_partner_id": "x" * 65}, "indirect_partner_id"),
])
def test_bad_partner_change_record_query_is_400_cbc_0100(op, query, field):
    d = desk(op)

    e = sdk_fails(d.api, 400, "CBC.0100", partner_records, d.api, **query)

    assert field in e.error_msg


def test_distributor_reads_its_resellers_change_records(op):
    d, r = channel(op)
    given = fund_reseller(d.api, r.id, Decimal("40.00")).transfer_id
    taken = reclaim_reseller(d.api, r.id, Decimal("15.00")).trans_id

    mine = partner_records(d.api, trade_type="BEADJUST").records
    assert [(x.trade_id, x.type, x.change_amount, x.balance_after_change) for x in mine] == [
        (given, "2", "40.00", "60.00")]
    assert mine[0].customer_id == r.id and mine[0].account_name == r.partner.account_name

    theirs = partner_records(d.api, indirect_partner_id=r.id)
    assert theirs.total_count == 2
    assert [(x.trade_detail_type, x.trade_id, x.type, x.change_amount, x.balance_after_change)
            for x in theirs.records] == [
        (BERETRIEVE, taken, "2", "15.00", "25.00"),
        (BEADJUST, given, "1", "40.00", "40.00"),
    ]
    # The reseller reads the same rows itself.
    own = partner_records(r.api)
    assert [x.account_change_id for x in own.records] == \
        [x.account_change_id for x in theirs.records]
    # Another distributor cannot.
    stranger = desk(op)
    sdk_fails(stranger.api, 400, "CBC.99000037", partner_records, stranger.api,
              indirect_partner_id=r.id)


@pytest.mark.parametrize("roles", [["account_manager"], ["project_specialist"]])
def test_partner_change_records_need_the_finance_or_admin_role(op, roles):
    partner = op.make_partner()
    api = user_api(op, partner, roles)

    sdk_fails(api, 403, "CBC.0151", partner_records, api)
    admin = user_api(op, partner, ["admin"])
    assert partner_records(admin).total_count == 0


# --- ListPartnerAdjustRecords ----------------------------------------------------------------

def _adjust_setup(op):
    d, r = channel(op)
    a, b = customer_of(op, d.id), customer_of(op, d.id)
    ids = {
        "a_in": allocate(d.api, a.id, Decimal("30.50")).transfer_id,
        "a_out": reclaim(d.api, a.id, Decimal("10.00")).trans_id,
        "b_in": allocate(d.api, b.id, Decimal("5.00")).transfer_id,
    }
    fund_reseller(d.api, r.id, Decimal("7.00"))  # not a customer: not an adjust record
    return d, r, a, b, ids


def test_adjust_records_list_allocations_and_reclaims_with_customers(op):
    d, _, a, b, ids = _adjust_setup(op)

    resp = adjust_records(d.api)

    assert resp.status_code == 200
    assert resp.total_count == 3
    got = [(x.customer_id, x.customer_name, x.operation_type, x.amount, x.trans_id)
           for x in resp.records]
    assert got == [  # newest first
        (b.id, b.customer.domain_name, BEADJUST, "5.00", ids["b_in"]),
        (a.id, a.customer.domain_name, BERETRIEVE, "10.00", ids["a_out"]),
        (a.id, a.customer.domain_name, BEADJUST, "30.50", ids["a_in"]),
    ]
    for x in resp.records:
        assert x.currency == "CNY" and x.measure_id == 1
        assert isinstance(x.apply_scene, str) and x.apply_scene
        assert_recent_utc(x.operation_time)
        assert x.memo is None or isinstance(x.memo, str)
    scenes = {x.operation_type: x.apply_scene for x in resp.records}
    assert len(set(scenes.values())) == 2
    assert wire(d.api)["records"][2]["amount"] == "30.50"


def test_adjust_records_filters(op):
    d, _, a, b, ids = _adjust_setup(op)
    now = datetime.now(timezone.utc)

    def trans_ids(**kw):
        resp = adjust_records(d.api, **kw)
        assert resp.total_count == len(resp.records) or "limit" in kw or "offset" in kw
        return [x.trans_id for x in resp.records]

    assert trans_ids(customer_id=a.id) == [ids["a_out"], ids["a_in"]]
    assert trans_ids(customer_id=b.id) == [ids["b_in"]]
    assert trans_ids(operation_type=BEADJUST) == [ids["b_in"], ids["a_in"]]
    assert trans_ids(operation_type=BERETRIEVE) == [ids["a_out"]]
    assert trans_ids(operation_type="SOURCE_OPERATION_BEUNBIND") == []
    assert trans_ids(operation_type=BEADJUST, customer_id=a.id) == [ids["a_in"]]
    assert trans_ids(trans_id=ids["a_out"]) == [ids["a_out"]]
    assert trans_ids(trans_id=unique("", 32)) == []
    assert trans_ids(customer_id=unique("", 32)) == []
    hour = timedelta(hours=1)
    fmt = "%Y-%m-%dT%H:%M:%SZ"
    assert len(trans_ids(operation_time_begin=(now - hour).strftime(fmt),
                         operation_time_end=(now + hour).strftime(fmt))) == 3
    assert trans_ids(operation_time_begin=(now + hour).strftime(fmt)) == []
    assert trans_ids(operation_time_end=(now - hour).strftime(fmt)) == []
    page = adjust_records(d.api, offset=1, limit=1)
    assert page.total_count == 3 and [x.trans_id for x in page.records] == [ids["a_out"]]


def test_adjust_records_are_the_partners_own(op):
    d, r, a, _, _ = _adjust_setup(op)
    c = customer_of(op, r.id)
    allocate(d.api, c.id, Decimal("2.00"), indirect=r.id)
    stranger = desk(op)

    assert adjust_records(stranger.api).total_count == 0
    assert adjust_records(stranger.api, customer_id=a.id).total_count == 0
    theirs = adjust_records(d.api, indirect_partner_id=r.id)
    assert [(x.customer_id, x.operation_type, x.amount) for x in theirs.records] == [
        (c.id, BEADJUST, "2.00")]
    assert adjust_records(d.api).total_count == 3
    sdk_fails(stranger.api, 400, "CBC.99000037", adjust_records, stranger.api,
              indirect_partner_id=r.id)


@pytest.mark.parametrize("query, field", [
    ({"operation_type": "SOURCE_OPERAIION_RECHARGE"}, "operation_type"),
    ({"operation_time_begin": "2026-01-01"}, "operation_time_begin"),
    ({"operation_time_end": "2026-01-01T08:00:00+08:00"}, "operation_time_end"),
    ({"limit": 0}, "limit"),
    ({"limit": 101}, "limit"),
    ({"offset": -1}, "offset"),
])
def test_bad_adjust_record_query_is_400_cbc_0100(op, query, field):
    d = desk(op)

    e = sdk_fails(d.api, 400, "CBC.0100", adjust_records, d.api, **query)

    assert field in e.error_msg


def test_adjust_records_need_the_finance_or_admin_role(op):
    partner = op.make_partner()
    api = user_api(op, partner, ["account_manager"])
    sdk_fails(api, 403, "CBC.0151", adjust_records, api)
    client = customer_of(op, partner.partner_id)
    sdk_fails(client.api, 403, "CBC.0151", adjust_records, client.api)


# --- ListCustomersBalancesDetail -------------------------------------------------------------

def test_customers_balances_detail_sums_cash_and_unused_credit(op):
    d = desk(op)
    recharge(op, d.id, "100.00")
    plain = customer_of(op, d.id)
    with_credit = customer_of(op, d.id, has_credit_account=True)
    customer_credit_limit(op, with_credit.id, "200.00")
    empty = customer_of(op, d.id)
    allocate(d.api, plain.id, Decimal("12.34"))
    allocate(d.api, with_credit.id, Decimal("30.00"))

    resp = customers_balances(d.api, [with_credit.id, empty.id, plain.id])

    assert resp.status_code == 200
    got = [(x.customer_id, x.amount, x.debt_amount) for x in resp.customer_balances]
    assert got == [(with_credit.id, Decimal("230.00"), 0), (empty.id, 0, 0),
                   (plain.id, Decimal("12.34"), 0)]
    for x in resp.customer_balances:
        assert isinstance(x.amount, Decimal) and isinstance(x.debt_amount, Decimal)
        assert x.currency == "CNY" and x.measure_id == 1
    assert [str(x.amount) for x in resp.customer_balances] == ["230.00", "0.00", "12.34"]


def test_customers_balances_detail_for_a_resellers_customers(op):
    d, r = channel(op)
    fund_reseller(d.api, r.id, Decimal("10.00"))
    c = customer_of(op, r.id)
    allocate(r.api, c.id, Decimal("4.00"))

    resp = customers_balances(d.api, [c.id], indirect=r.id)

    assert [(x.customer_id, str(x.amount)) for x in resp.customer_balances] == [(c.id, "4.00")]
    sdk_fails(d.api, 400, "CBC.99000035", customers_balances, d.api, [c.id])
    stranger = desk(op)
    sdk_fails(stranger.api, 400, "CBC.99000037", customers_balances, stranger.api, [c.id],
              indirect=r.id)


def test_customers_balances_detail_refuses_foreign_customers_and_bad_lists(op):
    d = desk(op)
    mine = customer_of(op, d.id)
    theirs = customer_of(op, op.make_partner().partner_id)

    a = sdk_fails(d.api, 400, "CBC.99000035", customers_balances, d.api, [mine.id, theirs.id])
    b = sdk_fails(d.api, 400, "CBC.99000035", customers_balances, d.api, [unique("", 32)])
    assert a.error_msg == b.error_msg
    e = sdk_fails(d.api, 400, "CBC.0100", customers_balances, d.api, [])
    assert "customer_infos" in e.error_msg
    e = sdk_fails(d.api, 400, "CBC.0100", customers_balances, d.api,
                  [unique("", 32) for _ in range(101)])
    assert "customer_infos" in e.error_msg
    hundred = [mine.id] * 100
    assert len(customers_balances(d.api, hundred).customer_balances) == 100



@pytest.mark.parametrize("customer_id", ["", "x" * 65], ids=["empty", "65-chars"])
def test_bad_customer_id_in_customer_infos_is_400_naming_it(op, customer_id):
    d = desk(op)

    e = sdk_fails(d.api, 400, "CBC.0100", customers_balances, d.api, [customer_id])

    assert "customer_id" in e.error_msg, d.api.last.describe()

def test_customers_balances_detail_identities(op):
    partner = op.make_partner()
    c = customer_of(op, partner.partner_id)
    specialist = user_api(op, partner, ["project_specialist"])

    sdk_fails(specialist, 403, "CBC.0151", customers_balances, specialist, [c.id])
    sdk_fails(c.api, 403, "CBC.0151", customers_balances, c.api, [c.id])
    finance = user_api(op, partner, ["finance"])
    assert customers_balances(finance, [c.id]).customer_balances[0].customer_id == c.id


# --- ShowCustomerAccountBalances -------------------------------------------------------------

def test_customer_sees_its_cash_and_credit_balances(op):
    d = desk(op)
    recharge(op, d.id, "100.00")
    c = customer_of(op, d.id, has_credit_account=True)
    customer_credit_limit(op, c.id, "200.00")
    allocate(d.api, c.id, Decimal("30.50"))

    resp = c.api.sdk.show_customer_account_balances(ShowCustomerAccountBalancesRequest())

    assert resp.status_code == 200
    assert [b.account_type for b in resp.account_balances] == [CASH_TYPE, CREDIT_TYPE]
    cash_acc, credit_acc = resp.account_balances
    assert isinstance(cash_acc.amount, Decimal) and str(cash_acc.amount) == "30.50"
    assert str(cash_acc.designated_amount) == "0.00"
    assert cash_acc.credit_amount is None
    assert str(credit_acc.amount) == "200.00" and str(credit_acc.credit_amount) == "200.00"
    for b in resp.account_balances:
        assert b.currency == "CNY" and b.measure_id == 1 and b.account_id
    assert isinstance(resp.debt_amount, Decimal) and resp.debt_amount == 0
    assert resp.measure_id == 1 and resp.currency == "CNY"


def test_independent_customer_sees_its_recharges(op):
    c = customer_of(op)
    r = op.api.post(OP_CUSTOMER + "/recharge", {"amount": "12.34"},
                    path_params={"customer_id": c.id})
    assert r.status == 200

    b = customer_balances(c)

    assert list(b) == [CASH_TYPE]
    assert str(b[CASH_TYPE].amount) == "12.34"


def test_partner_cannot_read_customer_balances_as_a_customer(op):
    d = desk(op, roles=("admin",))

    sdk_fails(d.api, 403, "CBC.0151", d.api.sdk.show_customer_account_balances,
              ShowCustomerAccountBalancesRequest())


# --- ListCustomerAccountChangeRecords --------------------------------------------------------

def test_customer_change_records_of_allocation_and_reclaim(op):
    d = desk(op)
    recharge(op, d.id, "100.00")
    c = customer_of(op, d.id)
    given = allocate(d.api, c.id, Decimal("30.50")).transfer_id
    taken = reclaim(d.api, c.id, Decimal("10.00")).trans_id

    resp = customer_records(c.api)

    assert resp.status_code == 200
    assert resp.total_count == 2 and resp.currency == "CNY"
    got = [(x.trade_detail_type, x.trade_id, x.change_amount, x.balance_after_change,
            x.revenue_expense_type) for x in resp.records]
    assert got == [
        (BERETRIEVE, taken, "10.00", "20.50", "EXPENSE"),
        (BEADJUST, given, "30.50", "30.50", "REVENUE"),
    ]
    cycle = datetime.now(UTC8).strftime("%Y-%m")
    for x in resp.records:
        assert x.bill_cycle == cycle
        assert x.account_name == c.customer.domain_name
        assert x.account_change_id
        assert_recent_utc(x.trade_time)
        assert not x.payment_channel_id and not x.payment_channel_no


def test_customer_change_records_filters(op):
    d = desk(op)
    recharge(op, d.id, "100.00")
    c = customer_of(op, d.id, has_credit_account=True)
    customer_credit_limit(op, c.id, "50.00")
    given = allocate(d.api, c.id, Decimal("30.50")).transfer_id
    taken = reclaim(d.api, c.id, Decimal("10.00")).trans_id
    again = allocate(d.api, c.id, Decimal("1.00")).transfer_id

    def ids(**kw):
        resp = customer_records(c.api, **kw)
        assert resp.total_count == len(resp.records) or "limit" in kw or "offset" in kw
        return [x.trade_id for x in resp.records]

    assert ids() == [again, taken, given]
    assert ids(revenue_expense_type="REVENUE") == [again, given]
    assert ids(revenue_expense_type="EXPENSE") == [taken]
    assert ids(trade_type="BEADJUST") == [again, given]
    assert ids(trade_type="BERETRIEVE") == [taken]
    assert ids(trade_type="RECHARGE") == []
    assert ids(trade_id=taken) == [taken]
    assert ids(trade_id=unique("", 32)) == []
    assert ids(payment_channel_id="alipay") == []
    assert ids(payment_channel_no="pay-1") == []
    assert ids(trade_time_begin=str(today()), trade_time_end=str(today())) == [again, taken, given]
    assert ids(trade_time_end=str(today() - timedelta(days=1))) == []
    assert ids(offset=1, limit=1) == [taken]
    assert customer_records(c.api, offset=1, limit=1).total_count == 3
    credit = customer_records(c.api, balance_type=CREDIT)
    assert [(x.trade_detail_type, x.change_amount, x.revenue_expense_type)
            for x in credit.records] == [(ADJUST_CREDIT, "50.00", "REVENUE")]


@pytest.mark.parametrize("query, field", [
    ({"balance_type": None}, "balance_type"),
    ({"balance_type": "DEBIT"}, "balance_type"),
    ({"revenue_expense_type": "INCOME"}, "revenue_expense_type"),
    ({"trade_type": "PAYMENT"}, "trade_type"),
    ({"trade_id": "t" * 129}, "trade_id"),
    ({"limit": 0}, "limit"),
    ({"limit": 101}, "limit"),
    ({"offset": -1}, "offset"),
])
def test_bad_customer_change_record_query_is_400_cbc_0100(op, query, field):
    c = customer_of(op)

    e = sdk_fails(c.api, 400, "CBC.0100", customer_records, c.api, **query)

    assert field in e.error_msg


def test_partner_cannot_read_customer_change_records(op):
    d = desk(op, roles=("admin",))

    sdk_fails(d.api, 403, "CBC.0151", customer_records, d.api)


# --- CSV exports -----------------------------------------------------------------------------

def _csv(exchange):
    assert exchange.status == 200, exchange.describe()
    assert exchange.headers["Content-Type"].startswith("text/csv"), exchange.describe()
    return list(csv.reader(io.StringIO(exchange.body.decode("utf-8"))))


def _neutral(cell: str) -> str:
    """What a spreadsheet-safe export writes for a cell."""
    return "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell


PARTNER_COLUMNS = {"account_change_id", "trade_time", "trade_detail_type", "trade_id",
                   "change_amount", "balance_after_change", "type", "customer_id",
                   "account_name"}


def test_partner_export_matches_the_records_and_neutralises_formulas(op):
    d = desk(op)
    recharge(op, d.id, "100.00")
    formulas = [unique("=1+2-", 8), unique("+SUM(A1)", 8), unique("@cmd", 8)]
    resellers = [op.make_partner("RESELLER", account_name=name) for name in formulas]
    for r in resellers:
        link(op, d, r.partner_id)
        fund_reseller(d.api, r.partner_id, Decimal("1.00"))
    c = customer_of(op, d.id, domain_name=unique("-dash", 12))
    allocate(d.api, c.id, Decimal("2.00"))
    records = partner_records(d.api, limit=100).records
    assert len(records) == 5

    exchange = fetch_text(d.api, PARTNER_EXPORT, query=[("balance_type", DEBIT)])

    rows = _csv(exchange)
    header, body = rows[0], rows[1:]
    assert PARTNER_COLUMNS <= set(header)
    assert "attachment" in exchange.headers.get("Content-Disposition", "")
    assert len(body) == len(records)
    for row, rec in zip(body, records):
        cells = dict(zip(header, row))
        for column in PARTNER_COLUMNS:
            value = getattr(rec, column) or ""
            assert cells[column] == _neutral(value), (column, cells, rec)
    names = [dict(zip(header, row))["account_name"] for row in body]
    assert set(names) == {"'" + n for n in formulas} | {"'" + c.customer.domain_name, ""}


def test_partner_export_applies_the_filters(op):
    d, r = channel(op)
    c = customer_of(op, d.id)
    allocate(d.api, c.id, Decimal("3.00"))
    fund_reseller(d.api, r.id, Decimal("4.00"))
    t = str(today())

    def exported(*query):
        rows = _csv(fetch_text(d.api, PARTNER_EXPORT, query=list(query)))
        header = rows[0]
        return [dict(zip(header, row)) for row in rows[1:]]

    assert [x["trade_detail_type"] for x in exported(("balance_type", DEBIT))] == [
        BEADJUST, BEADJUST, RECHARGE]
    assert [x["change_amount"] for x in exported(("balance_type", DEBIT),
                                                 ("trade_type", "BEADJUST"))] == ["4.00", "3.00"]
    assert len(exported(("balance_type", DEBIT), ("trade_time_begin", t),
                        ("trade_time_end", t))) == 3
    assert exported(("balance_type", DEBIT),
                    ("trade_time_end", str(today() - timedelta(days=1)))) == []
    assert exported(("balance_type", CREDIT)) == []
    # The reseller's side, through the distributor.
    theirs = exported(("balance_type", DEBIT), ("indirect_partner_id", r.id))
    assert [(x["trade_detail_type"], x["type"], x["change_amount"]) for x in theirs] == [
        (BEADJUST, "1", "4.00")]
    # The export is not paged.
    assert len(exported(("balance_type", DEBIT), ("limit", 1), ("offset", 1))) == 3


def test_partner_export_errors(op):
    d = desk(op)
    year_ago = today() - timedelta(days=400)

    e = d.api.fails("GET", PARTNER_EXPORT, 400, "CBC.0100")
    assert "balance_type" in e.error_msg
    d.api.fails("GET", PARTNER_EXPORT, 400, WINDOW,
                query=[("balance_type", DEBIT), ("trade_time_begin", str(year_ago))])
    d.api.fails("GET", PARTNER_EXPORT, 400, "CBC.99000037",
                query=[("balance_type", DEBIT), ("indirect_partner_id", unique("", 32))])
    manager = user_api(op, d.partner, ["account_manager"])
    manager.fails("GET", PARTNER_EXPORT, 403, "CBC.0151", query=[("balance_type", DEBIT)])
    c = customer_of(op, d.id)
    c.api.fails("GET", PARTNER_EXPORT, 403, "CBC.0151", query=[("balance_type", DEBIT)])


def test_customer_export_matches_the_records(op):
    d = desk(op)
    recharge(op, d.id, "100.00")
    c = customer_of(op, d.id, domain_name=unique("-cust", 12))
    allocate(d.api, c.id, Decimal("30.50"))
    reclaim(d.api, c.id, Decimal("10.00"))
    records = customer_records(c.api).records

    rows = _csv(fetch_text(c.api, CUSTOMER_EXPORT, query=[("balance_type", DEBIT)]))

    header, body = rows[0], rows[1:]
    columns = {"account_change_id", "trade_time", "trade_detail_type", "trade_id",
               "revenue_expense_type", "change_amount", "balance_after_change", "bill_cycle",
               "account_name"}
    assert columns <= set(header)
    assert len(body) == len(records) == 2
    for row, rec in zip(body, records):
        cells = dict(zip(header, row))
        for column in columns:
            assert cells[column] == _neutral(getattr(rec, column) or ""), (column, cells)
    assert {dict(zip(header, row))["account_name"] for row in body} == {
        "'" + c.customer.domain_name}

    expense = _csv(fetch_text(c.api, CUSTOMER_EXPORT, query=[
        ("balance_type", DEBIT), ("revenue_expense_type", "EXPENSE")]))
    assert len(expense) == 2 and dict(zip(expense[0], expense[1]))["change_amount"] == "10.00"
    nothing = _csv(fetch_text(c.api, CUSTOMER_EXPORT, query=[
        ("balance_type", DEBIT), ("payment_channel_id", "alipay")]))
    assert nothing == [header]


def test_customer_export_errors(op):
    d = desk(op, roles=("admin",))
    c = customer_of(op, d.id)

    e = c.api.fails("GET", CUSTOMER_EXPORT, 400, "CBC.0100")
    assert "balance_type" in e.error_msg
    c.api.fails("GET", CUSTOMER_EXPORT, 400, "CBC.0100",
                query=[("balance_type", DEBIT), ("trade_time_end", "2026/01/01")])
    d.api.fails("GET", CUSTOMER_EXPORT, 403, "CBC.0151", query=[("balance_type", DEBIT)])
