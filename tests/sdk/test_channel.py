"""Channel and customers through the official SDK: ListIndirectPartners (with the account
managers of S1 and resellers linked by S3 invitations), CreateSubCustomer, ListSubCustomers,
CheckUserIdentity and SendVerificationMessageCode as the SDK's typed methods, asserting the
models it parses. The partner-center endpoints without an SDK method (invitations, account
manager assignment, the operator's outbox) are signed by the same SDK through `call_api`.
"""

import re
from dataclasses import dataclass

from huaweicloudsdkbss.v2 import (
    CheckSubcustomerUserReq,
    CheckUserIdentityRequest,
    CreateCustomerV2Req,
    CreateSubCustomerRequest,
    ListIndirectPartnersRequest,
    ListSubCustomersRequest,
    QueryIndirectPartnersReq,
    QuerySubCustomerListReq,
    SendVerificationCodeV2Req,
    SendVerificationMessageCodeRequest,
)

from bss import Api, Partner, sdk_fails, unique

INVITATIONS = "/v2/partners/indirect-partners/invitations"
CUSTOMER_INVITATIONS = "/v2/partners/sub-customers/invitations"
UTC_TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")


@dataclass
class Desk:
    """A partner and an SDK client of one of its users."""

    partner: Partner
    api: Api

    @property
    def id(self) -> str:
        return self.partner.partner_id


def desk(op, partner_type="DISTRIBUTOR", roles=("admin",)) -> Desk:
    partner = op.make_partner(partner_type)
    key = op.make_access_key(op.make_user(partner.partner_id, roles))
    return Desk(partner, op.client(key, domain_id=key.domain_id))


def phone() -> str:
    return "139" + str(int(unique("", 8), 16) % 100_000_000).zfill(8)


def list_indirect(api: Api, **filters):
    return api.sdk.list_indirect_partners(
        ListIndirectPartnersRequest(body=QueryIndirectPartnersReq(**filters)))


def list_subs(api: Api, **filters):
    return api.sdk.list_sub_customers(
        ListSubCustomersRequest(body=QuerySubCustomerListReq(**filters)))


def create_sub(api: Api, **fields):
    return api.sdk.create_sub_customer(CreateSubCustomerRequest(body=CreateCustomerV2Req(**fields)))


def send_code(api: Api, mobile: str, **extra):
    return api.sdk.send_verification_message_code(SendVerificationMessageCodeRequest(
        body=SendVerificationCodeV2Req(receiver_type=1, mobile_phone=mobile, **extra)))


def check_identity(api: Api, search_type: str, value: str):
    return api.sdk.check_user_identity(CheckUserIdentityRequest(
        body=CheckSubcustomerUserReq(search_type=search_type, search_value=value)))


def outbox_code(op, mobile: str) -> str:
    r = op.api.get("/v2/operator/outbox", query=[("recipient", mobile)])
    assert r.status == 200, r.exchange.describe()
    return re.search(r"\b(\d{6})\b", r.body["messages"][0]["content"]).group(1)


def test_invited_reseller_with_account_manager_in_list_indirect_partners(op):
    d = desk(op)
    r = desk(op, "RESELLER")
    inv = d.api.post(INVITATIONS, {"indirect_partner_id": r.id, "remark": "sdk"})
    assert (inv.status, inv.body["status"]) == (201, "PENDING")
    assert UTC_TIME.match(inv.body["expire_time"])
    got = r.api.get(INVITATIONS, query=[("status", "PENDING")])
    assert got.body["total_count"] == 1
    accepted = r.api.post(INVITATIONS + "/{id}/accept", path_params={"id": inv.body["invitation_id"]})
    assert accepted.status == 204
    manager = op.make_user(d.id, ("account_manager",), display_name="Wang Manager")
    put = d.api.put("/v2/partners/indirect-partners/{id}/account-manager",
                    {"account_manager_id": manager.user_name}, path_params={"id": r.id})
    assert put.status == 204

    resp = list_indirect(d.api, limit=10, offset=0)
    assert resp.count == 1
    info = resp.indirect_partners[0]
    assert (info.indirect_partner_id, info.account_name) == (r.id, r.partner.account_name)
    assert (info.account_manager_id, info.account_manager_name) == (manager.user_name, "Wang Manager")
    assert UTC_TIME.match(info.associated_on)
    assert list_indirect(d.api, account_name=r.partner.account_name).count == 1
    assert list_indirect(d.api, account_name=unique("nobody-")).count == 0
    window = list_indirect(d.api, associated_on_begin="2000-01-01T00:00:00Z",
                           associated_on_end="2000-01-02T00:00:00Z")
    assert (window.count, window.indirect_partners) == (0, [])

    e = sdk_fails(d.api, 400, "CBC.0100", list_indirect, d.api, limit=101)
    assert "limit" in e.error_msg
    other = desk(op, "RESELLER")
    sdk_fails(d.api, 400, "CBC.99000037", list_indirect, d.api, indirect_partner_id=other.id)
    sdk_fails(r.api, 403, "CBC.0151", list_indirect, r.api)
    # The rules of S3, each with its code, as the SDK reports them.
    d.api.fails("POST", INVITATIONS, 400, "CBC.99100014", body={"indirect_partner_id": r.id})
    d2 = desk(op)
    d2.api.fails("POST", INVITATIONS, 400, "CBC.99100013", body={"indirect_partner_id": r.id})
    de = op.make_partner("RESELLER", country_code="DE")
    d.api.fails("POST", INVITATIONS, 400, "CBC.99100012", body={"indirect_partner_id": de.partner_id})


def test_create_and_list_sub_customers(op):
    d = desk(op)
    name = unique("sdkcust-", 10)
    created = create_sub(d.api, domain_name=name, password="Welcome-2026", cooperation_type="1",
                         xaccount_id="x-42", xaccount_type="sso", include_association_result=True)
    assert created.domain_name == name and len(created.domain_id) == 32
    random_one = create_sub(d.api)
    assert len(random_one.domain_name) == 32

    resp = list_subs(d.api, limit=10)
    assert resp.count == 2
    info = next(i for i in resp.customer_infos if i.customer_id == created.domain_id)
    assert (info.account_name, info.association_type) == (name, "1")
    assert (info.xaccount_id, info.xaccount_type, info.verified_status) == ("x-42", "sso", "-1")
    assert info.account_managers == [] and UTC_TIME.match(info.associated_on)
    only = list_subs(d.api, account_name=name[3:9].upper(), association_type="1")
    assert [i.customer_id for i in only.customer_infos] == [created.domain_id]
    assert list_subs(d.api, association_type="2").count == 1

    manager = op.make_user(d.id, ("account_manager",))
    put = d.api.put("/v2/partners/sub-customers/{id}/account-manager",
                    {"account_manager_id": manager.user_name}, path_params={"id": created.domain_id})
    assert put.status == 204
    info = list_subs(d.api, customer_id=created.domain_id).customer_infos[0]
    assert [m.account_name for m in info.account_managers] == [manager.user_name]

    sdk_fails(d.api, 400, "CBC.0100", create_sub, d.api, domain_name="op_reserved")
    sdk_fails(d.api, 400, "CBC.99100001", create_sub, d.api, domain_name=name)
    sdk_fails(d.api, 400, "CBC.99000036", create_sub, d.api, password="onlyletters")
    sdk_fails(d.api, 400, "CBC.0100", list_subs, d.api, account_name="with space")
    # A distributor reads a reseller's customers; nobody else's.
    r = desk(op, "RESELLER")
    link = op.api.post("/v2/operator/partners/{p}/indirect-partners",
                       {"indirect_partner_id": r.id}, path_params={"p": d.id})
    assert link.status == 201
    theirs = create_sub(r.api)
    seen = list_subs(d.api, indirect_partner_id=r.id)
    assert [i.customer_id for i in seen.customer_infos] == [theirs.domain_id]
    sdk_fails(r.api, 400, "CBC.99000037", list_subs, r.api, indirect_partner_id=d.id)


def test_verification_codes_identity_checks_and_mobile_customers(op):
    d = desk(op, "SOLUTION_PROVIDER")
    mobile = phone()
    first = check_identity(d.api, "mobile", f"0086-{mobile}")
    assert (first.check_result, first.mobile_remain_available_num) == ("available", 5)
    sent = send_code(d.api, mobile, lang="en-us", timeout=30)
    assert sent.status_code == 204
    code = outbox_code(op, mobile)
    wrong = "000000" if code != "000000" else "111111"
    sdk_fails(d.api, 400, "CBC.99100090", create_sub, d.api, mobile_phone=mobile,
              verification_code=wrong)
    created = create_sub(d.api, mobile_phone=mobile, verification_code=code)
    info = list_subs(d.api, customer_id=created.domain_id).customer_infos[0]
    assert (info.telephone, info.country_code) == (mobile, "0086")
    sdk_fails(d.api, 400, "CBC.99000027", create_sub, d.api, mobile_phone=mobile,
              verification_code=code)
    after = check_identity(d.api, "mobile", f"0086-{mobile}")
    assert after.mobile_remain_available_num == 4
    assert check_identity(d.api, "name", created.domain_name).check_result == "used_by_user"
    assert check_identity(d.api, "name", unique("free-", 10)).check_result == "available"
    e = sdk_fails(d.api, 400, "CBC.0100", check_identity, d.api, "phone", "x")
    assert "search_type" in e.error_msg
    # 15 codes an hour per number: the 16th is refused.
    other = phone()
    for _ in range(15):
        assert send_code(d.api, other).status_code == 204
    sdk_fails(d.api, 400, "CBC.99004015", send_code, d.api, other)
    sdk_fails(d.api, 400, "CBC.0100", send_code, d.api, "12345")


def test_customer_invitation_failure_is_visible_to_the_partner(op):
    d = desk(op)
    credit = op.make_customer(has_credit_account=True)
    key = op.make_access_key(credit)
    customer = op.client(key, domain_id=key.domain_id)
    inv = d.api.post(CUSTOMER_INVITATIONS, {"account_name": credit.domain_name,
                                            "association_type": "2"})
    assert inv.status == 201
    e = customer.fails("POST", "/v2/customers/invitations/{code}/accept", 400, "CBC.99100083",
                       path_params={"code": inv.body["invitation_code"]})
    assert "credit account" in e.error_msg
    listed = d.api.get(CUSTOMER_INVITATIONS, query=[("association_status", "FAILED")])
    item = listed.body["invitations"][0]
    assert (item["failure_reason_code"], item["association_status"]) == ("HAS_CREDIT_ACCOUNT", "FAILED")
    assert "referral" in item["partner_action"]
    # Invited again for referral, it associates and appears in ListSubCustomers.
    again = d.api.post(CUSTOMER_INVITATIONS, {"account_name": credit.domain_name,
                                              "association_type": "1"})
    ok = customer.post("/v2/customers/invitations/{code}/accept",
                       path_params={"code": again.body["invitation_code"]})
    assert ok.status == 204
    info = list_subs(d.api, customer_id=credit.customer_id).customer_infos[0]
    assert (info.account_name, info.association_type) == (credit.domain_name, "1")
