//! E-mail over SMTP (`BSS_SMTP_URL`, `BSS_MAIL_FROM`) with lettre: `smtp://host:port` (plain,
//! as for a relay on loopback), `smtp://host?tls=required` (STARTTLS) or
//! `smtps://user:pass@host` (TLS); each message as `multipart/alternative` (text and HTML).

use super::outbox::Sender;
use futures_util::future::BoxFuture;
use lettre::message::{Mailbox, MultiPart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use persistence::repo::outbox::{OutboxRow, EMAIL};
use std::fmt;
use std::time::Duration;

/// Where and as whom mail is sent. The URL may hold a password: it never prints.
#[derive(Clone)]
pub struct SmtpSettings {
    pub url: String,
    pub from: String,
}

impl fmt::Debug for SmtpSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SmtpSettings")
            .field("url", &"<hidden>")
            .field("from", &self.from)
            .finish()
    }
}

pub struct SmtpSender {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    password: Option<String>,
}

impl SmtpSender {
    pub fn new(s: &SmtpSettings, timeout: Duration) -> Result<Self, String> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(&s.url)
            .map_err(|e| format!("BSS_SMTP_URL is not an SMTP URL: {e}"))?
            .timeout(Some(timeout))
            .build();
        let from = s
            .from
            .parse()
            .map_err(|e| format!("BSS_MAIL_FROM is not a mailbox: {e}"))?;
        let password = url::Url::parse(&s.url)
            .ok()
            .and_then(|u| u.password().map(str::to_owned));
        Ok(SmtpSender {
            transport,
            from,
            password,
        })
    }

    fn message(&self, m: &OutboxRow) -> Result<Message, String> {
        let to: Mailbox = m
            .recipient
            .parse()
            .map_err(|e| format!("bad recipient address: {e}"))?;
        let body = MultiPart::alternative_plain_html(
            m.content.clone(),
            m.html.clone().unwrap_or_default(),
        );
        Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(m.subject.clone().unwrap_or_default())
            .message_id(Some(format!("<{}@partner-bss>", m.id)))
            .multipart(body)
            .map_err(|e| format!("cannot build the message: {e}"))
    }
}

impl Sender for SmtpSender {
    fn channel(&self) -> &'static str {
        EMAIL
    }

    fn send<'a>(&'a self, m: &'a OutboxRow) -> BoxFuture<'a, Result<(), String>> {
        Box::pin(async move {
            let msg = self.message(m)?;
            self.transport
                .send(msg)
                .await
                .map(drop)
                .map_err(|e| format!("SMTP: {e}"))
        })
    }

    fn secret(&self) -> Option<&str> {
        self.password.as_deref()
    }
}
