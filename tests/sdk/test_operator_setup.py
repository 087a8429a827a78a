"""The operator set-up API (OPERATOR-API.md) through the SDK: partners, users, access keys,
customers, reseller links, recharges and credit limits."""

from decimal import Decimal

import pytest

from bss import ROLES, Partner, strong_password, unique

PARTNERS = "/v2/operator/partners"
PARTNER = PARTNERS + "/{partner_id}"
USERS = PARTNER + "/users"
LINKS = PARTNER + "/indirect-partners"
CUSTOMERS = "/v2/operator/customers"


def _partner_view(operator_api, partner_id):
    return operator_api.get(PARTNER, path_params={"partner_id": partner_id}).body


# --- partners --------------------------------------------------------------------------------

def test_partner_options_are_kept(operator_api, op):
    reseller = op.make_partner("RESELLER", country_code="DE", reseller_program_joined=False,
                               marketing_plan_version="2.0")

    p = _partner_view(operator_api, reseller.partner_id)

    assert p["country_code"] == "DE"
    assert p["reseller_program_joined"] is False
    assert p["marketing_plan_version"] == "2.0"
    assert p["created_on"].endswith("Z") and len(p["created_on"]) == 20


def test_account_name_is_unique(operator_api, op):
    first = op.make_partner()

    e = operator_api.fails("POST", PARTNERS, 400, "CBC.99100001",
                           body={**first.body, "name": "Someone else"})
    assert "account_name" in e.error_msg


def test_unknown_partner_is_404(operator_api):
    operator_api.fails("GET", PARTNER, 404, "CBC.99100002",
                       path_params={"partner_id": unique("", 32)})
    operator_api.fails("GET", PARTNER, 404, "CBC.99100002", path_params={"partner_id": "x" * 65})


# --- users and access keys -------------------------------------------------------------------

def test_user_with_every_role_gets_a_working_key(op):
    partner = op.make_partner()
    user = op.make_user(partner.partner_id, ROLES, display_name="All roles")
    key = op.make_access_key(user)

    assert key.access_key and len(key.secret_key) >= 16
    assert key.domain_id == partner.domain_id
    # The issued secret signs: the request is authenticated, then refused as not an operator.
    op.client(key).fails("GET", PARTNER, 403, "CBC.0151",
                         path_params={"partner_id": partner.partner_id})


def test_each_access_key_is_new(op):
    partner = op.make_partner()
    user = op.make_user(partner.partner_id, ["finance"])

    a, b = op.make_access_key(user), op.make_access_key(user)

    assert a.access_key != b.access_key and a.secret_key != b.secret_key
    for key in (a, b):
        op.client(key).fails("GET", PARTNER, 403, "CBC.0151",
                             path_params={"partner_id": partner.partner_id})


@pytest.mark.parametrize("change, field", [
    ({"roles": ["boss"]}, "role"),
    ({"roles": []}, "roles"),
    ({"user_name": "has space"}, "user_name"),
    ({"user_name": "u" * 65}, "user_name"),
    ({"password": "short1A"}, "password"),
])
def test_bad_user_parameters_are_400_cbc_0100(operator_api, op, change, field):
    partner = op.make_partner()
    body = {"user_name": unique("sdk.bad.", 12), "roles": ["admin"], **change}

    e = operator_api.fails("POST", USERS, 400, "CBC.0100", body=body,
                           path_params={"partner_id": partner.partner_id})
    assert field in e.error_msg


def test_supervisor_must_be_a_supervisor_of_the_same_partner(operator_api, op):
    partner = op.make_partner()
    supervisor = op.make_user(partner.partner_id, ["account_manager_supervisor"])
    plain = op.make_user(partner.partner_id, ["account_manager"])
    elsewhere = op.make_user(op.make_partner().partner_id, ["account_manager_supervisor"])

    op.make_user(partner.partner_id, ["account_manager"], supervisor_user_id=supervisor.user_id)
    for bad in (plain.user_id, elsewhere.user_id, unique("", 32)):
        e = operator_api.fails("POST", USERS, 400, "CBC.99100087",
                               path_params={"partner_id": partner.partner_id},
                               body={"user_name": unique("sdk.am.", 12),
                                     "roles": ["account_manager"], "supervisor_user_id": bad})
        assert "supervisor_user_id" in e.error_msg


def test_weak_password_is_a_business_answer(operator_api, op):
    """Length is the schema's rule (CBC.0100); the mix of character kinds is a policy the
    schema cannot state, answered with its own code."""
    partner = op.make_partner()
    e = operator_api.fails("POST", USERS, 400, "CBC.99100088",
                           path_params={"partner_id": partner.partner_id},
                           body={"user_name": unique("sdk.weak.", 12), "roles": ["admin"],
                                 "password": "alllowercaseletters"})
    assert "password" in e.error_msg


def test_user_of_unknown_partner_is_404(operator_api):
    operator_api.fails("POST", USERS, 404, "CBC.99100002",
                       path_params={"partner_id": unique("", 32)},
                       body={"user_name": unique("sdk.lost.", 12), "roles": ["admin"]})


def test_key_for_a_user_of_another_partner_is_404(operator_api, op):
    user = op.make_user(op.make_partner().partner_id)
    other = op.make_partner()

    operator_api.fails("POST", USERS + "/{user_id}/access-keys", 404, "CBC.99100002",
                       path_params={"partner_id": other.partner_id, "user_id": user.user_id})


def test_login_names_are_shared_by_users_and_customers(operator_api, op):
    partner = op.make_partner()
    customer = op.make_customer()
    user = op.make_user(partner.partner_id)

    operator_api.fails("POST", USERS, 400, "CBC.99100001",
                       path_params={"partner_id": partner.partner_id},
                       body={"user_name": customer.domain_name, "roles": ["admin"]})
    operator_api.fails("POST", USERS, 400, "CBC.99100001",
                       path_params={"partner_id": partner.partner_id},
                       body={"user_name": user.user_name, "roles": ["admin"]})
    operator_api.fails("POST", CUSTOMERS, 400, "CBC.99100001",
                       body={"domain_name": customer.domain_name, "country_code": "CN"})


@pytest.mark.parametrize("first_upper", [False, True], ids=["lower-then-upper",
                                                            "upper-then-lower"])
def test_login_names_differing_only_in_case_collide(operator_api, op, first_upper):
    name = unique("sdk_case_", 12)
    first, second = (name.upper(), name) if first_upper else (name, name.upper())
    op.make_customer(domain_name=first)

    operator_api.fails("POST", CUSTOMERS, 400, "CBC.99100001",
                       body={"domain_name": second, "country_code": "CN"})


# --- customers -------------------------------------------------------------------------------

@pytest.mark.parametrize("domain_name", [
    "abcd",                 # 4 characters
    "a" * 33,               # 33 characters
    "1abcde",               # starts with a digit
    "ab cde",               # a space
    "abc.de",               # a dot
    "op_abcde",             # reserved prefix
    "shadow_abc",           # reserved prefix
])
def test_bad_domain_name_is_400_cbc_0100(operator_api, domain_name):
    e = operator_api.fails("POST", CUSTOMERS, 400, "CBC.0100",
                           body={"domain_name": domain_name, "country_code": "CN"})
    assert "domain_name" in e.error_msg


@pytest.mark.parametrize("make", [
    lambda: "_" + unique("", 4),            # 5 characters, starts with _
    lambda: "-" + unique("", 31),           # 32 characters, starts with -
    lambda: "Ab9_-" + unique("", 8),
])
def test_domain_name_edge_cases_are_accepted(operator_api, make):
    name = make()
    r = operator_api.post(CUSTOMERS, {"domain_name": name, "country_code": "CN",
                                      "has_credit_account": True, "is_partner": False,
                                      "special_contract": True, "email": "c@example.com"})
    assert r.status == 201
    assert r.body["customer_id"] and r.body["domain_id"]


def test_customer_key_unknown_customer_is_404(operator_api):
    operator_api.fails("POST", CUSTOMERS + "/{customer_id}/access-keys", 404, "CBC.99100002",
                       path_params={"customer_id": unique("", 32)})


# --- reseller links --------------------------------------------------------------------------

def _link(operator_api, distributor: Partner, reseller_id: str):
    return operator_api.post(LINKS, {"indirect_partner_id": reseller_id},
                             path_params={"partner_id": distributor.partner_id})


def test_linking_a_reseller_sets_its_parent(operator_api, op):
    distributor = op.make_partner("DISTRIBUTOR")
    reseller = op.make_partner("RESELLER")

    r = _link(operator_api, distributor, reseller.partner_id)

    assert r.status == 201
    assert r.body == {"indirect_partner_id": reseller.partner_id}
    view = _partner_view(operator_api, reseller.partner_id)
    assert view["parent_partner_id"] == distributor.partner_id
    assert view["associated_on"] and view["associated_on"].endswith("Z")


def test_link_rules_have_their_codes(operator_api, op):
    distributor = op.make_partner("DISTRIBUTOR")

    def refused(code, reseller_id, by=distributor):
        operator_api.fails("POST", LINKS, 400, code, body={"indirect_partner_id": reseller_id},
                           path_params={"partner_id": by.partner_id})

    # not a distributor
    refused("CBC.99100015", op.make_partner("RESELLER").partner_id,
            by=op.make_partner("SOLUTION_PROVIDER"))
    # not a reseller / not in the reseller programme
    refused("CBC.99100011", op.make_partner("DISTRIBUTOR").partner_id)
    refused("CBC.99100011", op.make_partner("RESELLER", reseller_program_joined=False).partner_id)
    # another country
    refused("CBC.99100012", op.make_partner("RESELLER", country_code="FR").partner_id)
    # already linked here / elsewhere
    reseller = op.make_partner("RESELLER")
    assert _link(operator_api, distributor, reseller.partner_id).status == 201
    refused("CBC.99100014", reseller.partner_id)
    refused("CBC.99100013", reseller.partner_id, by=op.make_partner("DISTRIBUTOR"))
    # no such reseller
    refused("CBC.99000037", unique("", 32))


def test_link_on_unknown_distributor_is_404(operator_api, op):
    reseller = op.make_partner("RESELLER")
    operator_api.fails("POST", LINKS, 404, "CBC.99100002",
                       path_params={"partner_id": unique("", 32)},
                       body={"indirect_partner_id": reseller.partner_id})


# --- money -----------------------------------------------------------------------------------

@pytest.mark.parametrize("amount", [Decimal("0.01"), Decimal("100"), "1.11", 12345678.9, 7])
def test_recharge_accepts_numbers_and_strings(operator_api, op, amount):
    partner = op.make_partner()
    r = operator_api.post(PARTNER + "/recharge", {"amount": amount},
                          path_params={"partner_id": partner.partner_id})
    assert r.status == 200 and r.body["trans_id"]

    customer = op.make_customer()
    r = operator_api.post(CUSTOMERS + "/{customer_id}/recharge", {"amount": amount},
                          path_params={"customer_id": customer.customer_id})
    assert r.status == 200 and r.body["trans_id"]


def test_money_for_unknown_ids_is_404(operator_api):
    missing = unique("", 32)
    operator_api.fails("POST", PARTNER + "/recharge", 404, "CBC.99100002",
                       path_params={"partner_id": missing}, body={"amount": "1.00"})
    operator_api.fails("PUT", PARTNER + "/credit-limit", 404, "CBC.99100002",
                       path_params={"partner_id": missing}, body={"credit_limit": "1.00"})
    operator_api.fails("POST", CUSTOMERS + "/{customer_id}/recharge", 404, "CBC.99100002",
                       path_params={"customer_id": missing}, body={"amount": "1.00"})
    operator_api.fails("PUT", CUSTOMERS + "/{customer_id}/credit-limit", 404, "CBC.99100002",
                       path_params={"customer_id": missing}, body={"credit_limit": "1.00"})


def test_credit_limit_can_be_set_raised_and_cleared(operator_api, op):
    partner = op.make_partner()
    args = dict(path_params={"partner_id": partner.partner_id})

    ids = [operator_api.put(PARTNER + "/credit-limit", {"credit_limit": v}, **args).body["trans_id"]
           for v in ("500.00", Decimal("750.25"), 0)]

    assert len(set(ids)) == 3 and all(ids)


@pytest.mark.parametrize("value", ["-0.01", Decimal("1.234"), "abc"])
def test_bad_credit_limit_is_400_naming_it(operator_api, op, value):
    partner = op.make_partner()
    e = operator_api.fails("PUT", PARTNER + "/credit-limit", 400, "CBC.0100",
                           path_params={"partner_id": partner.partner_id},
                           body={"credit_limit": value})
    assert "credit_limit" in e.error_msg


def test_user_password_enables_login(op, api_client):
    password = strong_password()
    user = op.make_user(op.make_partner().partner_id, ["admin"], password=password)

    anonymous = api_client("NOBODY" + unique("", 8).upper(), "n" * 32)
    r = anonymous.post("/v2/auth/tokens", {"user_name": user.user_name, "password": password})

    assert r.status == 200 and r.body["token"].count(".") == 2
