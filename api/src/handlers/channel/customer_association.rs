//! S11, customer side: `GET /v2/customers/invitations` (the invitations a customer received)
//! and `POST /v2/customers/invitations/{invitation_code}/accept`, which decides the association.

use crate::auth::Caller;
use crate::extract::LegacyQuery as Query;
use crate::service::channel::association::{self, Outcome};
use crate::service::channel::customer_invitations as svc;
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::{Data, Path};
use actix_web::{get, post, HttpResponse};
use domain::association::{AssociationStatus, FailureReason};
use domain::paging::Page;
use persistence::repo::customer_invitations::{ListFilter, Side};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

/// Accepts an invitation. Refusals carry the reason's own code: CBC.99100080 LINK_NOT_FOUND,
/// CBC.99100081 LINK_EXPIRED, CBC.99100082 CODE_USED, CBC.99100083 HAS_CREDIT_ACCOUNT,
/// CBC.99100084 IS_PARTNER, CBC.99100085 BOUND_TO_OTHER_PARTNER, CBC.99100086
/// SPECIAL_CONTRACT; 503 CBC.0251 SYSTEM_BUSY (retry). The partner sees the same reason.
#[utoipa::path(tag = "customers", params(("invitation_code" = String, Path, example = "K7P2QX9M")), responses((status = 204, description = "associated")))]
#[post("/v2/customers/invitations/{invitation_code}/accept")]
pub async fn accept_customer_invitation(
    state: Data<AppState>,
    caller: Caller,
    code: Path<String>,
) -> Result<HttpResponse, ApiError> {
    let me = caller.customer()?.customer_id.clone();
    let code = code.into_inner();
    if code.is_empty() || code.len() > 64 || code.chars().any(char::is_control) {
        return Err(FailureReason::LinkNotFound.violation().into());
    }
    let now = state.now();
    let (me2, code2) = (me.clone(), code.clone());
    match state
        .write(move |c| association::accept(c, &me2, &code2, now))
        .await
    {
        Ok(Outcome::Associated) => Ok(HttpResponse::NoContent().finish()),
        Ok(Outcome::Refused(reason)) => Err(reason.violation().into()),
        Err(ApiError::Busy | ApiError::Internal(_)) => busy(&state, me, code, now).await,
        Err(e) => Err(e),
    }
}

/// The decision could not be made (locks held too long, database busy): record SYSTEM_BUSY on
/// the invitation, best effort, and tell the customer to retry.
async fn busy(
    state: &AppState,
    me: String,
    code: String,
    now: i64,
) -> Result<HttpResponse, ApiError> {
    tracing::warn!("invitation acceptance failed for want of resources; recorded SYSTEM_BUSY");
    let recorded: Result<(), ApiError> = state
        .write(move |c| association::record_busy(c, &me, &code, now))
        .await;
    if let Err(e) = recorded {
        tracing::warn!(error = %e, "could not record SYSTEM_BUSY");
    }
    Err(ApiError::Busy)
}

#[derive(Deserialize, Validate, IntoParams)]
pub struct MyInvitationsQuery {
    /// `PENDING`, `ASSOCIATED`, `FAILED` or `EXPIRED`; absent or empty = all.
    #[param(schema_with = super::customer_invitations::association_status_filter)]
    association_status: Option<String>,
    #[param(example = 0)]
    offset: Option<i64>,
    #[param(example = 10)]
    limit: Option<i64>,
}

#[derive(Serialize, ToSchema)]
pub struct ReceivedInvitation {
    invitation_id: String,
    partner_name: Option<String>,
    /// `"1"` referral, `"2"` resale.
    association_type: String,
    association_status: &'static str,
    failure_reason_code: Option<&'static str>,
    failure_reason: Option<&'static str>,
    /// While pending: accept with it.
    invitation_code: Option<String>,
    invited_on: String,
    expire_time: String,
}

#[derive(Serialize, ToSchema)]
pub struct ListReceivedInvitationsResponse {
    total_count: i64,
    invitations: Vec<ReceivedInvitation>,
}

/// The invitations you received as a customer.
#[utoipa::path(tag = "customers", params(MyInvitationsQuery), responses((status = 200, body = ListReceivedInvitationsResponse)))]
#[get("/v2/customers/invitations")]
pub async fn list_received_invitations(
    state: Data<AppState>,
    caller: Caller,
    q: Query<MyInvitationsQuery>,
) -> Result<HttpResponse, ApiError> {
    let me = caller.customer()?.customer_id.clone();
    let q = q.into_inner()?;
    let page = Page::new(q.offset, q.limit)?;
    let status = super::non_empty(q.association_status)
        .map(|s| AssociationStatus::parse(&s))
        .transpose()?;
    let now = state.now();
    let listed = state
        .read(move |conn| {
            let names = persistence::repo::customers::find(conn, &me)?
                .map(|c| c.email.into_iter().chain([c.domain_name]).collect())
                .unwrap_or_default();
            let f = ListFilter {
                side: Side::Customer { id: &me, names },
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
        invitations.push(ReceivedInvitation {
            invitation_id: r.id,
            partner_name: listed.partners.get(&r.partner_id).map(|p| p.name.clone()),
            association_type: r.association_type,
            association_status: status.as_str(),
            failure_reason_code: reason.map(FailureReason::as_str),
            failure_reason: reason.map(FailureReason::message),
            invitation_code: (status == AssociationStatus::Pending).then_some(r.code),
            invited_on: wire::utc(r.created_at),
            expire_time: wire::utc(r.expire_at),
        });
    }
    Ok(wire::json(
        StatusCode::OK,
        &ListReceivedInvitationsResponse {
            total_count: listed.total,
            invitations,
        },
    ))
}
