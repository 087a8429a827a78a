ALTER TABLE orders DROP COLUMN discount_count;
