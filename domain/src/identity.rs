//! Who is who: partner types, user roles and the validated names that identify parties.

use crate::Violation;
use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PartnerType {
    Distributor,
    Reseller,
    SolutionProvider,
}

impl PartnerType {
    pub const ALL: [PartnerType; 3] = [Self::Distributor, Self::Reseller, Self::SolutionProvider];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Distributor => "DISTRIBUTOR",
            Self::Reseller => "RESELLER",
            Self::SolutionProvider => "SOLUTION_PROVIDER",
        }
    }
}

impl FromStr for PartnerType {
    type Err = Violation;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|t| t.as_str() == s)
            .ok_or_else(|| {
                Violation::param(
                    "partner_type must be one of DISTRIBUTOR, RESELLER, SOLUTION_PROVIDER",
                )
            })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    Admin,
    AccountManager,
    AccountManagerSupervisor,
    ProjectSpecialist,
    Finance,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Self::Admin,
        Self::AccountManager,
        Self::AccountManagerSupervisor,
        Self::ProjectSpecialist,
        Self::Finance,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Admin => "admin",
            Self::AccountManager => "account_manager",
            Self::AccountManagerSupervisor => "account_manager_supervisor",
            Self::ProjectSpecialist => "project_specialist",
            Self::Finance => "finance",
        }
    }
}

impl FromStr for Role {
    type Err = Violation;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL.into_iter().find(|r| r.as_str() == s).ok_or_else(|| {
            Violation::param(format!(
                "roles contains an unknown role '{}'; allowed: admin, account_manager, account_manager_supervisor, project_specialist, finance",
                crate::text::clip(s, 32)
            ))
        })
    }
}

/// A non-empty, duplicate-free set of roles, stored as a comma-separated list.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Roles(Vec<Role>);

impl Roles {
    pub fn parse<'a>(names: impl IntoIterator<Item = &'a str>) -> Result<Self, Violation> {
        let mut roles = Vec::new();
        for name in names {
            let role: Role = name.parse()?;
            if !roles.contains(&role) {
                roles.push(role);
            }
        }
        if roles.is_empty() {
            return Err(Violation::param("roles must name at least one role"));
        }
        roles.sort();
        Ok(Roles(roles))
    }

    /// Reads the stored form; unknown names (from a newer version) are skipped.
    pub fn from_stored(s: &str) -> Self {
        let mut roles: Vec<Role> = s.split(',').filter_map(|r| r.parse().ok()).collect();
        roles.sort();
        roles.dedup();
        Roles(roles)
    }

    pub fn to_stored(&self) -> String {
        self.names().join(",")
    }

    pub fn names(&self) -> Vec<&'static str> {
        self.0.iter().map(|r| r.as_str()).collect()
    }

    pub fn contains(&self, role: Role) -> bool {
        self.0.contains(&role)
    }
}

/// ISO 3166-1 alpha-2 codes (249), sorted for binary search.
/// ISO 3166-1 alpha-2 codes, sorted.
pub const ISO_3166: [&str; 249] = [
    "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX", "AZ",
    "BA", "BB", "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS",
    "BT", "BV", "BW", "BY", "BZ", "CA", "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN",
    "CO", "CR", "CU", "CV", "CW", "CX", "CY", "CZ", "DE", "DJ", "DK", "DM", "DO", "DZ", "EC", "EE",
    "EG", "EH", "ER", "ES", "ET", "FI", "FJ", "FK", "FM", "FO", "FR", "GA", "GB", "GD", "GE", "GF",
    "GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GS", "GT", "GU", "GW", "GY", "HK", "HM",
    "HN", "HR", "HT", "HU", "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT", "JE", "JM",
    "JO", "JP", "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KY", "KZ", "LA", "LB", "LC",
    "LI", "LK", "LR", "LS", "LT", "LU", "LV", "LY", "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK",
    "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS", "MT", "MU", "MV", "MW", "MX", "MY", "MZ", "NA",
    "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP", "NR", "NU", "NZ", "OM", "PA", "PE", "PF", "PG",
    "PH", "PK", "PL", "PM", "PN", "PR", "PS", "PT", "PW", "PY", "QA", "RE", "RO", "RS", "RU", "RW",
    "SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS",
    "ST", "SV", "SX", "SY", "SZ", "TC", "TD", "TF", "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO",
    "TR", "TT", "TV", "TW", "TZ", "UA", "UG", "UM", "US", "UY", "UZ", "VA", "VC", "VE", "VG", "VI",
    "VN", "VU", "WF", "WS", "YE", "YT", "ZA", "ZM", "ZW",
];

/// ISO 3166-1 alpha-2, upper case.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CountryCode(String);

impl CountryCode {
    pub fn parse(s: &str) -> Result<Self, Violation> {
        if ISO_3166.binary_search(&s).is_ok() {
            Ok(CountryCode(s.to_owned()))
        } else {
            Err(Violation::param(
                "country_code must be an ISO 3166-1 alpha-2 code in upper case, e.g. CN",
            ))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A customer account name under CreateSubCustomer's rules.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DomainName(String);

impl DomainName {
    pub fn parse(s: &str) -> Result<Self, Violation> {
        let len = s.chars().count();
        if !(5..=32).contains(&len) {
            return Err(Violation::param(
                "domain_name must be 5 to 32 characters long",
            ));
        }
        let mut bytes = s.bytes();
        let first_ok = bytes
            .next()
            .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_' || b == b'-');
        let rest_ok = bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
        if !first_ok || !rest_ok {
            return Err(Violation::param(
                "domain_name may hold only letters, digits, '_' and '-', and must not start with a digit",
            ));
        }
        let lower = s.to_ascii_lowercase();
        if lower.starts_with("op_") || lower.starts_with("shadow_") {
            return Err(Violation::param(
                "domain_name must not start with 'op_' or 'shadow_'",
            ));
        }
        Ok(DomainName(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for DomainName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarketingPlan {
    V1,
    V2,
}

impl MarketingPlan {
    pub const ALL: [MarketingPlan; 2] = [Self::V1, Self::V2];

    pub fn parse(s: &str) -> Result<Self, Violation> {
        match s {
            "1.0" => Ok(Self::V1),
            "2.0" => Ok(Self::V2),
            _ => Err(Violation::param(
                "marketing_plan_version must be \"1.0\" or \"2.0\"",
            )),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::V1 => "1.0",
            Self::V2 => "2.0",
        }
    }
}

/// The operator's bootstrap secret must be long enough to resist guessing.
pub const MIN_SECRET_KEY_LEN: usize = 16;

/// Passwords: 8–32 characters, at least three of: lower, upper, digit, other.
pub fn check_password(p: &str) -> Result<(), Violation> {
    let len = p.chars().count();
    let classes = [
        p.chars().any(|c| c.is_ascii_lowercase()),
        p.chars().any(|c| c.is_ascii_uppercase()),
        p.chars().any(|c| c.is_ascii_digit()),
        p.chars().any(|c| !c.is_ascii_alphanumeric()),
    ]
    .iter()
    .filter(|b| **b)
    .count();
    if !(8..=32).contains(&len) {
        return Err(Violation::param("password must be 8 to 32 characters"));
    }
    // A policy on well-formed text that a schema pattern cannot state (it would need
    // look-aheads): its own business code.
    if classes < 3 {
        return Err(Violation::new(
            crate::codes::PASSWORD_TOO_WEAK,
            "password must mix at least three of: lower-case, upper-case, digits, symbols",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domain_names_follow_create_sub_customer_rules() {
        for ok in ["abcde", "_a-b1", "A2345678901234567890123456789012"] {
            assert!(DomainName::parse(ok).is_ok(), "{ok}");
        }
        for bad in [
            "abcd",
            "1abcde",
            "op_abc",
            "OP_abcd",
            "shadow_x",
            "ab cd e",
            "abcdé",
            "a23456789012345678901234567890123",
        ] {
            assert!(DomainName::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn roles_parse_dedupe_and_round_trip() {
        let r = Roles::parse(["finance", "admin", "admin"]).unwrap_or_default();
        assert_eq!(r.to_stored(), "admin,finance");
        assert_eq!(Roles::from_stored("admin,finance"), r);
        assert!(Roles::parse(["boss"]).is_err());
        assert!(Roles::parse([]).is_err());
    }

    #[test]
    fn country_codes_and_passwords() {
        assert!(CountryCode::parse("CN").is_ok());
        assert!(CountryCode::parse("cn").is_err());
        assert!(CountryCode::parse("CHN").is_err());
        assert!(CountryCode::parse("ZZ").is_err());
        assert!(CountryCode::parse("DE").is_ok());
        assert!(ISO_3166.windows(2).all(|w| w[0] < w[1]));
        assert!(check_password("Abcdef12").is_ok());
        assert!(check_password("abcdefgh").is_err());
        assert!(check_password("Ab1").is_err());
    }
}
