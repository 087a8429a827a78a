//! Two replicas starting together on a new PostgreSQL database: the migrations run once (under
//! an advisory lock), the second process waits and finds nothing pending; both start.

use persistence::{Db, DbConfig};
use tests::db::TestDb;

#[test]
fn concurrent_migrations_run_once() {
    let db = TestDb::postgres();
    let barrier = std::sync::Arc::new(std::sync::Barrier::new(3));
    let runs: Vec<_> = (0..3)
        .map(|_| {
            let (url, barrier) = (db.url.clone(), barrier.clone());
            std::thread::spawn(move || {
                let mut cfg = DbConfig::new(url);
                cfg.pool_size = 1;
                let pool = Db::connect(&cfg).unwrap();
                let mut conn = pool.connection().unwrap();
                barrier.wait();
                persistence::migrations::run(&mut conn)
            })
        })
        .collect();
    let applied: Vec<usize> = runs
        .into_iter()
        .map(|t| t.join().unwrap().unwrap())
        .collect();
    let all = persistence::migrations::ALL.len();
    assert_eq!(applied.iter().sum::<usize>(), all, "{applied:?}");
    assert_eq!(
        applied.iter().filter(|&&n| n == all).count(),
        1,
        "{applied:?}"
    );
}
