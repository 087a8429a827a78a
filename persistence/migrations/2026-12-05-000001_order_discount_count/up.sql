-- How many discounts an order was created with, so paying an order without any needs no
-- read of order_discounts (they are written only when the order is created).
ALTER TABLE orders ADD COLUMN discount_count INTEGER NOT NULL DEFAULT 0;
UPDATE orders SET discount_count = (SELECT COUNT(*) FROM order_discounts d WHERE d.order_id = orders.id);
