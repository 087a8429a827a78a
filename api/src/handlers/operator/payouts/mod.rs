//! S14: the operator pays (`POST /v2/operator/payout-applications/{id}/pay`) or rejects
//! (`.../reject`) a submitted payout application; the partner sees `PAID` with the bank's
//! reference, or `REJECTED` with the reasons. An application is decided once.

pub mod pay;
pub mod reject;

crate::text_type!(
    /// A payout application's id.
    PayoutId, 1..=domain::limits::ID, "9e8d7c6b5a4f4e3d2c1b0a9f8e7d6c5b");
crate::text_type!(
    /// The bank's reference of the transfer.
    BankReference, 1..=64, "BOC-20261207-000123", free);
