//! Real-name authentication (S11).

use crate::wire::Code;

codes! {
    IndividualMethod = Code<domain::realname::IndividualMethod>;
    DocumentType = Code<domain::realname::DocumentType>;
    EnterpriseMethod = Code<domain::realname::EnterpriseMethod>;
    CertificateType = Code<domain::realname::CertificateType>;
    FirstAuthentication = Code<domain::realname::FirstAuthentication>;
    EnterpriseChange = Code<domain::realname::EnterpriseChange>;
    CertifierRole = Code<domain::realname::CertifierRole>;
    ReviewResult = Code<domain::realname::ReviewResult>;
}
