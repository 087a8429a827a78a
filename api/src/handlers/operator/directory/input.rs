//! The directory's search parameters.

use crate::wire::{CustomerId, PartnerId};
use crate::{text_type, ApiError};
use domain::directory::KeyPage;
use domain::paging::{DEFAULT_LIMIT, MAX_LIMIT};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

text_type!(/// Part of a name, matched anywhere and without regard to ASCII case.
    SearchText, 1..=64, "acme", free);
crate::register!(SearchText);

/// A partner's type as the directory filters it.
#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[schema(example = "RESELLER")]
pub enum PartnerTypeFilter {
    Distributor,
    Reseller,
    SolutionProvider,
}

crate::register!(PartnerTypeFilter);
crate::register!(AssociationStatus);

impl From<PartnerTypeFilter> for domain::identity::PartnerType {
    fn from(t: PartnerTypeFilter) -> Self {
        match t {
            PartnerTypeFilter::Distributor => Self::Distributor,
            PartnerTypeFilter::Reseller => Self::Reseller,
            PartnerTypeFilter::SolutionProvider => Self::SolutionProvider,
        }
    }
}

/// Whether a partner is active or suspended by the operator.
#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[schema(example = "ACTIVE")]
pub enum PartnerStatus {
    Active,
    Suspended,
}
crate::register!(PartnerStatus);

/// Whether a customer is associated with a partner.
#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[schema(example = "ASSOCIATED")]
pub enum AssociationStatus {
    Associated,
    Unassociated,
}

/// Paging by key: `marker` is the `next_marker` of the previous page.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct KeyPageQuery {
    /// The previous page's `next_marker`; absent for the first page.
    marker: Option<PartnerOrCustomerId>,
    /// Entries per page, 1 to 100 (default 10).
    #[param(minimum = 1, maximum = 100)]
    limit: Option<crate::wire::Limit>,
}

text_type!(/// An id the directory pages after.
    PartnerOrCustomerId, 1..=domain::limits::ID, "5f1e2d3c4b5a69788796a5b4c3d2e1f0");
crate::register!(PartnerOrCustomerId);

impl KeyPageQuery {
    pub fn page(self) -> KeyPage {
        KeyPage {
            after: self.marker.map(|m| m.as_str().to_owned()),
            limit: self.limit.map_or(DEFAULT_LIMIT, |l| l.get().min(MAX_LIMIT)),
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PartnerSearchQuery {
    pub name: Option<SearchText>,
    pub account_name: Option<SearchText>,
    pub partner_type: Option<PartnerTypeFilter>,
    /// ISO 3166 alpha-2, e.g. `CN`.
    #[param(example = "CN", pattern = "^[A-Z]{2}$")]
    pub country_code: Option<String>,
    /// Resellers linked to this distributor.
    pub parent_partner_id: Option<PartnerId>,
    pub status: Option<PartnerStatus>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CustomerSearchQuery {
    /// Part of the customer's real name.
    pub name: Option<SearchText>,
    pub account_name: Option<SearchText>,
    /// ISO 3166 alpha-2, e.g. `CN`.
    #[param(example = "CN", pattern = "^[A-Z]{2}$")]
    pub country_code: Option<String>,
    /// Customers associated with this partner.
    pub partner_id: Option<PartnerId>,
    pub status: Option<AssociationStatus>,
    /// One customer.
    pub customer_id: Option<CustomerId>,
}

/// A country code as the directory filters it: two upper-case letters (one no partner has
/// simply matches none).
pub fn country(c: Option<&String>) -> Result<Option<String>, ApiError> {
    c.map(|c| {
        if c.len() == 2 && c.bytes().all(|b| b.is_ascii_uppercase()) {
            Ok(c.clone())
        } else {
            Err(ApiError::param(
                "country_code must be two upper-case letters (ISO 3166 alpha-2) such as CN",
            ))
        }
    })
    .transpose()
}
