//! Real-name authentication a partner files for its resale customers (S11), as the SDK's
//! `BssClient` calls it: CreatePersonalRealnameAuth, CreateEnterpriseRealnameAuthentication,
//! ChangeEnterpriseRealnameAuthentication and ShowRealnameAuthenticationReviewResult. Every
//! application waits for the operator's review (`/v2/operator/realname-auths/{id}/approve`).

pub mod enterprise;
pub mod individual;
pub mod input;
pub mod json;
pub mod result;

use crate::auth::Caller;
use crate::service::realname::{self, Filing};
use crate::{wire, ApiError, AppState};
use domain::identity::Role;
use json::IsReview;

/// Who files and reads applications: the admin and the account managers.
const FILERS: &[Role] = &[
    Role::Admin,
    Role::AccountManager,
    Role::AccountManagerSupervisor,
];

/// The calling partner's id, if the caller may file.
fn filer(caller: &Caller) -> Result<String, ApiError> {
    Ok(caller.partner_with(FILERS)?.partner_id.clone())
}

/// Files `f` and answers `{"is_review": 1}`.
async fn file(state: &AppState, f: Filing) -> Result<actix_web::HttpResponse, ApiError> {
    let now = state.now();
    state
        .write(move |conn| realname::file(conn, &f, now))
        .await?;
    Ok(wire::ok(&IsReview::always()))
}

/// A bank account as it is kept: its last four characters.
fn masked(account: &str) -> String {
    let n = account.chars().count();
    let tail: String = account.chars().skip(n.saturating_sub(4)).collect();
    format!("****{tail}")
}
