//! `partner-bss serve`: database, master key, port, then the one-time credential and the
//! demo banner, then requests. The port is bound before the credential is made, so a port in
//! use cannot swallow a credential that is shown only once.

use crate::args::{ServeArgs, VERSION};
use crate::{database, demo, logs, master_key, secret_file};
use api::auth::Vault;
use api::service::bootstrap::{self, Bootstrap};
use api::{ApiConfig, AppState};
use domain::SystemClock;
use persistence::repo::credentials;
use std::sync::Arc;
use std::time::Duration;

pub fn run(args: ServeArgs) -> Result<(), String> {
    logs::init(args.log_json);
    tracing::info!(version = VERSION, "partner-bss starting");
    let config = api_config(&args)?;
    args.delivery.set_public_url(&args.listen);
    let env_cred = operator_credential(&args)?;
    let db = database::open(&args.db, true)?;
    let applied = database::migrate(&db)?;
    tracing::info!(
        backend = db.backend().as_str(),
        applied,
        pool = db.pool_size(),
        "database ready"
    );

    let env_ak = env_cred.as_ref().map_or("", |(ak, _)| ak.as_str());
    let sealed = db
        .read(|c| credentials::any_sealed_secret(c, env_ak))
        .map_err(|e| e.to_string())?;
    let key_file = match &args.master_key_file {
        Some(f) => Some(f.clone()),
        None if args.master_key.is_some() => None,
        None => master_key::default_file(&args.db.database_url)?,
    };
    let key = master_key::load(
        args.master_key.as_deref(),
        key_file.as_deref(),
        sealed.is_none(),
    )?;
    let vault = Vault::new(&key.key);
    master_key::check_opens(&vault, sealed.as_deref(), &key.source)?;
    tracing::info!(
        source = %key.source,
        checked = sealed.is_some(),
        "master key ready (it opens the stored secrets)"
    );

    let workers = args
        .workers
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get()));
    let mut state = AppState::new(db.clone(), Arc::new(SystemClock), config, vault.clone());
    if let Some(url) = &args.production.read_database_url {
        let mut c = args.db.config()?;
        c.url = url.clone();
        let replica = persistence::Db::connect(&c)
            .map_err(|e| format!("cannot open BSS_READ_DATABASE_URL: {e}"))?;
        tracing::info!("lists and exports read the replica (BSS_READ_DATABASE_URL)");
        state = state.with_read_replica(replica);
    }
    let life = state.lifecycle.clone();
    let prod = args.production.clone();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    runtime.block_on(async move {
        let (server, addr) =
            api::server::bind_managed(state, &args.listen, workers, prod.shutdown_timeout_secs)
                .map_err(|e| format!("cannot listen on {}: {e}", args.listen))?;
        let mut handles = vec![server.handle()];
        if let Some(m) = &prod.metrics_listen {
            let (metrics, maddr) = api::metrics::listener::bind(m, db.clone())
                .map_err(|e| format!("cannot listen for metrics on {m}: {e}"))?;
            handles.push(metrics.handle());
            tokio::spawn(metrics);
            tracing::info!(%maddr, "metrics at http://{maddr}/metrics");
        }
        tokio::spawn(crate::production::stop_on_signal(
            life,
            Duration::from_secs(prod.shutdown_drain_secs),
            handles,
        ));
        // Connections wait in the listen queue while these run.
        let now = chrono::Utc::now().timestamp();
        // Replicas starting together may race to store the same operator credential: the
        // loser finds it stored on its second try.
        let ensured = bootstrap::ensure_operator(&db, &vault, env_cred.clone(), now)
            .or_else(|_| bootstrap::ensure_operator(&db, &vault, env_cred, now))?;
        match ensured {
            Bootstrap::Generated {
                access_key,
                secret_key,
            } => {
                // To stdout only, apart from the logs, never logged.
                println!("Operator credential created (shown once, keep it safe):");
                println!("  BSS_OPERATOR_AK={access_key}");
                println!("  BSS_OPERATOR_SK={secret_key}");
            }
            Bootstrap::FromEnvironment => {
                tracing::info!("operator credential from the environment")
            }
            Bootstrap::Existing => tracing::info!("operator credential already configured"),
        }
        if args.demo {
            demo::load(&db, &vault, now)?;
        }
        tracing::info!(%addr, version = VERSION, "listening; docs at http://{addr}/docs/");
        println!("Partner BSS {VERSION} listening on http://{addr} (docs: http://{addr}/docs/)");
        if args.delivery.no_delivery_worker {
            tracing::info!("webhook delivery worker not started here (BSS_NO_DELIVERY_WORKER)");
        } else {
            let worker = api::delivery::Worker::new(
                db.clone(),
                Arc::new(SystemClock),
                vault.clone(),
                args.delivery.worker_config(&args.gateway)?,
            )?;
            tokio::spawn(worker.run());
        }
        tokio::spawn(purge_idempotency_keys(db));
        server.await.map_err(|e| e.to_string())
    })
}

/// BSS_OPERATOR_AK with BSS_OPERATOR_SK or BSS_OPERATOR_SK_FILE, or neither.
fn operator_credential(args: &ServeArgs) -> Result<Option<(String, String)>, String> {
    let sk = match (&args.operator_sk, &args.operator_sk_file) {
        (Some(sk), _) => Some(sk.clone()),
        (None, Some(file)) => Some(secret_file::read("operator secret key file", file)?),
        (None, None) => None,
    };
    match (args.operator_ak.clone(), sk) {
        (Some(ak), Some(sk)) => Ok(Some((ak, sk))),
        (None, None) => Ok(None),
        _ => Err(
            "BSS_OPERATOR_AK and BSS_OPERATOR_SK (or BSS_OPERATOR_SK_FILE) must be set together"
                .into(),
        ),
    }
}

fn api_config(args: &ServeArgs) -> Result<ApiConfig, String> {
    let mut config = ApiConfig {
        rate_limit_per_sec: args.rate_limit.max(1),
        rate_limit_overrides: ApiConfig::parse_overrides(&args.rate_limit_overrides)?,
        max_body_bytes: args.max_body_bytes.max(1024),
        auth_failures_per_ip_per_sec: args.auth_failures_per_ip.max(1),
        sandbox_clock: args.sandbox_clock,
        outbox_channels: args.delivery.worker_config(&args.gateway)?.channels(),
        gateway: args.gateway.config()?,
        cors_allowed_origins: args
            .cors_origins
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect(),
        ..ApiConfig::default()
    };
    args.production.apply(&mut config);
    if config.sandbox_clock {
        tracing::warn!(
            "BSS_SANDBOX_CLOCK is on: the operator can move business time forward \
             (PUT /v2/operator/clock); never run it in production"
        );
    }
    if config.redis_url.is_some() {
        tracing::info!("flow control shared through Redis");
    }
    tracing::info!(
        sms = config.gateway.sms_url.is_some(),
        voice = config.gateway.voice_url.is_some(),
        "SMS/voice gateway"
    );
    Ok(config)
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
