//! `GET /v2/partners/development-paths`: the partner's paths, stages and capability labels.

use crate::auth::Caller;
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::Data;
use actix_web::{get, HttpResponse};
use domain::programs::labels::Label;
use persistence::repo::programs::labels::{self, LabelRow};
use persistence::repo::programs::paths::{self, PathRow};
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Serialize, ToSchema)]
pub struct PathView {
    /// `SERVICE`, `SOFTWARE`, `CONSULTING_SI` or `RESELLER`.
    #[schema(example = "SERVICE")]
    path_type: String,
    /// `JOINED`, `ROLE_CERTIFIED` or `CAPABILITY_DIFFERENTIATED`.
    #[schema(example = "ROLE_CERTIFIED")]
    stage: String,
    joined_on: String,
    /// When the current stage was reached; absent while `JOINED`.
    certified_on: Option<String>,
}

impl From<PathRow> for PathView {
    fn from(r: PathRow) -> Self {
        PathView {
            certified_on: (r.stage != "JOINED").then(|| wire::utc(r.stage_changed_at)),
            path_type: r.path_type,
            stage: r.stage,
            joined_on: wire::utc(r.joined_at),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct LabelView {
    #[schema(example = "CLOUD_MIGRATION")]
    label_code: String,
    /// The path it was granted for, if any.
    path_type: Option<String>,
    granted_on: String,
    /// The label is held until this time (exclusive); absent: no expiry.
    expire_time: Option<String>,
    /// Held right now.
    held: bool,
    /// The capability certification whose approval granted it.
    certification_id: Option<String>,
}

impl LabelView {
    pub fn new(r: LabelRow, now: i64) -> Self {
        LabelView {
            held: Label {
                code: String::new(),
                granted_at: r.granted_at,
                expire_at: r.expire_at,
            }
            .held_at(now),
            label_code: r.label_code,
            path_type: r.path_type,
            granted_on: wire::utc(r.granted_at),
            expire_time: r.expire_at.map(wire::utc),
            certification_id: r.certification_id,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct DevelopmentPaths {
    development_paths: Vec<PathView>,
    /// Current and expired labels (`held` tells which).
    capability_labels: Vec<LabelView>,
}

impl DevelopmentPaths {
    pub fn new(paths: Vec<PathRow>, labels: Vec<LabelRow>, now: i64) -> Self {
        DevelopmentPaths {
            development_paths: paths.into_iter().map(PathView::from).collect(),
            capability_labels: labels.into_iter().map(|l| LabelView::new(l, now)).collect(),
        }
    }
}

/// The development paths the partner has joined, its stage on each, and its capability labels.
#[utoipa::path(tag = "programs", responses((status = 200, body = DevelopmentPaths)))]
#[get("/v2/partners/development-paths")]
pub async fn list_development_paths(
    state: Data<AppState>,
    caller: Caller,
) -> Result<HttpResponse, ApiError> {
    let me = caller.partner()?.partner_id.clone();
    let now = state.now();
    let (p, l) = state
        .read(move |conn| {
            Ok((
                paths::for_partner(conn, &me)?,
                labels::for_partner(conn, &me)?,
            ))
        })
        .await?;
    Ok(wire::json(
        StatusCode::OK,
        &DevelopmentPaths::new(p, l, now),
    ))
}
