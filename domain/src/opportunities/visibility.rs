//! S13 visibility: which business opportunities a partner user sees and acts on. The scope is
//! computed here from the user's roles; the persistence layer turns it into the WHERE clause
//! of every list, read, update and export, so nothing invisible is ever fetched.

use crate::identity::{PartnerType, Role, Roles};
use crate::{codes, Violation};

/// The user asking.
#[derive(Debug, Clone)]
pub struct Viewer<'a> {
    pub user_id: &'a str,
    pub partner_id: &'a str,
    pub partner_type: PartnerType,
    pub roles: &'a Roles,
}

/// What a user sees.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// Every opportunity of the partner; a distributor's admin also sees those of its
    /// resellers' customers.
    Partner {
        partner_id: String,
        with_resellers: bool,
    },
    /// The supervisor's own and those of every account manager whose supervisor they are.
    Team {
        partner_id: String,
        supervisor_id: String,
    },
    /// Only the account manager's own.
    Own { partner_id: String, user_id: String },
}

/// The widest scope the user's roles give; users with none of the sales roles see nothing.
pub fn scope(v: &Viewer) -> Result<Scope, Violation> {
    let partner_id = v.partner_id.to_owned();
    if v.roles.contains(Role::Admin) {
        return Ok(Scope::Partner {
            partner_id,
            with_resellers: v.partner_type == PartnerType::Distributor,
        });
    }
    if v.roles.contains(Role::AccountManagerSupervisor) {
        return Ok(Scope::Team {
            partner_id,
            supervisor_id: v.user_id.to_owned(),
        });
    }
    if v.roles.contains(Role::AccountManager) {
        return Ok(Scope::Own {
            partner_id,
            user_id: v.user_id.to_owned(),
        });
    }
    Err(Violation::new(
        codes::ACCESS_DENIED,
        "business opportunities need the admin, account_manager or account_manager_supervisor role",
    ))
}

/// The refusal of a write (create, edit, re-assign, close) on an opportunity the caller may
/// only query: a distributor's resellers' customers' opportunities. It answers like every
/// other forbidden write on business opportunities, `403 CBC.0151`; the message says why.
pub fn read_only() -> Violation {
    Violation::new(
        codes::ACCESS_DENIED,
        "a distributor may query its resellers' customers' business opportunities but not create, edit, re-assign or close them; the reseller does",
    )
}

impl Scope {
    /// The caller's own partner.
    pub fn partner_id(&self) -> &str {
        match self {
            Scope::Partner { partner_id, .. }
            | Scope::Team { partner_id, .. }
            | Scope::Own { partner_id, .. } => partner_id,
        }
    }
}

/// Whether the caller may write (create, edit, re-assign, close) an opportunity of
/// `opportunity_partner_id` that its scope reaches: only its own partner's. A distributor's
/// resellers' opportunities are read-only to it (S13: it may query them, never change them).
pub fn may_write(scope: &Scope, opportunity_partner_id: &str) -> Result<(), Violation> {
    if scope.partner_id() == opportunity_partner_id {
        Ok(())
    } else {
        Err(read_only())
    }
}

/// What the rules know about a user who might own an opportunity.
#[derive(Debug, Clone)]
pub struct OwnerFacts<'a> {
    pub user_id: &'a str,
    pub partner_id: &'a str,
    pub roles: &'a Roles,
    pub supervisor_user_id: Option<&'a str>,
    /// The distributor of the owner's partner, if it is a linked reseller.
    pub partner_parent_id: Option<&'a str>,
}

impl Scope {
    /// Whether an opportunity of `partner_id` owned by `owner` (a user's facts, or none) is
    /// inside the scope: the same predicate the database query applies.
    pub fn admits(
        &self,
        partner_id: &str,
        partner_parent_id: Option<&str>,
        owner: Option<(&str, Option<&str>)>,
    ) -> bool {
        match self {
            Scope::Partner {
                partner_id: p,
                with_resellers,
            } => p == partner_id || (*with_resellers && partner_parent_id == Some(p.as_str())),
            Scope::Team {
                partner_id: p,
                supervisor_id,
            } => {
                p == partner_id
                    && owner.is_some_and(|(id, sup)| {
                        id == supervisor_id || sup == Some(supervisor_id.as_str())
                    })
            }
            Scope::Own {
                partner_id: p,
                user_id,
            } => p == partner_id && owner.is_some_and(|(id, _)| id == user_id),
        }
    }
}

/// Whether the user may be made the owner of an opportunity of `opportunity_partner_id` by a
/// caller with `scope`: an account manager (or supervisor) of that partner, inside the scope.
pub fn may_own(scope: &Scope, opportunity_partner_id: &str, owner: &OwnerFacts) -> bool {
    let sales = owner.roles.contains(Role::AccountManager)
        || owner.roles.contains(Role::AccountManagerSupervisor);
    sales
        && owner.partner_id == opportunity_partner_id
        && scope.admits(
            owner.partner_id,
            owner.partner_parent_id,
            Some((owner.user_id, owner.supervisor_user_id)),
        )
}

/// The refusal for an owner the caller may not assign.
pub fn owner_invalid() -> Violation {
    Violation::new(
        codes::OPPORTUNITY_OWNER_INVALID,
        "account_manager_id must be the login name of an account manager of the customer's partner whom you may assign",
    )
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn roles(r: &[&str]) -> Roles {
        Roles::parse(r.iter().copied()).unwrap()
    }

    fn viewer<'a>(t: PartnerType, r: &'a Roles) -> Viewer<'a> {
        Viewer {
            user_id: "u",
            partner_id: "p",
            partner_type: t,
            roles: r,
        }
    }

    #[test]
    fn roles_give_scopes() {
        let admin = roles(&["admin"]);
        let sup = roles(&["account_manager_supervisor", "account_manager"]);
        let am = roles(&["account_manager"]);
        let fin = roles(&["finance"]);
        assert_eq!(
            scope(&viewer(PartnerType::Distributor, &admin)).unwrap(),
            Scope::Partner {
                partner_id: "p".into(),
                with_resellers: true
            }
        );
        assert_eq!(
            scope(&viewer(PartnerType::Reseller, &admin)).unwrap(),
            Scope::Partner {
                partner_id: "p".into(),
                with_resellers: false
            }
        );
        assert!(matches!(
            scope(&viewer(PartnerType::Reseller, &sup)).unwrap(),
            Scope::Team { .. }
        ));
        assert!(matches!(
            scope(&viewer(PartnerType::Reseller, &am)).unwrap(),
            Scope::Own { .. }
        ));
        assert_eq!(
            scope(&viewer(PartnerType::Reseller, &fin))
                .unwrap_err()
                .code,
            codes::ACCESS_DENIED
        );
    }

    /// S13: what a scope reaches it may read; it writes only its own partner's.
    #[test]
    fn writes_only_on_the_own_partners() {
        let dist = Scope::Partner {
            partner_id: "d".into(),
            with_resellers: true,
        };
        let admin = Scope::Partner {
            partner_id: "r".into(),
            with_resellers: false,
        };
        let team = Scope::Team {
            partner_id: "r".into(),
            supervisor_id: "s".into(),
        };
        let own = Scope::Own {
            partner_id: "r".into(),
            user_id: "a".into(),
        };
        // (scope, opportunity's partner, may read, may write)
        let cases = [
            (&dist, "d", true, true),
            (&dist, "r", true, false),
            (&admin, "r", true, true),
            (&team, "r", true, true),
            (&own, "r", true, true),
        ];
        for (scope, partner, read, write) in cases {
            let parent = (partner == "r").then_some("d");
            let owner = Some(("a", Some("s")));
            assert_eq!(
                scope.admits(partner, parent, owner),
                read,
                "{scope:?} {partner}"
            );
            let got = may_write(scope, partner);
            assert_eq!(got.is_ok(), write, "{scope:?} {partner}");
            if let Err(v) = got {
                assert_eq!(v.code, codes::ACCESS_DENIED);
            }
        }
    }

    /// (opportunity's partner, that partner's distributor, owner and owner's supervisor)
    type Case<'a> = (&'a str, Option<&'a str>, Option<(&'a str, Option<&'a str>)>);

    #[test]
    fn the_matrix() {
        let team = Scope::Team {
            partner_id: "p".into(),
            supervisor_id: "s".into(),
        };
        let own = Scope::Own {
            partner_id: "p".into(),
            user_id: "a".into(),
        };
        let dist = Scope::Partner {
            partner_id: "p".into(),
            with_resellers: true,
        };
        let mine_a = ("p", None, Some(("a", Some("s"))));
        let mine_s = ("p", None, Some(("s", None)));
        let mine_b = ("p", None, Some(("b", None)));
        let unowned = ("p", None, None);
        let reseller = ("r", Some("p"), Some(("x", None)));
        let foreign = ("q", None, Some(("a", Some("s"))));
        let admits = |s: &Scope, c: Case| s.admits(c.0, c.1, c.2);
        assert!(admits(&team, mine_a) && admits(&team, mine_s));
        assert!(!admits(&team, mine_b) && !admits(&team, unowned));
        assert!(admits(&own, mine_a) && !admits(&own, mine_s));
        assert!(admits(&dist, reseller) && admits(&dist, unowned));
        for s in [&team, &own, &dist] {
            assert!(!admits(s, foreign));
        }
        let am = roles(&["account_manager"]);
        let owner = OwnerFacts {
            user_id: "a",
            partner_id: "p",
            roles: &am,
            supervisor_user_id: Some("s"),
            partner_parent_id: None,
        };
        assert!(may_own(&team, "p", &owner));
        assert!(may_own(&own, "p", &owner));
        assert!(!may_own(&own, "r", &owner));
        let fin = roles(&["finance"]);
        let not_sales = OwnerFacts {
            roles: &fin,
            ..owner
        };
        assert!(!may_own(&dist, "p", &not_sales));
    }
}
