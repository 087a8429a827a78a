//! Consumption and bills (issue 22): the platform's usage fee records (operator), a customer's
//! own records and sums, and a partner's customers' as its user may see them. One action per
//! file; what they are sent in `input`, what they answer in `json`.

pub mod consume_customers;
pub mod customer_fee_records;
pub mod customer_monthly_sum;
pub mod customer_records;
pub mod ingest;
pub mod input;
pub mod json;
pub mod new_customer_tags;
pub mod on_demand_resources;
pub mod partner_monthly;
pub mod partner_monthly_export;
pub mod partner_records;
pub mod partner_records_export;
pub mod register_resources;
