DROP INDEX IF EXISTS customers_email;
DROP INDEX IF EXISTS customers_mobile;
DROP TABLE outbox_messages;
DROP TABLE verification_codes;
DROP TABLE customer_invitations;
DROP TABLE reseller_invitations;
