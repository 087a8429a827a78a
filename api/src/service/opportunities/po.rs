//! S6 PO opportunities: drafts, submission with every failing rule, the operator's review,
//! and the settings the reasonableness rules use.

use crate::service::not_found;
use crate::service::programs::{Decided, Review};
use crate::service::Failure;
use chrono::NaiveDate;
use domain::opportunities::po::{self, PoContent, PoSettings, PoStatus};
use domain::Money;
use persistence::repo::opportunities::po::{self as repo, PoContentRow, PoRow};
use persistence::repo::opportunities::po_settings::{self, PoSettingsRow};
use persistence::repo::programs::{join, split};
use persistence::{ids, DbConnection, StoreError};

const WHAT: &str = "PO opportunity";

/// The operator's settings, or the defaults while none are set.
pub fn settings(conn: &mut DbConnection) -> Result<PoSettings, Failure> {
    Ok(match po_settings::get(conn)? {
        Some(r) => PoSettings {
            min_revenue: Money::from_cents(r.min_revenue_cents),
            product_categories: split(&r.product_categories),
        },
        None => PoSettings::default(),
    })
}

pub fn put_settings(conn: &mut DbConnection, s: &PoSettings, now: i64) -> Result<(), Failure> {
    Ok(po_settings::put(
        conn,
        &PoSettingsRow {
            id: 1,
            min_revenue_cents: s.min_revenue.cents(),
            product_categories: join(&s.product_categories),
            updated_at: now,
        },
    )?)
}

/// The content as the rules see it.
pub fn content(c: &PoContentRow) -> PoContent {
    PoContent {
        customer_name: c.customer_name.clone(),
        industry: c.industry.clone(),
        product_category: c.product_category.clone(),
        budget: c.budget_cents.map(Money::from_cents),
        decision_maker: c.decision_maker.clone(),
        requirement: c.requirement.clone(),
        purchase_plan: c.purchase_plan.clone(),
        estimated_revenue: c.estimated_revenue_cents.map(Money::from_cents),
        currency: c.currency.clone(),
        expected_close_date: c
            .expected_close_date
            .as_deref()
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()),
    }
}

fn stored_content(r: &PoRow) -> PoContentRow {
    PoContentRow {
        customer_name: r.customer_name.clone(),
        industry: r.industry.clone(),
        product_category: r.product_category.clone(),
        budget_cents: r.budget_cents,
        decision_maker: r.decision_maker.clone(),
        requirement: r.requirement.clone(),
        purchase_plan: r.purchase_plan.clone(),
        estimated_revenue_cents: r.estimated_revenue_cents,
        currency: r.currency.clone(),
        expected_close_date: r.expected_close_date.clone(),
        description: r.description.clone(),
    }
}

pub fn today(now: i64) -> NaiveDate {
    chrono::DateTime::from_timestamp(now, 0)
        .map(|t| t.date_naive())
        .unwrap_or_default()
}

/// Every failing rule of `c` under the current settings.
pub fn check(conn: &mut DbConnection, c: &PoContentRow, now: i64) -> Result<Decided<()>, Failure> {
    let s = settings(conn)?;
    Ok(po::check(&content(c), &s, today(now)).decide())
}

fn status_of(r: &PoRow) -> Result<PoStatus, Failure> {
    Ok(PoStatus::parse("status", &r.status)
        .map_err(|_| StoreError::Internal("stored PO status is unknown".into()))?)
}

fn changed_meanwhile() -> Failure {
    Failure::Refused(domain::Violation::new(
        domain::codes::PO_NOT_EDITABLE,
        "the PO opportunity's status changed meanwhile",
    ))
}

/// Saves a draft, or with `submit` checks every rule and puts it under review at once (a
/// refused submission stores nothing).
pub fn create(
    conn: &mut DbConnection,
    partner_id: &str,
    user_id: &str,
    c: &PoContentRow,
    submit: bool,
    now: i64,
) -> Result<Decided<PoRow>, Failure> {
    if submit {
        if let Err(all) = check(conn, c, now)? {
            return crate::audit::refusing(all);
        }
    }
    let row = PoRow {
        id: ids::new_id(),
        partner_id: partner_id.to_owned(),
        created_by: user_id.to_owned(),
        status: if submit {
            PoStatus::Pending
        } else {
            PoStatus::Draft
        }
        .as_str()
        .to_owned(),
        customer_name: c.customer_name.clone(),
        industry: c.industry.clone(),
        product_category: c.product_category.clone(),
        budget_cents: c.budget_cents,
        decision_maker: c.decision_maker.clone(),
        requirement: c.requirement.clone(),
        purchase_plan: c.purchase_plan.clone(),
        estimated_revenue_cents: c.estimated_revenue_cents,
        currency: c.currency.clone(),
        expected_close_date: c.expected_close_date.clone(),
        description: c.description.clone(),
        submission_count: i32::from(submit),
        submitted_at: submit.then_some(now),
        reviewed_at: None,
        reason_codes: None,
        reason: None,
        created_at: now,
        updated_at: now,
    };
    repo::insert(conn, &row)?;
    Ok(Ok(row))
}

pub fn own(conn: &mut DbConnection, partner_id: &str, id: &str) -> Result<PoRow, Failure> {
    repo::find_own(conn, partner_id, id)?.ok_or_else(|| not_found(WHAT))
}

/// Replaces the content of a DRAFT or REJECTED one (it keeps its status).
pub fn edit(
    conn: &mut DbConnection,
    partner_id: &str,
    id: &str,
    c: &PoContentRow,
    now: i64,
) -> Result<PoRow, Failure> {
    let row = own(conn, partner_id, id)?;
    po::editable(status_of(&row)?)?;
    if !repo::edit(conn, id, c, now)? {
        return Err(changed_meanwhile());
    }
    own(conn, partner_id, id)
}

/// Submits (or resubmits a rejected one): every rule is checked, all failures returned.
pub fn submit(
    conn: &mut DbConnection,
    partner_id: &str,
    id: &str,
    now: i64,
) -> Result<Decided<PoRow>, Failure> {
    let row = own(conn, partner_id, id)?;
    po::editable(status_of(&row)?)?;
    if let Err(all) = check(conn, &stored_content(&row), now)? {
        return crate::audit::refusing(all);
    }
    if !repo::submit(conn, id, now)? {
        return Err(changed_meanwhile());
    }
    Ok(Ok(own(conn, partner_id, id)?))
}

/// The operator's decision on a PENDING one.
pub fn review(conn: &mut DbConnection, id: &str, r: &Review, now: i64) -> Result<PoRow, Failure> {
    let row = repo::find(conn, id)?.ok_or_else(|| not_found(WHAT))?;
    let approve = r.decision == domain::programs::review::Decision::Approve;
    let next = po::decide(status_of(&row)?, approve)?;
    let d = persistence::repo::programs::Decision {
        status: next.as_str().to_owned(),
        at: now,
        reason_codes: r.reason_codes.clone(),
        reason: r.reason.clone(),
    };
    if !repo::decide(conn, id, &d)? {
        return Err(crate::service::programs::status_changed());
    }
    let subject = "po_opportunity";
    crate::service::delivery::events::review_decided(
        conn,
        &row.partner_id,
        subject,
        id,
        approve,
        now,
    )?;
    repo::find(conn, id)?.ok_or_else(|| not_found(WHAT))
}
