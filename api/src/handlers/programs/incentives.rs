//! S14: `GET /v2/partners/incentives`: incentives granted to the partner and their payouts.

use super::ListQuery;
use crate::auth::Caller;
use crate::extract::LegacyQuery as Query;
use crate::wire::WireAmount;
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::Data;
use actix_web::{get, HttpResponse};
use domain::identity::Role;
use domain::Money;
use persistence::repo::programs::incentives::{self as repo, IncentiveRow, PayoutRow};
use persistence::repo::programs::split;
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Serialize, ToSchema)]
pub struct PayoutView {
    payout_application_id: String,
    incentive_id: String,
    /// `SUBMITTED` (waiting to be paid to the certified bank account), `PAID` (with the
    /// bank's reference) or `REJECTED` (with the reasons).
    #[schema(example = "SUBMITTED", pattern = "^(SUBMITTED|PAID|REJECTED)$")]
    status: String,
    /// The business information certification whose bank account is paid.
    business_info_certification_id: String,
    applied_on: String,
    /// `PAID`: the bank's reference of the transfer, what was paid and its currency.
    #[serde(skip_serializing_if = "Option::is_none")]
    bank_reference: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    paid_amount: Option<WireAmount>,
    #[serde(skip_serializing_if = "Option::is_none")]
    paid_currency: Option<String>,
    /// `REJECTED`: the reasons' codes and text.
    #[serde(skip_serializing_if = "Option::is_none")]
    reason_codes: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<String>,
    /// When it was paid or rejected.
    #[serde(skip_serializing_if = "Option::is_none")]
    decided_on: Option<String>,
}

impl From<PayoutRow> for PayoutView {
    fn from(p: PayoutRow) -> Self {
        PayoutView {
            payout_application_id: p.id,
            incentive_id: p.incentive_id,
            status: p.status,
            business_info_certification_id: p.business_info_id,
            applied_on: wire::utc(p.applied_at),
            bank_reference: p.bank_reference,
            paid_amount: p.paid_cents.map(|c| WireAmount(Money::from_cents(c))),
            paid_currency: p.paid_currency,
            reason_codes: p.reason_codes.as_deref().map(split),
            reason: p.reason,
            decided_on: p.decided_at.map(wire::utc),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct IncentiveView {
    incentive_id: String,
    /// `FH`, `PROJECT_SUBSIDY`, `OTHER`, or `PCE_SHARED_OPPORTUNITY` (a won PCE shared
    /// opportunity, by the operator's rule).
    #[schema(example = "PROJECT_SUBSIDY")]
    incentive_type: String,
    amount: WireAmount,
    /// `CNY` or `USD`.
    currency: String,
    /// What it pays for, e.g. the subsidy application or the shared opportunity.
    source_id: Option<String>,
    remark: Option<String>,
    granted_on: String,
    /// The payout application, once made.
    payout: Option<PayoutView>,
}

impl IncentiveView {
    pub fn new(i: IncentiveRow, payout: Option<PayoutRow>) -> Self {
        IncentiveView {
            incentive_id: i.id,
            incentive_type: i.incentive_type,
            amount: WireAmount(Money::from_cents(i.amount_cents)),
            currency: i.currency,
            source_id: i.source_id,
            remark: i.remark,
            granted_on: wire::utc(i.created_at),
            payout: payout.map(PayoutView::from),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct Incentives {
    total_count: i64,
    incentives: Vec<IncentiveView>,
}

/// The partner's incentives, newest first, each with its payout application if any.
#[utoipa::path(tag = "programs", params(ListQuery), responses((status = 200, body = Incentives)))]
#[get("/v2/partners/incentives")]
pub async fn list_incentives(
    state: Data<AppState>,
    caller: Caller,
    query: Query<ListQuery>,
) -> Result<HttpResponse, ApiError> {
    let me = caller.partner_with(&[Role::Finance])?.partner_id.clone();
    let q = query.into_inner()?;
    let page = q.page()?;
    let (total, rows, payouts) = state
        .read(move |conn| {
            let (total, rows) = repo::list(conn, &me, page.offset, page.limit)?;
            let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
            Ok((total, rows, repo::payouts_for(conn, &ids)?))
        })
        .await?;
    let incentives = rows
        .into_iter()
        .map(|i| {
            let p = payouts.iter().find(|p| p.incentive_id == i.id).cloned();
            IncentiveView::new(i, p)
        })
        .collect();
    Ok(wire::json(
        StatusCode::OK,
        &Incentives {
            total_count: total,
            incentives,
        },
    ))
}
