//! Reading the audit log (#20): the operator reads all events, a partner's admin its own
//! partner's (a distributor does not see its resellers'). Filters, keyset paging, CSV export.

pub mod export;
pub mod input;
pub mod json;
pub mod list;

use crate::auth::Caller;
use crate::ApiError;
use input::AuditQuery;
use persistence::repo::audit::Filter;

/// The filter a caller may use: the operator any, a partner admin only its partner's events.
pub(crate) fn filter_for(
    caller: &Caller,
    q: AuditQuery,
    operator: bool,
) -> Result<Filter, ApiError> {
    let partner_id = if operator {
        caller.require_operator()?;
        q.partner_id.map(|p| p.into_inner())
    } else {
        Some(caller.partner_with(&[])?.partner_id.clone())
    };
    if let (Some(b), Some(e)) = (&q.begin_time, &q.end_time) {
        if b.unix() >= e.unix() {
            return Err(domain::Violation::new(
                domain::codes::TIME_WINDOW_INVALID,
                "begin_time must be before end_time",
            )
            .into());
        }
    }
    Ok(Filter {
        partner_id,
        actor_user_id: q.actor_user_id.map(|u| u.into_inner()),
        actor_customer_id: q.actor_customer_id.map(|c| c.into_inner()),
        actor_kind: q.actor_kind.map(|k| k.into_inner()),
        operation_id: q.operation_id.map(|o| o.into_inner()),
        target: q.target_id.map(|t| t.into_inner()),
        from: q.begin_time.map(|t| t.unix()),
        to: q.end_time.map(|t| t.unix()),
        before_id: q.marker.map(|m| m.get()),
    })
}
