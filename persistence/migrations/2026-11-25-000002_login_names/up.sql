-- Login names are case-insensitive: one index per table makes the rule hold under concurrency.
CREATE UNIQUE INDEX partner_users_login ON partner_users (lower(user_name));
CREATE UNIQUE INDEX customers_login ON customers (lower(domain_name));
