CREATE INDEX orders_customer_time ON orders (customer_id, create_time);
CREATE INDEX orders_partner_time ON orders (partner_id, create_time);
DROP INDEX orders_customer_time_id;
DROP INDEX orders_partner_time_id;
