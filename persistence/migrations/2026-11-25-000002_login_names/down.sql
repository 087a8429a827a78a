DROP INDEX customers_login;
DROP INDEX partner_users_login;
