//! Real-name authentication a partner files for its resale customers (S11): an individual's
//! (an identity document or a bank card) or an enterprise's (a company certificate), and the
//! change of an individual's authentication to an enterprise's. Every application goes to the
//! operator's review (the shared review life cycle); the newest application is the result.

use crate::association::AssociationType;
use crate::programs::review::ReviewStatus;
use crate::{codes, Violation};

crate::coded_enum! {
    /// 0 identity document, 4 bank card.
    pub enum IndividualMethod: int {
        Document = 0,
        BankCard = 4,
    }
}

crate::coded_enum! {
    /// 3 passport, 5 Hong Kong/Macao travel permit, 6 Taiwan travel permit, 9 Hong Kong/Macao
    /// residence permit, 10 Taiwan residence permit.
    pub enum DocumentType: int {
        Passport = 3,
        HkMacaoPermit = 5,
        TaiwanPermit = 6,
        HkMacaoResidence = 9,
        TaiwanResidence = 10,
    }
}

crate::coded_enum! {
    /// 1 company certificate.
    pub enum EnterpriseMethod: int {
        Certificate = 1,
    }
}

crate::coded_enum! {
    /// 0 business licence, 1 public institution legal person certificate, 2 social
    /// organization legal person registration certificate, 3 administrative law enforcement
    /// qualification, 4 organization code certificate, 99 other.
    pub enum CertificateType: int {
        BusinessLicence = 0,
        PublicInstitution = 1,
        SocialOrganization = 2,
        LawEnforcement = 3,
        OrganizationCode = 4,
        Other = 99,
    }
}

crate::coded_enum! {
    /// -1 first real-name authentication.
    pub enum FirstAuthentication: int {
        First = -1,
    }
}

crate::coded_enum! {
    /// 1 an individual becomes an enterprise.
    pub enum EnterpriseChange: int {
        IndividualToEnterprise = 1,
    }
}

crate::coded_enum! {
    /// `legalPerson`: the legal representative.
    pub enum CertifierRole: text {
        LegalPerson = "legalPerson",
    }
}

crate::coded_enum! {
    /// The review result: 0 under review, 1 rejected, 2 approved.
    pub enum ReviewResult: int {
        Reviewing = 0,
        Rejected = 1,
        Approved = 2,
    }
}

crate::coded_enum! {
    /// What an application authenticates: an individual or an enterprise.
    pub enum Subject: text {
        Individual = "INDIVIDUAL",
        Enterprise = "ENTERPRISE",
    }
}

/// Always 1: every application waits for the operator's review.
pub const IS_REVIEW: i64 = 1;

/// Attachments of one application: at most this many.
pub const MAX_FILES: usize = 3;

/// The file types an attachment may have.
pub const FILE_TYPES: [&str; 6] = ["jpg", "jpeg", "bmp", "png", "gif", "pdf"];

impl ReviewResult {
    pub fn of(status: ReviewStatus) -> Self {
        match status {
            ReviewStatus::Reviewing => Self::Reviewing,
            ReviewStatus::Rejected => Self::Rejected,
            ReviewStatus::Approved => Self::Approved,
        }
    }
}

/// An application as stored: what the operator reviews and the result reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Application {
    pub id: String,
    pub partner_id: String,
    pub customer_id: String,
    pub subject: Subject,
    pub identify_type: i64,
    pub change_type: Option<i64>,
    pub status: ReviewStatus,
    /// The person's or the company's name.
    pub name: String,
    /// The rest of the application as filed (attachments, document, company details), JSON.
    pub details: String,
    pub submitted_at: i64,
    pub reviewed_at: Option<i64>,
    pub reason_codes: Vec<String>,
    /// The operator's opinion, on a rejection.
    pub reason: Option<String>,
}

/// What is stored of a customer's applications that decides whether it may file another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct History {
    /// Whether an application is under review.
    pub reviewing: bool,
    /// What the newest approved application authenticated, if any.
    pub approved: Option<Subject>,
}

/// Who the application is for: only a partner's resale (代售) customers are authenticated by
/// their partner.
pub fn for_customer(association: Option<AssociationType>) -> Result<(), Violation> {
    if association == Some(AssociationType::Resale) {
        return Ok(());
    }
    Err(Violation::new(
        codes::REALNAME_NOT_RESALE,
        "customer_id must name a resale customer: a referral customer authenticates itself",
    ))
}

/// A first authentication: nothing under review and nothing approved yet.
pub fn may_apply(h: History) -> Result<(), Violation> {
    if h.reviewing {
        return Err(under_review());
    }
    if h.approved.is_some() {
        return Err(Violation::new(
            codes::REALNAME_STATUS,
            "the customer is already authenticated; an individual changes to an enterprise with the change operation",
        ));
    }
    Ok(())
}

/// A change to an enterprise: nothing under review and an approved individual authentication.
pub fn may_change_to_enterprise(h: History) -> Result<(), Violation> {
    if h.reviewing {
        return Err(under_review());
    }
    if h.approved != Some(Subject::Individual) {
        return Err(Violation::new(
            codes::REALNAME_STATUS,
            "only a customer authenticated as an individual can change to an enterprise",
        ));
    }
    Ok(())
}

fn under_review() -> Violation {
    Violation::new(
        codes::REALNAME_STATUS,
        "an application for this customer is under review",
    )
}

/// The attachments an individual's application has: three pages of the document, or one
/// photo of the face for a bank card.
pub fn individual_files(method: IndividualMethod, files: usize) -> Result<(), Violation> {
    let want = match method {
        IndividualMethod::Document => 3,
        IndividualMethod::BankCard => 1,
    };
    count_files(want, files)
}

/// The attachments of an enterprise's application: the certificate, then the two sides of
/// the person's identity card when `enterprise_person` is given.
pub fn enterprise_files(with_person: bool, files: usize) -> Result<(), Violation> {
    count_files(if with_person { 3 } else { 1 }, files)
}

fn count_files(want: usize, files: usize) -> Result<(), Violation> {
    if files == want {
        return Ok(());
    }
    Err(Violation::new(
        codes::REALNAME_FILES,
        format!("verified_file_url must hold {want} files for this application, not {files}"),
    ))
}

/// An individual's document type is required exactly when the method is a document (it is
/// ignored otherwise, as Huawei does); a bank card needs `bank_card_info`.
pub fn individual_fields(
    method: IndividualMethod,
    document: bool,
    bank_card: bool,
) -> Result<(), Violation> {
    match method {
        IndividualMethod::Document if !document => Err(Violation::new(
            codes::REALNAME_FIELDS,
            "verified_type is required when identify_type is 0",
        )),
        IndividualMethod::BankCard if !bank_card => Err(Violation::new(
            codes::REALNAME_FIELDS,
            "bank_card_info is required when identify_type is 4",
        )),
        _ => Ok(()),
    }
}

/// A company name without control characters that is not all digits, punctuation and spaces.
pub fn corp_name_ok(name: &str) -> bool {
    !name.chars().any(char::is_control)
        && name.chars().any(|c| {
            !c.is_control()
                && !c.is_whitespace()
                && !c.is_ascii_digit()
                && !c.is_ascii_punctuation()
        })
}

/// An attachment: a relative path in the bucket's download folder: segments separated by `/`,
/// none empty nor starting with `.` (so no `..`), without `:` or `\\`, the last ending in one
/// of [`FILE_TYPES`] (any case).
pub fn file_ok(path: &str) -> bool {
    let segments_ok = path.split('/').all(|seg| {
        !seg.is_empty()
            && !seg.starts_with('.')
            && !seg.chars().any(|c| c.is_control() || c == ':' || c == '\\')
    });
    let ext_ok = path
        .rsplit_once('.')
        .is_some_and(|(_, ext)| FILE_TYPES.contains(&ext.to_ascii_lowercase().as_str()));
    segments_ok && ext_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn who_may_apply() {
        let none = History::default();
        let reviewing = History {
            reviewing: true,
            approved: None,
        };
        let person = History {
            reviewing: false,
            approved: Some(Subject::Individual),
        };
        let company = History {
            reviewing: false,
            approved: Some(Subject::Enterprise),
        };
        assert!(may_apply(none).is_ok());
        for h in [reviewing, person, company] {
            assert_eq!(
                may_apply(h).map_err(|v| v.code),
                Err(codes::REALNAME_STATUS)
            );
        }
        assert!(may_change_to_enterprise(person).is_ok());
        for h in [none, reviewing, company] {
            assert!(may_change_to_enterprise(h).is_err(), "{h:?}");
        }
        assert!(for_customer(Some(AssociationType::Resale)).is_ok());
        assert!(for_customer(Some(AssociationType::Referral)).is_err());
        assert!(for_customer(None).is_err());
    }

    #[test]
    fn files_and_names() {
        assert!(individual_files(IndividualMethod::Document, 3).is_ok());
        assert!(individual_files(IndividualMethod::Document, 1).is_err());
        assert!(individual_files(IndividualMethod::BankCard, 1).is_ok());
        assert!(enterprise_files(false, 1).is_ok());
        assert!(enterprise_files(true, 1).is_err());
        assert!(enterprise_files(true, 3).is_ok());
        for ok in ["abc023.jpg", "test/abc023.PDF", "a.jpeg"] {
            assert!(file_ok(ok), "{ok}");
        }
        for bad in [
            "abc023",
            "/abc.jpg",
            "../a.png",
            "https://x/a.png",
            ".png",
            "a.exe",
            "a/.b.png",
            "a//b.png",
        ] {
            assert!(!file_ok(bad), "{bad}");
        }
        assert!(corp_name_ok("华为技术有限公司"));
        assert!(corp_name_ok("Acme 1"));
        for bad in ["123", " - ", "12 34!"] {
            assert!(!corp_name_ok(bad), "{bad}");
        }
        assert!(individual_fields(IndividualMethod::Document, false, true).is_err());
        assert!(individual_fields(IndividualMethod::BankCard, true, false).is_err());
        assert!(individual_fields(IndividualMethod::BankCard, false, true).is_ok());
    }
}
