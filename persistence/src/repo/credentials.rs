//! Access keys. The secret is stored encrypted (the API layer holds the key), never in clear.

use crate::schema::credentials;
use crate::{DbConnection, StoreError};
use diesel::prelude::*;

pub const OPERATOR: &str = "operator";
pub const PARTNER_USER: &str = "partner_user";
pub const CUSTOMER: &str = "customer";

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = credentials)]
pub struct CredentialRow {
    pub access_key: String,
    pub secret_enc: String,
    pub owner_kind: String,
    pub owner_id: String,
    pub domain_id: String,
    pub created_at: i64,
}

pub fn insert(conn: &mut DbConnection, row: &CredentialRow) -> Result<(), StoreError> {
    diesel::insert_into(credentials::table)
        .values(row)
        .execute(conn)
        .map(drop)
        .map_err(StoreError::from)
}

pub fn find(conn: &mut DbConnection, ak: &str) -> Result<Option<CredentialRow>, StoreError> {
    Ok(credentials::table
        .find(ak)
        .select(CredentialRow::as_select())
        .first(conn)
        .optional()?)
}

pub fn any_of_kind(conn: &mut DbConnection, kind: &str) -> Result<bool, StoreError> {
    let n: i64 = credentials::table
        .filter(credentials::owner_kind.eq(kind))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

pub fn replace_secret(
    conn: &mut DbConnection,
    ak: &str,
    secret_enc: &str,
) -> Result<(), StoreError> {
    diesel::update(credentials::table.find(ak))
        .set(credentials::secret_enc.eq(secret_enc))
        .execute(conn)?;
    Ok(())
}

pub fn for_owner(
    conn: &mut DbConnection,
    kind: &str,
    owner_id: &str,
) -> Result<Vec<CredentialRow>, StoreError> {
    Ok(credentials::table
        .filter(credentials::owner_kind.eq(kind))
        .filter(credentials::owner_id.eq(owner_id))
        .order(credentials::created_at.asc())
        .select(CredentialRow::as_select())
        .load(conn)?)
}

/// The sealed secret of one stored credential other than `except` (the operator key the
/// environment re-seals at start), to check at start that the master key opens them.
pub fn any_sealed_secret(
    conn: &mut DbConnection,
    except: &str,
) -> Result<Option<String>, StoreError> {
    Ok(credentials::table
        .filter(credentials::access_key.ne(except))
        .order((credentials::created_at.asc(), credentials::access_key.asc()))
        .select(credentials::secret_enc)
        .first(conn)
        .optional()?)
}
