//! What the real-name authentication operations are sent, field for field as the SDK's models
//! (`ApplyIndividualRealnameAuthsReq`, `ApplyEnterpriseRealnameAuthsReq`,
//! `ChangeEnterpriseRealnameAuthsReq`) name them.

use crate::wire::codes::{
    CertificateType, CertifierRole, DocumentType, EnterpriseChange, EnterpriseMethod,
    FirstAuthentication, IndividualMethod,
};
use crate::wire::realname::{
    AreaCode, AttachmentPath, BankAccount, CorpName, DocumentNumber, MobileNumber, PersonName,
    RegAddress, RegCountry, VerificationCode, XaccountType,
};
use crate::wire::{CustomerId, List};
use domain::realname::MAX_FILES;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// Attachments in the order the SDK states.
pub type Attachments = List<AttachmentPath, 1, { MAX_FILES }>;

/// `BankCardInfoV2`: the card of an individual authenticated by bank card.
#[derive(Deserialize, Serialize, ToSchema)]
pub struct BankCardInfoV2 {
    pub bank_account: BankAccount,
    pub areacode: AreaCode,
    pub mobile: MobileNumber,
    pub verification_code: VerificationCode,
}

/// `EnterprisePersonNew`: the person who authenticates the company.
#[derive(Deserialize, Serialize, ToSchema)]
pub struct EnterprisePersonNew {
    pub legel_name: PersonName,
    pub legel_id_number: DocumentNumber,
    pub certifier_role: CertifierRole,
}

/// `ApplyIndividualRealnameAuthsReq`. `identify_type` 0 needs `verified_type` and 3 files
/// (CBC.99100171 otherwise); 4 needs `bank_card_info` and 1 file (a photo of the face).
#[derive(Deserialize, ToSchema)]
pub struct ApplyIndividualRealnameAuthsReq {
    pub customer_id: CustomerId,
    pub identify_type: IndividualMethod,
    /// Required when `identify_type` is 0, ignored otherwise.
    pub verified_type: Option<DocumentType>,
    pub verified_file_url: Attachments,
    pub name: PersonName,
    pub verified_number: DocumentNumber,
    pub change_type: Option<FirstAuthentication>,
    pub xaccount_type: XaccountType,
    /// Required when `identify_type` is 4.
    pub bank_card_info: Option<BankCardInfoV2>,
}

/// `ApplyEnterpriseRealnameAuthsReq`: the certificate's file, then (with `enterprise_person`)
/// the two sides of the person's identity card: 1 or 3 files (CBC.99100171 otherwise).
#[derive(Deserialize, ToSchema)]
pub struct ApplyEnterpriseRealnameAuthsReq {
    pub customer_id: CustomerId,
    pub identify_type: EnterpriseMethod,
    pub certificate_type: Option<CertificateType>,
    pub verified_file_url: Attachments,
    pub corp_name: CorpName,
    pub verified_number: DocumentNumber,
    pub reg_country: Option<RegCountry>,
    pub reg_address: Option<RegAddress>,
    pub xaccount_type: XaccountType,
    pub enterprise_person: Option<EnterprisePersonNew>,
}

/// `ChangeEnterpriseRealnameAuthsReq`: an individual authenticated before becomes an
/// enterprise (`change_type` 1); the files as for a first enterprise authentication.
#[derive(Deserialize, ToSchema)]
pub struct ChangeEnterpriseRealnameAuthsReq {
    pub customer_id: CustomerId,
    pub identify_type: EnterpriseMethod,
    pub certificate_type: Option<CertificateType>,
    pub verified_file_url: Attachments,
    pub corp_name: CorpName,
    pub verified_number: DocumentNumber,
    pub reg_country: Option<RegCountry>,
    pub reg_address: Option<RegAddress>,
    pub change_type: EnterpriseChange,
    pub xaccount_type: XaccountType,
    pub enterprise_person: Option<EnterprisePersonNew>,
}

/// `ShowRealnameAuthenticationReviewResultRequest`.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ResultQuery {
    pub customer_id: CustomerId,
}
