//! S5 subsidy application: labels held at the time of the application, S7 personnel; the
//! decision is stored and later label changes do not touch it.

use super::payouts::{self, NewIncentive};
use super::{fh, paths, projects, status_changed, stored, Decided, Review};
use crate::service::not_found;
use crate::service::Failure;
use domain::programs::labels;
use domain::programs::paths::PathType;
use domain::programs::personnel::{CertLevel, Member, MemberRole};
use domain::programs::review::{Decision as Verdict, ReviewStatus};
use domain::programs::subsidy::{self, Currency, SubsidyFacts};
use domain::{Amount, Money, Violation};
use persistence::repo::programs::personnel;
use persistence::repo::programs::projects::{self as project_repo, ProjectRow};
use persistence::repo::programs::subsidies::{self as repo, SubsidyRow};
use persistence::{ids, DbConnection, StoreError};

pub fn facts(
    conn: &mut DbConnection,
    project: &ProjectRow,
    at: i64,
) -> Result<SubsidyFacts, Failure> {
    let team = project_repo::members(conn, &project.id)?;
    let ids: Vec<String> = team.iter().map(|m| m.user_id.clone()).collect();
    let profiles = personnel::for_users(conn, &ids)?;
    let fh_held = fh::held_paths(conn, &ids)?;
    let mut members = Vec::with_capacity(team.len());
    for m in team {
        let p = profiles.iter().find(|p| p.user_id == m.user_id);
        members.push(Member {
            role: stored(MemberRole::parse(&m.role))?,
            level: p.map_or(Ok(CertLevel::None), |p| {
                stored(CertLevel::parse(&p.certification_level))
            })?,
            infosec_passed: p.is_some_and(|p| p.infosec_exam_passed),
            pm_certified: p.is_some_and(|p| p.pm_certified),
            fh_covered: fh_held.contains_key(&m.user_id),
            user_id: m.user_id,
        });
    }
    Ok(SubsidyFacts {
        currency: Currency::parse(&project.currency)
            .ok_or_else(|| StoreError::Internal("stored currency is invalid".into()))?,
        annual_scale: Money::from_cents(project.annual_scale_cents),
        labels: paths::labels_of(conn, &project.partner_id)?,
        service_partner: paths::stage_of(conn, &project.partner_id, PathType::Service)?.is_some(),
        at,
        live_application: repo::has_live(conn, &project.id)?,
        members,
    })
}

pub fn apply(
    conn: &mut DbConnection,
    partner_id: &str,
    project_id: &str,
    remark: Option<String>,
    now: i64,
) -> Result<Decided<SubsidyRow>, Failure> {
    let project = projects::own(conn, partner_id, project_id)?;
    let f = facts(conn, &project, now)?;
    if let Err(all) = subsidy::eligibility(&f).decide() {
        return crate::audit::refusing(all);
    }
    let held: Vec<String> = labels::held_at(&f.labels, now)
        .into_iter()
        .map(str::to_owned)
        .collect();
    let row = SubsidyRow {
        id: ids::new_id(),
        project_id: project.id.clone(),
        partner_id: partner_id.to_owned(),
        status: ReviewStatus::Reviewing.as_str().to_owned(),
        currency: project.currency.clone(),
        annual_scale_cents: project.annual_scale_cents,
        labels_held: persistence::repo::programs::join(&held),
        remark,
        applied_at: now,
        reviewed_at: None,
        reason_codes: None,
        reason: None,
        incentive_id: None,
    };
    match repo::insert(conn, &row) {
        Ok(()) => Ok(Ok(row)),
        Err(StoreError::Duplicate(_)) => crate::audit::refusing(vec![subsidy::already_live()]),
        Err(e) => Err(Failure::from(e)),
    }
}

/// The decision does not look at labels again: it was taken at the time of the application.
/// An approval with `amount` grants the partner a `PROJECT_SUBSIDY` incentive.
pub fn review(
    conn: &mut DbConnection,
    id: &str,
    r: &Review,
    amount: Option<Amount>,
    now: i64,
) -> Result<SubsidyRow, Failure> {
    let row = repo::find(conn, id)?.ok_or_else(|| not_found("subsidy application"))?;
    let d = r.to_decision(&row.status, now)?;
    let incentive = match (r.decision, amount) {
        (Verdict::Approve, Some(amount)) => Some(payouts::grant(
            conn,
            &row.partner_id,
            &NewIncentive {
                incentive_type: "PROJECT_SUBSIDY".into(),
                amount,
                currency: row.currency.clone(),
                source_id: Some(row.id.clone()),
                remark: None,
            },
            now,
        )?),
        (Verdict::Reject, Some(_)) => {
            return Err(Violation::param("subsidy_amount may only be given when approving").into())
        }
        _ => None,
    };
    if !repo::decide(conn, id, &d, incentive.as_ref().map(|i| i.id.as_str()))? {
        return Err(status_changed());
    }
    crate::service::delivery::events::review_decided(
        conn,
        &row.partner_id,
        "subsidy",
        id,
        r.decision == Verdict::Approve,
        now,
    )?;
    Ok(repo::find(conn, id)?.ok_or_else(|| StoreError::Internal("application vanished".into()))?)
}
