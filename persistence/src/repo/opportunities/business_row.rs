//! A business opportunity as stored: the row that the writes and the queries share.

use crate::schema_opportunities::business_opportunities as t;
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = t)]
pub struct OpportunityRow {
    pub id: String,
    /// The partner whose customer it is (the distributor's reseller for its resellers' ones).
    pub partner_id: String,
    pub customer_id: String,
    /// The account manager who owns it; `None` is seen by admins only.
    pub owner_user_id: Option<String>,
    pub opportunity_name: String,
    pub industry: String,
    pub opportunity_type: String,
    pub confidence: i32,
    pub stage: String,
    pub expected_monthly_cents: i64,
    pub currency: String,
    pub description: Option<String>,
    pub close_reason: Option<String>,
    pub created_by: String,
    pub created_at: i64,
    pub updated_at: i64,
    pub closed_at: Option<i64>,
}
