//! ListCouponQuotasRecords: a distributor's grants ("10") and reclaims ("11") of quota.

use super::{distributor, range, EmptyParams, READERS};
use crate::auth::Caller;
use crate::extract::LegacyQuery as Query;
use crate::service::acting;
use crate::wire::WireAmount;
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::Data;
use actix_web::{get, HttpRequest, HttpResponse};
use domain::paging::Page;
use domain::vouchers::{OP_QUOTA_GRANT, OP_QUOTA_RECLAIM};
use domain::Money;
use persistence::repo::partners;
use persistence::repo::quota_records::{self, QuotaRecordFilter, QuotaRecordRow};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

#[derive(Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct QuotaRecordsQuery {
    /// Only records of this reseller of yours.
    #[validate(length(min = 1, max = 64))]
    #[param(
        min_length = 1,
        max_length = 64,
        example = "0a1b2c3d4e5f46a7b8c9d0e1f2a3b4c5"
    )]
    indirect_partner_id: Option<String>,
    /// The reseller's quota; absent or empty: no filter.
    #[validate(length(max = 64))]
    #[param(max_length = 64, example = "0c1d2e3f4a5b46c7d8e9f0a1b2c3d4e5")]
    quota_id: Option<String>,
    /// UTC, strict lower bound.
    #[validate(length(max = 20))]
    #[param(schema_with = crate::schemas::utc_time)]
    operation_time_begin: Option<String>,
    /// UTC, strict upper bound.
    #[validate(length(max = 20))]
    #[param(schema_with = crate::schemas::utc_time)]
    operation_time_end: Option<String>,
    /// Your quota; absent: no filter, empty: filters too.
    #[validate(length(max = 64))]
    #[param(max_length = 64, example = "8f7e6d5c4b3a49281706f5e4d3c2b1a0")]
    parent_quota_id: Option<String>,
    /// "10" grant, "11" reclaim; other values do not filter.
    #[validate(length(max = 8))]
    #[param(max_length = 8, example = "10")]
    operation_type: Option<String>,
    #[validate(range(min = 0))]
    #[param(minimum = 0, example = 0)]
    offset: Option<i64>,
    #[validate(range(min = 1, max = 100))]
    #[param(minimum = 1, maximum = 100, example = 10)]
    limit: Option<i64>,
}

/// One record (QuotaRecord).
#[derive(Serialize, ToSchema)]
pub struct QuotaRecord {
    id: String,
    /// The user who did it.
    operator: String,
    operation_type: String,
    quota_id: Option<String>,
    parent_quota_id: String,
    amount: WireAmount,
    operation_time: String,
    /// "0" success, "-1" failure.
    result: String,
    indirect_partner_account_name: Option<String>,
    indirect_partner_id: String,
    indirect_partner_name: Option<String>,
    remark: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct QuotaRecordPage {
    total_count: i64,
    records: Vec<QuotaRecord>,
}

type Names = HashMap<String, (String, String)>;

fn record(r: QuotaRecordRow, names: &Names) -> QuotaRecord {
    let n = names.get(&r.indirect_partner_id);
    QuotaRecord {
        id: r.id,
        operator: r.operator,
        operation_type: r.operation_type,
        quota_id: r.quota_id,
        parent_quota_id: r.parent_quota_id,
        amount: WireAmount(Money::from_cents(r.amount_cents)),
        operation_time: wire::utc(r.operation_time),
        result: r.result,
        indirect_partner_account_name: n.map(|n| n.0.clone()),
        indirect_partner_name: n.map(|n| n.1.clone()),
        indirect_partner_id: r.indirect_partner_id,
        remark: r.remark,
    }
}

/// The distributor's quota grants and reclaims, newest first.
#[utoipa::path(tag = "vouchers", params(QuotaRecordsQuery), responses((status = 200, body = QuotaRecordPage)))]
#[get("/v2/partners/coupon-quotas/records")]
pub async fn list_coupon_quotas_records(
    state: Data<AppState>,
    caller: Caller,
    query: Query<QuotaRecordsQuery>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    let me = distributor(&caller, READERS)?.partner_id.clone();
    let q = query.into_inner()?;
    let page = Page::new(q.offset, q.limit)?;
    let empty = EmptyParams::of(&req);
    empty.reject(&["operation_time_begin", "operation_time_end"])?;
    let (after, before) = range(
        ("operation_time_begin", q.operation_time_begin.as_ref()),
        ("operation_time_end", q.operation_time_end.as_ref()),
    )?;
    let f = QuotaRecordFilter {
        partner_id: me.clone(),
        indirect_partner_id: q.indirect_partner_id.clone(),
        quota_id: q.quota_id.clone().filter(|s| !s.is_empty()),
        parent_quota_id: empty.text("parent_quota_id", q.parent_quota_id.clone()),
        operation_type: q
            .operation_type
            .clone()
            .filter(|t| [OP_QUOTA_GRANT, OP_QUOTA_RECLAIM].contains(&t.as_str())),
        after,
        before,
    };
    let (total, rows, names) = state
        .read(move |conn| {
            if let Some(r) = &f.indirect_partner_id {
                acting::own_reseller(conn, &me, r)?;
            }
            let rows = quota_records::page(conn, &f, page.offset, page.limit)?;
            let mut names = Names::new();
            for r in &rows {
                if !names.contains_key(&r.indirect_partner_id) {
                    if let Some(p) = partners::find(conn, &r.indirect_partner_id)? {
                        names.insert(p.id.clone(), (p.account_name, p.name));
                    }
                }
            }
            Ok((quota_records::count(conn, &f)?, rows, names))
        })
        .await?;
    Ok(wire::json(
        StatusCode::OK,
        &QuotaRecordPage {
            total_count: total,
            records: rows.into_iter().map(|r| record(r, &names)).collect(),
        },
    ))
}
