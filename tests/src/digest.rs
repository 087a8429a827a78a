//! Every row of every table as text, to prove a request changed nothing.

use crate::TestServer;
use diesel::sql_types::Text;
use diesel::{QueryableByName, RunQueryDsl};
use persistence::{DbConnection, StoreError};
use std::collections::BTreeMap;

#[derive(QueryableByName)]
struct Name {
    #[diesel(sql_type = Text)]
    name: String,
}

#[derive(QueryableByName)]
struct Row {
    #[diesel(sql_type = Text)]
    row: String,
}

/// Table → its rows rendered as text, sorted.
pub type Digest = BTreeMap<String, Vec<String>>;

pub async fn digest(srv: &TestServer) -> Digest {
    let db = srv.db.clone();
    tokio::task::spawn_blocking(move || db.read(read_all))
        .await
        .expect("join")
        .expect("digest")
}

fn read_all(conn: &mut DbConnection) -> Result<Digest, StoreError> {
    let pg = matches!(conn, DbConnection::Pg(_));
    let tables: Vec<Name> = if pg {
        diesel::sql_query(
            "SELECT tablename::text AS name FROM pg_tables WHERE schemaname = current_schema() \
             AND tablename <> '__diesel_schema_migrations' ORDER BY 1",
        )
        .load(conn)?
    } else {
        diesel::sql_query(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
             AND name <> '__diesel_schema_migrations' ORDER BY 1",
        )
        .load(conn)?
    };
    let mut out = Digest::new();
    for t in tables {
        // The audit log records every request by design (its own tests check it), and a key's
        // `last_used_at` is bookkeeping of a use, not a change a request made.
        if t.name == "audit_events" {
            continue;
        }
        if t.name == "credentials" {
            let sql = "SELECT access_key || ',' || secret_enc || ',' || owner_kind || ',' ||                        owner_id || ',' || domain_id || ',' || CAST(created_at AS TEXT) || ',' || \
                       status || ',' || COALESCE(CAST(expires_at AS TEXT), '') AS row \
                       FROM credentials";
            let mut rows: Vec<String> = diesel::sql_query(sql)
                .load::<Row>(conn)?
                .into_iter()
                .map(|r| r.row)
                .collect();
            rows.sort();
            out.insert(t.name, rows);
            continue;
        }
        let sql = if pg {
            format!("SELECT CAST(t AS TEXT) AS row FROM \"{}\" t", t.name)
        } else {
            let cols: Vec<Name> =
                diesel::sql_query(format!("SELECT name FROM pragma_table_info('{}')", t.name))
                    .load(conn)?;
            let expr = cols
                .iter()
                .map(|c| format!("quote(\"{}\")", c.name))
                .collect::<Vec<_>>()
                .join(" || ',' || ");
            format!("SELECT {expr} AS row FROM \"{}\"", t.name)
        };
        let mut rows: Vec<String> = diesel::sql_query(sql)
            .load::<Row>(conn)?
            .into_iter()
            .map(|r| r.row)
            .collect();
        rows.sort();
        out.insert(t.name, rows);
    }
    Ok(out)
}

/// The tables whose rows differ, with the rows added and removed.
pub fn changes(before: &Digest, after: &Digest) -> Vec<String> {
    let mut out = Vec::new();
    for (table, rows) in after {
        let old = before.get(table).cloned().unwrap_or_default();
        if &old != rows {
            let added: Vec<_> = rows.iter().filter(|r| !old.contains(r)).collect();
            let removed: Vec<_> = old.iter().filter(|r| !rows.contains(r)).collect();
            out.push(format!("{table}: +{added:?} -{removed:?}"));
        }
    }
    out
}
