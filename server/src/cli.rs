//! Command-line interface; every flag of `serve` has an environment twin. Boolean twins accept
//! 1/0, true/false, yes/no, on/off.

use crate::{api_command, database, logs, serve};
use clap::builder::BoolishValueParser;
use clap::{ArgAction, Args, Parser, Subcommand};
use persistence::DbConfig;
use std::path::PathBuf;

/// The one version: the workspace's, also the OpenAPI document's `info.version` and `/healthz`'s.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

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
    /// Recompute the audit log's hash chains; exits 1 naming the first event that does not match.
    VerifyAudit(DbArgs),
    /// Send one request signed with BSS_AK/BSS_SK like the SDK; the answer goes to stdout.
    Api(api_command::ApiArgs),
}

#[derive(Args, Clone)]
pub struct DbArgs {
    /// `sqlite://path.db` (default) or `postgres://user@host/db`.
    #[arg(long, env = "DATABASE_URL", default_value = "sqlite://partner-bss.db")]
    pub database_url: String,
    /// PostgreSQL: a file holding the password (instead of putting it in DATABASE_URL).
    #[arg(long, env = "BSS_DATABASE_PASSWORD_FILE")]
    pub database_password_file: Option<PathBuf>,
    /// Connections in the pool (default: 4 × cores).
    #[arg(long, env = "BSS_POOL_SIZE")]
    pub pool_size: Option<u32>,
    /// PostgreSQL: connections each worker thread keeps for balance reads (default 4).
    #[arg(long, env = "BSS_READS_PER_WORKER")]
    pub reads_per_worker: Option<u32>,
}

impl DbArgs {
    pub fn config(&self) -> Result<DbConfig, String> {
        let url = match &self.database_password_file {
            Some(file) => database::with_password(&self.database_url, file)?,
            None => self.database_url.clone(),
        };
        let mut c = DbConfig::new(url);
        if let Some(n) = self.pool_size {
            c.pool_size = n.clamp(1, 256);
        }
        if let Some(n) = self.reads_per_worker {
            c.reads_per_thread = n.clamp(1, 64);
        }
        Ok(c)
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
    #[arg(long, env = "BSS_DEMO", action = ArgAction::SetTrue, value_parser = BoolishValueParser::new())]
    pub demo: bool,
    /// Master key (64 hex chars or base64 of 32 bytes) that seals stored secrets.
    #[arg(long, env = "BSS_MASTER_KEY", hide_env_values = true)]
    pub master_key: Option<String>,
    /// Master key file, created (mode 0600) while the database holds no secret. Default: beside
    /// the SQLite file (name.db → name.key); for PostgreSQL
    /// ~/.config/partner-bss/<database>@<host>_<port>.key.
    #[arg(long, env = "BSS_MASTER_KEY_FILE")]
    pub master_key_file: Option<PathBuf>,
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
    #[arg(long, env = "BSS_LOG_JSON", action = ArgAction::SetTrue, value_parser = BoolishValueParser::new())]
    pub log_json: bool,
    /// Operator access key to ensure at start (with BSS_OPERATOR_SK).
    #[arg(long, env = "BSS_OPERATOR_AK")]
    pub operator_ak: Option<String>,
    /// Operator secret key (at least 16 characters).
    #[arg(long, env = "BSS_OPERATOR_SK", hide_env_values = true)]
    pub operator_sk: Option<String>,
    /// A file holding the operator secret key (instead of BSS_OPERATOR_SK).
    #[arg(long, env = "BSS_OPERATOR_SK_FILE", conflicts_with = "operator_sk")]
    pub operator_sk_file: Option<PathBuf>,
    #[command(flatten)]
    pub production: crate::production::ProductionArgs,
}

pub fn run(cli: Cli) -> Result<(), String> {
    match cli.command {
        Command::Serve(args) => serve::run(*args),
        Command::Migrate(args) => {
            logs::init(false);
            let db = database::open(&args, true)?;
            let applied = database::migrate(&db)?;
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
            let db = database::open(&args, false)?;
            database::migrate(&db)?;
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
        Command::VerifyAudit(args) => {
            let db = database::open(&args, false)?;
            database::migrate(&db)?;
            match api::audit::verify::verify(&db).map_err(|e| e.to_string())? {
                Ok(n) => {
                    println!("audit ok: {n} event(s), every chain intact");
                    Ok(())
                }
                Err(bad) => Err(format!(
                    "audit event {} (chain {}, seq {}) does not match: {}",
                    bad.id, bad.chain, bad.seq, bad.why
                )),
            }
        }
        Command::Api(args) => api_command::run(&args),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_interface_is_consistent() {
        Cli::command().debug_assert();
    }

    /// The only test here that sets these variables, so no other test sees them.
    #[test]
    fn boolean_variables_take_the_usual_words() {
        let parse = || {
            let Command::Serve(args) = Cli::try_parse_from(["partner-bss", "serve"])?.command
            else {
                panic!("not serve")
            };
            Ok::<_, clap::Error>((args.demo, args.log_json))
        };
        for (word, want) in [
            ("1", true),
            ("yes", true),
            ("true", true),
            ("on", true),
            ("0", false),
            ("no", false),
            ("false", false),
            ("off", false),
        ] {
            std::env::set_var("BSS_DEMO", word);
            std::env::set_var("BSS_LOG_JSON", word);
            assert_eq!(parse().unwrap(), (want, want), "{word}");
        }
        std::env::set_var("BSS_DEMO", "maybe");
        let err = parse().unwrap_err().to_string();
        std::env::remove_var("BSS_DEMO");
        std::env::remove_var("BSS_LOG_JSON");
        assert!(err.contains("maybe"), "{err}");
        assert!(!parse().unwrap().0);
        assert!(Cli::try_parse_from(["partner-bss", "serve", "--demo"]).is_ok());
    }
}
