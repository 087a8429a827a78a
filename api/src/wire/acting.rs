//! `indirect_partner_id`: a distributor acting for one of its resellers.

use super::PartnerId;
use serde::Deserialize;
use utoipa::IntoParams;

/// The query parameter of every operation a distributor may call for its reseller.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ActingFor {
    /// A reseller of the calling distributor, to act for.
    pub indirect_partner_id: Option<PartnerId>,
}

impl ActingFor {
    pub fn reseller(&self) -> Option<&str> {
        self.indirect_partner_id.as_ref().map(PartnerId::as_str)
    }
}
