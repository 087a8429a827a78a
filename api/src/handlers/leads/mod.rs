//! S16 leads, partner side: create, list and export, read, move the status, follow up, and
//! call through the platform. For partners on marketing plan 2.0 every phone and email leaves
//! masked (`138****5678`, `a***@example.com`) — in responses, lists, the CSV and logs.

pub mod calls;
pub mod create;
pub mod follow_ups;
pub mod item;
pub mod query;

use crate::handlers::opportunities::schemas;
use crate::{wire, ApiError};
use domain::leads::{masks_contacts, parse_email, parse_phone, Contact};
use domain::Violation;
use persistence::repo::leads::LeadRow;
use serde::{Deserialize, Deserializer, Serialize};
use utoipa::openapi::{RefOr, Schema};
use utoipa::ToSchema;
use validator::Validate;

/// A phone or email as received: any JSON string; a wrong type is refused without echoing
/// the value.
#[derive(Clone, Default)]
pub struct ContactInput(String);

impl<'de> Deserialize<'de> for ContactInput {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match serde_json::Value::deserialize(d) {
            Ok(serde_json::Value::String(s)) => Ok(ContactInput(s)),
            _ => Err(serde::de::Error::custom("expected a string")),
        }
    }
}

/// The lead's fields as submitted, by the partner or by the operator.
#[derive(Deserialize, Validate, ToSchema)]
#[schema(example = json!({"customer_name": "Initech", "contact_name": "Peter", "mobile_phone": "13812345678", "email": "peter@initech.example", "industry": "FINANCE", "description": "Asked for a database migration quote"}))]
pub struct LeadFields {
    #[validate(length(min = 1, max = 128))]
    #[schema(schema_with = fields::customer_name)]
    pub customer_name: String,
    #[validate(length(max = 64))]
    #[schema(schema_with = fields::contact_name)]
    pub contact_name: Option<String>,
    /// An optional `+` and 5–20 digits (spaces and hyphens between them are kept).
    #[schema(schema_with = schemas::phone)]
    pub mobile_phone: Option<ContactInput>,
    #[schema(schema_with = schemas::email)]
    pub email: Option<ContactInput>,
    /// Upper-case code, e.g. `FINANCE`.
    #[schema(schema_with = fields::industry)]
    pub industry: Option<String>,
    #[validate(length(max = 2000))]
    #[schema(schema_with = fields::description)]
    pub description: Option<String>,
}

mod fields {
    use crate::handlers::opportunities::schemas;
    use utoipa::openapi::schema::Object;

    pub fn customer_name() -> Object {
        schemas::text(128, "Initech")
    }
    pub fn contact_name() -> Object {
        schemas::optional_text(64, "Peter")
    }
    pub fn industry() -> Object {
        schemas::optional_code("FINANCE")
    }
    pub fn description() -> Object {
        schemas::optional_text(2000, "Asked for a database migration quote")
    }
}

/// The lead as submitted: its fields, with a `mobile_phone` or an `email` (or both).
#[derive(Deserialize)]
#[serde(transparent)]
pub struct LeadInput(pub LeadFields);

impl Validate for LeadInput {
    fn validate(&self) -> Result<(), validator::ValidationErrors> {
        self.0.validate()
    }
}

impl utoipa::PartialSchema for LeadInput {
    fn schema() -> RefOr<Schema> {
        schemas::all_of_any(
            LeadFields::schema(),
            vec![
                schemas::present("mobile_phone", schemas::given_phone()),
                schemas::present("email", schemas::given_email()),
            ],
        )
    }
}

impl ToSchema for LeadInput {
    fn schemas(out: &mut Vec<(String, RefOr<Schema>)>) {
        LeadFields::schemas(out);
    }
}

impl LeadInput {
    pub fn checked(self) -> Result<crate::service::leads::NewLead, ApiError> {
        let lead = self.0;
        domain::text::required("customer_name", &lead.customer_name, 128)?;
        let phone = lead
            .mobile_phone
            .filter(|c| !c.0.is_empty())
            .map(|c| parse_phone("mobile_phone", &c.0))
            .transpose()?;
        let email = lead
            .email
            .filter(|c| !c.0.is_empty())
            .map(|c| parse_email("email", &c.0))
            .transpose()?;
        if phone.is_none() && email.is_none() {
            return Err(ApiError::param("a lead needs a mobile_phone or an email"));
        }
        let industry = lead
            .industry
            .filter(|s| !s.is_empty())
            .map(|s| domain::names::code("industry", &s).map(str::to_owned))
            .transpose()?;
        for (f, v, max) in [
            ("contact_name", &lead.contact_name, 64),
            ("description", &lead.description, 2000),
        ] {
            if let Some(v) = v {
                domain::text::optional(f, v, max)?;
            }
        }
        Ok(crate::service::leads::NewLead {
            customer_name: lead.customer_name.trim().to_owned(),
            contact_name: lead.contact_name,
            mobile_phone: phone,
            email,
            industry,
            description: lead.description,
        })
    }
}

#[derive(Serialize, ToSchema)]
pub struct LeadView {
    lead_id: String,
    partner_id: String,
    /// `DISPATCHED` (by the platform) or `SELF_CREATED`.
    #[schema(example = "DISPATCHED")]
    source: String,
    /// `NEW`, `FOLLOWING`, `CONVERTED` or `INVALID`.
    #[schema(example = "NEW")]
    status: String,
    customer_name: String,
    contact_name: Option<String>,
    /// Masked (`138****5678`) for partners on marketing plan 2.0: call through
    /// `POST .../outbound-calls` instead.
    #[schema(example = "138****5678")]
    mobile_phone: Option<String>,
    /// Masked (`a***@example.com`) for partners on marketing plan 2.0.
    #[schema(example = "a***@example.com")]
    email: Option<String>,
    /// True when the contacts above are masked.
    contacts_masked: bool,
    industry: Option<String>,
    description: Option<String>,
    create_time: String,
    last_update_time: String,
}

/// The contact fields as the partner on `plan` may see them: the one masking rule, for
/// responses and the CSV alike.
pub fn shown(r: &LeadRow, plan: &str) -> (Option<String>, Option<String>) {
    (
        r.mobile_phone
            .clone()
            .map(|p| Contact::Phone(p).shown(plan)),
        r.email.clone().map(|e| Contact::Email(e).shown(plan)),
    )
}

impl LeadView {
    pub fn new(r: &LeadRow, plan: &str) -> Self {
        let (mobile_phone, email) = shown(r, plan);
        LeadView {
            lead_id: r.id.clone(),
            partner_id: r.partner_id.clone(),
            source: r.source.clone(),
            status: r.status.clone(),
            customer_name: r.customer_name.clone(),
            contact_name: r.contact_name.clone(),
            mobile_phone,
            email,
            contacts_masked: masks_contacts(plan),
            industry: r.industry.clone(),
            description: r.description.clone(),
            create_time: wire::utc(r.created_at),
            last_update_time: wire::utc(r.updated_at),
        }
    }
}

/// A path id: too long or empty answers like a missing lead.
pub fn lead_id(id: &str) -> Result<String, ApiError> {
    crate::handlers::channel::path_id(id, || {
        Violation::new(domain::codes::NOT_FOUND, "lead does not exist")
    })
}
