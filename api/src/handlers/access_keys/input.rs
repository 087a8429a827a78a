//! Request bodies of the access-key actions.

use crate::wire::{Code, Int};
use domain::lifecycle::{KeyStatus, GRACE_MAX_SECS};
use serde::Deserialize;
use utoipa::ToSchema;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StatusBody {
    /// `ACTIVE` or `DISABLED`: a disabled key is refused from the next request on.
    #[schema(value_type = String, example = "DISABLED", pattern = "^(ACTIVE|DISABLED)$")]
    pub status: Code<KeyStatus>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RotateBody {
    /// How long the old key keeps working, in seconds (default 86400, at most 30 days).
    #[schema(value_type = Option<i64>, minimum = 0, maximum = 2592000, example = 3600)]
    pub grace_period_secs: Option<Int<0, GRACE_MAX_SECS>>,
}
