//! S3 answers: the reseller's admin accepts or rejects, the distributor's admin cancels. Each
//! `POST /v2/partners/indirect-partners/invitations/{invitation_id}/{accept|reject|cancel}`
//! answers 204; an invitation of another partner is "not found" (404 CBC.99100002).

use super::{path_id, ADMIN};
use crate::auth::Caller;
use crate::service::channel::reseller_invitations::{answer, Answer};
use crate::{ApiError, AppState};
use actix_web::web::{Data, Path};
use actix_web::{post, HttpResponse};
use domain::identity::PartnerType;
use domain::{codes, Violation};

async fn run(
    state: Data<AppState>,
    caller: Caller,
    id: Path<String>,
    kind: Answer,
) -> Result<HttpResponse, ApiError> {
    let me = caller.partner_with(ADMIN)?;
    let allowed = match kind {
        Answer::Accept | Answer::Reject => PartnerType::Reseller,
        Answer::Cancel => PartnerType::Distributor,
    };
    if me.partner_type != allowed {
        return Err(ApiError::Forbidden);
    }
    let (partner_id, user_id) = (me.partner_id.clone(), me.user_id.clone());
    let id = path_id(&id, || {
        Violation::new(codes::NOT_FOUND, "invitation does not exist")
    })?;
    let now = state.now();
    state
        .write(move |c| answer(c, &partner_id, &id, kind, &user_id, now))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The invited reseller's admin accepts: every S3 rule is checked again, and of two
/// distributors racing for one reseller exactly one link results (the other gets CBC.99100013).
/// CBC.99100071 already answered, CBC.99100072 expired.
#[utoipa::path(tag = "channel", params(("invitation_id" = String, Path, example = "IV2412040001")), responses((status = 204, description = "accepted; the reseller is linked"), (status = 404, body = openapi::ErrorBody)))]
#[post("/v2/partners/indirect-partners/invitations/{invitation_id}/accept")]
pub async fn accept_reseller_invitation(
    state: Data<AppState>,
    caller: Caller,
    id: Path<String>,
) -> Result<HttpResponse, ApiError> {
    run(state, caller, id, Answer::Accept).await
}

/// The invited reseller's admin rejects.
#[utoipa::path(tag = "channel", params(("invitation_id" = String, Path, example = "IV2412040001")), responses((status = 204, description = "rejected"), (status = 404, body = openapi::ErrorBody)))]
#[post("/v2/partners/indirect-partners/invitations/{invitation_id}/reject")]
pub async fn reject_reseller_invitation(
    state: Data<AppState>,
    caller: Caller,
    id: Path<String>,
) -> Result<HttpResponse, ApiError> {
    run(state, caller, id, Answer::Reject).await
}

/// The inviting distributor's admin withdraws a pending invitation.
#[utoipa::path(tag = "channel", params(("invitation_id" = String, Path, example = "IV2412040001")), responses((status = 204, description = "cancelled"), (status = 404, body = openapi::ErrorBody)))]
#[post("/v2/partners/indirect-partners/invitations/{invitation_id}/cancel")]
pub async fn cancel_reseller_invitation(
    state: Data<AppState>,
    caller: Caller,
    id: Path<String>,
) -> Result<HttpResponse, ApiError> {
    run(state, caller, id, Answer::Cancel).await
}
