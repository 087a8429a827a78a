"""Creates the data a fuzz run works on (a distributor with an admin user, a linked reseller, a
resale customer with an order) through the operator API, and prints the credentials as shell
assignments."""

import json
import os
import sys
import uuid

import requests

sys.path.insert(0, os.path.dirname(__file__))
from signer import Signer  # noqa: E402

BASE = sys.argv[1]
OP = Signer(os.environ["BSS_OPERATOR_AK"], os.environ["BSS_OPERATOR_SK"])


def call(method, path, body=None, auth=OP, want=(200, 201, 204)):
    r = requests.request(method, BASE + path, data=json.dumps(body or {}), auth=auth,
                         headers={"Content-Type": "application/json"}, timeout=30)
    if r.status_code not in want:
        raise SystemExit(f"seed: {method} {path} answered {r.status_code}: {r.text}")
    return r.json() if r.text else {}


def tag():
    return uuid.uuid4().hex[:10]


d = call("POST", "/v2/operator/partners", {"name": "Fuzz", "account_name": f"fuzz-{tag()}",
                                            "partner_type": "DISTRIBUTOR", "country_code": "CN"})
r = call("POST", "/v2/operator/partners", {"name": "Fuzz reseller", "account_name": f"fuzz-r-{tag()}",
                                            "partner_type": "RESELLER", "country_code": "CN"})
call("POST", f"/v2/operator/partners/{d['partner_id']}/indirect-partners", {"indirect_partner_id": r["partner_id"]})
call("POST", f"/v2/operator/partners/{d['partner_id']}/recharge", {"amount": "100000"})
u = call("POST", f"/v2/operator/partners/{d['partner_id']}/users",
         {"user_name": f"fuzz-{tag()}", "roles": ["admin"], "password": "Passw0rd!x"})
k = call("POST", f"/v2/operator/partners/{d['partner_id']}/users/{u['user_id']}/access-keys")
c = call("POST", "/v2/operator/customers", {"domain_name": f"fuzz-c-{tag()}", "country_code": "CN", "password": "Passw0rd!x"})
call("POST", f"/v2/operator/partners/{d['partner_id']}/sub-customers", {"customer_id": c["customer_id"], "association_type": "2"})
ck = call("POST", f"/v2/operator/customers/{c['customer_id']}/access-keys")
# Funds for the order chain's PayOrders (create -> read -> pay -> unsubscribe -> refund).
# A resale customer is funded by its partner (UpdateCustomerAccountAmount).
call("POST", "/v2/accounts/partner-accounts/adjust-amount", {"customer_id": c["customer_id"], "amount": "50000"},
     auth=Signer(k["access_key"], k["secret_key"]))
call("POST", "/v2/operator/orders", {"customer_id": c["customer_id"], "service_type_code": "hws.service.type.ebs",
     "order_line_items": [{"product_id": "p-1", "period_type": 2, "period_num": 1, "official_amount": "1.00"}]})
print(f"PARTNER_AK={k['access_key']} PARTNER_SK={k['secret_key']} "
      f"CUSTOMER_AK={ck['access_key']} CUSTOMER_SK={ck['secret_key']} CUSTOMER_ID={c['customer_id']}")
