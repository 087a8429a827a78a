"""Real-name authentication through the official SDK (S11): after CreateSubCustomer the
partner files CreatePersonalRealnameAuth, the operator reviews it, and
ShowRealnameAuthenticationReviewResult shows the result; then ChangeEnterpriseRealnameAuthentication
makes the individual an enterprise, and CreateEnterpriseRealnameAuthentication is refused for
an authenticated customer. Foreign customers answer like missing ones.
"""

from huaweicloudsdkbss.v2 import (
    ApplyEnterpriseRealnameAuthsReq,
    ApplyIndividualRealnameAuthsReq,
    ChangeEnterpriseRealnameAuthenticationRequest,
    ChangeEnterpriseRealnameAuthsReq,
    CreateEnterpriseRealnameAuthenticationRequest,
    CreatePersonalRealnameAuthRequest,
    EnterprisePersonNew,
    ShowRealnameAuthenticationReviewResultRequest,
)

from bss import sdk_fails
from test_channel import create_sub, desk

QUEUE = "/v2/operator/realname-auths"


def individual(customer_id):
    return CreatePersonalRealnameAuthRequest(body=ApplyIndividualRealnameAuthsReq(
        customer_id=customer_id, identify_type=0, verified_type=3,
        verified_file_url=["abc023.jpg", "def004.jpg", "gh007.jpg"], name="Li Lei",
        verified_number="E12345678", change_type=-1, xaccount_type="partner_x"))


def company(customer_id, **extra):
    return dict(
        customer_id=customer_id, identify_type=1, certificate_type=0,
        verified_file_url=["licence.jpg", "front.jpg", "back.jpg"], corp_name="Acme Cloud Ltd.",
        verified_number="91320000MA1234567X", reg_country="CN", reg_address="Nanjing",
        xaccount_type="partner_x",
        enterprise_person=EnterprisePersonNew(legel_name="Li Lei", legel_id_number="320102199001011234",
                                              certifier_role="legalPerson"),
        **extra)


def result(api, customer_id):
    return api.sdk.show_realname_authentication_review_result(
        ShowRealnameAuthenticationReviewResultRequest(customer_id=customer_id))


def decide(op, customer_id, verdict, body):
    r = op.api.get(QUEUE, query=[("status", "REVIEWING"), ("limit", "100")])
    assert r.status == 200, r.exchange.describe()
    ids = [a["id"] for a in r.body["applications"] if a["customer_id"] == customer_id]
    assert len(ids) == 1, r.body
    r = op.api.post(f"{QUEUE}/{ids[0]}/{verdict}", body)
    assert r.status == 200, r.exchange.describe()


def test_realname_authentication_through_review(op):
    d = desk(op, "SOLUTION_PROVIDER")
    customer_id = create_sub(d.api).domain_id
    empty = result(d.api, customer_id)
    assert empty.review_result is None and empty.opinion is None

    assert d.api.sdk.create_personal_realname_auth(individual(customer_id)).is_review == 1
    assert result(d.api, customer_id).review_result == 0
    decide(op, customer_id, "reject", {"reason_codes": ["PHOTO_UNREADABLE"], "reason": "Blurred."})
    r = result(d.api, customer_id)
    assert (r.review_result, r.opinion) == (1, "Blurred.")

    d.api.sdk.create_personal_realname_auth(individual(customer_id))
    decide(op, customer_id, "approve", {})
    assert result(d.api, customer_id).review_result == 2

    sdk_fails(d.api, 400, "CBC.99100170", d.api.sdk.create_enterprise_realname_authentication,
              CreateEnterpriseRealnameAuthenticationRequest(
                  body=ApplyEnterpriseRealnameAuthsReq(**company(customer_id))))
    changed = d.api.sdk.change_enterprise_realname_authentication(
        ChangeEnterpriseRealnameAuthenticationRequest(
            body=ChangeEnterpriseRealnameAuthsReq(**company(customer_id, change_type=1))))
    assert changed.is_review == 1
    decide(op, customer_id, "approve", {})
    assert result(d.api, customer_id).review_result == 2


def test_realname_authentication_of_a_foreign_customer(op):
    d = desk(op, "SOLUTION_PROVIDER")
    other = desk(op, "SOLUTION_PROVIDER")
    theirs = create_sub(other.api).domain_id
    for customer_id in [theirs, "0123456789abcdef0123456789abcdef"]:
        sdk_fails(d.api, 400, "CBC.99000035", d.api.sdk.create_personal_realname_auth,
                  individual(customer_id))
        sdk_fails(d.api, 400, "CBC.99000035", d.api.sdk.show_realname_authentication_review_result,
                  ShowRealnameAuthenticationReviewResultRequest(customer_id=customer_id))
    sdk_fails(d.api, 400, "CBC.0100", d.api.sdk.create_enterprise_realname_authentication,
              CreateEnterpriseRealnameAuthenticationRequest(
                  body=ApplyEnterpriseRealnameAuthsReq(**company(theirs, ) | {"corp_name": "12345"})))
