//! A partner's user as its admin sees it.

use super::input::NoticeLanguage;
use crate::wire;
use domain::identity::Roles;
use domain::outbox::Language;
use persistence::repo::people::PersonRow;
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Serialize, ToSchema)]
pub struct PartnerUser {
    #[schema(example = "7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a29")]
    user_id: String,
    #[schema(example = "li.lei@acme")]
    user_name: String,
    display_name: Option<String>,
    #[schema(example = json!(["finance"]))]
    roles: Vec<&'static str>,
    supervisor_user_id: Option<String>,
    email: Option<String>,
    mobile_phone: Option<String>,
    language: NoticeLanguage,
    /// `ACTIVE` or `DEACTIVATED`.
    #[schema(example = "ACTIVE")]
    status: &'static str,
    /// UTC, `yyyy-MM-ddTHH:mm:ssZ`.
    created_at: String,
}

impl From<&PersonRow> for PartnerUser {
    fn from(p: &PersonRow) -> Self {
        PartnerUser {
            user_id: p.id.clone(),
            user_name: p.user_name.clone(),
            display_name: p.display_name.clone(),
            roles: Roles::from_stored(&p.roles).names(),
            supervisor_user_id: p.supervisor_user_id.clone(),
            email: p.email.clone(),
            mobile_phone: p.mobile_phone.clone(),
            language: NoticeLanguage::of(Language::from_stored(&p.language)),
            status: if p.active { "ACTIVE" } else { "DEACTIVATED" },
            created_at: wire::utc(p.created_at),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct PartnerUserList {
    users: Vec<PartnerUser>,
}

impl PartnerUserList {
    pub fn of(rows: &[PersonRow]) -> Self {
        PartnerUserList {
            users: rows.iter().map(PartnerUser::from).collect(),
        }
    }
}
