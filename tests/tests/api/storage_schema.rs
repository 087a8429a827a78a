//! One schema truth: the Diesel `table!` declarations in `persistence/src/schema*.rs` are
//! exactly what the migrations create, table by table and column by column (name, type,
//! nullability), on both backends. A column added to a migration but not to the schema, or
//! declared with another type, fails here instead of at the first query that reads it.

use diesel::sql_types::{Integer, Text};
use diesel::{QueryableByName, RunQueryDsl};
use persistence::{Backend, DbConnection, StoreError};
use std::collections::BTreeMap;
use tests::both_backends;

const SCHEMA_FILES: [&str; 8] = [
    include_str!("../../../persistence/src/schema.rs"),
    include_str!("../../../persistence/src/schema_audit.rs"),
    include_str!("../../../persistence/src/schema_consumption.rs"),
    include_str!("../../../persistence/src/schema_delivery.rs"),
    include_str!("../../../persistence/src/schema_opportunities.rs"),
    include_str!("../../../persistence/src/schema_programs.rs"),
    include_str!("../../../persistence/src/schema_realname.rs"),
    include_str!("../../../persistence/src/schema_vouchers.rs"),
];

/// A column as both sides describe it: Diesel's SQL type name and whether it may be NULL.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Column {
    sql_type: String,
    nullable: bool,
}

type Tables = BTreeMap<String, BTreeMap<String, Column>>;

/// The `table!` blocks of the schema files, read as text (the macro keeps no list at run time).
fn declared() -> Tables {
    let mut tables = Tables::new();
    for file in SCHEMA_FILES {
        let mut current: Option<String> = None;
        for line in file.lines().map(str::trim) {
            if let Some(name) = line.strip_suffix('{').map(str::trim) {
                if let Some((table, _pk)) = name.split_once(' ') {
                    if !table.contains('!') && !table.is_empty() {
                        current = Some(table.to_owned());
                        tables.entry(table.to_owned()).or_default();
                    }
                }
                continue;
            }
            if line == "}" {
                current = None;
                continue;
            }
            let (Some(table), Some((col, ty))) = (&current, line.split_once("->")) else {
                continue;
            };
            let ty = ty.trim().trim_end_matches(',');
            let (sql_type, nullable) = match ty.strip_prefix("Nullable<") {
                Some(inner) => (inner.trim_end_matches('>'), true),
                None => (ty, false),
            };
            if let Some(columns) = tables.get_mut(table) {
                columns.insert(
                    col.trim().to_owned(),
                    Column {
                        sql_type: sql_type.to_owned(),
                        nullable,
                    },
                );
            }
        }
    }
    tables
}

#[derive(QueryableByName)]
struct Described {
    #[diesel(sql_type = Text)]
    table_name: String,
    #[diesel(sql_type = Text)]
    column_name: String,
    #[diesel(sql_type = Text)]
    data_type: String,
    #[diesel(sql_type = Integer)]
    nullable: i32,
}

/// Diesel's name for a column type as the database reports it.
fn diesel_type(backend: Backend, db_type: &str) -> String {
    let t = db_type.to_ascii_lowercase();
    let name = match (backend, t.as_str()) {
        (_, "text" | "character varying") => "Text",
        (_, "bigint") => "BigInt",
        (Backend::Postgres, "integer") => "Integer",
        // SQLite stores every INTEGER in 64 bits: either Diesel type reads it.
        (Backend::Sqlite, "integer" | "int") => "Integer|BigInt",
        (_, "boolean") => "Bool",
        _ => return format!("unmapped {db_type}"),
    };
    name.to_owned()
}

fn created(conn: &mut DbConnection, backend: Backend) -> Result<Tables, StoreError> {
    let rows: Vec<Described> = match backend {
        Backend::Postgres => diesel::sql_query(
            "SELECT table_name::text, column_name::text, data_type::text, \
             CASE WHEN is_nullable = 'YES' THEN 1 ELSE 0 END AS nullable \
             FROM information_schema.columns WHERE table_schema = 'public'",
        )
        .load(conn)?,
        Backend::Sqlite => diesel::sql_query(
            "SELECT m.name AS table_name, p.name AS column_name, \
             p.type || CASE WHEN p.pk > 0 THEN ' pk' ELSE '' END AS data_type, \
             CASE WHEN p.\"notnull\" = 0 AND p.pk = 0 THEN 1 ELSE 0 END AS nullable \
             FROM sqlite_master m JOIN pragma_table_info(m.name) p \
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'",
        )
        .load(conn)?,
    };
    let mut tables = Tables::new();
    for r in rows {
        if r.table_name == "__diesel_schema_migrations" {
            continue;
        }
        let ty = r.data_type.trim_end_matches(" pk");
        tables.entry(r.table_name).or_default().insert(
            r.column_name,
            Column {
                sql_type: diesel_type(backend, ty),
                nullable: r.nullable == 1,
            },
        );
    }
    Ok(tables)
}

fn agrees(declared: &Column, created: &Column) -> bool {
    declared.nullable == created.nullable
        && created.sql_type.split('|').any(|t| t == declared.sql_type)
}

/// Every difference between the two descriptions, one line each.
fn differences(declared: &Tables, created: &Tables) -> Vec<String> {
    let mut out = Vec::new();
    for (table, columns) in declared {
        let Some(real) = created.get(table) else {
            out.push(format!("{table}: declared, not created"));
            continue;
        };
        for (col, c) in columns {
            match real.get(col) {
                None => out.push(format!("{table}.{col}: declared, not created")),
                Some(r) if !agrees(c, r) => {
                    out.push(format!("{table}.{col}: declared {c:?}, created {r:?}"));
                }
                Some(_) => {}
            }
        }
        for col in real.keys().filter(|c| !columns.contains_key(*c)) {
            out.push(format!("{table}.{col}: created, not declared"));
        }
    }
    for table in created.keys().filter(|t| !declared.contains_key(*t)) {
        out.push(format!("{table}: created, not declared"));
    }
    out
}

#[test]
fn the_schema_text_is_read_whole() {
    let d = declared();
    assert!(d.len() >= 40, "only {} tables read", d.len());
    assert_eq!(
        d.get("partners").and_then(|t| t.get("parent_id")),
        Some(&Column {
            sql_type: "Text".into(),
            nullable: true
        })
    );
}

both_backends!(
    the_diesel_schema_is_what_the_migrations_create,
    |srv: tests::TestServer| async move {
        // The whole server, not only its `db` field, lives until the end (it owns the database).
        let srv = srv;
        let backend = srv.db.backend();
        let tables = srv
            .db
            .read(move |c| created(c, backend))
            .expect("introspection");
        let diff = differences(&declared(), &tables);
        assert!(diff.is_empty(), "{backend:?}:\n{}", diff.join("\n"));
    }
);
