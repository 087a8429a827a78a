//! `POST /v2/bases/verificationcode/send` — SendVerificationMessageCode (real operation). The
//! code goes to the outbox (read by the operator, delivered by the notifier); the log shows
//! only that a message was queued, with the number masked.

use super::SALES;
use crate::auth::Caller;
use crate::extract::Json;
use crate::service::channel::outbox::notice;
use crate::service::channel::verification::{self as svc, Lang, SendCode};
use crate::{ApiError, AppState};
use actix_web::web::Data;
use actix_web::{post, HttpResponse};
use domain::verification::{check_cn_mobile, timeout_minutes, SCENE_BANK_CARD, SCENE_REGISTER};
use serde::Deserialize;
use utoipa::ToSchema;
use validator::Validate;

#[derive(Deserialize, Validate, ToSchema)]
pub struct SendVerificationCodeV2Req {
    /// `1`: SMS (the only kind).
    receiver_type: i32,
    /// Minutes the code is valid: default 10; above 60 it is 5.
    timeout: Option<i64>,
    /// Mainland China mobile number, 11 digits.
    mobile_phone: Option<String>,
    /// `zh-cn` (default) or `en-us`.
    lang: Option<String>,
    /// `29` register (default), `18` personal bank-card verification (needs `customer_id`).
    scene: Option<i32>,
    /// One of your customers; required for scene 18.
    #[validate(length(max = 64))]
    #[schema(max_length = 64)]
    customer_id: Option<String>,
}

/// Sends an SMS verification code. At most 15 codes an hour and 60 a day per number
/// (CBC.99004015).
#[utoipa::path(tag = "customers", request_body = SendVerificationCodeV2Req, responses((status = 204, description = "the code was queued for delivery")))]
#[post("/v2/bases/verificationcode/send")]
pub async fn send_verification_message_code(
    state: Data<AppState>,
    caller: Caller,
    req: Json<SendVerificationCodeV2Req>,
) -> Result<HttpResponse, ApiError> {
    let me = caller.partner_with(SALES)?.partner_id.clone();
    let req = req.into_inner()?;
    if req.receiver_type != 1 {
        return Err(ApiError::param("receiver_type must be 1 (SMS)"));
    }
    let phone = req
        .mobile_phone
        .ok_or_else(|| ApiError::param("mobile_phone is required"))?;
    check_cn_mobile("mobile_phone", &phone)?;
    let lang = match req.lang.as_deref() {
        None | Some("zh-cn") => Lang::ZhCn,
        Some("en-us") => Lang::EnUs,
        Some(_) => return Err(ApiError::param("lang must be zh-cn or en-us")),
    };
    let scene = req.scene.unwrap_or(SCENE_REGISTER);
    if scene != SCENE_REGISTER && scene != SCENE_BANK_CARD {
        return Err(ApiError::param(
            "scene must be 29 (register) or 18 (bank card)",
        ));
    }
    let customer_id = req.customer_id.filter(|c| !c.is_empty());
    if scene == SCENE_BANK_CARD && customer_id.is_none() {
        return Err(ApiError::param("customer_id is required for scene 18"));
    }
    let r = SendCode {
        partner_id: me,
        mobile_phone: phone,
        scene,
        customer_id,
        timeout_minutes: timeout_minutes(req.timeout)?,
        lang,
    };
    let now = state.now();
    let msg = state.write(move |c| svc::send(c, &r, now)).await?;
    state.notifier.deliver(&notice(msg));
    Ok(HttpResponse::NoContent().finish())
}
