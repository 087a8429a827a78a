//! The arguments `serve` and the database commands take, and the version: read by the
//! commands themselves, so they need not know the command line that dispatches them.

use clap::builder::BoolishValueParser;
use clap::{ArgAction, Args};
use std::path::PathBuf;

/// The one version: the workspace's, also the OpenAPI document's `info.version` and `/healthz`'s.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

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
    /// The sandbox clock: the operator moves business time forward (`PUT /v2/operator/clock`)
    /// so expiry and bill cycles can be tested without waiting. Never in production.
    #[arg(long, env = "BSS_SANDBOX_CLOCK", action = ArgAction::SetTrue, value_parser = BoolishValueParser::new())]
    pub sandbox_clock: bool,
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
    #[command(flatten)]
    pub delivery: DeliveryArgs,
    #[command(flatten)]
    pub gateway: GatewayArgs,
}

/// The SMS and voice gateways (#21, docs/gateway.md).
#[derive(Args, Clone)]
pub struct GatewayArgs {
    /// URL the SMS gateway adapter listens on (signed JSON POST, docs/gateway.md).
    #[arg(long, env = "BSS_SMS_GATEWAY_URL")]
    pub sms_gateway_url: Option<String>,
    /// URL the voice gateway adapter listens on: bridges S16 outbound calls.
    #[arg(long, env = "BSS_VOICE_GATEWAY_URL")]
    pub voice_gateway_url: Option<String>,
    /// Shared secret (at least 16 characters) signing requests to the gateways and their
    /// callbacks (`POST /v2/callbacks/voice/{call_id}`).
    #[arg(long, env = "BSS_GATEWAY_SECRET", hide_env_values = true)]
    pub gateway_secret: Option<String>,
    /// Seconds one gateway request may take.
    #[arg(long, env = "BSS_GATEWAY_TIMEOUT_SECS", default_value_t = 10)]
    pub gateway_timeout_secs: u64,
}

impl GatewayArgs {
    /// The checked settings: a URL needs the secret, and the URLs must be http or https.
    pub fn config(&self) -> Result<api::delivery::gateway::GatewayConfig, String> {
        use api::delivery::gateway::{Gateway, GatewayConfig, GatewaySecret};
        let nonempty = |s: &Option<String>| s.clone().filter(|v| !v.trim().is_empty());
        let config = GatewayConfig {
            sms_url: nonempty(&self.sms_gateway_url),
            voice_url: nonempty(&self.voice_gateway_url),
            secret: nonempty(&self.gateway_secret)
                .map(|s| GatewaySecret::new(&s))
                .transpose()?,
            timeout: std::time::Duration::from_secs(self.gateway_timeout_secs.clamp(1, 60)),
        };
        if (config.sms_url.is_some() || config.voice_url.is_some()) && config.secret.is_none() {
            return Err(
                "BSS_SMS_GATEWAY_URL / BSS_VOICE_GATEWAY_URL need BSS_GATEWAY_SECRET".to_owned(),
            );
        }
        Gateway::new(config.clone())?;
        Ok(config)
    }
}

/// The webhook delivery worker (#21).
#[derive(Args, Clone)]
pub struct DeliveryArgs {
    /// Allow webhooks to loopback and private addresses (tests, closed networks).
    #[arg(long, env = "BSS_WEBHOOK_ALLOW_PRIVATE", action = ArgAction::SetTrue, value_parser = BoolishValueParser::new())]
    pub webhook_allow_private: bool,
    /// `serve` only: do not run the delivery worker in this process (run `deliver` apart).
    #[arg(long, env = "BSS_NO_DELIVERY_WORKER", action = ArgAction::SetTrue, value_parser = BoolishValueParser::new())]
    pub no_delivery_worker: bool,
    /// Seconds one webhook request may take.
    #[arg(long, env = "BSS_WEBHOOK_TIMEOUT_SECS", default_value_t = 10)]
    pub webhook_timeout_secs: u64,
    /// SMTP server for e-mail: `smtp://127.0.0.1:2525` (plain), `smtp://host?tls=required`
    /// (STARTTLS), `smtps://user:pass@host` (TLS). Unset: e-mails stay in the outbox.
    #[arg(long, env = "BSS_SMTP_URL", hide_env_values = true)]
    pub smtp_url: Option<String>,
    /// The sender of e-mails, `Name <address>` or an address.
    #[arg(
        long,
        env = "BSS_MAIL_FROM",
        default_value = "Partner BSS <no-reply@localhost>"
    )]
    pub mail_from: String,
    /// The address links in e-mails point to (default: `http://` and the listen address).
    #[arg(long, env = "BSS_PUBLIC_URL")]
    pub public_url: Option<String>,
}

impl DeliveryArgs {
    /// The worker's configuration: webhooks, e-mail, and SMS when `gateway` has an SMS
    /// gateway with its secret.
    pub fn worker_config(
        &self,
        gateway: &GatewayArgs,
    ) -> Result<api::delivery::WorkerConfig, String> {
        let sms = Some(gateway.config()?).filter(|g| g.sms_url.is_some() && g.secret.is_some());
        let smtp = match self.smtp_url.as_deref().map(str::trim) {
            Some(url) if !url.is_empty() => Some(api::delivery::smtp::SmtpSettings {
                url: url.to_owned(),
                from: self.mail_from.clone(),
            }),
            _ => None,
        };
        if let Some(s) = &smtp {
            // A bad URL or sender stops the start, not the first mail.
            api::delivery::smtp::SmtpSender::new(s, std::time::Duration::from_secs(1))?;
        }
        Ok(api::delivery::WorkerConfig {
            allow_private: self.webhook_allow_private,
            timeout: std::time::Duration::from_secs(self.webhook_timeout_secs.clamp(1, 60)),
            smtp,
            sms,
            ..api::delivery::WorkerConfig::default()
        })
    }

    /// Sets where links in e-mails point.
    pub fn set_public_url(&self, listen: &str) {
        match &self.public_url {
            Some(u) => api::mail::set_public_url(u),
            None => api::mail::set_public_url(&format!("http://{listen}")),
        }
    }
}

/// `deliver`: the delivery worker alone.
#[derive(Args, Clone)]
pub struct DeliverArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// Master key (as for `serve`): it opens the webhooks' signing secrets.
    #[arg(long, env = "BSS_MASTER_KEY", hide_env_values = true)]
    pub master_key: Option<String>,
    /// Master key file (as for `serve`).
    #[arg(long, env = "BSS_MASTER_KEY_FILE")]
    pub master_key_file: Option<PathBuf>,
    /// Log as JSON lines instead of text.
    #[arg(long, env = "BSS_LOG_JSON", action = ArgAction::SetTrue, value_parser = BoolishValueParser::new())]
    pub log_json: bool,
    #[command(flatten)]
    pub delivery: DeliveryArgs,
    #[command(flatten)]
    pub gateway: GatewayArgs,
}
