//! Request bodies of the partner's user management.

use crate::service::people::{Contacts, Update};
use crate::wire::{EmailAddress, Phone, UserId};
use crate::ApiError;
use domain::identity::Roles;
use domain::outbox::Language;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

crate::text_type!(
    /// A login name: letters, digits and `_ - . @`, unique across users and customers.
    UserName, 1..=64, "li.lei@acme");
crate::text_type!(
    /// How the user is shown.
    DisplayName, 1..=128, "Li Lei", free);
/// A role.
#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(example = "finance")]
pub enum RoleName {
    Admin,
    AccountManager,
    AccountManagerSupervisor,
    ProjectSpecialist,
    Finance,
}
crate::register!(RoleName);

impl RoleName {
    fn as_str(self) -> &'static str {
        match self {
            Self::Admin => "admin",
            Self::AccountManager => "account_manager",
            Self::AccountManagerSupervisor => "account_manager_supervisor",
            Self::ProjectSpecialist => "project_specialist",
            Self::Finance => "finance",
        }
    }
}

/// The language of the notices (e-mails) the user gets; `zh-CN` unless set.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, ToSchema)]
#[schema(example = "zh-CN")]
pub enum NoticeLanguage {
    #[serde(rename = "zh-CN")]
    ZhCn,
    #[serde(rename = "en")]
    En,
}
crate::register!(NoticeLanguage);

impl NoticeLanguage {
    pub fn domain(self) -> Language {
        match self {
            Self::ZhCn => Language::ZhCn,
            Self::En => Language::En,
        }
    }

    pub fn of(l: Language) -> Self {
        match l {
            Language::ZhCn => Self::ZhCn,
            Language::En => Self::En,
        }
    }
}

fn roles(names: &[RoleName]) -> Result<Roles, ApiError> {
    Ok(Roles::parse(names.iter().map(|r| r.as_str()))?)
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewPartnerUser {
    #[schema(value_type = String, pattern = "^[A-Za-z0-9_.@-]{1,64}$", example = "li.lei@acme")]
    pub user_name: UserName,
    pub display_name: Option<DisplayName>,
    /// 1 to 5 roles.
    #[schema(min_items = 1, max_items = 5)]
    pub roles: Vec<RoleName>,
    /// An `account_manager_supervisor` of the same partner.
    pub supervisor_user_id: Option<UserId>,
    /// Enables `POST /v2/auth/tokens`; 8–32 characters of three kinds.
    #[schema(value_type = Option<String>, min_length = 8, max_length = 32, example = "Cloud#2024pass")]
    pub password: Option<String>,
    pub email: Option<EmailAddress>,
    pub mobile_phone: Option<Phone>,
    /// Default `zh-CN`.
    pub language: Option<NoticeLanguage>,
}

impl NewPartnerUser {
    pub fn check(&self) -> Result<(Roles, Contacts), ApiError> {
        if !self
            .user_name
            .as_str()
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_-.@".contains(&b))
        {
            return Err(ApiError::param(
                "user_name may hold only letters, digits and _ - . @",
            ));
        }
        if self.roles.len() > 5 {
            return Err(ApiError::param("roles: at most 5"));
        }
        Ok((
            roles(&self.roles)?,
            Contacts {
                email: self.email.clone().map(EmailAddress::into_inner),
                mobile_phone: self.mobile_phone.clone().map(Phone::into_inner),
                language: self.language.map(NoticeLanguage::domain),
            },
        ))
    }
}

/// Absent fields stay as they are; `null` clears an optional one.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PartnerUserChanges {
    #[serde(default, deserialize_with = "some")]
    #[schema(value_type = Option<String>, example = "Han Mei", min_length = 1, max_length = 128, pattern = "^[^\\u0000-\\u001F\\u007F-\\u009F]*\\S[^\\u0000-\\u001F\\u007F-\\u009F]*$")]
    pub display_name: Option<Option<DisplayName>>,
    #[schema(min_items = 1, max_items = 5)]
    pub roles: Option<Vec<RoleName>>,
    #[serde(default, deserialize_with = "some")]
    #[schema(value_type = Option<String>, example = "7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a29")]
    pub supervisor_user_id: Option<Option<UserId>>,
    #[serde(default, deserialize_with = "some")]
    #[schema(value_type = Option<EmailAddress>)]
    pub email: Option<Option<EmailAddress>>,
    #[serde(default, deserialize_with = "some")]
    #[schema(value_type = Option<Phone>)]
    pub mobile_phone: Option<Option<Phone>>,
    pub language: Option<NoticeLanguage>,
}

/// A present field (even `null`) is `Some`.
fn some<'de, T: Deserialize<'de>, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

impl PartnerUserChanges {
    pub fn check(self) -> Result<Update, ApiError> {
        if self.roles.as_ref().is_some_and(|r| r.len() > 5) {
            return Err(ApiError::param("roles: at most 5"));
        }
        Ok(Update {
            display_name: self.display_name.map(|d| d.map(DisplayName::into_inner)),
            roles: self.roles.as_deref().map(roles).transpose()?,
            supervisor_user_id: self.supervisor_user_id.map(|s| s.map(UserId::into_inner)),
            email: self.email.map(|e| e.map(EmailAddress::into_inner)),
            mobile_phone: self.mobile_phone.map(|m| m.map(Phone::into_inner)),
            language: self.language.map(NoticeLanguage::domain),
        })
    }
}
