//! S11, partner side: `POST /v2/partners/sub-customers/invitations` (invite an existing
//! customer), `GET …/invitations` (list by association status), `POST …/{id}/resend`.

use super::{non_empty, path_id, SALES};
use crate::auth::Caller;
use crate::extract::{LegacyJson as Json, LegacyQuery as Query};
use crate::service::channel::customer_invitations::{self as svc, Invitee, Issued};
use crate::service::channel::outbox::notice;
use crate::wire::rules as fields;
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::{Data, Path};
use actix_web::{get, post, HttpResponse};
use domain::association::{AssociationStatus, AssociationType, FailureReason};
use domain::identity::DomainName;
use domain::paging::Page;
use domain::{codes, Violation};
use persistence::repo::customer_invitations::{ListFilter, Side};
use serde::{Deserialize, Serialize};
use utoipa::openapi::{RefOr, Schema};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

#[derive(Deserialize, Validate, ToSchema)]
pub struct InviteCustomerFields {
    /// The customer's login name; give this or `email`. Whether a customer has it is never
    /// told: the invitation is issued alike.
    #[validate(length(min = 1, max = 64))]
    #[schema(schema_with = super::identity_fields::domain_name)]
    account_name: Option<String>,
    /// An e-mail address (`local@domain`); give this or `account_name`. The invitation is
    /// e-mailed there; someone who is not yet a customer registers through it.
    email: Option<crate::wire::EmailAddress>,
    /// `"1"` referral or `"2"` resale.
    #[schema(schema_with = association_type_schema)]
    association_type: String,
    #[validate(length(max = 256))]
    #[schema(schema_with = super::optional_remark)]
    remark: Option<String>,
    /// Invite for one of your resellers (distributors only).
    #[validate(length(max = 64))]
    #[schema(max_length = 64, example = "5f1e2d3c4b5a69788796a5b4c3d2e1f0")]
    indirect_partner_id: Option<String>,
}

fn association_type_schema() -> utoipa::openapi::schema::Object {
    crate::schemas::strings(AssociationType::ALL.iter().map(|t| t.as_str()))
}

/// The invitation: exactly one of `account_name` and `email`.
#[derive(Deserialize)]
#[serde(transparent)]
pub struct InviteCustomerReq(InviteCustomerFields);

impl Validate for InviteCustomerReq {
    fn validate(&self) -> Result<(), validator::ValidationErrors> {
        self.0.validate()
    }
}

impl utoipa::PartialSchema for InviteCustomerReq {
    fn schema() -> RefOr<Schema> {
        fields::with_rules_example(
            InviteCustomerFields::schema(),
            [fields::exactly_one("account_name", "email")],
            serde_json::json!({"account_name": "acme-cloud", "association_type": "2", "remark": "Met at the partner summit"}),
        )
    }
}

impl ToSchema for InviteCustomerReq {
    fn schemas(out: &mut Vec<(String, RefOr<Schema>)>) {
        InviteCustomerFields::schemas(out);
    }
}

#[derive(Serialize, ToSchema)]
pub struct CustomerInvitationIssued {
    invitation_id: String,
    /// Give it to the customer (it is also e-mailed to the invited address, or to the invited
    /// customer's); a customer accepts with `POST /v2/customers/invitations/{invitation_code}/accept`,
    /// someone without an account registers with it at `POST /v2/customer-registrations`.
    invitation_code: String,
    /// `PENDING`
    association_status: &'static str,
    /// UTC; 7 days after sending.
    expire_time: String,
}

fn issued(state: &AppState, i: Issued) -> CustomerInvitationIssued {
    if let Some(m) = i.email {
        state.notifier.deliver(&notice(m));
    }
    CustomerInvitationIssued {
        invitation_id: i.row.id,
        invitation_code: i.row.code,
        association_status: AssociationStatus::Pending.as_str(),
        expire_time: wire::utc(i.row.expire_at),
    }
}

/// Invites a customer, by account name or e-mail, to associate with you. Every well-formed
/// invitation is issued alike, whether or not a customer has that name or address: an existing
/// customer accepts it (`POST /v2/customers/invitations/{invitation_code}/accept`), anyone else
/// registers through it (`POST /v2/customer-registrations`); the outcome shows in your list.
/// CBC.99100074 already your customer, CBC.99100075 a pending invitation from you to the same
/// account name or e-mail exists.
#[utoipa::path(tag = "customers", request_body = InviteCustomerReq, responses((status = 201, body = CustomerInvitationIssued)))]
#[post("/v2/partners/sub-customers/invitations")]
pub async fn invite_customer(
    state: Data<AppState>,
    caller: Caller,
    req: Json<InviteCustomerReq>,
) -> Result<HttpResponse, ApiError> {
    let me = caller.partner_with(SALES)?;
    let (partner_id, user_id) = (me.partner_id.clone(), me.user_id.clone());
    let req = req.into_inner()?.0;
    let invitee = match (req.account_name, req.email) {
        (Some(n), None) => {
            DomainName::parse(&n)
                .map_err(|v| Violation::param(v.message.replace("domain_name", "account_name")))?;
            Invitee::AccountName(n)
        }
        (None, Some(e)) => Invitee::Email(e.into_inner()),
        _ => {
            return Err(ApiError::param(
                "give exactly one of account_name and email",
            ))
        }
    };
    let kind = AssociationType::parse("association_type", &req.association_type)?;
    if let Some(r) = &req.remark {
        domain::text::optional("remark", r, 256)?;
    }
    let n = svc::NewCustomerInvitation {
        caller_partner_id: partner_id,
        indirect_partner_id: non_empty(req.indirect_partner_id),
        invited_by: user_id,
        invitee,
        association_type: kind,
        remark: req.remark,
    };
    let now = state.now();
    let i = state.write(move |c| svc::invite(c, &n, now)).await?;
    Ok(wire::json(StatusCode::CREATED, &issued(&state, i)))
}

/// Re-sends an invitation that has not led to an association: a new code and expiry; the old
/// link stops working. CBC.99100076 already associated.
#[utoipa::path(tag = "customers", params(("invitation_id" = String, Path, example = "IV2412040001")), responses((status = 200, body = CustomerInvitationIssued), (status = 404, body = openapi::ErrorBody)))]
#[post("/v2/partners/sub-customers/invitations/{invitation_id}/resend")]
pub async fn resend_customer_invitation(
    state: Data<AppState>,
    caller: Caller,
    id: Path<String>,
) -> Result<HttpResponse, ApiError> {
    let me = caller.partner_with(SALES)?.partner_id.clone();
    let id = path_id(&id, || {
        Violation::new(codes::NOT_FOUND, "invitation does not exist")
    })?;
    let now = state.now();
    let i = state.write(move |c| svc::resend(c, &me, &id, now)).await?;
    Ok(wire::json(StatusCode::OK, &issued(&state, i)))
}

#[derive(Deserialize, Validate, IntoParams)]
pub struct ListCustomerInvitationsQuery {
    /// `PENDING`, `ASSOCIATED`, `FAILED` or `EXPIRED`; absent or empty = all.
    #[param(schema_with = association_status_filter)]
    association_status: Option<String>,
    #[param(example = 0)]
    offset: Option<i64>,
    #[param(example = 10)]
    limit: Option<i64>,
    /// A distributor lists one of its resellers' invitations.
    #[validate(length(max = 64))]
    #[param(max_length = 64, example = "5f1e2d3c4b5a69788796a5b4c3d2e1f0")]
    indirect_partner_id: Option<String>,
}

/// An association status, or `""` for all.
pub(crate) fn association_status_filter() -> utoipa::openapi::schema::Object {
    crate::schemas::strings(
        AssociationStatus::ALL
            .iter()
            .map(|s| s.as_str())
            .chain([""]),
    )
}

#[derive(Serialize, ToSchema)]
pub struct CustomerInvitation {
    invitation_id: String,
    /// The account name or e-mail you invited.
    invitee: String,
    /// Known once associated.
    customer_id: Option<String>,
    account_name: Option<String>,
    customer_name: Option<String>,
    /// `"1"` referral, `"2"` resale.
    association_type: String,
    /// As of now: a pending invitation past its expiry is `EXPIRED`.
    association_status: &'static str,
    /// `SYSTEM_BUSY`, `LINK_NOT_FOUND`, `LINK_EXPIRED`, `CODE_USED`, `HAS_CREDIT_ACCOUNT`,
    /// `IS_PARTNER`, `BOUND_TO_OTHER_PARTNER`, `SPECIAL_CONTRACT`.
    failure_reason_code: Option<&'static str>,
    failure_reason: Option<&'static str>,
    /// What to do about the failure.
    partner_action: Option<&'static str>,
    failed_on: Option<String>,
    /// While pending, to pass on to the customer.
    invitation_code: Option<String>,
    invited_on: String,
    sent_on: String,
    expire_time: String,
    associated_on: Option<String>,
    resend_count: i32,
    remark: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct ListCustomerInvitationsResponse {
    total_count: i64,
    invitations: Vec<CustomerInvitation>,
}

/// Lists your invitations (or a reseller's) with their association status and, for failures,
/// the reason and what to do.
#[utoipa::path(tag = "customers", params(ListCustomerInvitationsQuery), responses((status = 200, body = ListCustomerInvitationsResponse)))]
#[get("/v2/partners/sub-customers/invitations")]
pub async fn list_customer_invitations(
    state: Data<AppState>,
    caller: Caller,
    q: Query<ListCustomerInvitationsQuery>,
) -> Result<HttpResponse, ApiError> {
    let me = caller.partner_with(SALES)?.partner_id.clone();
    let q = q.into_inner()?;
    let page = Page::new(q.offset, q.limit)?;
    let status = non_empty(q.association_status)
        .map(|s| AssociationStatus::parse(&s))
        .transpose()?;
    let reseller = non_empty(q.indirect_partner_id);
    let now = state.now();
    let listed = state
        .read(move |conn| {
            let partner =
                crate::service::channel::scope::acting_partner(conn, &me, reseller.as_deref())?;
            let f = ListFilter {
                side: Side::Partner(&partner.id),
                status,
                now,
                offset: page.offset,
                limit: page.limit,
            };
            svc::list(conn, &f)
        })
        .await?;
    let mut invitations = Vec::with_capacity(listed.rows.len());
    for r in listed.rows {
        let (status, reason) = svc::shown(&r, now)?;
        let c = (status == AssociationStatus::Associated)
            .then(|| {
                r.customer_id
                    .as_ref()
                    .and_then(|id| listed.customers.get(id))
            })
            .flatten();
        invitations.push(CustomerInvitation {
            invitation_id: r.id,
            invitee: r.invitee,
            customer_id: c.map(|c| c.id.clone()),
            account_name: c.map(|c| c.domain_name.clone()),
            customer_name: c.map(|c| c.customer_name.clone().unwrap_or(c.domain_name.clone())),
            association_type: r.association_type,
            association_status: status.as_str(),
            failure_reason_code: reason.map(FailureReason::as_str),
            failure_reason: reason.map(FailureReason::message),
            partner_action: reason.map(FailureReason::partner_action),
            failed_on: r
                .failed_at
                .or((status == AssociationStatus::Expired).then_some(r.expire_at))
                .map(wire::utc),
            invitation_code: (status == AssociationStatus::Pending).then_some(r.code),
            invited_on: wire::utc(r.created_at),
            sent_on: wire::utc(r.sent_at),
            expire_time: wire::utc(r.expire_at),
            associated_on: r.associated_at.map(wire::utc),
            resend_count: r.resend_count,
            remark: r.remark,
        });
    }
    Ok(wire::json(
        StatusCode::OK,
        &ListCustomerInvitationsResponse {
            total_count: listed.total,
            invitations,
        },
    ))
}
