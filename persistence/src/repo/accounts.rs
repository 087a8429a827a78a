//! Balances. Every change goes through [`post`], which writes the ledger row in the same
//! transaction; callers lock the accounts first with [`lock`].

use crate::pool::PgConn;
use crate::repo::ledger::{self, LedgerRow};
use crate::schema::accounts;
use crate::{ids, DbConnection, StoreError};
use diesel::prelude::*;
use domain::Money;

pub const PARTNER: &str = "partner";
pub const CUSTOMER: &str = "customer";
pub const CASH: i32 = 1;
pub const CREDIT: i32 = 2;

#[derive(Debug, Clone, Queryable, QueryableByName, Selectable, Insertable)]
#[diesel(table_name = accounts)]
pub struct AccountRow {
    pub id: String,
    pub owner_kind: String,
    pub owner_id: String,
    pub account_type: i32,
    pub balance_cents: i64,
    pub credit_limit_cents: i64,
    pub designated_cents: i64,
    pub created_at: i64,
}

/// Creates the account if it does not exist yet and returns it.
pub fn ensure(
    conn: &mut DbConnection,
    owner_kind: &str,
    owner_id: &str,
    account_type: i32,
    now: i64,
) -> Result<AccountRow, StoreError> {
    if let Some(a) = find(conn, owner_kind, owner_id, account_type)? {
        return Ok(a);
    }
    let row = AccountRow {
        id: ids::new_id(),
        owner_kind: owner_kind.to_owned(),
        owner_id: owner_id.to_owned(),
        account_type,
        balance_cents: 0,
        credit_limit_cents: 0,
        designated_cents: 0,
        created_at: now,
    };
    // Two first payments of one owner may both find no account: the loser's transaction starts
    // over and finds the winner's row.
    diesel::insert_into(accounts::table)
        .values(&row)
        .execute(conn)
        .map_err(|e| StoreError::from(e).retry_on_duplicate())?;
    Ok(row)
}

pub fn find(
    conn: &mut DbConnection,
    owner_kind: &str,
    owner_id: &str,
    account_type: i32,
) -> Result<Option<AccountRow>, StoreError> {
    Ok(accounts::table
        .filter(accounts::owner_kind.eq(owner_kind))
        .filter(accounts::owner_id.eq(owner_id))
        .filter(accounts::account_type.eq(account_type))
        .select(AccountRow::as_select())
        .first(conn)
        .optional()?)
}

pub fn for_owner(
    conn: &mut DbConnection,
    owner_kind: &str,
    owner_id: &str,
) -> Result<Vec<AccountRow>, StoreError> {
    Ok(of_owner(owner_kind, owner_id)
        .select(AccountRow::as_select())
        .load(conn)?)
}

/// [`for_owner`] on the async PostgreSQL read path.
pub async fn for_owner_pg(
    conn: &mut PgConn,
    owner_kind: &str,
    owner_id: &str,
) -> Result<Vec<AccountRow>, StoreError> {
    let query = of_owner(owner_kind, owner_id).select(AccountRow::as_select());
    Ok(diesel_async::RunQueryDsl::load(query, conn).await?)
}

#[diesel::dsl::auto_type(no_type_alias)]
fn of_owner<'a>(owner_kind: &'a str, owner_id: &'a str) -> _ {
    accounts::table
        .filter(accounts::owner_kind.eq(owner_kind))
        .filter(accounts::owner_id.eq(owner_id))
        .order(accounts::account_type.asc())
}

/// Locks the accounts for the rest of the transaction, always in id order so that two
/// transactions locking the same pair never deadlock. On SQLite the writer turn is the lock.
pub fn lock(conn: &mut DbConnection, ids: &[&str]) -> Result<Vec<AccountRow>, StoreError> {
    let mut sorted: Vec<&str> = ids.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    let base = || {
        accounts::table
            .filter(accounts::id.eq_any(sorted.clone()))
            .order(accounts::id.asc())
    };
    let rows = match conn {
        DbConnection::Pg(pg) => base()
            .select(AccountRow::as_select())
            .for_update()
            .load(pg)?,
        DbConnection::Sqlite(_) => base().select(AccountRow::as_select()).load(conn)?,
    };
    if rows.len() != sorted.len() {
        return Err(StoreError::NotFound);
    }
    Ok(rows)
}

/// The owner's cash and credit accounts (created if missing), locked for the rest of the
/// transaction in id order like [`lock`]: one statement when both exist, as they do after the
/// first payment.
pub fn lock_cash_and_credit(
    conn: &mut DbConnection,
    owner_kind: &str,
    owner_id: &str,
    now: i64,
) -> Result<Vec<AccountRow>, StoreError> {
    let rows = lock_both(conn, owner_kind, owner_id)?;
    if rows.len() == 2 {
        return Ok(rows);
    }
    ensure(conn, owner_kind, owner_id, CASH, now)?;
    ensure(conn, owner_kind, owner_id, CREDIT, now)?;
    let rows = lock_both(conn, owner_kind, owner_id)?;
    if rows.len() != 2 {
        return Err(StoreError::NotFound);
    }
    Ok(rows)
}

fn lock_both(
    conn: &mut DbConnection,
    owner_kind: &str,
    owner_id: &str,
) -> Result<Vec<AccountRow>, StoreError> {
    let base = || {
        accounts::table
            .filter(accounts::owner_kind.eq(owner_kind))
            .filter(accounts::owner_id.eq(owner_id))
            .filter(
                accounts::account_type
                    .eq(CASH)
                    .or(accounts::account_type.eq(CREDIT)),
            )
            .order(accounts::id.asc())
    };
    Ok(match conn {
        DbConnection::Pg(pg) => base()
            .select(AccountRow::as_select())
            .for_update()
            .load(pg)?,
        DbConnection::Sqlite(_) => base().select(AccountRow::as_select()).load(conn)?,
    })
}

/// One balance change and its ledger row.
#[derive(Debug, Clone)]
pub struct Posting<'a> {
    pub delta: Money,
    pub trade_type: &'a str,
    pub trade_detail_type: &'a str,
    pub trade_id: &'a str,
    pub customer_id: Option<&'a str>,
    pub counterparty_id: Option<&'a str>,
    pub remark: Option<&'a str>,
}

/// Applies `p` to the locked `account` (updating it in place) and appends its ledger row.
/// A change that would take the balance below zero answers the caller's own `insufficient`.
pub fn post<E: From<StoreError>>(
    conn: &mut DbConnection,
    account: &mut AccountRow,
    p: &Posting<'_>,
    now: i64,
    insufficient: impl FnOnce() -> E,
) -> Result<LedgerRow, E> {
    let after = account
        .balance_cents
        .checked_add(p.delta.cents())
        .ok_or_else(|| StoreError::Internal("balance overflow".into()))?;
    if after < 0 {
        return Err(insufficient());
    }
    let row = LedgerRow {
        seq: None,
        id: ids::new_id(),
        account_id: account.id.clone(),
        owner_kind: account.owner_kind.clone(),
        owner_id: account.owner_id.clone(),
        account_type: account.account_type,
        trade_type: p.trade_type.to_owned(),
        trade_detail_type: p.trade_detail_type.to_owned(),
        trade_id: p.trade_id.to_owned(),
        amount_cents: p.delta.cents(),
        balance_after_cents: after,
        customer_id: p.customer_id.map(str::to_owned),
        counterparty_id: p.counterparty_id.map(str::to_owned),
        remark: p.remark.map(str::to_owned),
        created_at: now,
    };
    // Relative and conditional, so even a caller that forgot to lock cannot lose an update.
    if !ledger::apply(conn, &row, account.balance_cents)? {
        return Err(StoreError::Retryable.into());
    }
    account.balance_cents = after;
    Ok(row)
}

/// Sets a credit account's limit; its available balance moves by the same delta.
pub fn set_credit_limit(
    conn: &mut DbConnection,
    account: &mut AccountRow,
    new_limit: i64,
) -> Result<(), StoreError> {
    diesel::update(accounts::table.find(&account.id))
        .set(accounts::credit_limit_cents.eq(new_limit))
        .execute(conn)?;
    account.credit_limit_cents = new_limit;
    Ok(())
}

/// Accounts whose balance differs from the sum of their ledger rows: `(id, balance, ledger sum)`;
/// also customers whose arrears (`debt:<id>`) differ from their records' open arrears, or whose
/// records' write-offs (`writeoff:<id>`) differ from their `WRITEOFF` ledger rows.
/// One statement, so it sees one snapshot even under concurrent writes.
pub fn ledger_mismatches(conn: &mut DbConnection) -> Result<Vec<(String, i64, i64)>, StoreError> {
    let rows: Vec<Mismatch> = diesel::sql_query(
        "SELECT a.id, a.balance_cents, \
           CAST(COALESCE((SELECT SUM(l.amount_cents) FROM ledger_entries l WHERE l.account_id = a.id), 0) AS BIGINT) AS ledger_sum \
         FROM accounts a \
         UNION ALL \
         SELECT 'debt:' || d.customer_id, d.debt_cents, \
           CAST(COALESCE((SELECT SUM(r.debt_cents - r.writeoff_cents) FROM usage_fee_records r WHERE r.customer_id = d.customer_id), 0) AS BIGINT) \
         FROM customer_debts d \
         UNION ALL \
         SELECT 'writeoff:' || c.id, \
           CAST(COALESCE((SELECT SUM(r.writeoff_cents) FROM usage_fee_records r WHERE r.customer_id = c.id), 0) AS BIGINT), \
           CAST(COALESCE((SELECT -SUM(l.amount_cents) FROM ledger_entries l WHERE l.owner_kind = 'customer' AND l.owner_id = c.id AND l.trade_detail_type = 'SOURCE_OPERAIION_WRITEOFF'), 0) AS BIGINT) \
         FROM customers c WHERE EXISTS (SELECT 1 FROM customer_debts d WHERE d.customer_id = c.id) \
         ORDER BY 1",
    )
    .load(conn)?;
    Ok(rows
        .into_iter()
        .filter(|m| m.balance_cents != m.ledger_sum)
        .map(|m| (m.id, m.balance_cents, m.ledger_sum))
        .collect())
}

#[derive(diesel::QueryableByName)]
struct Mismatch {
    #[diesel(sql_type = diesel::sql_types::Text)]
    id: String,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    balance_cents: i64,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    ledger_sum: i64,
}

/// Totals over all accounts in one snapshot, for invariant checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, diesel::QueryableByName)]
pub struct MoneySnapshot {
    /// Σ cash balances.
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    pub cash_total: i64,
    /// Σ money brought in by recharges (the only source of cash).
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    pub recharged: i64,
    /// The lowest balance of any account.
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    pub min_balance: i64,
}

pub fn snapshot(conn: &mut DbConnection) -> Result<MoneySnapshot, StoreError> {
    Ok(diesel::sql_query(
        "SELECT \
           CAST(COALESCE((SELECT SUM(balance_cents) FROM accounts WHERE account_type = 1), 0) AS BIGINT) AS cash_total, \
           CAST(COALESCE((SELECT SUM(amount_cents) FROM ledger_entries WHERE trade_type = 'RECHARGE'), 0) AS BIGINT) AS recharged, \
           CAST(COALESCE((SELECT MIN(balance_cents) FROM accounts), 0) AS BIGINT) AS min_balance",
    )
    .get_result(conn)?)
}
