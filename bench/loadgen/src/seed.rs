//! Seeds a benchmark data set straight through the repositories (fast, and the ledger stays
//! consistent): a distributor, customers with funded accounts and access keys, pending orders,
//! and a large zero-amount ledger for paging and export.

use api::auth::Vault;
use api::service::{access_keys, customers as customer_svc, money, partners, Failure};
use domain::identity::{CountryCode, DomainName, MarketingPlan, PartnerType};
use domain::{Amount, Money};
use persistence::repo::{accounts, credentials, customers, ledger, ledger_query, orders};
use persistence::{ids, Db, DbConnection, StoreError};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Key {
    pub id: String,
    pub ak: String,
    pub sk: String,
}

/// What the scenarios need to know about the seeded data.
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct Seeded {
    pub partner: Option<Key>,
    pub customers: Vec<Key>,
    /// Pending orders: (customer index, order id).
    pub orders: Vec<(usize, String)>,
    pub hot_orders: Vec<String>,
    /// Orders of many customers kept for the audit-cost comparison of P2.
    pub audit_orders: Vec<(usize, String)>,
    /// Orders waiting for the partner to pay (S19).
    pub agent_orders: Vec<String>,
    pub ledger_rows: i64,
}

pub struct Sizes {
    pub customers: usize,
    pub orders: usize,
    pub hot_orders: usize,
    pub audit_orders: usize,
    pub ledger_rows: i64,
}

fn e(s: impl std::fmt::Display) -> Failure {
    Failure::internal(s.to_string())
}

fn order_row(
    id: &str,
    customer: &str,
    partner: &str,
    cents: i64,
    now: i64,
) -> (orders::OrderRow, orders::LineRow) {
    let o = orders::OrderRow {
        id: id.to_owned(),
        customer_id: customer.to_owned(),
        partner_id: Some(partner.to_owned()),
        service_type_code: "hws.service.type.ebs".into(),
        service_type_name: None,
        source_type: 1,
        status: 6,
        order_type: 1,
        official_cents: cents,
        amount_cents: cents,
        discount_cents: 0,
        coupon_cents: 0,
        cash_paid_cents: 0,
        credit_paid_cents: 0,
        refunded_cents: 0,
        payer_kind: None,
        payer_id: None,
        applied_discount_id: None,
        agent_pay_status: None,
        agent_pay_reason: None,
        pending_payment_end_time: None,
        create_time: now,
        payment_time: None,
        discount_count: 0,
    };
    let l = orders::LineRow {
        id: ids::new_id(),
        order_id: id.to_owned(),
        line_no: 0,
        product_id: "p-bench".into(),
        cloud_service_type: None,
        period_type: 2,
        period_num: 1,
        subscription_num: 1,
        official_cents: cents,
        discount_ratio: None,
        amount_cents: cents,
        effective_time: None,
        expire_time: None,
    };
    (o, l)
}

pub fn run(db: &Db, vault: &Vault, sizes: &Sizes, now: i64) -> Result<Seeded, Failure> {
    let mut out = Seeded::default();
    let partner = db.write(|c| {
        let p = partners::create(
            c,
            &partners::NewPartner {
                name: "Bench distributor".into(),
                account_name: format!("bench-{}", ids::new_id()),
                partner_type: PartnerType::Distributor,
                country_code: CountryCode::parse("CN")?,
                reseller_program_joined: false,
                marketing_plan: MarketingPlan::V1,
                email: None,
                mobile_phone: None,
            },
            now,
        )?;
        let u = api::service::users::create(
            c,
            &p.id,
            &api::service::users::NewUser {
                user_name: format!("bench-admin-{}", &p.id[..8]),
                display_name: None,
                roles: domain::identity::Roles::parse(["admin"])?,
                supervisor_user_id: None,
                password_hash: None,
            },
            now,
        )?;
        let k = access_keys::issue(
            c,
            vault,
            credentials::PARTNER_USER,
            &u.id,
            &p.domain_id,
            now,
        )?;
        money::recharge_partner(
            c,
            &p.id,
            Amount::new(Money::from_cents(100_000_000_000)).map_err(e)?,
            now,
        )?;
        money::set_credit_limit(
            c,
            accounts::PARTNER,
            &p.id,
            Money::from_cents(1_000_000_000),
            now,
        )?;
        Ok::<_, api::service::Failure>(Key {
            id: p.id,
            ak: k.access_key,
            sk: k.secret_key,
        })
    })?;
    // Customers in batches, each funded well beyond what its orders cost.
    for chunk in (0..sizes.customers).collect::<Vec<_>>().chunks(500) {
        let keys = db.write(|c| {
            let mut keys = Vec::new();
            for i in chunk {
                let cust = customer_svc::create(
                    c,
                    &customer_svc::NewCustomer {
                        domain_name: DomainName::parse(&format!(
                            "bench{}x{i}",
                            &ids::new_id()[..6]
                        ))?,
                        country_code: CountryCode::parse("CN")?,
                        has_credit_account: true,
                        is_partner: false,
                        special_contract: false,
                        email: None,
                        password_hash: None,
                    },
                    now,
                )?;
                customers::associate(c, &cust.id, &partner.id, "2", now)?;
                let k = access_keys::issue(
                    c,
                    vault,
                    credentials::CUSTOMER,
                    &cust.id,
                    &cust.domain_id,
                    now,
                )?;
                // Resale customers are funded by their partner; the first one carries the hot load.
                let fund = if *i == 0 { 1_000_000_000 } else { 1_000_000 };
                api::service::transfers::to_customer(
                    c,
                    &partner.id,
                    None,
                    &cust.id,
                    Amount::new(Money::from_cents(fund)).map_err(e)?,
                    now,
                )?;
                money::set_credit_limit(
                    c,
                    accounts::CUSTOMER,
                    &cust.id,
                    Money::from_cents(1_000_000),
                    now,
                )?;
                keys.push(Key {
                    id: cust.id,
                    ak: k.access_key,
                    sk: k.secret_key,
                });
            }
            Ok::<_, api::service::Failure>(keys)
        })?;
        out.customers.extend(keys);
    }
    let n = out.customers.len().max(1);
    let mut rows = Vec::new();
    for i in 0..sizes.orders {
        rows.push((i % n, format!("CSB{}", ids::new_id().to_uppercase())));
    }
    for i in 0..sizes.audit_orders {
        rows.push((i % n, format!("CSQ{}", ids::new_id().to_uppercase())));
    }
    for i in 0..sizes.hot_orders {
        rows.push((
            0,
            format!("CSH{i:08}{}", &ids::new_id()[..8].to_uppercase()),
        ));
    }
    let agent: Vec<(usize, String)> = (0..sizes.hot_orders)
        .map(|i| {
            (
                1 % n,
                format!("CSA{i:08}{}", &ids::new_id()[..8].to_uppercase()),
            )
        })
        .collect();
    for chunk in rows.chunks(2000).chain(agent.chunks(2000)) {
        db.write(|c| {
            let pairs: Vec<_> = chunk
                .iter()
                .map(|(ci, id)| {
                    order_row(
                        id,
                        &out.customers[*ci].id,
                        &partner.id,
                        100 + (*ci as i64 % 900),
                        now,
                    )
                })
                .collect();
            insert_orders(c, &pairs)?;
            Ok::<_, api::service::Failure>(())
        })?;
    }
    db.write(|c| {
        for (_, id) in &agent {
            orders::set_agent_pay(
                c,
                id,
                &[None],
                domain::orders::AgentPayStatus::Pending,
                None,
            )?;
        }
        Ok::<_, api::service::Failure>(())
    })?;
    out.orders = rows[..sizes.orders].to_vec();
    let hot_from = sizes.orders + sizes.audit_orders;
    out.audit_orders = rows[sizes.orders..hot_from].to_vec();
    out.hot_orders = rows[hot_from..].iter().map(|(_, id)| id.clone()).collect();
    out.agent_orders = agent.into_iter().map(|(_, id)| id).collect();
    seed_ledger(db, &partner.id, sizes.ledger_rows, now)?;
    out.ledger_rows = sizes.ledger_rows;
    out.partner = Some(partner);
    Ok(out)
}

fn insert_orders(
    c: &mut DbConnection,
    pairs: &[(orders::OrderRow, orders::LineRow)],
) -> Result<(), StoreError> {
    for (o, l) in pairs {
        orders::insert(c, o, std::slice::from_ref(l), &[])?;
    }
    Ok(())
}

/// Zero-amount rows: they leave every balance equal to its ledger sum.
fn seed_ledger(db: &Db, partner_id: &str, n: i64, now: i64) -> Result<(), Failure> {
    let acct = db
        .read(|c| accounts::find(c, accounts::PARTNER, partner_id, accounts::CASH))?
        .ok_or_else(|| e("partner account missing"))?;
    let mut done = 0;
    while done < n {
        let batch = (n - done).min(20_000);
        db.write(|c| {
            let rows: Vec<ledger::LedgerRow> = (done..done + batch)
                .map(|i| ledger::LedgerRow {
                    seq: None,
                    id: format!("bench{i:010}"),
                    account_id: acct.id.clone(),
                    owner_kind: accounts::PARTNER.into(),
                    owner_id: partner_id.to_owned(),
                    account_type: accounts::CASH,
                    trade_type: "ADJUST".into(),
                    trade_detail_type: "SOURCE_OPERAIION_ADJUST".into(),
                    trade_id: format!("t{i}"),
                    amount_cents: 0,
                    balance_after_cents: acct.balance_cents,
                    customer_id: None,
                    counterparty_id: None,
                    remark: None,
                    created_at: now - 3600 - i % 86_400,
                })
                .collect();
            ledger_query::insert_many(c, &rows)
        })?;
        done += batch;
    }
    Ok(())
}
