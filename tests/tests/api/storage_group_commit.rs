//! Shared commits (SQLite group commit through `Db::write_shared`, a plain transaction per
//! unit on PostgreSQL): each unit stays all-or-nothing and answers for itself, whatever the
//! units it shared a transaction with did.

use api::service::Failure;
use diesel::sql_types::BigInt;
use diesel::RunQueryDsl;
use domain::Violation;
use persistence::{Db, StoreError};
use tests::both_backends;

fn insert(c: &mut persistence::DbConnection, n: i64) -> Result<(), StoreError> {
    diesel::sql_query("INSERT INTO group_probe (n) VALUES ($1)")
        .bind::<BigInt, _>(n)
        .execute(c)?;
    Ok(())
}

#[derive(diesel::QueryableByName)]
struct Probe {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

fn stored(db: &Db) -> Vec<i64> {
    db.read(|c| {
        Ok::<_, persistence::StoreError>(
            diesel::sql_query("SELECT n FROM group_probe ORDER BY n")
                .load::<Probe>(c)?
                .into_iter()
                .map(|p| p.n)
                .collect(),
        )
    })
    .unwrap()
}

both_backends!(
    units_of_a_shared_commit_stay_apart,
    |srv: tests::TestServer| async move {
        // Ready as the other tests find it after their first request (on PostgreSQL the pool
        // handed out no connection to a bare blocking caller before that).
        assert_eq!(srv.anonymous().get("/readyz", &[]).await.status, 200);
        let db = srv.db.clone();
        tokio::task::spawn_blocking(move || shared_commits(&db))
            .await
            .unwrap();
    }
);

fn shared_commits(db: &Db) {
    db.write(|c| {
        diesel::sql_query("CREATE TABLE group_probe (n BIGINT PRIMARY KEY)").execute(c)?;
        Ok::<_, StoreError>(())
    })
    .unwrap();
    // 16 threads, 40 units each: every third unit writes and then refuses (its row must
    // go), every fifth inserts a row that exists already (only it fails), the rest commit.
    let threads: Vec<_> = (0..16i64)
        .map(|t| {
            let db = db.clone();
            std::thread::spawn(move || {
                let mut answers = Vec::new();
                for i in 0..40i64 {
                    let n = t * 1000 + i;
                    let r = db.write_shared(move |c| {
                        insert(c, n)?;
                        if n % 3 == 0 {
                            return Err(Failure::Refused(Violation::new("X", "refused")));
                        }
                        if n % 5 == 0 {
                            insert(c, n)?;
                        }
                        Ok::<_, Failure>(n)
                    });
                    answers.push((n, r));
                }
                answers
            })
        })
        .collect();
    let mut expected = Vec::new();
    for t in threads {
        for (n, r) in t.join().unwrap() {
            match r {
                Ok(v) => {
                    assert_eq!(v, n);
                    assert!(n % 3 != 0 && n % 5 != 0, "{n} should have failed");
                    expected.push(n);
                }
                Err(Failure::Refused(v)) => assert!(n % 3 == 0 && v.code == "X", "{n}"),
                Err(Failure::Store(StoreError::Duplicate(_))) => {
                    assert!(n % 3 != 0 && n % 5 == 0, "{n}")
                }
                Err(e) => panic!("{n}: {e}"),
            }
        }
    }
    expected.sort_unstable();
    assert_eq!(stored(db), expected);
}
