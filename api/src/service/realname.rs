//! Real-name authentication (S11, #22): a partner files an application for one of its resale
//! customers; the operator approves or rejects it; the customer's newest application is the
//! result the partner reads.

use crate::service::acting::own_customer;
use crate::service::programs::{status_changed, Review};
use crate::service::{not_found, Failure};
use domain::association::AssociationType;
use domain::programs::review::ReviewStatus;
use domain::realname::{self as rules, Application, Subject};
use persistence::repo::realname::{self as repo, NewApplication};
use persistence::{DbConnection, StoreError};

/// What an application asks, checked for its own form by the handler.
pub struct Filing {
    pub partner_id: String,
    pub customer_id: String,
    pub subject: Subject,
    /// A change of an approved individual to an enterprise (not a first authentication).
    pub change: bool,
    pub identify_type: i64,
    pub change_type: Option<i64>,
    pub name: String,
    pub verified_number: String,
    /// The rest of the application as filed, JSON.
    pub details: String,
    pub xaccount_type: String,
}

/// Files the application for review. A customer that is not the caller's answers like a
/// missing one (`CBC.99000035`).
pub fn file(conn: &mut DbConnection, f: &Filing, now: i64) -> Result<(), Failure> {
    let customer = own_customer(conn, &f.partner_id, &f.customer_id)?;
    let association = customer
        .association_type
        .as_deref()
        .and_then(|a| AssociationType::parse("association_type", a).ok());
    rules::for_customer(association)?;
    let history = repo::history(conn, &f.customer_id)?;
    if f.change {
        rules::may_change_to_enterprise(history)?;
    } else {
        rules::may_apply(history)?;
    }
    let id = persistence::ids::new_id();
    repo::insert(
        conn,
        &NewApplication {
            id: &id,
            partner_id: &f.partner_id,
            customer_id: &f.customer_id,
            subject: f.subject,
            identify_type: f.identify_type,
            change_type: f.change_type,
            name: &f.name,
            verified_number: &f.verified_number,
            details: &f.details,
            xaccount_type: &f.xaccount_type,
            submitted_at: now,
        },
    )?;
    Ok(())
}

/// The customer's newest application, for the partner that owns the customer.
pub fn result(
    conn: &mut DbConnection,
    partner_id: &str,
    customer_id: &str,
) -> Result<Option<Application>, Failure> {
    own_customer(conn, partner_id, customer_id)?;
    Ok(repo::newest(conn, customer_id)?)
}

/// The operator's decision on an application under review.
pub fn review(
    conn: &mut DbConnection,
    id: &str,
    r: &Review,
    now: i64,
) -> Result<Application, Failure> {
    let app = repo::find(conn, id)?.ok_or_else(|| not_found("real-name authentication"))?;
    let d = r.to_decision(app.status.as_str(), now)?;
    if !repo::decide(conn, id, &d)? {
        return Err(status_changed());
    }
    Ok(repo::find(conn, id)?
        .ok_or_else(|| StoreError::Internal("real-name authentication vanished".into()))?)
}

/// The operator's queue, oldest first.
pub fn queue(
    conn: &mut DbConnection,
    status: Option<&str>,
    partner_id: Option<&str>,
    offset: i64,
    limit: i64,
) -> Result<(i64, Vec<Application>), Failure> {
    let status = status.map(ReviewStatus::parse).transpose()?;
    Ok(repo::queue(conn, status, partner_id, offset, limit)?)
}
