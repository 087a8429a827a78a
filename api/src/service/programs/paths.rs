//! The operator's set-up of development paths, capability labels and personnel facts.

use super::stored;
use crate::service::not_found;
use crate::service::Failure;
use domain::identity::Roles;
use domain::programs::labels::Label;
use domain::programs::paths::{PathType, Stage};
use domain::programs::personnel::CertLevel;
use domain::Violation;
use persistence::repo::programs::labels::{self, LabelRow};
use persistence::repo::programs::paths::{self, PathRow};
use persistence::repo::programs::personnel::{self, ProfileRow};
use persistence::repo::{partners, users};
use persistence::DbConnection;

fn partner_exists(conn: &mut DbConnection, partner_id: &str) -> Result<(), Failure> {
    partners::find(conn, partner_id)?.ok_or_else(|| not_found("partner"))?;
    Ok(())
}

/// Puts the partner on `path` at `stage` (joining it if needed).
pub fn set_stage(
    conn: &mut DbConnection,
    partner_id: &str,
    path: PathType,
    stage: Stage,
    now: i64,
) -> Result<PathRow, Failure> {
    partner_exists(conn, partner_id)?;
    Ok(paths::set_stage(
        conn,
        partner_id,
        path.as_str(),
        stage.as_str(),
        now,
    )?)
}

/// Takes the partner off `path`. Labels and applications made on it stay as they are.
pub fn leave(conn: &mut DbConnection, partner_id: &str, path: PathType) -> Result<(), Failure> {
    partner_exists(conn, partner_id)?;
    if !paths::leave(conn, partner_id, path.as_str())? {
        return Err(not_found("development path"));
    }
    Ok(())
}

/// The partner's stage on `path`, `None` if it has not joined it.
pub fn stage_of(
    conn: &mut DbConnection,
    partner_id: &str,
    path: PathType,
) -> Result<Option<Stage>, Failure> {
    paths::find(conn, partner_id, path.as_str())?
        .map(|r| stored(Stage::parse(&r.stage)))
        .transpose()
}

pub struct Grant {
    pub code: String,
    pub path: Option<PathType>,
    pub expire_at: Option<i64>,
}

/// Grants (or renews) a label from now on.
pub fn grant_label(
    conn: &mut DbConnection,
    partner_id: &str,
    g: &Grant,
    now: i64,
) -> Result<LabelRow, Failure> {
    partner_exists(conn, partner_id)?;
    if g.expire_at.is_some_and(|e| e <= now) {
        return Err(Violation::new(
            domain::programs::codes::LABEL_EXPIRY_PASSED,
            "expire_time must be in the future",
        )
        .into());
    }
    let row = LabelRow {
        partner_id: partner_id.to_owned(),
        label_code: g.code.clone(),
        path_type: g.path.map(|p| p.as_str().to_owned()),
        granted_at: now,
        expire_at: g.expire_at,
        certification_id: None,
    };
    labels::grant(conn, &row)?;
    Ok(row)
}

pub fn remove_label(conn: &mut DbConnection, partner_id: &str, code: &str) -> Result<(), Failure> {
    partner_exists(conn, partner_id)?;
    if !labels::remove(conn, partner_id, code)? {
        return Err(not_found("capability label"));
    }
    Ok(())
}

/// Every label the partner was granted (held now or expired), for the rules.
pub fn labels_of(conn: &mut DbConnection, partner_id: &str) -> Result<Vec<Label>, Failure> {
    Ok(labels::for_partner(conn, partner_id)?
        .into_iter()
        .map(|r| Label {
            code: r.label_code,
            granted_at: r.granted_at,
            expire_at: r.expire_at,
        })
        .collect())
}

pub struct Profile {
    pub level: CertLevel,
    pub infosec_exam_passed: bool,
    pub pm_certified: bool,
}

/// Records what is known about a person of the partner.
pub fn put_profile(
    conn: &mut DbConnection,
    partner_id: &str,
    user_id: &str,
    p: &Profile,
    now: i64,
) -> Result<ProfileRow, Failure> {
    partner_exists(conn, partner_id)?;
    users::find(conn, user_id)?
        .filter(|u| u.partner_id == partner_id)
        .ok_or_else(|| not_found("user"))?;
    let row = ProfileRow {
        user_id: user_id.to_owned(),
        certification_level: p.level.as_str().to_owned(),
        infosec_exam_passed: p.infosec_exam_passed,
        pm_certified: p.pm_certified,
        updated_at: now,
    };
    personnel::put(conn, &row)?;
    Ok(row)
}

/// The roles of a partner's user, `None` for anyone else (foreign ids look like missing ones).
pub fn roles_in(
    conn: &mut DbConnection,
    partner_id: &str,
    user_id: &str,
) -> Result<Option<Roles>, Failure> {
    if user_id.len() > 64 {
        return Ok(None);
    }
    Ok(users::find(conn, user_id)?
        .filter(|u| u.partner_id == partner_id)
        .map(|u| Roles::from_stored(&u.roles)))
}
