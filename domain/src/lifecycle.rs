//! Credentials and people can end (#20): access-key status and rotation, the last admin.

use crate::{coded_enum, Violation};

pub mod codes {
    /// Ours: only an active key that is not already being replaced can be rotated.
    pub const KEY_NOT_ROTATABLE: &str = "CBC.99100201";
    /// Ours: the partner's last active admin cannot be deactivated or lose the admin role.
    pub const LAST_ADMIN: &str = "CBC.99100202";
    /// Ours: the partner is suspended; its users and keys may not call the API.
    pub const PARTNER_SUSPENDED: &str = "CBC.99100203";
    /// Ours: the old password given with a password change is wrong.
    pub const WRONG_PASSWORD: &str = "CBC.99100204";
    /// Ours: only a token can be revoked with `POST /v2/auth/tokens/revoke`.
    pub const NO_TOKEN: &str = "CBC.99100205";
    /// Ours: a partner's country cannot change once it has links, customers or money.
    pub const COUNTRY_LOCKED: &str = "CBC.99100206";
    /// Ours: the partner is already suspended, or not suspended.
    pub const SUSPENSION_STATE: &str = "CBC.99100207";
}

coded_enum! {
    /// An access key's status: a `DISABLED` key is refused until enabled again.
    pub enum KeyStatus: text {
        Active = "ACTIVE",
        Disabled = "DISABLED",
    }
}

/// How long a rotated key keeps working by default (24 hours), and at most (30 days).
pub const GRACE_DEFAULT_SECS: i64 = 86_400;
pub const GRACE_MAX_SECS: i64 = 30 * 86_400;

/// A key may be rotated while it is active and not already ending.
pub fn may_rotate(status: KeyStatus, expires_at: Option<i64>) -> Result<(), Violation> {
    match (status, expires_at) {
        (KeyStatus::Active, None) => Ok(()),
        (KeyStatus::Disabled, _) => Err(Violation::new(
            codes::KEY_NOT_ROTATABLE,
            "the access key is disabled: enable it or create a new key",
        )),
        (KeyStatus::Active, Some(_)) => Err(Violation::new(
            codes::KEY_NOT_ROTATABLE,
            "the access key was already rotated and ends with its grace period",
        )),
    }
}

/// Whether removing `user`'s admin standing (deactivation or a role change) leaves the partner
/// without an active admin. `active_admins` are the partner's active admins now.
pub fn keeps_an_admin(active_admins: &[&str], user: &str) -> Result<(), Violation> {
    if active_admins.iter().any(|a| *a != user) || !active_admins.contains(&user) {
        Ok(())
    } else {
        Err(Violation::new(
            codes::LAST_ADMIN,
            "the user is the partner's last active admin: make another user admin first",
        ))
    }
}

/// What ties a partner to its country; each tie is a reason the country cannot change.
pub fn country_may_change(
    linked: bool,
    customers: bool,
    money: bool,
) -> Result<(), Vec<Violation>> {
    let mut why = Vec::new();
    if linked {
        why.push(Violation::new(
            codes::COUNTRY_LOCKED,
            "the partner is linked to a distributor or resellers",
        ));
    }
    if customers {
        why.push(Violation::new(
            codes::COUNTRY_LOCKED,
            "the partner has customers",
        ));
    }
    if money {
        why.push(Violation::new(
            codes::COUNTRY_LOCKED,
            "the partner holds money or credit",
        ));
    }
    if why.is_empty() {
        Ok(())
    } else {
        Err(why)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rotation_needs_an_active_key_not_already_ending() {
        let cases = [
            (KeyStatus::Active, None, true),
            (KeyStatus::Active, Some(10), false),
            (KeyStatus::Disabled, None, false),
            (KeyStatus::Disabled, Some(10), false),
        ];
        for (status, exp, ok) in cases {
            assert_eq!(may_rotate(status, exp).is_ok(), ok, "{status:?} {exp:?}");
        }
    }

    #[test]
    fn each_tie_locks_the_country() {
        assert!(country_may_change(false, false, false).is_ok());
        assert_eq!(
            country_may_change(true, false, false)
                .err()
                .map(|v| v.len()),
            Some(1)
        );
        assert_eq!(
            country_may_change(true, true, true).err().map(|v| v.len()),
            Some(3)
        );
    }

    #[test]
    fn the_last_active_admin_stays() {
        let cases: [(&[&str], &str, bool); 4] = [
            (&["a"], "a", false),
            (&["a", "b"], "a", true),
            (&["a"], "b", true),
            (&[], "b", true),
        ];
        for (admins, user, ok) in cases {
            assert_eq!(
                keeps_an_admin(admins, user).is_ok(),
                ok,
                "{admins:?} {user}"
            );
        }
    }
}
