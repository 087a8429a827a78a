//! Invariants of quotas, coupons and their records, checked in one snapshot (tests and
//! operators use it): every quota's value is accounted for, and records match coupons 1:1.

use crate::{DbConnection, StoreError};
use diesel::sql_types::{BigInt, Integer, Text};
use diesel::RunQueryDsl;

#[derive(Debug, diesel::QueryableByName)]
struct QuotaFlows {
    #[diesel(sql_type = Text)]
    id: String,
    #[diesel(sql_type = BigInt)]
    quota_cents: i64,
    #[diesel(sql_type = BigInt)]
    balance_cents: i64,
    #[diesel(sql_type = BigInt)]
    issued: i64,
    #[diesel(sql_type = BigInt)]
    reclaimed: i64,
    #[diesel(sql_type = BigInt)]
    passed: i64,
    #[diesel(sql_type = BigInt)]
    returned: i64,
    #[diesel(sql_type = BigInt)]
    given_back: i64,
}

#[derive(Debug, diesel::QueryableByName)]
struct CouponTrail {
    #[diesel(sql_type = Text)]
    id: String,
    #[diesel(sql_type = Integer)]
    status: i32,
    #[diesel(sql_type = BigInt)]
    face_value_cents: i64,
    #[diesel(sql_type = BigInt)]
    issues: i64,
    #[diesel(sql_type = BigInt)]
    reclaims: i64,
    #[diesel(sql_type = BigInt)]
    reclaimed_cents: i64,
}

#[derive(Debug, diesel::QueryableByName)]
struct Orphans {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

const SUM: &str = "CAST(COALESCE((SELECT SUM(amount_cents) FROM";

/// Everything that breaks an invariant, described; empty when all hold.
pub fn problems(conn: &mut DbConnection) -> Result<Vec<String>, StoreError> {
    let flows: Vec<QuotaFlows> = diesel::sql_query(format!(
        "SELECT q.id, q.quota_cents, q.balance_cents, \
         {SUM} partner_coupon_records r WHERE r.quota_id = q.id AND r.result = '0' AND r.operation_type = '1'), 0) AS BIGINT) AS issued, \
         {SUM} partner_coupon_records r WHERE r.quota_id = q.id AND r.result = '0' AND r.operation_type IN ('2', '4')), 0) AS BIGINT) AS reclaimed, \
         {SUM} coupon_quota_records x WHERE x.parent_quota_id = q.id AND x.result = '0' AND x.operation_type = '10'), 0) AS BIGINT) AS passed, \
         {SUM} coupon_quota_records x WHERE x.parent_quota_id = q.id AND x.result = '0' AND x.operation_type = '11'), 0) AS BIGINT) AS returned, \
         {SUM} coupon_quota_records x WHERE x.quota_id = q.id AND x.result = '0' AND x.operation_type = '11'), 0) AS BIGINT) AS given_back \
         FROM coupon_quotas q ORDER BY q.id"
    ))
    .load(conn)?;
    let mut out = Vec::new();
    for f in &flows {
        let accounted =
            f.balance_cents + f.issued - f.reclaimed + f.passed - f.returned + f.given_back;
        if f.balance_cents < 0 || accounted != f.quota_cents {
            out.push(format!("quota {} does not add up: {f:?}", f.id));
        }
    }
    let trails: Vec<CouponTrail> = diesel::sql_query(
        "SELECT c.id, c.status, c.face_value_cents, \
         (SELECT COUNT(*) FROM partner_coupon_records r WHERE r.coupon_id = c.id AND r.result = '0' AND r.operation_type = '1' AND r.amount_cents = c.face_value_cents AND r.quota_id = c.quota_id AND r.customer_id = c.customer_id) AS issues, \
         (SELECT COUNT(*) FROM partner_coupon_records r WHERE r.coupon_id = c.id AND r.result = '0' AND r.operation_type IN ('2', '4')) AS reclaims, \
         CAST(COALESCE((SELECT SUM(r.amount_cents) FROM partner_coupon_records r WHERE r.coupon_id = c.id AND r.result = '0' AND r.operation_type IN ('2', '4')), 0) AS BIGINT) AS reclaimed_cents \
         FROM coupons c WHERE c.source = 'PARTNER' ORDER BY c.id",
    )
    .load(conn)?;
    for t in &trails {
        let closed = matches!(t.status, 4 | 5);
        let ok = t.issues == 1
            && t.reclaims == i64::from(closed)
            && (!closed || t.reclaimed_cents == t.face_value_cents);
        if !ok {
            out.push(format!("coupon {} and its records disagree: {t:?}", t.id));
        }
    }
    let orphans: Orphans = diesel::sql_query(
        "SELECT COUNT(*) AS n FROM partner_coupon_records r WHERE r.result = '0' \
         AND NOT EXISTS (SELECT 1 FROM coupons c WHERE c.id = r.coupon_id)",
    )
    .get_result(conn)?;
    if orphans.n > 0 {
        out.push(format!("{} success records name no coupon", orphans.n));
    }
    Ok(out)
}
