//! The operator's directory of partners and customers.

use super::Outcome;
use domain::directory::{
    CustomerEntry, CustomerSearch, Found, KeyPage, PartnerEntry, PartnerSearch,
};
use persistence::repo::directory;
use persistence::DbConnection;

pub fn partners(
    conn: &mut DbConnection,
    s: &PartnerSearch,
    page: &KeyPage,
) -> Outcome<Found<PartnerEntry>> {
    Ok(directory::partners(conn, s, page)?)
}

pub fn customers(
    conn: &mut DbConnection,
    s: &CustomerSearch,
    page: &KeyPage,
) -> Outcome<Found<CustomerEntry>> {
    Ok(directory::customers(conn, s, page)?)
}
