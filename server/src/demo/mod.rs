//! `serve --demo`: a small data set to try the API with, and the credentials to use.
//! Loading is idempotent: the second start finds the data and prints the same credentials.
//! The demo keys are fixed, like the demo password, so the README's walkthrough can be pasted
//! as it is; a demo database is for trying, never for production.

mod banner;

use api::auth::Vault;
use api::service::Failure;
use api::service::{customers, money, partners, transfers, users};
use domain::identity::{CountryCode, DomainName, MarketingPlan, PartnerType, Roles};
use domain::Amount;
use persistence::repo::{
    accounts, credentials, customers as customer_repo, partners as partner_repo,
};
use persistence::{Db, DbConnection};

pub const DISTRIBUTOR: &str = "demo-distributor";
pub const ORDER_ID: &str = "CSDEMO000000000000000001";
pub const PASSWORD: &str = "Demo-Passw0rd";
/// What demo-customer-a gets from the distributor: more than the demo order's 120.00.
const CUSTOMER_A_FUNDS: i64 = 20_000;

/// (user or customer, access key, secret key) of every demo identity.
pub const KEYS: [(&str, &str, &str); 6] = [
    (
        "demo-dist-admin",
        "DEMODISTADMIN0000001",
        "demo-dist-admin-secret-key",
    ),
    (
        "demo-dist-manager",
        "DEMODISTMANAGER00001",
        "demo-dist-manager-secret-key",
    ),
    (
        "demo-reseller-1-admin",
        "DEMORESELLER1ADMIN01",
        "demo-reseller-1-admin-secret-key",
    ),
    (
        "demo-reseller-2-admin",
        "DEMORESELLER2ADMIN01",
        "demo-reseller-2-admin-secret-key",
    ),
    (
        "demo-customer-a",
        "DEMOCUSTOMERA0000001",
        "demo-customer-a-secret-key",
    ),
    (
        "demo-customer-b",
        "DEMOCUSTOMERB0000001",
        "demo-customer-b-secret-key",
    ),
];

pub struct Printed {
    pub who: String,
    pub access_key: String,
    pub secret_key: String,
    pub domain_id: String,
}

pub fn load(db: &Db, vault: &Vault, now: i64) -> Result<(), String> {
    let existing = db
        .read(|c| partner_repo::account_name_taken(c, DISTRIBUTOR))
        .map_err(|e| e.to_string())?;
    if !existing {
        db.write(|c| create(c, vault, now))
            .map_err(|e| e.to_string())?;
    }
    let creds = db.read(|c| list(c, vault)).map_err(|e| e.to_string())?;
    let state = db.read(banner::State::read).map_err(|e| e.to_string())?;
    print!("{}", banner::text(&state, &creds));
    Ok(())
}

/// Stores the fixed demo key of `who`.
fn demo_key(
    c: &mut DbConnection,
    vault: &Vault,
    kind: &str,
    owner_id: &str,
    domain_id: &str,
    who: &str,
    now: i64,
) -> Result<(), Failure> {
    let Some((_, ak, sk)) = KEYS.iter().find(|(name, ..)| *name == who) else {
        return Ok(());
    };
    Ok(credentials::insert(
        c,
        &credentials::CredentialRow {
            access_key: (*ak).to_owned(),
            secret_enc: vault.seal(sk).map_err(Failure::internal)?,
            owner_kind: kind.to_owned(),
            owner_id: owner_id.to_owned(),
            domain_id: domain_id.to_owned(),
            created_at: now,
        },
    )?)
}

fn partner(
    c: &mut DbConnection,
    account_name: &str,
    t: PartnerType,
    now: i64,
) -> Result<String, Failure> {
    let row = partners::create(
        c,
        &partners::NewPartner {
            name: format!("{account_name} Ltd."),
            account_name: account_name.to_owned(),
            partner_type: t,
            country_code: CountryCode::parse("CN")?,
            reseller_program_joined: t == PartnerType::Reseller,
            marketing_plan: MarketingPlan::V1,
            email: Some(format!("{account_name}@example.com")),
            mobile_phone: None,
        },
        now,
    )?;
    Ok(row.id)
}

fn create(c: &mut DbConnection, vault: &Vault, now: i64) -> Result<(), Failure> {
    let hash = api::auth::password::hash(PASSWORD).map_err(Failure::internal)?;
    let dist = partner(c, DISTRIBUTOR, PartnerType::Distributor, now)?;
    let r1 = partner(c, "demo-reseller-1", PartnerType::Reseller, now)?;
    let r2 = partner(c, "demo-reseller-2", PartnerType::Reseller, now)?;
    partners::link_reseller(c, &dist, &r1, now)?;
    partners::link_reseller(c, &dist, &r2, now)?;
    for (pid, name, roles) in [
        (&dist, "demo-dist-admin", vec!["admin"]),
        (&dist, "demo-dist-manager", vec!["account_manager"]),
        (&r1, "demo-reseller-1-admin", vec!["admin"]),
        (&r2, "demo-reseller-2-admin", vec!["admin"]),
    ] {
        let user = users::create(
            c,
            pid,
            &users::NewUser {
                user_name: name.to_owned(),
                display_name: Some(name.replace('-', " ")),
                roles: Roles::parse(roles)?,
                supervisor_user_id: None,
                password_hash: Some(hash.clone()),
            },
            now,
        )?;
        let domain = partner_repo::find(c, pid)?
            .map(|p| p.domain_id)
            .unwrap_or_default();
        demo_key(
            c,
            vault,
            credentials::PARTNER_USER,
            &user.id,
            &domain,
            name,
            now,
        )?;
    }
    for (name, owner) in [("demo-customer-a", &dist), ("demo-customer-b", &r1)] {
        let cust = customers::create(
            c,
            &customers::NewCustomer {
                domain_name: DomainName::parse(name)?,
                country_code: CountryCode::parse("CN")?,
                has_credit_account: false,
                is_partner: false,
                special_contract: false,
                email: Some(format!("{name}@example.com")),
                password_hash: Some(hash.clone()),
            },
            now,
        )?;
        customer_repo::associate(c, &cust.id, owner, "2", now)?;
        demo_key(
            c,
            vault,
            credentials::CUSTOMER,
            &cust.id,
            &cust.domain_id,
            name,
            now,
        )?;
    }
    let amount = Amount::from_decimal(rust_decimal::Decimal::new(10_000_000, 2))
        .map_err(|e| Failure::internal(e.to_string()))?;
    money::recharge_partner(c, &dist, amount, now)?;
    money::set_credit_limit(
        c,
        accounts::PARTNER,
        &dist,
        domain::Money::from_cents(5_000_000),
        now,
    )?;
    if let Some(a) = customer_repo::find_by_domain_name(c, "demo-customer-a")? {
        let funds = Amount::from_decimal(rust_decimal::Decimal::new(CUSTOMER_A_FUNDS, 2))
            .map_err(|e| Failure::internal(e.to_string()))?;
        transfers::to_customer(c, &dist, None, &a.id, funds, now)?;
    }
    quota(c, &dist, now)?;
    pending_order(c, now)?;
    sales(c, &dist, now)
}

/// Business opportunities of both demo customers (the manager owns those of customer A) and
/// two leads dispatched to the distributor.
fn sales(c: &mut DbConnection, dist: &str, now: i64) -> Result<(), Failure> {
    use persistence::repo::opportunities::business::{self, OpportunityRow};
    let manager = persistence::repo::users::find_by_name(c, "demo-dist-manager")?.map(|u| u.id);
    let deals = [
        (
            "demo-customer-a",
            "Web shop migration",
            "RETAIL",
            "MIGRATION",
            60,
            "PROPOSAL",
            1_200_000,
            true,
        ),
        (
            "demo-customer-a",
            "Data lake",
            "RETAIL",
            "EXPANSION",
            30,
            "QUALIFIED",
            800_000,
            true,
        ),
        (
            "demo-customer-b",
            "Video CDN",
            "MEDIA",
            "NEW_CUSTOMER",
            40,
            "DISCOVERY",
            300_000,
            false,
        ),
    ];
    for (i, (cust, name, industry, kind, confidence, stage, cents, owned)) in
        deals.into_iter().enumerate()
    {
        let Some(customer) = customer_repo::find_by_domain_name(c, cust)? else {
            continue;
        };
        let at = now - 3600 * i64::try_from(i).unwrap_or_default();
        business::insert(
            c,
            &OpportunityRow {
                id: persistence::ids::new_id(),
                partner_id: customer
                    .partner_id
                    .clone()
                    .unwrap_or_else(|| dist.to_owned()),
                customer_id: customer.id,
                owner_user_id: if owned { manager.clone() } else { None },
                opportunity_name: name.to_owned(),
                industry: industry.to_owned(),
                opportunity_type: kind.to_owned(),
                confidence,
                stage: stage.to_owned(),
                expected_monthly_cents: cents,
                currency: "CNY".to_owned(),
                description: None,
                close_reason: None,
                created_by: "demo".to_owned(),
                created_at: at,
                updated_at: at,
                closed_at: None,
            },
        )?;
    }
    for (name, phone, email) in [
        ("Initech", "13800138000", "peter@initech.example"),
        ("Hooli", "13900139000", "gavin@hooli.example"),
    ] {
        let lead = api::service::leads::NewLead {
            customer_name: name.to_owned(),
            contact_name: None,
            mobile_phone: Some(domain::leads::parse_phone("mobile_phone", phone)?),
            email: Some(domain::leads::parse_email("email", email)?),
            industry: None,
            description: None,
        };
        api::service::leads::create(
            c,
            dist,
            domain::leads::LeadSource::Dispatched,
            None,
            &lead,
            now,
        )?;
    }
    Ok(())
}

/// A voucher quota of 10,000.00 for the distributor, face values 1–1,000, valid a year.
fn quota(c: &mut DbConnection, partner_id: &str, now: i64) -> Result<(), Failure> {
    use persistence::repo::quotas::{self, QuotaRow};
    Ok(quotas::insert(
        c,
        &QuotaRow {
            id: persistence::ids::new_id(),
            partner_id: partner_id.to_owned(),
            parent_quota_id: None,
            granted_by_partner_id: None,
            quota_type: 0,
            quota_cents: 1_000_000,
            balance_cents: 1_000_000,
            status: domain::vouchers::QUOTA_NORMAL,
            effective_time: now,
            expire_time: now + 365 * 86_400,
            face_min_cents: Some(100),
            face_max_cents: Some(100_000),
            cloud_service_types: None,
            product_ids: None,
            create_time: now,
            last_update_time: now,
        },
    )?)
}

/// An order of demo-customer-a waiting for payment (or for its partner to pay it).
fn pending_order(c: &mut DbConnection, now: i64) -> Result<(), Failure> {
    use persistence::repo::orders::{self, LineRow, OrderRow};
    let Some(cust) = customer_repo::find_by_domain_name(c, "demo-customer-a")? else {
        return Ok(());
    };
    let id = ORDER_ID.to_owned();
    let order = OrderRow {
        id: id.clone(),
        customer_id: cust.id.clone(),
        partner_id: cust.partner_id.clone(),
        service_type_code: "hws.service.type.ebs".into(),
        service_type_name: Some("Elastic Volume Service".into()),
        source_type: 1,
        status: persistence::coded::int(domain::orders::OrderStatus::PendingPayment),
        order_type: 1,
        official_cents: 12_000,
        amount_cents: 12_000,
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
        pending_payment_end_time: Some(now + 30 * 86_400),
        create_time: now,
        payment_time: None,
        discount_count: 0,
    };
    let line = LineRow {
        id: persistence::ids::new_id(),
        order_id: id,
        line_no: 0,
        product_id: "evs-ssd-100g".into(),
        cloud_service_type: Some("hws.service.type.ebs".into()),
        period_type: 2,
        period_num: 1,
        subscription_num: 1,
        official_cents: 12_000,
        discount_ratio: None,
        amount_cents: 12_000,
        effective_time: None,
        expire_time: None,
    };
    Ok(orders::insert(c, &order, &[line], &[])?)
}

fn list(c: &mut DbConnection, vault: &Vault) -> Result<Vec<Printed>, Failure> {
    let mut out = Vec::new();
    for name in [
        "demo-dist-admin",
        "demo-dist-manager",
        "demo-reseller-1-admin",
        "demo-reseller-2-admin",
    ] {
        if let Some(u) = persistence::repo::users::find_by_name(c, name)? {
            out.extend(keys_of(c, vault, credentials::PARTNER_USER, &u.id, name)?);
        }
    }
    for name in ["demo-customer-a", "demo-customer-b"] {
        if let Some(cu) = customer_repo::find_by_domain_name(c, name)? {
            out.extend(keys_of(c, vault, credentials::CUSTOMER, &cu.id, name)?);
        }
    }
    Ok(out)
}

fn keys_of(
    c: &mut DbConnection,
    vault: &Vault,
    kind: &str,
    owner: &str,
    who: &str,
) -> Result<Vec<Printed>, Failure> {
    Ok(credentials::for_owner(c, kind, owner)?
        .into_iter()
        .filter_map(|row| {
            let sk = vault.open(&row.secret_enc).ok()?;
            Some(Printed {
                who: who.to_owned(),
                access_key: row.access_key,
                secret_key: String::from_utf8_lossy(sk.expose()).into_owned(),
                domain_id: row.domain_id,
            })
        })
        .collect())
}
