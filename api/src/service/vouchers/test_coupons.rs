//! S15 test vouchers: a partner applies for a solution; the operator approves (the approved
//! amount is issued as a voucher to the partner's named customer account) or rejects.

use super::rule;
use crate::service::Failure;
use crate::service::{acting, not_found};
use domain::payment::{COUPON_USABLE, COUPON_VOUCHER};
use domain::programs::paths::{PathType, Stage};
use domain::vouchers::test_coupons::{self as tc, Certification, SolutionKind, TestPurpose};
use domain::vouchers::SOURCE_TEST;
use domain::{codes, Amount, Money};
use persistence::repo::coupons::{self, CouponRow};
use persistence::repo::programs::paths;
use persistence::repo::test_coupons::{self as repo, ApplicationRow, Decision, SolutionRow};
use persistence::{ids, DbConnection, StoreError};

/// The partner's highest software certification (`None`: not on the software path) and its
/// solutions' ids.
fn standing(
    conn: &mut DbConnection,
    partner_id: &str,
) -> Result<(Option<Certification>, Vec<String>), Failure> {
    let corrupt = |what: &str| StoreError::Internal(format!("stored {what} is unknown"));
    let stage = paths::find(conn, partner_id, PathType::Software.as_str())?
        .map(|p| Stage::parse(&p.stage).map_err(|_| corrupt("stage")))
        .transpose()?;
    let mut ids = Vec::new();
    let mut certs = Vec::new();
    for s in repo::solutions_of(conn, partner_id)? {
        certs.push(Certification::parse(&s.certification).map_err(|_| corrupt("certification"))?);
        ids.push(s.id);
    }
    Ok((tc::level(stage, &certs), ids))
}

/// Cap, approved, pending and available amounts, and the highest certification.
#[derive(Debug, Clone)]
pub struct CapView {
    pub cap: Money,
    pub used: Money,
    pub pending: Money,
    pub available: Money,
    pub certification: Option<Certification>,
}

pub fn view(conn: &mut DbConnection, partner_id: &str) -> Result<CapView, Failure> {
    let (level, _) = standing(conn, partner_id)?;
    let cap = level.map_or(Money::ZERO, Certification::cap);
    let (used, pending) = repo::usage(conn, partner_id)?;
    let (used, pending) = (Money::from_cents(used), Money::from_cents(pending));
    Ok(CapView {
        cap,
        used,
        pending,
        available: tc::available(cap, used, pending),
        certification: level,
    })
}

pub struct Application {
    /// One or more of the partner's services, apps and solutions, distinct.
    pub solution_ids: Vec<String>,
    pub customer_id: String,
    pub amount: Amount,
    pub purpose: TestPurpose,
    pub resource_list_url: Option<String>,
    pub reason: Option<String>,
}

pub fn apply(
    conn: &mut DbConnection,
    partner_id: &str,
    a: &Application,
    now: i64,
) -> Result<ApplicationRow, Failure> {
    let (level, solutions) = standing(conn, partner_id)?;
    let (used, pending) = repo::usage(conn, partner_id)?;
    tc::check_application(
        level,
        Money::from_cents(used),
        pending > 0,
        a.amount.money(),
    )?;
    if let Some(i) = a.solution_ids.iter().position(|id| !solutions.contains(id)) {
        return Err(rule(
            codes::SOLUTION_NOT_FOUND,
            format!("solution_ids[{i}] does not name one of your services, apps or solutions"),
        ));
    }
    let first = a.solution_ids.first().ok_or_else(|| {
        Failure::Refused(domain::Violation::param("solution_ids must not be empty"))
    })?;
    acting::own_customer(conn, partner_id, &a.customer_id)?;
    let row = ApplicationRow {
        id: ids::prefixed("TC"),
        partner_id: partner_id.to_owned(),
        solution_id: first.clone(),
        solution_ids: Some(a.solution_ids.join(",")),
        customer_id: a.customer_id.clone(),
        amount_cents: a.amount.cents(),
        approved_cents: None,
        purpose: a.purpose.as_str().to_owned(),
        resource_list_url: a.resource_list_url.clone(),
        reason: a.reason.clone(),
        status: repo::PENDING.into(),
        review_reason_codes: None,
        review_reason: None,
        coupon_id: None,
        created_at: now,
        decided_at: None,
    };
    match repo::insert_application(conn, &row) {
        Err(StoreError::Duplicate(_)) => Err(rule(
            codes::TEST_COUPON_PENDING,
            "an application for test vouchers is still pending",
        )),
        other => Ok(other.map(|()| row)?),
    }
}

fn pending(conn: &mut DbConnection, id: &str) -> Result<ApplicationRow, Failure> {
    let app =
        repo::find_application(conn, id)?.ok_or_else(|| not_found("test-coupon application"))?;
    if app.status != repo::PENDING {
        return Err(decided());
    }
    Ok(app)
}

fn decided() -> Failure {
    rule(
        codes::APPLICATION_STATUS,
        "the application was already decided",
    )
}

/// The review's inputs: reason codes and text, and for approvals the amount and expiry.
pub struct Review {
    pub reason_codes: Vec<String>,
    pub reason: Option<String>,
    pub amount: Option<Amount>,
    pub expire_time: i64,
}

/// Approves: the approved amount (default: as applied, never more) becomes one voucher.
pub fn approve(
    conn: &mut DbConnection,
    id: &str,
    r: &Review,
    now: i64,
) -> Result<ApplicationRow, Failure> {
    let app = pending(conn, id)?;
    let amount = r.amount.map_or(app.amount_cents, Amount::cents);
    if amount > app.amount_cents {
        return Err(rule(
            codes::PARAM_INVALID,
            "approved_amount may not exceed the amount applied for",
        ));
    }
    let (level, _) = standing(conn, &app.partner_id)?;
    let (used, _) = repo::usage(conn, &app.partner_id)?;
    tc::check_approval(level, Money::from_cents(used), Money::from_cents(amount))?;
    let coupon = CouponRow {
        id: ids::prefixed("CP"),
        customer_id: app.customer_id.clone(),
        coupon_type: COUPON_VOUCHER,
        source: SOURCE_TEST.into(),
        partner_id: Some(app.partner_id.clone()),
        quota_id: None,
        face_value_cents: amount,
        balance_cents: amount,
        status: COUPON_USABLE,
        effective_time: now,
        expire_time: r.expire_time,
        with_partner_discount: true,
        // Test vouchers are not combinable with business (contract) discounts.
        with_contract_discount: false,
        with_promotion_discount: true,
        min_consume_discount: None,
        used_by_order_id: None,
        last_used_time: None,
        memo: Some(format!("test vouchers of application {}", app.id)),
        create_time: now,
        cloud_service_types: None,
        product_ids: None,
    };
    coupons::insert(conn, &coupon)?;
    decide(
        conn,
        &app,
        repo::APPROVED,
        Some(amount),
        r,
        Some(&coupon.id),
        now,
    )
}

pub fn reject(
    conn: &mut DbConnection,
    id: &str,
    r: &Review,
    now: i64,
) -> Result<ApplicationRow, Failure> {
    let app = pending(conn, id)?;
    decide(conn, &app, repo::REJECTED, None, r, None, now)
}

fn decide(
    conn: &mut DbConnection,
    app: &ApplicationRow,
    status: &str,
    approved_cents: Option<i64>,
    r: &Review,
    coupon_id: Option<&str>,
    now: i64,
) -> Result<ApplicationRow, Failure> {
    let d = Decision {
        status,
        approved_cents,
        reason_codes: (!r.reason_codes.is_empty()).then(|| r.reason_codes.join(",")),
        reason: r.reason.as_deref(),
        coupon_id,
        at: now,
    };
    if !repo::decide(conn, &app.id, &d)? {
        return Err(decided());
    }
    let approved = status == repo::APPROVED;
    let subject = "test_voucher";
    crate::service::delivery::events::review_decided(
        conn,
        &app.partner_id,
        subject,
        &app.id,
        approved,
        now,
    )?;
    repo::find_application(conn, &app.id)?.ok_or_else(|| not_found("test-coupon application"))
}

/// Registers one of the partner's own services, apps or solutions (not certified: the
/// operator sets certifications).
pub fn register_solution(
    conn: &mut DbConnection,
    partner_id: &str,
    name: &str,
    kind: SolutionKind,
    now: i64,
) -> Result<SolutionRow, Failure> {
    let row = SolutionRow {
        id: ids::new_id(),
        partner_id: partner_id.to_owned(),
        name: name.to_owned(),
        certification: Certification::None.as_str().to_owned(),
        created_at: now,
        kind: kind.as_str().to_owned(),
    };
    repo::insert_solution(conn, &row)?;
    Ok(row)
}
