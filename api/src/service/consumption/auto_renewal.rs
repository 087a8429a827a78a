//! Auto-renewal at expiry (issue 22): a resource set to renew itself gets, when its term ends,
//! a renewal order paid at once from the customer's balances (the order a manual renewal with
//! `is_auto_pay` makes). If the payment is refused (e.g. not enough balance) auto-renewal turns
//! off and the resource expires into its grace period, as Huawei does; the partner hears of it
//! (`resource.auto_renewal_failed`). Driven by business time: a periodic sweep in `serve`, and
//! at once when the operator moves the sandbox clock.

use super::subscriptions;
use crate::service::delivery::events::emit;
use crate::service::{Failure, Outcome};
use crate::{ApiError, AppState};
use domain::consumption::subscriptions as rules;
use domain::events::EventType;
use persistence::repo::consumption::subscriptions as repo;
use persistence::DbConnection;

/// Resources renewed per sweep; the rest wait for the next one.
const BATCH: i64 = 200;

/// What one sweep did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Swept {
    pub renewals: usize,
    pub failures: usize,
}

/// Renews every resource due at business time, one short transaction per resource.
pub async fn sweep(state: &AppState) -> Result<Swept, ApiError> {
    let now = state.now();
    let due = state
        .read(move |c| Ok(repo::auto_renew_due(c, now, BATCH)?))
        .await?;
    let mut swept = Swept::default();
    for id in due {
        let (renewals, failed) = state.write(move |c| renew_due(c, &id, now)).await?;
        swept.renewals += renewals;
        swept.failures += usize::from(failed);
    }
    Ok(swept)
}

/// Renews one resource as often as its ended terms need (a clock moved far ahead catches up);
/// returns how many renewals were made and whether one was refused.
pub fn renew_due(conn: &mut DbConnection, id: &str, now: i64) -> Outcome<(usize, bool)> {
    let mut renewals = 0;
    for _ in 0..rules::MAX_AUTO_RENEWALS_AT_ONCE {
        let Some(r) = repo::lock_resource(conn, id)? else {
            break;
        };
        if !rules::auto_renew_due(&r, now) {
            break;
        }
        let Some(term) = rules::auto_renew_term(&r) else {
            repo::set_auto_renew(conn, id, None, now)?;
            break;
        };
        // In a savepoint: a refused payment undoes the renewal order, not the switch-off below.
        let renewed = persistence::savepoint(conn, |c| {
            subscriptions::renew(c, &r.customer_id, &[id], term, true, now)
        });
        match renewed {
            Ok(_) => {
                let left = rules::auto_renew_times_after(r.auto_renew_times);
                let on = left.map(|t| (Some(t), r.auto_renew_period));
                repo::set_auto_renew(conn, id, on, now)?;
                renewals += 1;
            }
            Err(Failure::Store(e)) => return Err(Failure::Store(e)),
            Err(refused) => {
                repo::set_auto_renew(conn, id, None, now)?;
                if let Some(p) = &r.partner_id {
                    let subjects = [
                        ("resource_id", id),
                        ("customer_id", r.customer_id.as_str()),
                        ("reason", refused_code(&refused)),
                    ];
                    emit(
                        conn,
                        p,
                        EventType::ResourceAutoRenewalFailed,
                        &subjects,
                        now,
                    )?;
                }
                return Ok((renewals, true));
            }
        }
    }
    Ok((renewals, false))
}

/// The business code a refusal carries (events name codes, not messages).
fn refused_code(f: &Failure) -> &'static str {
    match f {
        Failure::Refused(v) => v.code,
        Failure::RefusedAll(all) => all.first().map_or("refused", |v| v.code),
        Failure::Store(_) => "refused",
    }
}
