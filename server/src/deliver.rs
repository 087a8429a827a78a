//! `partner-bss deliver`: the webhook delivery worker without the HTTP server. Replicas over
//! one PostgreSQL share the queue through leases; it stops on SIGINT or SIGTERM.

use crate::args::DeliverArgs;
use crate::{database, logs, master_key};
use api::auth::Vault;
use domain::SystemClock;
use persistence::repo::credentials;
use std::sync::Arc;

pub fn run(args: DeliverArgs) -> Result<(), String> {
    logs::init(args.log_json);
    args.delivery.set_public_url("127.0.0.1:8080");
    let db = database::open(&args.db, false)?;
    database::migrate(&db)?;
    let sealed = db
        .read(|c| credentials::any_sealed_secret(c, ""))
        .map_err(|e| e.to_string())?;
    let key_file = match &args.master_key_file {
        Some(f) => Some(f.clone()),
        None if args.master_key.is_some() => None,
        None => master_key::default_file(&args.db.database_url)?,
    };
    let key = master_key::load(args.master_key.as_deref(), key_file.as_deref(), false)?;
    let vault = Vault::new(&key.key);
    master_key::check_opens(&vault, sealed.as_deref(), &key.source)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    runtime.block_on(async move {
        let worker = api::delivery::Worker::new(
            db,
            Arc::new(SystemClock),
            vault,
            args.delivery.worker_config(&args.gateway)?,
        )?;
        tokio::select! {
            () = worker.run() => Ok(()),
            () = crate::production::wait_for_signal() => {
                tracing::info!("delivery worker stopping");
                Ok(())
            }
        }
    })
}
