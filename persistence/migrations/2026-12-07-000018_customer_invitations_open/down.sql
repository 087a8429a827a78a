CREATE TABLE customer_invitations_v1 (
    id TEXT PRIMARY KEY,
    partner_id TEXT NOT NULL REFERENCES partners(id),
    customer_id TEXT NOT NULL REFERENCES customers(id),
    invitee TEXT NOT NULL,
    association_type TEXT NOT NULL,
    code TEXT NOT NULL UNIQUE,
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
-- Invitations to no known customer cannot be kept in the old shape.
INSERT INTO customer_invitations_v1
SELECT id, partner_id, customer_id, invitee, association_type, code, previous_code, code_used_at,
     status, failure_reason, failed_at, remark, invited_by, created_at, sent_at, expire_at,
     associated_at, resend_count
FROM customer_invitations WHERE customer_id IS NOT NULL;
DROP TABLE customer_invitations;
ALTER TABLE customer_invitations_v1 RENAME TO customer_invitations;
CREATE UNIQUE INDEX customer_invitations_one_pending
    ON customer_invitations (partner_id, customer_id) WHERE status = 'PENDING';
CREATE INDEX customer_invitations_partner ON customer_invitations (partner_id, created_at);
CREATE INDEX customer_invitations_customer ON customer_invitations (customer_id, created_at);
CREATE INDEX customer_invitations_previous ON customer_invitations (previous_code);
