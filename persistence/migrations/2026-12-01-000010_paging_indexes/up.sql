-- Order lists sort by (create_time, id) within a partner or a customer: with id in the index,
-- the sort comes from the index and a deep page (OFFSET) walks index entries only.
CREATE INDEX orders_partner_time_id ON orders (partner_id, create_time, id);
CREATE INDEX orders_customer_time_id ON orders (customer_id, create_time, id);
DROP INDEX orders_partner_time;
DROP INDEX orders_customer_time;
