//! S3: `POST /v2/partners/indirect-partners/invitations` (a distributor invites a reseller) and
//! `GET /v2/partners/indirect-partners/invitations` (each side lists its own).

use super::{distributor, non_empty, ADMIN, SALES};
use crate::auth::Caller;
use crate::extract::{LegacyJson as Json, LegacyQuery as Query};
use crate::service::channel::reseller_invitations::{self as svc, Invitee, NewInvitation};
use crate::wire::rules as fields;
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::Data;
use actix_web::{get, post, HttpResponse};
use domain::identity::PartnerType;
use domain::invitation::InvitationStatus;
use domain::paging::Page;
use persistence::repo::reseller_invitations::{InvitationRow, ListFilter, Side};
use serde::{Deserialize, Serialize};
use utoipa::openapi::schema::Object;
use utoipa::openapi::{RefOr, Schema};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

#[derive(Deserialize, Validate, ToSchema)]
pub struct InviteResellerFields {
    /// The reseller's partner id; give this or `account_name`.
    #[validate(length(min = 1, max = 64))]
    #[schema(
        min_length = 1,
        max_length = 64,
        example = "5f1e2d3c4b5a69788796a5b4c3d2e1f0"
    )]
    indirect_partner_id: Option<String>,
    /// The reseller's account name; give this or `indirect_partner_id`.
    #[validate(length(min = 1, max = 64))]
    #[schema(min_length = 1, max_length = 64, example = "reseller-east")]
    account_name: Option<String>,
    #[validate(length(max = 256))]
    #[schema(schema_with = super::optional_remark)]
    remark: Option<String>,
}

/// The invitation: exactly one of `indirect_partner_id` and `account_name`.
#[derive(Deserialize)]
#[serde(transparent)]
pub struct InviteResellerReq(InviteResellerFields);

impl Validate for InviteResellerReq {
    fn validate(&self) -> Result<(), validator::ValidationErrors> {
        self.0.validate()
    }
}

impl utoipa::PartialSchema for InviteResellerReq {
    fn schema() -> RefOr<Schema> {
        fields::with_rules_example(
            InviteResellerFields::schema(),
            [fields::exactly_one("indirect_partner_id", "account_name")],
            serde_json::json!({"indirect_partner_id": "5f1e2d3c4b5a69788796a5b4c3d2e1f0", "remark": "Met at the partner summit"}),
        )
    }
}

impl ToSchema for InviteResellerReq {
    fn schemas(out: &mut Vec<(String, RefOr<Schema>)>) {
        InviteResellerFields::schemas(out);
    }
}

#[derive(Serialize, ToSchema)]
pub struct InvitationCreated {
    invitation_id: String,
    /// `PENDING`
    status: &'static str,
    /// UTC; the invitation expires 7 days after it was sent.
    expire_time: String,
}

/// Invites a reseller (distributor admins only). Each rule has its own code: CBC.99100011 not
/// in the reseller program (or no such partner), CBC.99100012 other country/region,
/// CBC.99100013 cooperates with another distributor, CBC.99100014 already yours,
/// CBC.99100070 a pending invitation to it exists.
#[utoipa::path(tag = "channel", request_body = InviteResellerReq, responses((status = 201, body = InvitationCreated)))]
#[post("/v2/partners/indirect-partners/invitations")]
pub async fn invite_reseller(
    state: Data<AppState>,
    caller: Caller,
    req: Json<InviteResellerReq>,
) -> Result<HttpResponse, ApiError> {
    let me = distributor(&caller, ADMIN)?;
    let req = req.into_inner()?.0;
    let invitee = match (req.indirect_partner_id, req.account_name) {
        (Some(id), None) => Invitee::Id(id),
        (None, Some(name)) => Invitee::AccountName(name),
        _ => {
            return Err(ApiError::param(
                "give exactly one of indirect_partner_id and account_name",
            ))
        }
    };
    if let Some(r) = &req.remark {
        domain::text::optional("remark", r, 256)?;
    }
    let n = NewInvitation {
        distributor_id: me.partner_id.clone(),
        invited_by: me.user_id.clone(),
        invitee,
        remark: req.remark,
    };
    let now = state.now();
    let row = state.write(move |c| svc::invite(c, &n, now)).await?;
    Ok(wire::json(
        StatusCode::CREATED,
        &InvitationCreated {
            invitation_id: row.id,
            status: InvitationStatus::Pending.as_str(),
            expire_time: wire::utc(row.expire_at),
        },
    ))
}

#[derive(Deserialize, Validate, IntoParams)]
pub struct ListInvitationsQuery {
    /// `PENDING`, `ACCEPTED`, `REJECTED`, `EXPIRED` or `CANCELLED`; absent or empty = all.
    #[param(schema_with = status_filter)]
    status: Option<String>,
    /// 0–40000000, default 0.
    #[param(example = 0)]
    offset: Option<i64>,
    /// 1–100, default 10.
    #[param(example = 10)]
    limit: Option<i64>,
}

/// An invitation status, or `""` for all.
fn status_filter() -> Object {
    crate::schemas::strings(InvitationStatus::ALL.iter().map(|s| s.as_str()).chain([""]))
}

#[derive(Serialize, ToSchema)]
pub struct ResellerInvitation {
    invitation_id: String,
    distributor_id: String,
    distributor_account_name: Option<String>,
    distributor_name: Option<String>,
    indirect_partner_id: String,
    indirect_partner_account_name: Option<String>,
    indirect_partner_name: Option<String>,
    /// As of now: a pending invitation past its expiry is `EXPIRED`.
    status: &'static str,
    remark: Option<String>,
    invited_on: String,
    expire_time: String,
    answered_on: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct ListResellerInvitationsResponse {
    total_count: i64,
    invitations: Vec<ResellerInvitation>,
}

/// Lists invitations: a distributor sees those it sent, a reseller those it received.
#[utoipa::path(tag = "channel", params(ListInvitationsQuery), responses((status = 200, body = ListResellerInvitationsResponse)))]
#[get("/v2/partners/indirect-partners/invitations")]
pub async fn list_reseller_invitations(
    state: Data<AppState>,
    caller: Caller,
    q: Query<ListInvitationsQuery>,
) -> Result<HttpResponse, ApiError> {
    let me = caller.partner_with(SALES)?;
    let (partner_id, kind) = (me.partner_id.clone(), me.partner_type);
    if kind == PartnerType::SolutionProvider {
        return Err(ApiError::Forbidden);
    }
    let q = q.into_inner()?;
    let page = Page::new(q.offset, q.limit)?;
    let status = non_empty(q.status)
        .map(|s| InvitationStatus::parse(&s))
        .transpose()?;
    let now = state.now();
    let listed = state
        .read(move |conn| {
            let side = match kind {
                PartnerType::Distributor => Side::SentBy(&partner_id),
                _ => Side::ReceivedBy(&partner_id),
            };
            let f = ListFilter {
                side,
                status,
                now,
                offset: page.offset,
                limit: page.limit,
            };
            svc::list(conn, &f)
        })
        .await?;
    let svc::Listed {
        total,
        rows,
        partners,
    } = listed;
    let view = |r: InvitationRow| -> Result<ResellerInvitation, ApiError> {
        let d = partners.get(&r.distributor_id);
        let p = partners.get(&r.reseller_id);
        let stored = InvitationStatus::parse(&r.status)
            .map_err(|_| ApiError::Internal("stored invitation status is unknown".into()))?;
        Ok(ResellerInvitation {
            status: stored.effective(r.expire_at, now).as_str(),
            distributor_account_name: d.map(|x| x.account_name.clone()),
            distributor_name: d.map(|x| x.name.clone()),
            indirect_partner_account_name: p.map(|x| x.account_name.clone()),
            indirect_partner_name: p.map(|x| x.name.clone()),
            invitation_id: r.id,
            distributor_id: r.distributor_id,
            indirect_partner_id: r.reseller_id,
            remark: r.remark,
            invited_on: wire::utc(r.created_at),
            expire_time: wire::utc(r.expire_at),
            answered_on: r.answered_at.map(wire::utc),
        })
    };
    let invitations = rows.into_iter().map(view).collect::<Result<_, _>>()?;
    Ok(wire::json(
        StatusCode::OK,
        &ListResellerInvitationsResponse {
            total_count: total,
            invitations,
        },
    ))
}
