//! Delivery of outbox messages (SMS verification codes, invitation e-mails). Each message is
//! written to the outbox in the transaction that creates it; after the commit the notifier
//! delivers it. The default only logs that a message is waiting, never its content or the full
//! recipient: the operator reads the outbox (`GET /v2/operator/outbox`) to deliver by hand.
//! A real SMS or mail gateway implements [`Notifier`] and is set with `AppState::with_notifier`.

use domain::verification::mask_phone;

/// A committed outbox message.
#[derive(Debug, Clone)]
pub struct Notice {
    pub message_id: String,
    /// `SMS` or `EMAIL`.
    pub channel: String,
    pub recipient: String,
    pub purpose: String,
    pub content: String,
}

pub trait Notifier: Send + Sync {
    /// Delivers a message; failures are the notifier's to log and retry, the message stays
    /// in the outbox either way.
    fn deliver(&self, notice: &Notice);
}

/// Logs that a message waits in the outbox, with the recipient masked.
#[derive(Debug, Default, Clone, Copy)]
pub struct LogNotifier;

impl Notifier for LogNotifier {
    fn deliver(&self, n: &Notice) {
        tracing::info!(
            message.id = %n.message_id,
            channel = %n.channel,
            purpose = %n.purpose,
            recipient = %mask_recipient(&n.recipient),
            "message queued in the outbox for delivery"
        );
    }
}

/// `13812345678` → `138****5678`; `alice@example.com` → `a***@example.com`.
pub fn mask_recipient(r: &str) -> String {
    match r.split_once('@') {
        Some((user, host)) => {
            let first: String = user.chars().take(1).collect();
            format!("{first}***@{host}")
        }
        None => mask_phone(r),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recipients_are_masked() {
        assert_eq!(mask_recipient("13812345678"), "138****5678");
        assert_eq!(mask_recipient("alice@example.com"), "a***@example.com");
    }
}
