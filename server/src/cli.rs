//! Command-line interface; every flag has an environment twin.

use crate::serve;
use clap::{Args, Parser, Subcommand};
use persistence::{Db, DbConfig};

#[derive(Parser)]
#[command(
    name = "partner-bss",
    version,
    about = "Partner-center BSS speaking Huawei Cloud BSS v2"
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the HTTP server (migrations run first).
    Serve(Box<ServeArgs>),
    /// Apply pending database migrations and exit.
    Migrate(DbArgs),
    /// Print the OpenAPI document as JSON.
    Openapi,
    /// Check that every balance equals the sum of its ledger rows; exits 1 if not.
    VerifyLedger(DbArgs),
}

#[derive(Args, Clone)]
pub struct DbArgs {
    /// `sqlite://path.db` (default) or `postgres://user@host/db`.
    #[arg(long, env = "DATABASE_URL", default_value = "sqlite://partner-bss.db")]
    pub database_url: String,
    /// Connections in the pool (default: 4 × cores).
    #[arg(long, env = "BSS_POOL_SIZE")]
    pub pool_size: Option<u32>,
    /// PostgreSQL: connections each worker thread keeps for balance reads (default 4).
    #[arg(long, env = "BSS_READS_PER_WORKER")]
    pub reads_per_worker: Option<u32>,
}

impl DbArgs {
    pub fn config(&self) -> DbConfig {
        let mut c = DbConfig::new(&self.database_url);
        if let Some(n) = self.pool_size {
            c.pool_size = n.clamp(1, 256);
        }
        if let Some(n) = self.reads_per_worker {
            c.reads_per_thread = n.clamp(1, 64);
        }
        c
    }
}

#[derive(Args, Clone)]
pub struct ServeArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// Address to listen on.
    #[arg(long, env = "BSS_LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: String,
    /// Load a small demo data set and print credentials to try it.
    #[arg(long, env = "BSS_DEMO")]
    pub demo: bool,
    /// Master key (64 hex chars or base64 of 32 bytes) that seals stored secrets.
    #[arg(long, env = "BSS_MASTER_KEY", hide_env_values = true)]
    pub master_key: Option<String>,
    /// Where the master key is kept when BSS_MASTER_KEY is not given (created if missing).
    #[arg(long, env = "BSS_MASTER_KEY_FILE", default_value = "partner-bss.key")]
    pub master_key_file: String,
    /// Requests per second per credential and API.
    #[arg(long, env = "BSS_RATE_LIMIT", default_value_t = 10)]
    pub rate_limit: u32,
    /// Per-API limits: "GET /v2/orders/customer-orders=20,POST /v3/orders/customer-orders/pay=50".
    #[arg(long, env = "BSS_RATE_LIMIT_OVERRIDES", default_value = "")]
    pub rate_limit_overrides: String,
    /// Largest request body in bytes.
    #[arg(long, env = "BSS_MAX_BODY_BYTES", default_value_t = 1024 * 1024)]
    pub max_body_bytes: usize,
    /// Authentication failures one source address may cause per second before it gets 429.
    #[arg(long, env = "BSS_AUTH_FAILURES_PER_IP", default_value_t = 20)]
    pub auth_failures_per_ip: u32,
    /// Comma-separated origins allowed for browser (CORS) calls.
    #[arg(long, env = "BSS_CORS_ORIGINS", default_value = "")]
    pub cors_origins: String,
    /// Worker threads (default: cores).
    #[arg(long, env = "BSS_WORKERS")]
    pub workers: Option<usize>,
    /// Log as JSON lines instead of text.
    #[arg(long, env = "BSS_LOG_JSON")]
    pub log_json: bool,
    /// Operator access key to ensure at start (with BSS_OPERATOR_SK).
    #[arg(long, env = "BSS_OPERATOR_AK")]
    pub operator_ak: Option<String>,
    /// Operator secret key (at least 16 characters).
    #[arg(long, env = "BSS_OPERATOR_SK", hide_env_values = true)]
    pub operator_sk: Option<String>,
}

pub fn run(cli: Cli) -> Result<(), String> {
    match cli.command {
        Command::Serve(args) => serve::run(*args),
        Command::Migrate(args) => {
            init_logs(false);
            let db = connect(&args)?;
            let applied = migrate(&db)?;
            println!(
                "applied {applied} migration(s) on {}",
                db.backend().as_str()
            );
            Ok(())
        }
        Command::Openapi => {
            let doc = api::openapi_document();
            let json = doc.to_pretty_json().map_err(|e| e.to_string())?;
            println!("{json}");
            Ok(())
        }
        Command::VerifyLedger(args) => {
            let db = connect(&args)?;
            migrate(&db)?;
            let bad = db
                .read(persistence::repo::accounts::ledger_mismatches)
                .map_err(|e| e.to_string())?;
            if bad.is_empty() {
                println!("ledger ok: every balance equals the sum of its ledger rows");
                Ok(())
            } else {
                for (id, bal, sum) in &bad {
                    println!("account {id}: balance {bal} cents, ledger sum {sum} cents");
                }
                Err(format!("{} account(s) disagree with the ledger", bad.len()))
            }
        }
    }
}

pub fn connect(args: &DbArgs) -> Result<Db, String> {
    Db::connect(&args.config()).map_err(|e| e.to_string())
}

pub fn migrate(db: &Db) -> Result<usize, String> {
    let mut conn = db.connection().map_err(|e| e.to_string())?;
    persistence::migrations::run(&mut conn).map_err(|e| e.to_string())
}

pub fn init_logs(json: bool) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false);
    let _ = if json {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
}
