-- Opportunities and leads (S2, S6, S13, S16). Times are unix seconds (UTC), money is integer
-- cents; lists of codes are stored comma-separated. Raw contact data is stored as given and
-- masked at the edge for partners on marketing plan 2.0.

-- S13: business opportunities of a partner's customers. Lists page by (updated_at, id) from
-- the partner's or the owner's index, so a deep page needs no OFFSET scan.
CREATE TABLE business_opportunities (
    id TEXT PRIMARY KEY,
    partner_id TEXT NOT NULL REFERENCES partners(id),
    customer_id TEXT NOT NULL REFERENCES customers(id),
    owner_user_id TEXT REFERENCES partner_users(id),
    opportunity_name TEXT NOT NULL,
    industry TEXT NOT NULL,
    opportunity_type TEXT NOT NULL,
    confidence INTEGER NOT NULL,
    stage TEXT NOT NULL,
    expected_monthly_cents BIGINT NOT NULL,
    currency TEXT NOT NULL,
    description TEXT,
    close_reason TEXT,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    closed_at BIGINT
);
CREATE INDEX business_opportunities_partner_updated
    ON business_opportunities (partner_id, updated_at, id);
CREATE INDEX business_opportunities_owner_updated
    ON business_opportunities (owner_user_id, updated_at, id);

-- S6: PO opportunities reported to the platform and reviewed by the operator.
CREATE TABLE po_opportunities (
    id TEXT PRIMARY KEY,
    partner_id TEXT NOT NULL REFERENCES partners(id),
    created_by TEXT NOT NULL,
    status TEXT NOT NULL,
    customer_name TEXT,
    industry TEXT,
    product_category TEXT,
    budget_cents BIGINT,
    decision_maker TEXT,
    requirement TEXT,
    purchase_plan TEXT,
    estimated_revenue_cents BIGINT,
    currency TEXT,
    expected_close_date TEXT,
    description TEXT,
    submission_count INTEGER NOT NULL,
    submitted_at BIGINT,
    reviewed_at BIGINT,
    reason_codes TEXT,
    reason TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX po_opportunities_partner ON po_opportunities (partner_id, created_at);
CREATE INDEX po_opportunities_queue ON po_opportunities (status, submitted_at);

-- The operator's settings of the S6 reasonableness rules; one row, absent until set.
CREATE TABLE po_settings (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    min_revenue_cents BIGINT NOT NULL,
    product_categories TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);

-- S2: the PCE join conditions (any one qualifies; defaults apply while the table is empty),
-- the members, and the opportunities the platform shares with them.
CREATE TABLE pce_join_conditions (
    position INTEGER PRIMARY KEY,
    condition_type TEXT NOT NULL,
    path_type TEXT,
    stage TEXT,
    updated_at BIGINT NOT NULL
);

CREATE TABLE pce_members (
    partner_id TEXT PRIMARY KEY REFERENCES partners(id),
    joined_at BIGINT NOT NULL,
    agreement_signed_at BIGINT,
    qualified_by TEXT NOT NULL
);

CREATE TABLE pce_shared_opportunities (
    id TEXT PRIMARY KEY,
    partner_id TEXT NOT NULL REFERENCES partners(id),
    customer_name TEXT NOT NULL,
    industry TEXT NOT NULL,
    product_category TEXT NOT NULL,
    description TEXT,
    expected_monthly_cents BIGINT NOT NULL,
    status TEXT NOT NULL,
    status_reason TEXT,
    shared_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX pce_shared_opportunities_partner ON pce_shared_opportunities (partner_id, shared_at, id);

-- S16: leads and their follow-ups (notes and outbound calls).
CREATE TABLE leads (
    id TEXT PRIMARY KEY,
    partner_id TEXT NOT NULL REFERENCES partners(id),
    source TEXT NOT NULL,
    status TEXT NOT NULL,
    customer_name TEXT NOT NULL,
    contact_name TEXT,
    mobile_phone TEXT,
    email TEXT,
    industry TEXT,
    description TEXT,
    created_by TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX leads_partner_created ON leads (partner_id, created_at, id);

CREATE TABLE lead_follow_ups (
    id TEXT PRIMARY KEY,
    lead_id TEXT NOT NULL REFERENCES leads(id),
    partner_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    content TEXT,
    created_at BIGINT NOT NULL
);
CREATE INDEX lead_follow_ups_lead ON lead_follow_ups (lead_id, created_at, id);
