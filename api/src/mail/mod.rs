//! E-mail notices (#21): one template per notice and language (zh-CN, en), rendered by
//! minijinja to a subject, a plain-text part and an HTML part (HTML-escaped). Services render
//! a notice in the transaction that writes it to the outbox; the delivery worker sends it as
//! `multipart/alternative`.

use domain::outbox::Language;
use minijinja::Environment;
use serde::Serialize;
use std::sync::OnceLock;

/// The address mails link to (`BSS_PUBLIC_URL`), set once at start.
static PUBLIC_URL: OnceLock<String> = OnceLock::new();

/// Where links in mails point when `BSS_PUBLIC_URL` is not set.
pub const DEFAULT_PUBLIC_URL: &str = "http://127.0.0.1:8080";

/// Sets the address mails link to; the first call wins.
pub fn set_public_url(url: &str) {
    let _ = PUBLIC_URL.set(url.trim_end_matches('/').to_owned());
}

/// `path` under the public address.
pub fn link(path: &str) -> String {
    let base = PUBLIC_URL.get().map_or(DEFAULT_PUBLIC_URL, String::as_str);
    format!("{base}{path}")
}

/// A rendered e-mail.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// The notices there are templates for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    CustomerInvitation,
    ResellerInvitation,
    PaymentRequest,
    WebhookDisabled,
}

impl Notice {
    fn name(self) -> &'static str {
        match self {
            Self::CustomerInvitation => "customer_invitation",
            Self::ResellerInvitation => "reseller_invitation",
            Self::PaymentRequest => "payment_request",
            Self::WebhookDisabled => "webhook_disabled",
        }
    }
}

macro_rules! templates {
    ($env:ident, $($file:literal),* $(,)?) => {
        $( $env.add_template($file, include_str!(concat!("templates/", $file)))?; )*
    };
}

fn build() -> Result<Environment<'static>, minijinja::Error> {
    let mut env = Environment::new();
    env.set_trim_blocks(true);
    templates!(
        env,
        "layout.html",
        "customer_invitation.en.txt",
        "customer_invitation.en.html",
        "customer_invitation.zh-CN.txt",
        "customer_invitation.zh-CN.html",
        "reseller_invitation.en.txt",
        "reseller_invitation.en.html",
        "reseller_invitation.zh-CN.txt",
        "reseller_invitation.zh-CN.html",
        "payment_request.en.txt",
        "payment_request.en.html",
        "payment_request.zh-CN.txt",
        "payment_request.zh-CN.html",
        "webhook_disabled.en.txt",
        "webhook_disabled.en.html",
        "webhook_disabled.zh-CN.txt",
        "webhook_disabled.zh-CN.html",
    );
    Ok(env)
}

fn env() -> Result<&'static Environment<'static>, String> {
    static ENV: OnceLock<Result<Environment<'static>, String>> = OnceLock::new();
    ENV.get_or_init(|| build().map_err(|e| format!("mail templates: {e}")))
        .as_ref()
        .map_err(Clone::clone)
}

/// Renders `notice` in `lang` with `ctx` (its fields are the template's variables).
pub fn render(notice: Notice, lang: Language, ctx: &impl Serialize) -> Result<Rendered, String> {
    let env = env()?;
    let base = format!("{}.{}", notice.name(), lang.as_str());
    let ctx = minijinja::Value::from_serialize(ctx);
    let fail = |e: minijinja::Error| format!("mail template {base}: {e}");
    let txt = env.get_template(&format!("{base}.txt")).map_err(fail)?;
    let mut captured = txt.render_captured(&ctx).map_err(fail)?;
    let (subject, text) = captured
        .with_state_mut(|st| Ok((st.render_block("subject")?, st.render_block("text")?)))
        .map_err(fail)?;
    let html = env
        .get_template(&format!("{base}.html"))
        .and_then(|t| t.render(&ctx))
        .map_err(fail)?;
    Ok(Rendered {
        subject: subject.trim().to_owned(),
        text: text.trim().to_owned() + "\n",
        html,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn every_template_renders_and_html_is_escaped() {
        let ctx = serde_json::json!({
            "partner_name": "<b>Acme</b>", "invitee": "a@example.com", "code": "C0DE",
            "expire": "2026-12-15T00:00:00Z", "referral": true,
            "accept_link": "http://x/v2/customers/invitations/C0DE/accept",
            "register_link": "http://x/v2/customer-registrations",
            "distributor_name": "D", "reseller_name": "R", "invitation_id": "i",
            "order_id": "o", "amount": "1.00", "currency": "CNY", "customer_name": "c",
            "url": "https://erp.example.com/hook", "webhook_id": "w",
        });
        for n in [
            Notice::CustomerInvitation,
            Notice::ResellerInvitation,
            Notice::PaymentRequest,
            Notice::WebhookDisabled,
        ] {
            for l in [Language::ZhCn, Language::En] {
                let r = render(n, l, &ctx).unwrap();
                assert!(!r.subject.is_empty() && !r.subject.contains('\n'), "{r:?}");
                assert!(!r.text.is_empty() && r.html.contains("<html"), "{r:?}");
                assert!(!r.html.contains("<b>Acme"), "{}", r.html);
            }
        }
        let en = render(Notice::CustomerInvitation, Language::En, &ctx).unwrap();
        assert!(en.text.contains("C0DE") && en.text.contains("/accept"));
        assert!(en.html.contains("&lt;b&gt;Acme"));
    }
}
