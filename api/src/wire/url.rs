//! A webhook's URL on the wire, checked by `domain::webhooks::is_url` and stated in the
//! document by the pattern that says the same. Whether its address may be called is decided
//! when it is called (the address can change).

use domain::webhooks::{is_url, URL_MAX, URL_RULE};
use utoipa::openapi::schema::{ObjectBuilder, SchemaType, Type};

/// The pattern of [`is_url`].
pub const URL_PATTERN: &str = r"^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?([/?#][!-~]*)?$";

/// An http or https URL to send webhooks to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebhookUrl(String);

impl WebhookUrl {
    pub fn parse(s: impl Into<String>) -> Result<Self, String> {
        let s = s.into();
        if s.len() <= URL_MAX && is_url(&s) {
            Ok(Self(s))
        } else {
            Err(format!("{URL_RULE} (at most {URL_MAX} characters)"))
        }
    }

    pub fn into_inner(self) -> String {
        self.0
    }
}

impl<'de> serde::Deserialize<'de> for WebhookUrl {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <String as serde::Deserialize>::deserialize(d)?;
        Self::parse(s).map_err(serde::de::Error::custom)
    }
}

impl utoipa::PartialSchema for WebhookUrl {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::Schema> {
        ObjectBuilder::new()
            .schema_type(SchemaType::Type(Type::String))
            .min_length(Some(8))
            .max_length(Some(URL_MAX))
            .pattern(Some(URL_PATTERN))
            .examples([serde_json::json!("https://erp.example.com/hooks/bss")])
            .description(Some("An http or https URL to send webhooks to."))
            .build()
            .into()
    }
}

impl utoipa::ToSchema for WebhookUrl {
    fn name() -> std::borrow::Cow<'static, str> {
        std::borrow::Cow::Borrowed("wire.WebhookUrl")
    }
}

crate::register!(WebhookUrl);
