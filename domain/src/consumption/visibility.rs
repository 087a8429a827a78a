//! Whose consumption a partner user sees (S13's rule applied to bills): admins and finance see
//! every customer of the partner; a supervisor the customers of their team (their own and those
//! of every account manager they supervise); an account manager only their own customers.

use crate::identity::{Role, Roles};
use crate::{codes, Violation};

/// Which account managers' customers the user sees: `None` for all the partner's customers.
/// `team` are the ids of the users whose supervisor the user is.
pub fn managers(
    roles: &Roles,
    user_id: &str,
    team: &[String],
) -> Result<Option<Vec<String>>, Violation> {
    if roles.contains(Role::Admin) || roles.contains(Role::Finance) {
        return Ok(None);
    }
    if roles.contains(Role::AccountManagerSupervisor) {
        let mut ids = vec![user_id.to_owned()];
        ids.extend(team.iter().cloned());
        return Ok(Some(ids));
    }
    if roles.contains(Role::AccountManager) {
        return Ok(Some(vec![user_id.to_owned()]));
    }
    Err(Violation::new(
        codes::ACCESS_DENIED,
        "bills need the admin, finance, account_manager or account_manager_supervisor role",
    ))
}

/// Narrows the visible managers to the one named by `account_manager_id` (a user id), if
/// given: someone outside the view sees nothing rather than an error.
pub fn narrow(visible: Option<Vec<String>>, named: Option<&str>) -> Option<Vec<String>> {
    match (visible, named) {
        (v, None) => v,
        (None, Some(n)) => Some(vec![n.to_owned()]),
        (Some(v), Some(n)) => Some(v.into_iter().filter(|m| m == n).collect()),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn table() {
        let team = vec!["am1".to_owned(), "am2".to_owned()];
        let cases: [(&[Role], Option<Vec<&str>>); 5] = [
            (&[Role::Admin], None),
            (&[Role::Finance], None),
            (
                &[Role::AccountManagerSupervisor],
                Some(vec!["me", "am1", "am2"]),
            ),
            (&[Role::AccountManager], Some(vec!["me"])),
            (&[Role::AccountManager, Role::Admin], None),
        ];
        for (roles, want) in cases {
            let roles = Roles::parse(roles.iter().map(|r| r.as_str())).unwrap();
            let got = managers(&roles, "me", &team).unwrap();
            let want = want.map(|v| v.into_iter().map(str::to_owned).collect::<Vec<_>>());
            assert_eq!(got, want, "{roles:?}");
        }
        let none = Roles::parse(["project_specialist"]).unwrap();
        assert_eq!(
            managers(&none, "me", &team).unwrap_err().code,
            codes::ACCESS_DENIED
        );
        assert_eq!(narrow(None, Some("x")), Some(vec!["x".to_owned()]));
        assert_eq!(narrow(Some(vec!["a".into()]), Some("x")), Some(vec![]));
        assert_eq!(
            narrow(Some(vec!["a".into()]), None),
            Some(vec!["a".to_owned()])
        );
    }
}
