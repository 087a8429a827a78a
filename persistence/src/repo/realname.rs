//! Real-name authentication applications (S11, #22): one row per application in the order
//! filed (`seq`), the newest a customer's result; one under review per customer at most.

use crate::coded;
use crate::repo::programs::{join, split, Decision};
use crate::schema_realname::realname_auths as t;
use crate::{DbConnection, StoreError};
use diesel::prelude::*;
use domain::programs::review::ReviewStatus;
use domain::realname::{Application, History, Subject};

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = t)]
pub struct RealnameRow {
    pub id: String,
    pub partner_id: String,
    pub customer_id: String,
    pub subject: String,
    pub identify_type: i32,
    pub change_type: Option<i32>,
    pub status: String,
    pub name: String,
    pub verified_number: String,
    pub details: String,
    pub xaccount_type: String,
    pub submitted_at: i64,
    pub reviewed_at: Option<i64>,
    pub reason_codes: Option<String>,
    pub reason: Option<String>,
}

/// A new application, under review.
pub struct NewApplication<'a> {
    pub id: &'a str,
    pub partner_id: &'a str,
    pub customer_id: &'a str,
    pub subject: Subject,
    pub identify_type: i64,
    pub change_type: Option<i64>,
    pub name: &'a str,
    pub verified_number: &'a str,
    pub details: &'a str,
    pub xaccount_type: &'a str,
    pub submitted_at: i64,
}

fn stored_status(s: &str) -> Result<ReviewStatus, StoreError> {
    ReviewStatus::parse(s).map_err(|_| StoreError::Internal(format!("stored status {s:?}")))
}

fn small(n: i64) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

impl TryFrom<RealnameRow> for Application {
    type Error = StoreError;

    fn try_from(r: RealnameRow) -> Result<Self, StoreError> {
        Ok(Application {
            subject: coded::from_text(&r.subject)?,
            status: stored_status(&r.status)?,
            reason_codes: r.reason_codes.as_deref().map(split).unwrap_or_default(),
            id: r.id,
            partner_id: r.partner_id,
            customer_id: r.customer_id,
            identify_type: i64::from(r.identify_type),
            change_type: r.change_type.map(i64::from),
            name: r.name,
            details: r.details,
            submitted_at: r.submitted_at,
            reviewed_at: r.reviewed_at,
            reason: r.reason,
        })
    }
}

/// Files an application under review. A racing one for the same customer makes the insert
/// hit the one-under-review index: [`StoreError::Retryable`], so the retry sees it.
pub fn insert(conn: &mut DbConnection, a: &NewApplication<'_>) -> Result<(), StoreError> {
    let row = RealnameRow {
        id: a.id.to_owned(),
        partner_id: a.partner_id.to_owned(),
        customer_id: a.customer_id.to_owned(),
        subject: coded::text(a.subject).to_owned(),
        identify_type: small(a.identify_type),
        change_type: a.change_type.map(small),
        status: ReviewStatus::Reviewing.as_str().to_owned(),
        name: a.name.to_owned(),
        verified_number: a.verified_number.to_owned(),
        details: a.details.to_owned(),
        xaccount_type: a.xaccount_type.to_owned(),
        submitted_at: a.submitted_at,
        reviewed_at: None,
        reason_codes: None,
        reason: None,
    };
    diesel::insert_into(t::table)
        .values(&row)
        .execute(conn)
        .map(drop)
        .map_err(|e| StoreError::from(e).retry_on_duplicate())
}

/// Whether the customer has an application under review, and what it is approved as.
pub fn history(conn: &mut DbConnection, customer_id: &str) -> Result<History, StoreError> {
    let reviewing = t::table
        .filter(t::customer_id.eq(customer_id))
        .filter(t::status.eq(ReviewStatus::Reviewing.as_str()))
        .count()
        .get_result::<i64>(conn)?
        > 0;
    let approved = t::table
        .filter(t::customer_id.eq(customer_id))
        .filter(t::status.eq(ReviewStatus::Approved.as_str()))
        .order(t::seq.desc())
        .select(t::subject)
        .first::<String>(conn)
        .optional()?
        .map(|s| coded::from_text::<Subject>(&s))
        .transpose()?;
    Ok(History {
        reviewing,
        approved,
    })
}

/// The customer's newest application, if any.
pub fn newest(
    conn: &mut DbConnection,
    customer_id: &str,
) -> Result<Option<Application>, StoreError> {
    t::table
        .filter(t::customer_id.eq(customer_id))
        .order(t::seq.desc())
        .select(RealnameRow::as_select())
        .first(conn)
        .optional()?
        .map(Application::try_from)
        .transpose()
}

pub fn find(conn: &mut DbConnection, id: &str) -> Result<Option<Application>, StoreError> {
    t::table
        .filter(t::id.eq(id))
        .select(RealnameRow::as_select())
        .first(conn)
        .optional()?
        .map(Application::try_from)
        .transpose()
}

/// Records the operator's decision on an application still under review; false when it was
/// decided meanwhile.
pub fn decide(conn: &mut DbConnection, id: &str, d: &Decision) -> Result<bool, StoreError> {
    let n = diesel::update(
        t::table
            .filter(t::id.eq(id))
            .filter(t::status.eq(ReviewStatus::Reviewing.as_str())),
    )
    .set((
        t::status.eq(&d.status),
        t::reviewed_at.eq(d.at),
        t::reason_codes.eq((!d.reason_codes.is_empty()).then(|| join(&d.reason_codes))),
        t::reason.eq(&d.reason),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

/// The operator's queue: every partner's applications, filtered, oldest first.
pub fn queue(
    conn: &mut DbConnection,
    status: Option<ReviewStatus>,
    partner_id: Option<&str>,
    offset: i64,
    limit: i64,
) -> Result<(i64, Vec<Application>), StoreError> {
    let filtered = || {
        let mut q = t::table.into_boxed();
        if let Some(s) = status {
            q = q.filter(t::status.eq(s.as_str()));
        }
        if let Some(p) = partner_id {
            q = q.filter(t::partner_id.eq(p.to_owned()));
        }
        q
    };
    let total = filtered().count().get_result(conn)?;
    let rows = filtered()
        .order(t::seq.asc())
        .offset(offset)
        .limit(limit)
        .select(RealnameRow::as_select())
        .load(conn)?;
    let apps = rows
        .into_iter()
        .map(Application::try_from)
        .collect::<Result<_, _>>()?;
    Ok((total, apps))
}
