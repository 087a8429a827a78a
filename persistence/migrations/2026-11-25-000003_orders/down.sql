DROP TABLE refunds;
DROP TABLE order_coupons;
DROP TABLE coupons;
DROP TABLE order_discounts;
DROP TABLE order_line_items;
DROP TABLE orders;
