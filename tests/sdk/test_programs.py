"""Programs and incentives through the official SDK (`call_api`, these endpoints have no typed
method): the eligibility read lists every rule, the application is refused with the first
failing code as the SDK's `error_code` and all of them in `error_details`, then accepted once
the operator has set the partner up.
"""

from bss import Api, ClientRequestException

FH = "/v2/partners/incentives/fh/qualifications"


def refusal(api: Api, method: str, path: str, **kw):
    try:
        api.raw(method, path, **kw)
    except ClientRequestException as e:
        return e, api.last.json()
    raise AssertionError(f"expected a refusal\n{api.last.describe()}")


def test_fh_eligibility_and_refusal_with_every_rule(op):
    partner = op.make_partner("SOLUTION_PROVIDER")
    pid = partner.partner_id
    admin = op.client(op.make_access_key(op.make_user(pid, ("admin",))))
    specialist = op.make_user(pid, ("project_specialist",)).user_id
    query = [("path_type", "SERVICE"), ("agreement_signed", "false"),
             ("specialist_ids", [specialist])]
    read = admin.get(FH + "/eligibility", query=query)
    assert read.status == 200
    assert read.body["eligible"] is False
    failing = [r["code"] for r in read.body["rules"] if not r["passed"]]
    assert failing == ["CBC.99100021", "CBC.99100046"]
    body = {"path_type": "SERVICE", "agreement_signed": False, "specialist_ids": [specialist]}
    e, wire = refusal(admin, "POST", FH, body=body)
    assert (e.status_code, e.error_code) == (400, "CBC.99100021")
    assert "2 rules are not met" in e.error_msg
    assert [d["error_code"] for d in wire["error_details"]] == failing
    # The operator puts the partner on the service path; the signed application passes.
    r = op.api.put("/v2/operator/partners/{id}/development-paths/SERVICE",
                   {"stage": "ROLE_CERTIFIED"}, path_params={"id": pid})
    assert r.body["stage"] == "ROLE_CERTIFIED"
    ok = admin.post(FH, {**body, "agreement_signed": True})
    assert (ok.status, ok.body["status"], ok.body["fh_type"]) == (201, "REVIEWING", "DELIVERY")
    queue = op.api.get("/v2/operator/fh-qualifications",
                       query=[("status", "REVIEWING"), ("partner_id", pid)])
    assert queue.body["total_count"] == 1
    done = op.api.post("/v2/operator/fh-qualifications/{id}/approve", {},
                       path_params={"id": ok.body["qualification_id"]})
    assert done.body["status"] == "APPROVED"


def test_payout_tells_the_partner_to_complete_certification(op):
    partner = op.make_partner("SOLUTION_PROVIDER")
    pid = partner.partner_id
    fin = op.client(op.make_access_key(op.make_user(pid, ("finance",))))
    inc = op.api.post("/v2/operator/partners/{id}/incentives",
                      {"incentive_type": "FH", "amount": "1200.50"}, path_params={"id": pid})
    path = "/v2/partners/incentives/{id}/payout-applications"
    e, _ = refusal(fin, "POST", path, body={}, path_params={"id": inc.body["incentive_id"]})
    assert (e.status_code, e.error_code) == (400, "CBC.99100041")
    assert "complete business information certification" in e.error_msg
    info = {"bank_account": {"account_type": "CORPORATE", "account_name": partner.body["name"],
                             "account_number": "6222021234567890", "bank_name": "ICBC"},
            "tax_info": {"taxpayer_id": "91440300MA5TEST01", "taxpayer_type": "GENERAL"}}
    sub = fin.put("/v2/partners/business-info", info)
    assert (sub.body["status"], sub.body["bank_account"]["account_number"]) == ("REVIEWING", "****7890")
    op.api.post("/v2/operator/business-info-certifications/{id}/approve", {},
                path_params={"id": sub.body["certification_id"]})
    paid = fin.post(path, {}, path_params={"id": inc.body["incentive_id"]})
    assert (paid.status, paid.body["status"]) == (201, "SUBMITTED")
