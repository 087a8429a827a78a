//! What `GET /v2/operator/partners/{partner_id}` shows of the partner's programs: paths,
//! labels, certification status and PCE membership.

use crate::handlers::programs::development_paths::{LabelView, PathView};
use crate::service::programs::business_info;
use crate::service::Failure;
use persistence::repo::opportunities::pce;
use persistence::repo::programs::{certifications, labels, paths};
use persistence::DbConnection;
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Serialize, ToSchema)]
pub struct CertificationStatus {
    path_type: String,
    application_id: String,
    /// `REVIEWING`, `APPROVED` or `REJECTED`.
    status: String,
}

/// The partner's PCE (S2) membership.
#[derive(Serialize, ToSchema)]
pub struct PceMembership {
    joined: bool,
    /// When the partner joined (UTC); absent when not a member.
    joined_on: Option<String>,
    /// The join condition the partner met, e.g. `PCE_AGREEMENT_SIGNED`.
    qualified_by: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct PartnerPrograms {
    development_paths: Vec<PathView>,
    /// Current and expired labels (`held` tells which).
    capability_labels: Vec<LabelView>,
    /// The latest capability-differentiation certification on each path.
    differentiation_certifications: Vec<CertificationStatus>,
    /// `NOT_SUBMITTED`, `REVIEWING`, `CERTIFIED` or `FAILED`.
    #[schema(example = "CERTIFIED")]
    business_info_certification_status: String,
    pce: PceMembership,
}

pub fn load(
    conn: &mut DbConnection,
    partner_id: &str,
    now: i64,
) -> Result<PartnerPrograms, Failure> {
    let (_, all) = certifications::list(conn, partner_id, None, 0, 100)?;
    let mut latest: Vec<CertificationStatus> = Vec::new();
    for c in all {
        if !latest.iter().any(|l| l.path_type == c.path_type) {
            latest.push(CertificationStatus {
                path_type: c.path_type,
                application_id: c.id,
                status: c.status,
            });
        }
    }
    latest.sort_by(|a, b| a.path_type.cmp(&b.path_type));
    Ok(PartnerPrograms {
        development_paths: paths::for_partner(conn, partner_id)?
            .into_iter()
            .map(PathView::from)
            .collect(),
        capability_labels: labels::for_partner(conn, partner_id)?
            .into_iter()
            .map(|l| LabelView::new(l, now))
            .collect(),
        differentiation_certifications: latest,
        business_info_certification_status: business_info::status(conn, partner_id)?
            .0
            .as_str()
            .to_owned(),
        pce: match pce::member(conn, partner_id)? {
            Some(m) => PceMembership {
                joined: true,
                joined_on: Some(crate::wire::utc(m.joined_at)),
                qualified_by: Some(m.qualified_by),
            },
            None => PceMembership {
                joined: false,
                joined_on: None,
                qualified_by: None,
            },
        },
    })
}
