//! CreatePersonalRealnameAuth: `POST /v2/customers/realname-auths/individual`.

use super::input::ApplyIndividualRealnameAuthsReq;
use super::json::IsReview;
use super::{file, filer, masked};
use crate::auth::Caller;
use crate::extract::Json;
use crate::service::realname::Filing;
use crate::{ApiError, AppState};
use actix_web::web::Data;
use actix_web::{post, HttpResponse};
use domain::realname::{self as rules, Subject};
use serde_json::json;

/// Files an individual's real-name authentication for one of your resale customers; the
/// operator reviews it (`is_review` 1).
#[utoipa::path(tag = "customers", request_body = ApplyIndividualRealnameAuthsReq, responses((status = 200, body = IsReview)))]
#[post("/v2/customers/realname-auths/individual")]
pub async fn create_personal_realname_auth(
    state: Data<AppState>,
    caller: Caller,
    body: Json<ApplyIndividualRealnameAuthsReq>,
) -> Result<HttpResponse, ApiError> {
    let partner_id = filer(&caller)?;
    let b = body.into_inner()?;
    let method = b.identify_type.get();
    let document = b
        .verified_type
        .filter(|_| method == rules::IndividualMethod::Document);
    rules::individual_fields(method, document.is_some(), b.bank_card_info.is_some())?;
    rules::individual_files(method, b.verified_file_url.len())?;
    let bank = b
        .bank_card_info
        .as_ref()
        .filter(|_| method == rules::IndividualMethod::BankCard)
        .map(|c| {
            json!({
                "bank_account": masked(c.bank_account.as_str()),
                "areacode": c.areacode,
                "mobile": c.mobile,
            })
        });
    let details = json!({
        "verified_type": document,
        "verified_file_url": b.verified_file_url,
        "verified_number": b.verified_number,
        "bank_card_info": bank,
    });
    let f = Filing {
        partner_id,
        customer_id: b.customer_id.into_inner(),
        subject: Subject::Individual,
        change: false,
        identify_type: method.int(),
        change_type: b.change_type.map(|c| c.get().int()),
        name: b.name.into_inner(),
        verified_number: b.verified_number.into_inner(),
        details: details.to_string(),
        xaccount_type: b.xaccount_type.into_inner(),
    };
    file(&state, f).await
}
