//! `POST /v2/bases/verificationcode/send` — SendVerificationMessageCode (real operation). The
//! code goes to the outbox (read by the operator, delivered by the notifier); the log shows
//! only that a message was queued, with the number masked.

use super::identity_fields;
use super::SALES;
use crate::auth::Caller;
use crate::extract::LegacyJson as Json;
use crate::service::channel::outbox::notice;
use crate::service::channel::verification::{self as svc, Lang, SendCode};
use crate::wire::rules::{self as fields, nullable};
use crate::{ApiError, AppState};
use actix_web::web::Data;
use actix_web::{post, HttpResponse};
use domain::verification::{check_cn_mobile, timeout_minutes, SCENE_BANK_CARD, SCENE_REGISTER};
use serde::Deserialize;
use utoipa::openapi::schema::{Object, ObjectBuilder, Type};
use utoipa::openapi::{RefOr, Schema};
use utoipa::ToSchema;
use validator::Validate;

#[derive(Deserialize, Validate, ToSchema)]
pub struct SendCodeFields {
    /// `1`: SMS (the only kind).
    #[schema(schema_with = receiver_type)]
    receiver_type: i32,
    /// Minutes the code is valid: default 10; above 60 it is 5.
    #[schema(minimum = 1, example = 10)]
    timeout: Option<i64>,
    /// Mainland China mobile number, 11 digits.
    #[schema(schema_with = mobile, required = true)]
    mobile_phone: Option<String>,
    /// `zh-cn` (default) or `en-us`.
    #[schema(schema_with = lang)]
    lang: Option<String>,
    /// `29` register (default), `18` personal bank-card verification (needs `customer_id`).
    #[schema(schema_with = scene)]
    scene: Option<i32>,
    /// One of your customers; required for scene 18.
    #[validate(length(max = 64))]
    #[schema(max_length = 64, example = "0a1b2c3d4e5f60718293a4b5c6d7e8f9")]
    customer_id: Option<String>,
}

fn receiver_type() -> Object {
    crate::schemas::integers(&[1])
}

fn mobile() -> Object {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .pattern(Some(identity_fields::CN_MOBILE))
        .examples([serde_json::json!("13800000000")])
        .build()
}

fn lang() -> Object {
    nullable(crate::schemas::strings(["zh-cn", "en-us"]))
}

fn scene() -> Object {
    nullable(crate::schemas::integers(&[
        i64::from(SCENE_REGISTER),
        i64::from(SCENE_BANK_CARD),
    ]))
}

/// The request: `customer_id` (not empty) is needed for scene 18.
#[derive(Deserialize)]
#[serde(transparent)]
pub struct SendVerificationCodeV2Req(SendCodeFields);

impl Validate for SendVerificationCodeV2Req {
    fn validate(&self) -> Result<(), validator::ValidationErrors> {
        self.0.validate()
    }
}

impl utoipa::PartialSchema for SendVerificationCodeV2Req {
    fn schema() -> RefOr<Schema> {
        let customer = ObjectBuilder::new()
            .schema_type(Type::String)
            .min_length(Some(1))
            .build();
        fields::with_rules(
            SendCodeFields::schema(),
            [fields::required_unless(
                "scene",
                nullable(crate::schemas::integers(&[i64::from(SCENE_REGISTER)])),
                "customer_id",
                customer,
            )],
        )
    }
}

impl ToSchema for SendVerificationCodeV2Req {
    fn schemas(out: &mut Vec<(String, RefOr<Schema>)>) {
        SendCodeFields::schemas(out);
    }
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
    let req = req.into_inner()?.0;
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
