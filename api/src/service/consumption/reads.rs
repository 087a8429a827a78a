//! Bill reads: a customer's own records and sums, and a partner's customers' as its user may
//! see them (S13: admins and finance all, a supervisor their team's, an account manager theirs).

use crate::auth::PartnerUser;
use crate::service::channel::scope;
use crate::service::{acting, Outcome};
use domain::consumption::{currency_of, visibility, BillSum, FeeRecord};
use domain::currency::Currency;
use domain::paging::Page;
use persistence::repo::consumption::records::{self, RecordFilter, Scope};
use persistence::repo::consumption::sums::{self, SumFilter};
use persistence::repo::{customers, partners, users};
use persistence::DbConnection;

/// The currency of a customer's money: its partner's country's, else its own.
pub fn customer_currency(conn: &mut DbConnection, customer_id: &str) -> Outcome<&'static str> {
    let Some(c) = customers::find(conn, customer_id)? else {
        return Ok("CNY");
    };
    let country = match &c.partner_id {
        Some(p) => partners::find(conn, p)?.map_or(c.country_code, |p| p.country_code),
        None => c.country_code,
    };
    Ok(currency_of(&country))
}

/// The currency a customer's accounts hold (its partner's country's, else its own); a
/// customer that does not exist has none to hold, and reads as the China default.
pub fn account_currency(conn: &mut DbConnection, customer_id: &str) -> Outcome<Currency> {
    let Some(c) = customers::find(conn, customer_id)? else {
        return Ok(Currency::Cny);
    };
    let partner_country = match &c.partner_id {
        Some(p) => partners::find(conn, p)?.map(|p| p.country_code),
        None => None,
    };
    Ok(Currency::of_customer(
        &c.country_code,
        partner_country.as_deref(),
    ))
}

/// Who a partner user reads for, and which of its customers.
#[derive(Debug, Clone, Default)]
pub struct PartnerView<'a> {
    pub indirect_partner_id: Option<&'a str>,
    /// The login name of an account manager whose customers only are read.
    pub account_manager: Option<&'a str>,
    /// `1` referral (推荐), `2` resale (转售).
    pub association_type: Option<String>,
}

/// The scope a partner user reads bills in, and the currency of the partner's money.
pub fn partner_scope(
    conn: &mut DbConnection,
    user: &PartnerUser,
    view: &PartnerView<'_>,
) -> Outcome<(Scope, &'static str)> {
    let partner = acting::partner(conn, &user.partner_id, view.indirect_partner_id)?;
    let team: Vec<String> = users::list_for_partner(conn, &user.partner_id)?
        .into_iter()
        .filter(|u| u.supervisor_user_id.as_deref() == Some(user.user_id.as_str()))
        .map(|u| u.id)
        .collect();
    let visible = visibility::managers(&user.roles, &user.user_id, &team)?;
    let named = match view.account_manager {
        Some(login) => Some(scope::account_manager(conn, &partner.id, login)?.id),
        None => None,
    };
    let currency = currency_of(&partner.country_code);
    Ok((
        Scope::Partner {
            partner_id: partner.id,
            managers: visibility::narrow(visible, named.as_deref()),
            association_type: view.association_type.clone(),
        },
        currency,
    ))
}

/// A page of records and their total.
pub fn records_page(
    conn: &mut DbConnection,
    scope: &Scope,
    f: &RecordFilter,
    page: Page,
) -> Outcome<(i64, Vec<FeeRecord>)> {
    let total = records::count(conn, scope, f)?;
    let rows = if total > page.offset {
        records::page(conn, scope, f, page.offset, page.limit)?
    } else {
        Vec::new()
    };
    Ok((total, rows))
}

/// Up to `n` records after the one numbered `after`, with their numbers (export batches).
pub fn records_after(
    conn: &mut DbConnection,
    scope: &Scope,
    f: &RecordFilter,
    after: Option<i64>,
    n: i64,
) -> Outcome<Vec<(i64, FeeRecord)>> {
    Ok(records::batch_after(conn, scope, f, after, n)?)
}

/// Up to `n` sums after position `after` (positions count from 0 in the sums' order), each
/// with its position: the batches of a streamed export.
pub fn sums_after(
    conn: &mut DbConnection,
    scope: &Scope,
    f: &SumFilter,
    after: Option<usize>,
    n: i64,
) -> Outcome<Vec<(usize, BillSum)>> {
    let from = after.map_or(0, |a| a + 1);
    let offset = i64::try_from(from).unwrap_or(i64::MAX);
    Ok(sums::page(conn, scope, f, offset, n)?
        .into_iter()
        .enumerate()
        .map(|(i, s)| (from + i, s))
        .collect())
}

/// A page of a partner's sums and how many match: counted and paged by the database, as a
/// partner with 10,000 customers has tens of thousands a cycle.
pub fn sums_page(
    conn: &mut DbConnection,
    scope: &Scope,
    f: &SumFilter,
    page: Page,
) -> Outcome<(i64, Vec<BillSum>)> {
    Ok((
        sums::count(conn, scope, f)?,
        sums::page(conn, scope, f, page.offset, page.limit)?,
    ))
}

/// A page of a customer's sums (a handful a cycle), how many there are, and their total.
pub fn customer_sums_page(
    conn: &mut DbConnection,
    customer_id: &str,
    f: &SumFilter,
    page: Page,
) -> Outcome<(i64, Vec<BillSum>, Option<BillSum>)> {
    let all = sums::all(conn, &Scope::Customer(customer_id.to_owned()), f)?;
    let total = i64::try_from(all.len()).unwrap_or(i64::MAX);
    let mut totals: Option<BillSum> = None;
    for s in &all {
        match &mut totals {
            Some(t) => t.add(s),
            None => totals = Some(s.clone()),
        }
    }
    let rows = all
        .into_iter()
        .skip(usize::try_from(page.offset).unwrap_or(usize::MAX))
        .take(usize::try_from(page.limit).unwrap_or(0))
        .collect();
    Ok((total, rows, totals))
}
