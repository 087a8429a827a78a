-- backend: postgres (autovacuum settings; SQLite has none)
-- Deep pages of order and ledger lists are index-only scans, which skip the table only where
-- the visibility map says every row of a page is visible. Payments update orders all day and
-- the ledger only grows, so with the default thresholds (20 % of the table) the map goes
-- stale for hours on a large table and every deep page visits the heap row by row. Vacuum
-- these tables after a few thousand changes instead.
ALTER TABLE orders SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 5000,
                        autovacuum_analyze_scale_factor = 0.05);
ALTER TABLE ledger_entries SET (autovacuum_vacuum_insert_scale_factor = 0,
                                autovacuum_vacuum_insert_threshold = 20000);
