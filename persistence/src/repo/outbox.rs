//! Messages waiting for delivery (SMS codes, invitation e-mails). The notifier delivers them;
//! the operator can read them.

use super::query::Be;
use crate::schema::outbox_messages as ob;
use crate::{DbConnection, StoreError};
use diesel::prelude::*;

pub const SMS: &str = "SMS";
pub const EMAIL: &str = "EMAIL";
pub const VERIFICATION_CODE: &str = "VERIFICATION_CODE";
pub const CUSTOMER_INVITATION: &str = "CUSTOMER_INVITATION";

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = ob)]
pub struct OutboxRow {
    /// Assigned by the database; orders messages exactly.
    #[diesel(deserialize_as = i64)]
    pub seq: Option<i64>,
    pub id: String,
    pub channel: String,
    pub recipient: String,
    pub purpose: String,
    pub content: String,
    pub created_at: i64,
}

pub fn insert(conn: &mut DbConnection, row: &OutboxRow) -> Result<(), StoreError> {
    diesel::insert_into(ob::table)
        .values(row)
        .execute(conn)
        .map(drop)
        .map_err(StoreError::from)
}

#[derive(Debug, Clone, Default)]
pub struct ListFilter<'a> {
    pub recipient: Option<&'a str>,
    pub purpose: Option<&'a str>,
    pub offset: i64,
    pub limit: i64,
}

fn filtered<'a>(f: &ListFilter<'a>) -> ob::BoxedQuery<'a, Be> {
    let mut q = ob::table.into_boxed::<Be>();
    if let Some(r) = f.recipient {
        q = q.filter(ob::recipient.eq(r));
    }
    if let Some(p) = f.purpose {
        q = q.filter(ob::purpose.eq(p));
    }
    q
}

/// The total and one page, newest first.
pub fn list(
    conn: &mut DbConnection,
    f: &ListFilter<'_>,
) -> Result<(i64, Vec<OutboxRow>), StoreError> {
    let total: i64 = filtered(f).count().get_result(conn)?;
    let rows = filtered(f)
        .order(ob::seq.desc())
        .offset(f.offset)
        .limit(f.limit)
        .select(OutboxRow::as_select())
        .load(conn)?;
    Ok((total, rows))
}
