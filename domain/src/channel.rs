//! S3: the rules for linking a reseller to a distributor (invitation or operator onboarding).

use crate::codes;
use crate::identity::PartnerType;
use crate::Violation;

/// What the rules need to know about a partner.
#[derive(Debug, Clone)]
pub struct PartnerFacts<'a> {
    pub id: &'a str,
    pub partner_type: PartnerType,
    pub country_code: &'a str,
    pub reseller_program_joined: bool,
    /// The distributor it is linked to, if any.
    pub parent_id: Option<&'a str>,
}

/// Every rule that stops `distributor` from linking `reseller`, in a fixed order.
pub fn link_violations(distributor: &PartnerFacts, reseller: &PartnerFacts) -> Vec<Violation> {
    let mut v = Vec::new();
    if distributor.partner_type != PartnerType::Distributor {
        v.push(Violation::new(
            codes::NOT_A_DISTRIBUTOR,
            "only a distributor may invite or link resellers",
        ));
    }
    if reseller.partner_type != PartnerType::Reseller || !reseller.reseller_program_joined {
        v.push(Violation::new(
            codes::INVITEE_NOT_RESELLER,
            "the invitee has not joined the reseller program",
        ));
    }
    if reseller.country_code != distributor.country_code {
        v.push(Violation::new(
            codes::INVITEE_OTHER_COUNTRY,
            "the invitee is in another country/region than the distributor",
        ));
    }
    match reseller.parent_id {
        Some(p) if p == distributor.id => v.push(Violation::new(
            codes::ALREADY_LINKED,
            "the reseller is already linked to this distributor",
        )),
        Some(_) => v.push(Violation::new(
            codes::INVITEE_BOUND_ELSEWHERE,
            "the invitee already cooperates with another distributor",
        )),
        None => {}
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p<'a>(
        id: &'a str,
        t: PartnerType,
        c: &'a str,
        joined: bool,
        parent: Option<&'a str>,
    ) -> PartnerFacts<'a> {
        PartnerFacts {
            id,
            partner_type: t,
            country_code: c,
            reseller_program_joined: joined,
            parent_id: parent,
        }
    }

    #[test]
    fn each_rule_has_its_code() {
        use PartnerType::*;
        let d = p("d", Distributor, "CN", false, None);
        let codes_of = |r: &PartnerFacts| -> Vec<&str> {
            link_violations(&d, r).iter().map(|v| v.code).collect()
        };
        assert!(codes_of(&p("r", Reseller, "CN", true, None)).is_empty());
        assert_eq!(
            codes_of(&p("r", Reseller, "CN", false, None)),
            [codes::INVITEE_NOT_RESELLER]
        );
        assert_eq!(
            codes_of(&p("r", SolutionProvider, "CN", true, None)),
            [codes::INVITEE_NOT_RESELLER]
        );
        assert_eq!(
            codes_of(&p("r", Reseller, "DE", true, None)),
            [codes::INVITEE_OTHER_COUNTRY]
        );
        assert_eq!(
            codes_of(&p("r", Reseller, "CN", true, Some("x"))),
            [codes::INVITEE_BOUND_ELSEWHERE]
        );
        assert_eq!(
            codes_of(&p("r", Reseller, "CN", true, Some("d"))),
            [codes::ALREADY_LINKED]
        );
        let not_d = p("s", Reseller, "CN", true, None);
        assert_eq!(
            link_violations(&not_d, &p("r", Reseller, "CN", true, None))[0].code,
            codes::NOT_A_DISTRIBUTOR
        );
    }
}

/// Whom a partner acts for: itself, or — with `indirect_partner_id` — one of its own resellers
/// (`target` is that partner as found, `None` if no such partner). Anything else answers
/// `CBC.99000037` exactly as a missing reseller does, so foreign ids reveal nothing.
pub fn act_for<'a>(
    caller: &PartnerFacts<'a>,
    requested: Option<&str>,
    target: Option<&PartnerFacts<'a>>,
) -> Result<&'a str, Violation> {
    let Some(requested) = requested else {
        return Ok(caller.id);
    };
    let not_yours = || {
        Violation::new(
            codes::NOT_YOUR_RESELLER,
            "indirect_partner_id does not name one of your resellers",
        )
    };
    let target = target.ok_or_else(not_yours)?;
    let mine = caller.partner_type == PartnerType::Distributor
        && target.id == requested
        && target.parent_id == Some(caller.id);
    if mine {
        Ok(target.id)
    } else {
        Err(not_yours())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod act_for_tests {
    use super::*;

    #[test]
    fn only_own_resellers() {
        let d = PartnerFacts {
            id: "d",
            partner_type: PartnerType::Distributor,
            country_code: "CN",
            reseller_program_joined: false,
            parent_id: None,
        };
        let mine = PartnerFacts {
            id: "r",
            partner_type: PartnerType::Reseller,
            country_code: "CN",
            reseller_program_joined: true,
            parent_id: Some("d"),
        };
        let theirs = PartnerFacts {
            id: "s",
            partner_type: PartnerType::Reseller,
            country_code: "CN",
            reseller_program_joined: true,
            parent_id: Some("x"),
        };
        assert_eq!(act_for(&d, None, None), Ok("d"));
        assert_eq!(act_for(&d, Some("r"), Some(&mine)), Ok("r"));
        let missing = act_for(&d, Some("zz"), None).unwrap_err();
        let foreign = act_for(&d, Some("s"), Some(&theirs)).unwrap_err();
        assert_eq!(
            missing, foreign,
            "a foreign id answers exactly like a missing one"
        );
        assert_eq!(
            act_for(&mine, Some("d"), Some(&d)).unwrap_err().code,
            codes::NOT_YOUR_RESELLER
        );
    }
}
