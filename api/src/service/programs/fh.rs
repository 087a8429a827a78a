//! S4/S12 FH qualification: the experts named, the path's stage and the agreement.

use super::{paths, status_changed, stored, Decided, Review};
use crate::service::not_found;
use crate::service::Failure;
use domain::codes;
use domain::identity::Role;
use domain::programs::fh::{self, Expert, FhFacts, FhType};
use domain::programs::paths::PathType;
use domain::programs::review::ReviewStatus;
use domain::Violation;
use persistence::repo::programs::fh::{self as repo, HolderRow, QualificationRow};
use persistence::repo::programs::join;
use persistence::{ids, DbConnection, StoreError};
use std::collections::HashMap;

pub struct Input {
    pub path: PathType,
    pub fh_type: FhType,
    pub agreement_signed: bool,
    /// Distinct user ids, 1–100.
    pub specialist_ids: Vec<String>,
}

/// Who holds FH among `user_ids`, and in which path.
pub fn held_paths(
    conn: &mut DbConnection,
    user_ids: &[String],
) -> Result<HashMap<String, PathType>, Failure> {
    repo::holders(conn, user_ids)?
        .into_iter()
        .map(|h| Ok((h.user_id, stored(PathType::parse(&h.path_type))?)))
        .collect()
}

pub fn facts(conn: &mut DbConnection, partner_id: &str, i: &Input) -> Result<FhFacts, Failure> {
    let held = held_paths(conn, &i.specialist_ids)?;
    let mut experts = Vec::with_capacity(i.specialist_ids.len());
    for id in &i.specialist_ids {
        let roles = paths::roles_in(conn, partner_id, id)?;
        experts.push(Expert {
            user_id: id.clone(),
            is_specialist: roles
                .as_ref()
                .is_some_and(|r| r.contains(Role::ProjectSpecialist)),
            // Only the partner's own people: nothing is told about anyone else's.
            fh_held_in: roles.and(held.get(id).copied()),
        });
    }
    Ok(FhFacts {
        path_type: i.path,
        stage: paths::stage_of(conn, partner_id, i.path)?,
        agreement_signed: i.agreement_signed,
        experts,
    })
}

pub fn apply(
    conn: &mut DbConnection,
    partner_id: &str,
    i: &Input,
    now: i64,
) -> Result<Decided<QualificationRow>, Failure> {
    if let Err(all) = fh::eligibility(&facts(conn, partner_id, i)?).decide() {
        return crate::audit::refusing(all);
    }
    let row = QualificationRow {
        id: ids::new_id(),
        partner_id: partner_id.to_owned(),
        path_type: i.path.as_str().to_owned(),
        fh_type: i.fh_type.as_str().to_owned(),
        status: ReviewStatus::Reviewing.as_str().to_owned(),
        specialist_ids: join(&i.specialist_ids),
        agreement_signed_at: now,
        submitted_at: now,
        reviewed_at: None,
        reason_codes: None,
        reason: None,
    };
    let holders: Vec<HolderRow> = i
        .specialist_ids
        .iter()
        .map(|u| HolderRow {
            user_id: u.clone(),
            qualification_id: row.id.clone(),
            path_type: row.path_type.clone(),
        })
        .collect();
    match repo::insert(conn, &row, &holders) {
        Ok(()) => Ok(Ok(row)),
        // A concurrent application named one of the same people first.
        Err(StoreError::Duplicate(_)) => crate::audit::refusing(vec![Violation::new(
            codes::FH_ALREADY_HELD,
            "a person holds FH in at most one path; a concurrent application named one of these people first",
        )]),
        Err(e) => Err(Failure::from(e)),
    }
}

/// A rejection frees the people named to hold FH elsewhere.
pub fn review(
    conn: &mut DbConnection,
    id: &str,
    r: &Review,
    now: i64,
) -> Result<QualificationRow, Failure> {
    let row = repo::find(conn, id)?.ok_or_else(|| not_found("FH qualification"))?;
    let d = r.to_decision(&row.status, now)?;
    if !repo::decide(conn, id, &d)? {
        return Err(status_changed());
    }
    crate::service::delivery::events::review_decided(
        conn,
        &row.partner_id,
        "fh",
        id,
        r.decision == domain::programs::review::Decision::Approve,
        now,
    )?;
    Ok(repo::find(conn, id)?
        .ok_or_else(|| StoreError::Internal("qualification vanished".into()))?)
}
