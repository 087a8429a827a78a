//! The identities behind credentials and the checks handlers make on them.

use crate::service::Failure;
use crate::ApiError;
use domain::identity::{PartnerType, Role, Roles};
use persistence::repo::{credentials as kinds, customers, partners, users};
use persistence::{DbConnection, StoreError};

#[derive(Debug, Clone)]
pub enum Principal {
    Operator,
    PartnerUser(PartnerUser),
    Customer(CustomerPrincipal),
}

#[derive(Debug, Clone)]
pub struct PartnerUser {
    pub user_id: String,
    pub user_name: String,
    pub partner_id: String,
    pub partner_type: PartnerType,
    pub roles: Roles,
}

#[derive(Debug, Clone)]
pub struct CustomerPrincipal {
    pub customer_id: String,
}

impl PartnerUser {
    /// Admins may do everything their partner may; others need one of `roles`.
    pub fn require_any(&self, roles: &[Role]) -> Result<(), ApiError> {
        if self.roles.contains(Role::Admin) || roles.iter().any(|r| self.roles.contains(*r)) {
            Ok(())
        } else {
            Err(ApiError::Forbidden)
        }
    }
}

/// Loads the principal that owns a credential or token; `None` if it no longer exists.
pub fn load(
    conn: &mut DbConnection,
    owner_kind: &str,
    owner_id: &str,
) -> Result<Option<(Principal, String)>, Failure> {
    match owner_kind {
        kinds::OPERATOR => Ok(Some((Principal::Operator, String::new()))),
        kinds::PARTNER_USER => {
            let Some(user) = users::find(conn, owner_id)? else {
                return Ok(None);
            };
            if !persistence::repo::key_lifecycle::user_active(conn, &user.id)? {
                return Ok(None);
            }
            let Some(partner) = partners::find(conn, &user.partner_id)? else {
                return Ok(None);
            };
            let partner_type = partner
                .partner_type
                .parse()
                .map_err(|_| StoreError::Internal("stored partner type is unknown".into()))?;
            Ok(Some((
                Principal::PartnerUser(PartnerUser {
                    user_id: user.id,
                    user_name: user.user_name,
                    partner_id: partner.id,
                    partner_type,
                    roles: Roles::from_stored(&user.roles),
                }),
                partner.domain_id,
            )))
        }
        kinds::CUSTOMER => Ok(customers::find(conn, owner_id)?.map(|c| {
            (
                Principal::Customer(CustomerPrincipal { customer_id: c.id }),
                c.domain_id,
            )
        })),
        _ => Ok(None),
    }
}
