-- backend: postgres (autovacuum settings; SQLite has none)
ALTER TABLE orders RESET (autovacuum_vacuum_scale_factor, autovacuum_vacuum_threshold,
                          autovacuum_analyze_scale_factor);
ALTER TABLE ledger_entries RESET (autovacuum_vacuum_insert_scale_factor,
                                  autovacuum_vacuum_insert_threshold);
