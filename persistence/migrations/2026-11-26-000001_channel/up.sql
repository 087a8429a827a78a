-- Channel and customers (issue 7): reseller invitations (S3), customer invitations (S11),
-- SMS verification codes and the outbox through which codes and invitations are delivered.
-- Expiry is computed from expire_at; a stored PENDING past it reads as EXPIRED.
CREATE TABLE reseller_invitations (
    id TEXT PRIMARY KEY,
    distributor_id TEXT NOT NULL REFERENCES partners(id),
    reseller_id TEXT NOT NULL REFERENCES partners(id),
    status TEXT NOT NULL,
    remark TEXT,
    invited_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expire_at BIGINT NOT NULL,
    answered_at BIGINT,
    answered_by TEXT
);
-- At most one open invitation per pair, even under concurrent invites.
CREATE UNIQUE INDEX reseller_invitations_one_pending
    ON reseller_invitations (distributor_id, reseller_id) WHERE status = 'PENDING';
CREATE INDEX reseller_invitations_distributor ON reseller_invitations (distributor_id, created_at);
CREATE INDEX reseller_invitations_reseller ON reseller_invitations (reseller_id, created_at);

CREATE TABLE customer_invitations (
    id TEXT PRIMARY KEY,
    partner_id TEXT NOT NULL REFERENCES partners(id),
    customer_id TEXT NOT NULL REFERENCES customers(id),
    -- What the partner entered (account name or e-mail); the list shows only this until the
    -- customer has accepted, so an invitation reveals nothing else about the customer.
    invitee TEXT NOT NULL,
    association_type TEXT NOT NULL,
    code TEXT NOT NULL UNIQUE,
    -- The code a re-send replaced: using it is LINK_NOT_FOUND, recorded on this invitation.
    previous_code TEXT,
    code_used_at BIGINT,
    status TEXT NOT NULL,
    failure_reason TEXT,
    failed_at BIGINT,
    remark TEXT,
    invited_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    sent_at BIGINT NOT NULL,
    expire_at BIGINT NOT NULL,
    associated_at BIGINT,
    resend_count INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX customer_invitations_one_pending
    ON customer_invitations (partner_id, customer_id) WHERE status = 'PENDING';
CREATE INDEX customer_invitations_partner ON customer_invitations (partner_id, created_at);
CREATE INDEX customer_invitations_customer ON customer_invitations (customer_id, created_at);
CREATE INDEX customer_invitations_previous ON customer_invitations (previous_code);

CREATE TABLE verification_codes (
    id TEXT PRIMARY KEY,
    partner_id TEXT NOT NULL REFERENCES partners(id),
    mobile_phone TEXT NOT NULL,
    scene INTEGER NOT NULL,
    customer_id TEXT,
    code_hash TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expire_at BIGINT NOT NULL,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    used_at BIGINT
);
CREATE INDEX verification_codes_phone ON verification_codes (mobile_phone, created_at);
CREATE INDEX verification_codes_sender ON verification_codes (partner_id, mobile_phone, scene, used_at);

-- What the notifier delivers; the operator reads it (no real SMS or e-mail here).
CREATE TABLE outbox_messages (
    seq BIGSERIAL PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    channel TEXT NOT NULL,
    recipient TEXT NOT NULL,
    purpose TEXT NOT NULL,
    content TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX outbox_recipient ON outbox_messages (recipient, seq);

CREATE INDEX customers_mobile ON customers (mobile_phone);
CREATE INDEX customers_email ON customers (email);
