//! Command-line interface; every flag of `serve` has an environment twin. Boolean twins accept
//! 1/0, true/false, yes/no, on/off.

use crate::args::{DbArgs, DeliverArgs, ServeArgs};
use crate::{api_command, database, deliver, logs, serve};
use clap::{Parser, Subcommand};

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
    /// Run only the webhook delivery worker (several may run over one PostgreSQL).
    Deliver(Box<DeliverArgs>),
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

pub fn run(cli: Cli) -> Result<(), String> {
    match cli.command {
        Command::Serve(args) => serve::run(*args),
        Command::Deliver(args) => deliver::run(*args),
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
