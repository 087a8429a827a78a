DROP TABLE idempotency_keys;
DROP TABLE ledger_entries;
DROP TABLE accounts;
DROP TABLE credentials;
DROP TABLE customers;
DROP TABLE partner_users;
DROP TABLE partners;
