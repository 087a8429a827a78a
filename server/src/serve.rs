//! `partner-bss serve`.

use crate::cli::{self, ServeArgs};
use crate::{demo, master_key};
use api::auth::Vault;
use api::service::bootstrap::{self, Bootstrap};
use api::{ApiConfig, AppState};
use domain::SystemClock;
use std::sync::Arc;
use std::time::Duration;

pub fn run(args: ServeArgs) -> Result<(), String> {
    cli::init_logs(args.log_json);
    let config = api_config(&args)?;
    let key = master_key::load(args.master_key.as_deref(), &args.master_key_file)?;
    let vault = Vault::new(&key);
    let db = cli::connect(&args.db)?;
    let applied = cli::migrate(&db)?;
    tracing::info!(
        backend = db.backend().as_str(),
        applied,
        pool = db.pool_size(),
        "database ready"
    );

    let now = chrono::Utc::now().timestamp();
    let env_cred = match (args.operator_ak.clone(), args.operator_sk.clone()) {
        (Some(ak), Some(sk)) => Some((ak, sk)),
        (None, None) => None,
        _ => return Err("BSS_OPERATOR_AK and BSS_OPERATOR_SK must be set together".into()),
    };
    match bootstrap::ensure_operator(&db, &vault, env_cred, now)? {
        Bootstrap::Generated {
            access_key,
            secret_key,
        } => {
            // Printed once, to stdout only, never logged.
            println!("Operator credential created (shown once, keep it safe):");
            println!("  BSS_OPERATOR_AK={access_key}");
            println!("  BSS_OPERATOR_SK={secret_key}");
        }
        Bootstrap::FromEnvironment => tracing::info!("operator credential from the environment"),
        Bootstrap::Existing => tracing::info!("operator credential already configured"),
    }
    if args.demo {
        demo::load(&db, &vault, now)?;
    }

    let workers = args
        .workers
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get()));
    let state = AppState::new(db.clone(), Arc::new(SystemClock), config, vault);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    runtime.block_on(async move {
        let (server, addr) = api::server::bind(state, &args.listen, workers)
            .map_err(|e| format!("cannot listen on {}: {e}", args.listen))?;
        tracing::info!(%addr, "listening; docs at http://{addr}/docs/");
        println!("Partner BSS listening on http://{addr} (docs: http://{addr}/docs/)");
        tokio::spawn(purge_idempotency_keys(db));
        server.await.map_err(|e| e.to_string())
    })
}

fn api_config(args: &ServeArgs) -> Result<ApiConfig, String> {
    Ok(ApiConfig {
        rate_limit_per_sec: args.rate_limit.max(1),
        rate_limit_overrides: ApiConfig::parse_overrides(&args.rate_limit_overrides)?,
        max_body_bytes: args.max_body_bytes.max(1024),
        auth_failures_per_ip_per_sec: args.auth_failures_per_ip.max(1),
        cors_allowed_origins: args
            .cors_origins
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect(),
        ..ApiConfig::default()
    })
}

/// Idempotency keys live 24 hours; an hourly sweep keeps the table small.
async fn purge_idempotency_keys(db: persistence::Db) {
    let mut tick = tokio::time::interval(Duration::from_secs(3600));
    loop {
        tick.tick().await;
        let db = db.clone();
        let before = chrono::Utc::now().timestamp() - 24 * 3600;
        let res = tokio::task::spawn_blocking(move || {
            db.write(|c| persistence::repo::idempotency::purge(c, before))
        })
        .await;
        if let Ok(Ok(n)) = res {
            tracing::info!(purged = n, "expired idempotency keys removed");
        }
    }
}
