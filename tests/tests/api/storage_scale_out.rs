//! The scale-out plan of `docs/scale-out.md` holds over the migrated PostgreSQL schema: every
//! table is placed (distributed by `partner_id` or reference); a distributed table has the
//! column and every unique key of it contains the column, except the gaps the plan lists; and a
//! listed gap that is closed already must leave the list.

use diesel::sql_types::{Bool, Text};
use diesel::{QueryableByName, RunQueryDsl};
use persistence::{Db, DbConfig, DbConnection};
use std::collections::{BTreeMap, BTreeSet};
use tests::db::TestDb;

const PLAN: &str = include_str!("../../../docs/scale-out.md");

#[derive(Debug)]
struct Placement {
    distributed: bool,
    gaps: BTreeSet<String>,
}

fn plan() -> BTreeMap<String, Placement> {
    let start = PLAN.find("<!-- plan:begin -->").expect("plan:begin");
    let end = PLAN.find("<!-- plan:end -->").expect("plan:end");
    let mut out = BTreeMap::new();
    for line in PLAN[start..end].lines().filter(|l| l.starts_with('|')) {
        let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
        let [table, placement, gaps] = cells[..] else {
            panic!("plan row {line:?}")
        };
        if table == "table" || table.starts_with("---") {
            continue;
        }
        let distributed = match placement {
            "distributed" => true,
            "reference" => false,
            other => panic!("{table}: placement {other:?}"),
        };
        let gaps = gaps.split_whitespace().map(str::to_owned).collect();
        assert!(
            out.insert(table.to_owned(), Placement { distributed, gaps })
                .is_none(),
            "{table} twice"
        );
    }
    out
}

#[derive(QueryableByName)]
struct Name {
    #[diesel(sql_type = Text)]
    name: String,
}

#[derive(QueryableByName)]
struct UniqueKey {
    #[diesel(sql_type = Text)]
    table_name: String,
    #[diesel(sql_type = Text)]
    index_name: String,
    #[diesel(sql_type = Bool)]
    has_partner: bool,
}

fn names(conn: &mut DbConnection, sql: &str) -> BTreeSet<String> {
    let DbConnection::Pg(c) = conn else {
        unreachable!()
    };
    diesel::sql_query(sql)
        .load::<Name>(c)
        .unwrap()
        .into_iter()
        .map(|n| n.name)
        .collect()
}

#[test]
fn the_schema_follows_the_scale_out_plan() {
    let db = TestDb::postgres();
    let pool = Db::connect(&DbConfig::new(db.url.clone())).unwrap();
    let mut conn = pool.connection().unwrap();
    persistence::migrations::run(&mut conn).unwrap();
    let tables = names(
        &mut conn,
        "SELECT table_name::text AS name FROM information_schema.tables \
         WHERE table_schema = 'public' AND table_type = 'BASE TABLE' \
         AND table_name <> '__diesel_schema_migrations'",
    );
    let with_column = names(
        &mut conn,
        "SELECT table_name::text AS name FROM information_schema.columns \
         WHERE table_schema = 'public' AND column_name = 'partner_id'",
    );
    let DbConnection::Pg(c) = &mut *conn else {
        unreachable!()
    };
    let keys = diesel::sql_query(
        "SELECT t.relname::text AS table_name, i.relname::text AS index_name, \
           EXISTS (SELECT 1 FROM unnest(ix.indkey) k JOIN pg_attribute a \
                   ON a.attrelid = t.oid AND a.attnum = k WHERE a.attname = 'partner_id') \
             AS has_partner \
         FROM pg_index ix JOIN pg_class t ON t.oid = ix.indrelid \
         JOIN pg_class i ON i.oid = ix.indexrelid \
         JOIN pg_namespace n ON n.oid = t.relnamespace \
         WHERE n.nspname = 'public' AND ix.indisunique \
           AND t.relname <> '__diesel_schema_migrations'",
    )
    .load::<UniqueKey>(c)
    .unwrap();

    let plan = plan();
    let mut problems = Vec::new();
    for t in &tables {
        if !plan.contains_key(t) {
            problems.push(format!(
                "{t}: not placed in docs/scale-out.md (distributed by partner_id, or reference)"
            ));
        }
    }
    for t in plan.keys().filter(|t| !tables.contains(*t)) {
        problems.push(format!("{t}: in the plan but not in the schema"));
    }
    for (t, p) in plan
        .iter()
        .filter(|(t, p)| p.distributed && tables.contains(*t))
    {
        let gap_listed = p.gaps.contains("column");
        match (with_column.contains(t), gap_listed) {
            (false, false) => problems.push(format!(
                "{t}: distributed but has no partner_id column (add it, or list the gap)"
            )),
            (true, true) => problems.push(format!(
                "{t}: has partner_id now: remove the `column` gap from the plan"
            )),
            _ => {}
        }
        let mut seen = BTreeSet::new();
        for k in keys.iter().filter(|k| &k.table_name == t) {
            let gap = format!("key:{}", k.index_name);
            seen.insert(gap.clone());
            match (k.has_partner, p.gaps.contains(&gap)) {
                (false, false) => problems.push(format!(
                    "{t}: unique key {} does not contain partner_id (Citus enforces it per shard)",
                    k.index_name
                )),
                (true, true) => problems.push(format!(
                    "{t}: unique key {} contains partner_id now: remove its gap",
                    k.index_name
                )),
                _ => {}
            }
        }
        for g in p.gaps.iter().filter(|g| g.starts_with("key:")) {
            if !seen.contains(g) {
                problems.push(format!("{t}: gap {g} names no unique key of the table"));
            }
        }
    }
    for (t, p) in plan.iter().filter(|(_, p)| !p.distributed) {
        assert!(p.gaps.is_empty(), "{t}: a reference table has no gaps");
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
