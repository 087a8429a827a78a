//! The partner co-expansion plan (S2).

use crate::wire::Code;

codes! {
    IncentiveCurrency = Code<domain::opportunities::pce::incentive::IncentiveCurrency>;
}
