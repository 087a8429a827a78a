-- #18 item 15: an invitation names whom the partner typed (account name or e-mail), not a
-- customer found at sending: the customer is known when someone accepts or registers through
-- it (NULL until then, or when the name matches no customer or several), so sending reveals
-- nothing about who is a customer. One pending invitation per partner and invitee.
CREATE TABLE customer_invitations_v2 (
    id TEXT PRIMARY KEY,
    partner_id TEXT NOT NULL REFERENCES partners(id),
    customer_id TEXT REFERENCES customers(id),
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
INSERT INTO customer_invitations_v2
    (id, partner_id, customer_id, invitee, association_type, code, previous_code, code_used_at,
     status, failure_reason, failed_at, remark, invited_by, created_at, sent_at, expire_at,
     associated_at, resend_count)
SELECT id, partner_id, customer_id, invitee, association_type, code, previous_code, code_used_at,
     status, failure_reason, failed_at, remark, invited_by, created_at, sent_at, expire_at,
     associated_at, resend_count
FROM customer_invitations;
DROP TABLE customer_invitations;
ALTER TABLE customer_invitations_v2 RENAME TO customer_invitations;
CREATE UNIQUE INDEX customer_invitations_one_pending
    ON customer_invitations (partner_id, invitee) WHERE status = 'PENDING';
CREATE INDEX customer_invitations_partner ON customer_invitations (partner_id, created_at);
CREATE INDEX customer_invitations_customer ON customer_invitations (customer_id, created_at);
CREATE INDEX customer_invitations_invitee ON customer_invitations (invitee);
CREATE INDEX customer_invitations_previous ON customer_invitations (previous_code);
