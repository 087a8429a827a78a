//! Consumption (issue 22): usage fee records, their bill-cycle sums and customers' arrears.

pub mod coupon_use;
pub mod debts;
pub mod new_tags;
pub mod postings;
pub mod records;
pub mod resources;
pub mod subscriptions;
pub mod sums;

use crate::{Backend, DbConnection};
use std::borrow::Cow;

/// `sql` with PostgreSQL's `$n` placeholders, spelled `?` on SQLite (binds are in order).
fn placeholders<'a>(conn: &DbConnection, sql: &'a str) -> Cow<'a, str> {
    if conn.backend() == Backend::Postgres {
        return Cow::Borrowed(sql);
    }
    let mut out = String::with_capacity(sql.len());
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '$' && chars.peek().is_some_and(char::is_ascii_digit) {
            while chars.peek().is_some_and(char::is_ascii_digit) {
                chars.next();
            }
            out.push('?');
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}
