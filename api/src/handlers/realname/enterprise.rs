//! CreateEnterpriseRealnameAuthentication (`POST /v2/customers/realname-auths/enterprise`) and
//! ChangeEnterpriseRealnameAuthentication (`PUT` on the same path).

use super::input::{
    ApplyEnterpriseRealnameAuthsReq, Attachments, ChangeEnterpriseRealnameAuthsReq,
    EnterprisePersonNew,
};
use super::json::IsReview;
use super::{file, filer};
use crate::auth::Caller;
use crate::extract::Json;
use crate::service::realname::Filing;
use crate::wire::codes::{CertificateType, EnterpriseMethod};
use crate::wire::realname::{CorpName, DocumentNumber, RegAddress, RegCountry, XaccountType};
use crate::wire::CustomerId;
use crate::{ApiError, AppState};
use actix_web::web::Data;
use actix_web::{post, put, HttpResponse};
use domain::realname::{self as rules, Subject};
use serde_json::json;

/// The fields the two operations share.
struct Company {
    customer_id: CustomerId,
    identify_type: EnterpriseMethod,
    certificate_type: Option<CertificateType>,
    verified_file_url: Attachments,
    corp_name: CorpName,
    verified_number: DocumentNumber,
    reg_country: Option<RegCountry>,
    reg_address: Option<RegAddress>,
    xaccount_type: XaccountType,
    enterprise_person: Option<EnterprisePersonNew>,
}

impl Company {
    fn filing(self, partner_id: String, change_type: Option<i64>) -> Result<Filing, ApiError> {
        let person = self.enterprise_person.as_ref();
        rules::enterprise_files(person.is_some(), self.verified_file_url.len())?;
        let details = json!({
            "certificate_type": self.certificate_type,
            "verified_file_url": self.verified_file_url,
            "verified_number": self.verified_number,
            "reg_country": self.reg_country,
            "reg_address": self.reg_address,
            "enterprise_person": person,
        });
        Ok(Filing {
            partner_id,
            customer_id: self.customer_id.into_inner(),
            subject: Subject::Enterprise,
            change: change_type.is_some(),
            identify_type: self.identify_type.get().int(),
            change_type,
            name: self.corp_name.as_str().to_owned(),
            verified_number: self.verified_number.into_inner(),
            details: details.to_string(),
            xaccount_type: self.xaccount_type.into_inner(),
        })
    }
}

/// Files an enterprise's real-name authentication for one of your resale customers; the
/// operator reviews it (`is_review` 1).
#[utoipa::path(tag = "customers", request_body = ApplyEnterpriseRealnameAuthsReq, responses((status = 200, body = IsReview)))]
#[post("/v2/customers/realname-auths/enterprise")]
pub async fn create_enterprise_realname_authentication(
    state: Data<AppState>,
    caller: Caller,
    body: Json<ApplyEnterpriseRealnameAuthsReq>,
) -> Result<HttpResponse, ApiError> {
    let partner_id = filer(&caller)?;
    let b = body.into_inner()?;
    let c = Company {
        customer_id: b.customer_id,
        identify_type: b.identify_type,
        certificate_type: b.certificate_type,
        verified_file_url: b.verified_file_url,
        corp_name: b.corp_name,
        verified_number: b.verified_number,
        reg_country: b.reg_country,
        reg_address: b.reg_address,
        xaccount_type: b.xaccount_type,
        enterprise_person: b.enterprise_person,
    };
    file(&state, c.filing(partner_id, None)?).await
}

/// Changes a customer authenticated as an individual into an enterprise; the operator reviews
/// it (`is_review` 1).
#[utoipa::path(tag = "customers", request_body = ChangeEnterpriseRealnameAuthsReq, responses((status = 200, body = IsReview)))]
#[put("/v2/customers/realname-auths/enterprise")]
pub async fn change_enterprise_realname_authentication(
    state: Data<AppState>,
    caller: Caller,
    body: Json<ChangeEnterpriseRealnameAuthsReq>,
) -> Result<HttpResponse, ApiError> {
    let partner_id = filer(&caller)?;
    let b = body.into_inner()?;
    let change_type = b.change_type.get().int();
    let c = Company {
        customer_id: b.customer_id,
        identify_type: b.identify_type,
        certificate_type: b.certificate_type,
        verified_file_url: b.verified_file_url,
        corp_name: b.corp_name,
        verified_number: b.verified_number,
        reg_country: b.reg_country,
        reg_address: b.reg_address,
        xaccount_type: b.xaccount_type,
        enterprise_person: b.enterprise_person,
    };
    file(&state, c.filing(partner_id, Some(change_type))?).await
}
