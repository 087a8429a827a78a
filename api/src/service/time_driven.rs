//! What happens because time passes rather than because someone asked: coupon and quota
//! expiry, auto-renewal at the end of a term. Run by a periodic task in `serve` and at once
//! when the operator moves the sandbox clock, always at business time (`AppState::now`), so a
//! test that moves the clock sees what would have happened by then.

use crate::{ApiError, AppState};
use std::time::Duration;

/// How often `serve` runs the sweeps.
pub const EVERY: Duration = Duration::from_secs(60);

/// Runs every time-driven sweep once.
pub async fn run(state: &AppState) -> Result<(), ApiError> {
    super::vouchers::expiry::sweep(state).await?;
    let swept = super::consumption::auto_renewal::sweep(state).await?;
    if swept.renewals + swept.failures > 0 {
        tracing::info!(
            renewals = swept.renewals,
            refused = swept.failures,
            "resources renewed at the end of their term"
        );
    }
    Ok(())
}

/// Runs the sweeps every [`EVERY`] for as long as the process lives; a failed run is logged
/// and retried at the next tick.
pub async fn every(state: actix_web::web::Data<AppState>) {
    let mut tick = tokio::time::interval(EVERY);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        if let Err(e) = run(&state).await {
            tracing::warn!(error = %e, "time-driven sweep failed; retried at the next tick");
        }
    }
}
