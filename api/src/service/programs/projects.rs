//! S5 project registration (no eligibility gate) and the project team (S7).

use super::paths;
use crate::service::not_found;
use crate::service::Failure;
use domain::programs::personnel::MemberRole;
use domain::programs::subsidy::Currency;
use domain::{Money, Violation};
use persistence::repo::programs::projects::{self as repo, MemberRow, ProjectRow};
use persistence::{ids, DbConnection};

pub struct NewProject {
    pub project_name: String,
    pub customer_name: Option<String>,
    pub country_code: String,
    pub currency: Currency,
    pub annual_scale: Money,
    pub members: Vec<(String, MemberRole)>,
}

/// Members must be distinct users of the partner; a foreign id reads like a missing one.
fn member_rows(
    conn: &mut DbConnection,
    partner_id: &str,
    project_id: &str,
    members: &[(String, MemberRole)],
) -> Result<Vec<MemberRow>, Failure> {
    let mut rows: Vec<MemberRow> = Vec::with_capacity(members.len());
    for (i, (user_id, role)) in members.iter().enumerate() {
        if paths::roles_in(conn, partner_id, user_id)?.is_none() {
            return Err(Violation::new(
                domain::programs::codes::PROJECT_MEMBER_UNKNOWN,
                format!("members[{i}].user_id does not name a user of your partner"),
            )
            .into());
        }
        if rows.iter().any(|r| &r.user_id == user_id) {
            return Err(Violation::param(format!("members[{i}].user_id is repeated")).into());
        }
        rows.push(MemberRow {
            project_id: project_id.to_owned(),
            user_id: user_id.clone(),
            role: role.as_str().to_owned(),
        });
    }
    Ok(rows)
}

pub fn register(
    conn: &mut DbConnection,
    partner_id: &str,
    p: &NewProject,
    now: i64,
) -> Result<(ProjectRow, Vec<MemberRow>), Failure> {
    let row = ProjectRow {
        id: ids::new_id(),
        partner_id: partner_id.to_owned(),
        project_name: p.project_name.clone(),
        customer_name: p.customer_name.clone(),
        country_code: p.country_code.clone(),
        currency: p.currency.as_str().to_owned(),
        annual_scale_cents: p.annual_scale.cents(),
        registered_at: now,
    };
    let members = member_rows(conn, partner_id, &row.id, &p.members)?;
    repo::insert(conn, &row)?;
    repo::set_members(conn, &row.id, &members)?;
    Ok((row, members))
}

/// The partner's own project; anyone else's answers like a missing one.
pub fn own(conn: &mut DbConnection, partner_id: &str, id: &str) -> Result<ProjectRow, Failure> {
    repo::find(conn, id)?
        .filter(|r| r.partner_id == partner_id)
        .ok_or_else(|| not_found("project"))
}

pub fn set_members(
    conn: &mut DbConnection,
    partner_id: &str,
    project_id: &str,
    members: &[(String, MemberRole)],
) -> Result<(ProjectRow, Vec<MemberRow>), Failure> {
    let project = own(conn, partner_id, project_id)?;
    let rows = member_rows(conn, partner_id, &project.id, members)?;
    repo::set_members(conn, &project.id, &rows)?;
    Ok((project, rows))
}
