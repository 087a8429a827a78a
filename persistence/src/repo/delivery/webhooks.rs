//! A partner's webhooks.

use crate::schema_delivery::webhooks as wh;
use crate::{DbConnection, StoreError};
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = wh)]
pub struct WebhookRow {
    #[diesel(deserialize_as = i64)]
    pub seq: Option<i64>,
    pub id: String,
    pub partner_id: String,
    pub url: String,
    /// Event type codes separated by commas.
    pub event_types: String,
    pub description: Option<String>,
    pub enabled: bool,
    pub sealed_secret: String,
    pub failing_since: Option<i64>,
    pub disabled_at: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
}

impl WebhookRow {
    pub fn types(&self) -> impl Iterator<Item = &str> {
        self.event_types.split(',').filter(|s| !s.is_empty())
    }
}

pub fn insert(conn: &mut DbConnection, row: &WebhookRow) -> Result<(), StoreError> {
    diesel::insert_into(wh::table)
        .values(row)
        .execute(conn)
        .map(drop)
        .map_err(StoreError::from)
}

pub fn count(conn: &mut DbConnection, partner_id: &str) -> Result<i64, StoreError> {
    Ok(wh::table
        .filter(wh::partner_id.eq(partner_id))
        .count()
        .get_result(conn)?)
}

pub fn list(conn: &mut DbConnection, partner_id: &str) -> Result<Vec<WebhookRow>, StoreError> {
    Ok(wh::table
        .filter(wh::partner_id.eq(partner_id))
        .order(wh::seq.asc())
        .select(WebhookRow::as_select())
        .load(conn)?)
}

/// The partner's enabled webhooks.
pub fn enabled(conn: &mut DbConnection, partner_id: &str) -> Result<Vec<WebhookRow>, StoreError> {
    Ok(wh::table
        .filter(wh::partner_id.eq(partner_id))
        .filter(wh::enabled.eq(true))
        .select(WebhookRow::as_select())
        .load(conn)?)
}

/// One of the partner's webhooks; another partner's answers like a missing one.
pub fn find(conn: &mut DbConnection, partner_id: &str, id: &str) -> Result<WebhookRow, StoreError> {
    wh::table
        .filter(wh::partner_id.eq(partner_id))
        .filter(wh::id.eq(id))
        .select(WebhookRow::as_select())
        .first(conn)
        .optional()?
        .ok_or(StoreError::NotFound)
}

pub fn find_any(conn: &mut DbConnection, id: &str) -> Result<Option<WebhookRow>, StoreError> {
    Ok(wh::table
        .filter(wh::id.eq(id))
        .select(WebhookRow::as_select())
        .first(conn)
        .optional()?)
}

#[derive(Debug, Clone, AsChangeset)]
#[diesel(table_name = wh, treat_none_as_null = true)]
pub struct Changes {
    pub url: String,
    pub event_types: String,
    pub description: Option<String>,
    pub enabled: bool,
    pub failing_since: Option<i64>,
    pub disabled_at: Option<i64>,
    pub updated_at: i64,
}

pub fn update(conn: &mut DbConnection, id: &str, c: &Changes) -> Result<(), StoreError> {
    diesel::update(wh::table.filter(wh::id.eq(id)))
        .set(c)
        .execute(conn)?;
    Ok(())
}

pub fn set_secret(
    conn: &mut DbConnection,
    id: &str,
    sealed: &str,
    now: i64,
) -> Result<(), StoreError> {
    diesel::update(wh::table.filter(wh::id.eq(id)))
        .set((wh::sealed_secret.eq(sealed), wh::updated_at.eq(now)))
        .execute(conn)?;
    Ok(())
}

/// Notes a failed or a successful delivery: `failing_since` is set by the first failure after
/// a success and cleared by a success.
pub fn note_outcome(
    conn: &mut DbConnection,
    id: &str,
    ok: bool,
    now: i64,
) -> Result<(), StoreError> {
    if ok {
        diesel::update(wh::table.filter(wh::id.eq(id)))
            .set(wh::failing_since.eq(None::<i64>))
            .execute(conn)?;
    } else {
        diesel::update(
            wh::table
                .filter(wh::id.eq(id))
                .filter(wh::failing_since.is_null()),
        )
        .set(wh::failing_since.eq(Some(now)))
        .execute(conn)?;
    }
    Ok(())
}

pub fn disable(conn: &mut DbConnection, id: &str, now: i64) -> Result<(), StoreError> {
    diesel::update(wh::table.filter(wh::id.eq(id)))
        .set((
            wh::enabled.eq(false),
            wh::disabled_at.eq(Some(now)),
            wh::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn delete(conn: &mut DbConnection, id: &str) -> Result<(), StoreError> {
    use crate::schema_delivery::webhook_deliveries as wd;
    diesel::delete(wd::table.filter(wd::webhook_id.eq(id))).execute(conn)?;
    diesel::delete(wh::table.filter(wh::id.eq(id))).execute(conn)?;
    Ok(())
}
