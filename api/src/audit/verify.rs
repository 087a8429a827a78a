//! `partner-bss verify-audit`: recomputes every chain and names the first event that does not
//! match (altered, missing before it, or out of order).

use super::chain;
use persistence::repo::audit;
use persistence::{Db, StoreError};
use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadEvent {
    pub id: i64,
    pub chain: String,
    pub seq: i64,
    pub why: String,
}

/// The number of events checked, or the first one that breaks its chain.
pub fn verify(db: &Db) -> Result<Result<u64, BadEvent>, StoreError> {
    let mut heads: HashMap<String, (i64, String)> = HashMap::new();
    let mut after = 0i64;
    let mut checked = 0u64;
    loop {
        let rows = db.read(|c| audit::batch(c, after, 1000))?;
        if rows.is_empty() {
            return Ok(Ok(checked));
        }
        for row in rows {
            let id = row.id.unwrap_or_default();
            after = id;
            let (last_seq, last_hash) =
                heads.get(&row.chain).cloned().unwrap_or((0, String::new()));
            let bad = |why: &str| BadEvent {
                id,
                chain: row.chain.clone(),
                seq: row.seq,
                why: why.to_owned(),
            };
            if row.seq != last_seq + 1 {
                return Ok(Err(bad(&format!(
                    "sequence {} follows {last_seq}: an event is missing or moved",
                    row.seq
                ))));
            }
            if row.prev_hash != last_hash {
                return Ok(Err(bad("its previous hash is not its predecessor's hash")));
            }
            if chain::hash(&row) != row.hash {
                return Ok(Err(bad("its content does not match its hash")));
            }
            heads.insert(row.chain.clone(), (row.seq, row.hash.clone()));
            checked += 1;
        }
    }
}
