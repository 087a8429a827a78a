-- Identities, accounts, the ledger and idempotency keys. Times are unix seconds (UTC),
-- money is integer cents (fen): exact on both backends.
CREATE TABLE partners (
    id TEXT PRIMARY KEY,
    domain_id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    account_name TEXT NOT NULL UNIQUE,
    partner_type TEXT NOT NULL,
    country_code TEXT NOT NULL,
    reseller_program_joined BOOLEAN NOT NULL,
    marketing_plan_version TEXT NOT NULL,
    email TEXT,
    mobile_phone TEXT,
    parent_id TEXT REFERENCES partners(id),
    associated_at BIGINT,
    account_manager_user_id TEXT,
    created_at BIGINT NOT NULL
);
CREATE INDEX partners_parent ON partners (parent_id, associated_at);

CREATE TABLE partner_users (
    id TEXT PRIMARY KEY,
    partner_id TEXT NOT NULL REFERENCES partners(id),
    user_name TEXT NOT NULL UNIQUE,
    display_name TEXT,
    roles TEXT NOT NULL,
    supervisor_user_id TEXT REFERENCES partner_users(id),
    password_hash TEXT,
    created_at BIGINT NOT NULL
);
CREATE INDEX partner_users_partner ON partner_users (partner_id);

CREATE TABLE customers (
    id TEXT PRIMARY KEY,
    domain_id TEXT NOT NULL UNIQUE,
    domain_name TEXT NOT NULL UNIQUE,
    country_code TEXT NOT NULL,
    has_credit_account BOOLEAN NOT NULL DEFAULT FALSE,
    is_partner BOOLEAN NOT NULL DEFAULT FALSE,
    special_contract BOOLEAN NOT NULL DEFAULT FALSE,
    email TEXT,
    mobile_phone TEXT,
    customer_name TEXT,
    password_hash TEXT,
    partner_id TEXT REFERENCES partners(id),
    association_type TEXT,
    associated_at BIGINT,
    label TEXT,
    account_manager_user_id TEXT,
    xaccount_id TEXT,
    xaccount_type TEXT,
    created_at BIGINT NOT NULL
);
CREATE INDEX customers_partner ON customers (partner_id, associated_at);

CREATE TABLE credentials (
    access_key TEXT PRIMARY KEY,
    secret_enc TEXT NOT NULL,
    owner_kind TEXT NOT NULL,
    owner_id TEXT NOT NULL,
    domain_id TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX credentials_owner ON credentials (owner_kind, owner_id);

CREATE TABLE accounts (
    id TEXT PRIMARY KEY,
    owner_kind TEXT NOT NULL,
    owner_id TEXT NOT NULL,
    account_type INTEGER NOT NULL,
    balance_cents BIGINT NOT NULL DEFAULT 0 CHECK (balance_cents >= 0),
    credit_limit_cents BIGINT NOT NULL DEFAULT 0 CHECK (credit_limit_cents >= 0),
    designated_cents BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    UNIQUE (owner_kind, owner_id, account_type)
);

CREATE TABLE ledger_entries (
    seq BIGSERIAL PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    account_id TEXT NOT NULL REFERENCES accounts(id),
    owner_kind TEXT NOT NULL,
    owner_id TEXT NOT NULL,
    account_type INTEGER NOT NULL,
    trade_type TEXT NOT NULL,
    trade_detail_type TEXT NOT NULL,
    trade_id TEXT NOT NULL,
    amount_cents BIGINT NOT NULL,
    balance_after_cents BIGINT NOT NULL,
    customer_id TEXT,
    counterparty_id TEXT,
    remark TEXT,
    created_at BIGINT NOT NULL
);
CREATE INDEX ledger_owner_time ON ledger_entries (owner_kind, owner_id, account_type, created_at, seq);
CREATE INDEX ledger_account ON ledger_entries (account_id, seq);

CREATE TABLE idempotency_keys (
    scope TEXT NOT NULL,
    idem_key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    response_status INTEGER NOT NULL,
    response_body TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (scope, idem_key)
);
CREATE INDEX idempotency_created ON idempotency_keys (created_at);
