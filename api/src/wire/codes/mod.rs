//! The closed sets DTOs carry, each as [`Code`] (or [`CodeText`]) of its domain enum, one
//! module per area. Named here so the OpenAPI derive sees one plain type per set, and
//! registered for the document.

/// `codes! { OrderStatus = Code<domain::orders::OrderStatus>; … }`
macro_rules! codes {
    ($($name:ident = $ty:ty;)*) => {
        $(
            pub type $name = $ty;
            $crate::register!($name);
        )*
    };
}

mod calls;
mod consumption;
mod delivery;
mod orders;
mod pce;
mod realname;

pub use calls::*;
pub use consumption::*;
pub use delivery::*;
pub use orders::*;
pub use pce::*;
pub use realname::*;
