"""Issue 22, consumption and bills through the official SDK's typed operations: the platform
posts rated usage (operator API), each record is charged cash coupon → cash → credit → arrears,
a retried batch charges once, arrears are written off by the next allocation, and customers and
partner users read records and monthly sums as `ListCustomerselfResourceRecords`,
`ShowCustomerMonthlySum`, `ListCustomerBillsFeeRecords`, `ListSubCustomerBillDetail` and
`ListSubcustomerMonthlyBills` define them (S13 visibility for partner users)."""

from datetime import datetime, timedelta, timezone
from decimal import Decimal

from huaweicloudsdkbss.v2 import (
    AdjustAccountReq,
    ListCustomerBillsFeeRecordsRequest,
    ListCustomerselfResourceRecordsRequest,
    ListSubCustomerBillDetailRequest,
    ListSubcustomerMonthlyBillsRequest,
    ShowCustomerMonthlySumRequest,
    UpdateCustomerAccountAmountRequest,
)

from bss import unique
from test_money import customer_of, user_api

INGEST = "/v2/operator/usage-fee-records"
UTC8 = timezone(timedelta(hours=8))


def cycle() -> str:
    return datetime.now(UTC8).strftime("%Y-%m")


def record(customer_id: str, amount: str, record_id=None) -> dict:
    end = datetime.now(timezone.utc).replace(microsecond=0) - timedelta(minutes=5)
    fmt = "%Y-%m-%dT%H:%M:%SZ"
    return {
        "record_id": record_id or unique("rec-", 12),
        "customer_id": customer_id,
        "resource_id": "vm-sdk",
        "service_type_code": "hws.service.type.ec2",
        "resource_type_code": "hws.resource.type.vm",
        "region_code": "cn-north-4",
        "charging_mode": 3,
        "usage": "2",
        "usage_unit": "hour",
        "official_amount": amount,
        "amount": amount,
        "usage_begin_time": (end - timedelta(hours=2)).strftime(fmt),
        "usage_end_time": end.strftime(fmt),
    }


def ingest(op, records) -> dict:
    r = op.api.post(INGEST, {"platform": "sdk", "records": records})
    assert r.status == 200, r.exchange.describe()
    return r.body


def test_customer_consumption_is_charged_in_order_and_read_back(op):
    c = customer_of(op)  # an independent customer (no partner)
    r = op.api.post("/v2/operator/customers/{customer_id}/recharge", {"amount": "3"},
                    path_params={"customer_id": c.id})
    assert r.status == 200, r.exchange.describe()
    r = op.api.put("/v2/operator/customers/{customer_id}/credit-limit", {"credit_limit": "2"},
                   path_params={"customer_id": c.id})
    assert r.status == 200, r.exchange.describe()
    batch = [record(c.id, "2.50"), record(c.id, "3.75")]
    assert ingest(op, batch) == {"accepted": 2, "duplicates": 0}
    assert ingest(op, batch) == {"accepted": 0, "duplicates": 2}

    resp = c.api.sdk.list_customerself_resource_records(
        ListCustomerselfResourceRecordsRequest(cycle=cycle(), limit=10))
    assert resp.total_count == 2 and resp.currency == "CNY"
    first, second = resp.fee_records
    assert (first.cash_amount, first.credit_amount, first.debt_amount) == \
        (Decimal("2.50"), Decimal("0.00"), Decimal("0.00"))
    assert (second.cash_amount, second.credit_amount, second.debt_amount) == \
        (Decimal("0.50"), Decimal("2.00"), Decimal("1.25"))
    assert second.charge_mode == "3" and second.cloud_service_type == "hws.service.type.ec2"

    sums = c.api.sdk.show_customer_monthly_sum(ShowCustomerMonthlySumRequest(bill_cycle=cycle()))
    assert sums.total_count == 1 and sums.currency == "CNY"
    assert (sums.consume_amount, sums.cash_amount, sums.credit_amount, sums.debt_amount) == \
        (Decimal("6.25"), Decimal("3.00"), Decimal("2.00"), Decimal("1.25"))
    assert sums.bill_sums[0].charging_mode == 3

    flow = c.api.sdk.list_customer_bills_fee_records(
        ListCustomerBillsFeeRecordsRequest(bill_cycle=cycle(), status=2))
    assert flow.total_count == 1 and flow.records[0].debt_amount == Decimal("1.25")


def test_partner_users_see_their_customers_and_arrears_are_written_off(op):
    partner = op.make_partner("DISTRIBUTOR")
    admin = user_api(op, partner, ("admin",))
    manager = op.make_user(partner.partner_id, ("account_manager",))
    am = op.client(op.make_access_key(manager))
    r = op.api.post("/v2/operator/partners/{partner_id}/recharge", {"amount": "50"},
                    path_params={"partner_id": partner.partner_id})
    assert r.status == 200, r.exchange.describe()
    mine = customer_of(op, partner.partner_id)
    other = customer_of(op, partner.partner_id)
    r = admin.put("/v2/partners/sub-customers/{customer_id}/account-manager",
                  {"account_manager_id": manager.user_name},
                  path_params={"customer_id": mine.id})
    assert r.status == 204, r.exchange.describe()
    ingest(op, [record(mine.id, "4.00"), record(other.id, "1.00")])

    everyone = admin.sdk.list_sub_customer_bill_detail(
        ListSubCustomerBillDetailRequest(bill_cycle=cycle()))
    assert everyone.total_count == 2 and everyone.currency == "CNY"
    assert {r.customer_id for r in everyone.fee_records} == {mine.id, other.id}
    own = am.sdk.list_sub_customer_bill_detail(ListSubCustomerBillDetailRequest(bill_cycle=cycle()))
    assert [r.customer_id for r in own.fee_records] == [mine.id]
    assert own.fee_records[0].debt_amount == Decimal("4.00")

    monthly = am.sdk.list_subcustomer_monthly_bills(ListSubcustomerMonthlyBillsRequest(cycle=cycle()))
    assert monthly.count == 1 and monthly.bill_sums[0].customer_id == mine.id
    assert monthly.bill_sums[0].amount == Decimal("4.00") and monthly.bill_sums[0].bill_type == "0"

    # The next allocation settles the arrears first.
    admin.sdk.update_customer_account_amount(UpdateCustomerAccountAmountRequest(
        body=AdjustAccountReq(customer_id=mine.id, amount=10)))
    paid = mine.api.sdk.list_customer_bills_fee_records(
        ListCustomerBillsFeeRecordsRequest(bill_cycle=cycle()))
    assert paid.records[0].writeoff_amount == Decimal("4.00") and paid.records[0].status == 1
