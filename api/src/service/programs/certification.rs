//! S18 capability-differentiation certification: apply, resubmit, review.

use super::{paths, status_changed, Decided, Review};
use crate::service::not_found;
use crate::service::Failure;
use domain::programs::certification::{self, CertificationFacts};
use domain::programs::paths::{PathType, Stage};
use domain::programs::review::{self, Decision as Verdict, ReviewStatus};
use domain::Violation;
use persistence::repo::programs::certifications::{self as repo, CertificationRow};
use persistence::repo::programs::labels::{self, LabelRow};
use persistence::repo::programs::{join, paths as path_repo};
use persistence::{ids, DbConnection, StoreError};

pub fn facts(
    conn: &mut DbConnection,
    partner_id: &str,
    path: PathType,
) -> Result<CertificationFacts, Failure> {
    Ok(CertificationFacts {
        path_type: path,
        stage: paths::stage_of(conn, partner_id, path)?,
        pending: repo::has_pending(conn, partner_id, path.as_str())?,
    })
}

/// What the partner submits (and fixes when resubmitting).
pub struct Content {
    pub business_plan: String,
    pub requested_labels: Vec<String>,
}

/// A racing application hit the one-pending index: refuse it like the rule would.
fn on_race<T>(path: PathType, r: Result<T, Failure>) -> Result<Decided<T>, Failure> {
    match r {
        Ok(v) => Ok(Ok(v)),
        Err(Failure::Store(StoreError::Duplicate(_))) => {
            crate::audit::refusing(vec![certification::already_pending(path)])
        }
        Err(e) => Err(e),
    }
}

pub fn apply(
    conn: &mut DbConnection,
    partner_id: &str,
    path: PathType,
    c: &Content,
    now: i64,
) -> Result<Decided<CertificationRow>, Failure> {
    if let Err(all) = certification::eligibility(&facts(conn, partner_id, path)?).decide() {
        return crate::audit::refusing(all);
    }
    let row = CertificationRow {
        id: ids::new_id(),
        partner_id: partner_id.to_owned(),
        path_type: path.as_str().to_owned(),
        status: ReviewStatus::Reviewing.as_str().to_owned(),
        business_plan: c.business_plan.clone(),
        requested_labels: join(&c.requested_labels),
        submission_count: 1,
        submitted_at: now,
        reviewed_at: None,
        reason_codes: None,
        reason: None,
        granted_labels: None,
        created_at: now,
    };
    on_race(
        path,
        repo::insert(conn, &row)
            .map(|()| row)
            .map_err(Failure::from),
    )
}

/// The partner's own application; anyone else's answers like a missing one.
pub fn own(
    conn: &mut DbConnection,
    partner_id: &str,
    id: &str,
) -> Result<CertificationRow, Failure> {
    repo::find(conn, id)?
        .filter(|r| r.partner_id == partner_id)
        .ok_or_else(|| not_found("certification application"))
}

/// Fixes a rejected application and puts it under review again; the path's rules apply as
/// they do to a new application.
pub fn resubmit(
    conn: &mut DbConnection,
    partner_id: &str,
    path: PathType,
    id: &str,
    c: &Content,
    now: i64,
) -> Result<Decided<CertificationRow>, Failure> {
    let row = own(conn, partner_id, id)?;
    if row.path_type != path.as_str() {
        return Err(not_found("certification application"));
    }
    review::resubmit(super::stored(ReviewStatus::parse(&row.status))?)?;
    if let Err(all) = certification::eligibility(&facts(conn, partner_id, path)?).decide() {
        return crate::audit::refusing(all);
    }
    let labels = join(&c.requested_labels);
    match on_race(
        path,
        repo::resubmit(conn, id, &c.business_plan, &labels, now).map_err(Failure::from),
    )? {
        Ok(true) => Ok(Ok(own(conn, partner_id, id)?)),
        Ok(false) => Err(status_changed()),
        Err(all) => crate::audit::refusing(all),
    }
}

/// Approval makes the partner CAPABILITY_DIFFERENTIATED on the path and grants `labels`.
pub fn review(
    conn: &mut DbConnection,
    id: &str,
    r: &Review,
    labels_to_grant: &[String],
    now: i64,
) -> Result<CertificationRow, Failure> {
    let row = repo::find(conn, id)?.ok_or_else(|| not_found("certification application"))?;
    let d = r.to_decision(&row.status, now)?;
    let approve = r.decision == Verdict::Approve;
    let granted = (approve && !labels_to_grant.is_empty()).then(|| join(labels_to_grant));
    if !repo::decide(conn, id, &d, granted)? {
        return Err(status_changed());
    }
    crate::service::delivery::events::review_decided(
        conn,
        &row.partner_id,
        "certification",
        id,
        approve,
        now,
    )?;
    if approve {
        let stage = Stage::CapabilityDifferentiated.as_str();
        path_repo::set_stage(conn, &row.partner_id, &row.path_type, stage, now)?;
        for code in labels_to_grant {
            labels::grant(
                conn,
                &LabelRow {
                    partner_id: row.partner_id.clone(),
                    label_code: code.clone(),
                    path_type: Some(row.path_type.clone()),
                    granted_at: now,
                    expire_at: None,
                    certification_id: Some(row.id.clone()),
                },
            )?;
        }
    }
    Ok(repo::find(conn, id)?.ok_or_else(|| StoreError::Internal("application vanished".into()))?)
}

/// Labels may only be granted on approval.
pub fn check_labels(r: &Review, labels: &[String]) -> Result<(), Violation> {
    if r.decision == Verdict::Reject && !labels.is_empty() {
        return Err(Violation::param(
            "capability_labels may only be given when approving",
        ));
    }
    if labels.len() > 20 {
        return Err(Violation::param("capability_labels holds at most 20 codes"));
    }
    for (i, l) in labels.iter().enumerate() {
        domain::programs::labels::parse_code(l).map_err(|_| {
            Violation::param(format!(
                "capability_labels[{i}] must be 1 to 64 characters of A-Z, 0-9 and _"
            ))
        })?;
    }
    Ok(())
}
