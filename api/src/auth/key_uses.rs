//! `last_used_at` of access keys: remembered in memory and written at most once a minute per
//! key, off the request's path (a signed request never waits for this write).

use crate::AppState;
use persistence::repo::key_lifecycle;
use std::collections::HashMap;
use std::sync::Mutex;

#[derive(Debug, Default)]
pub struct KeyUses {
    written: Mutex<HashMap<String, i64>>,
}

const EVERY_SECS: i64 = 60;
const MAX_TRACKED: usize = 100_000;

impl KeyUses {
    /// Records a use of `ak` at `now`; stores it when the last stored use is a minute old.
    pub fn note(&self, state: &AppState, ak: &str, now: i64) {
        {
            let mut w = self.written.lock().unwrap_or_else(|p| p.into_inner());
            if w.get(ak).is_some_and(|at| now - at < EVERY_SECS) {
                return;
            }
            if w.len() >= MAX_TRACKED {
                w.clear();
            }
            w.insert(ak.to_owned(), now);
        }
        let db = state.db.clone();
        let ak = ak.to_owned();
        actix_web::rt::spawn(async move {
            let _ = actix_web::web::block(move || db.write(|c| key_lifecycle::touch(c, &ak, now)))
                .await;
        });
    }
}
