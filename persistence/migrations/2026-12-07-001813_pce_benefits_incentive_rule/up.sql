-- S2: the PCE benefits are the operator's configuration; the seed's three are the defaults.
CREATE TABLE pce_benefits (
    position INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);
INSERT INTO pce_benefits (position, code, name, updated_at) VALUES
    (0, 'OPPORTUNITY_MANAGEMENT', 'Access to opportunity management in the partner center', 0),
    (1, 'BUSINESS_SUPPORT', 'Business support from the platform', 0),
    (2, 'SHARED_OPPORTUNITY_INCENTIVES', 'Incentives for shared opportunities', 0);

-- S2 benefit 3: the operator's rule for the incentive of a won shared opportunity (one row,
-- none until set): a percentage (hundredths of a percent) of the estimated revenue, capped.
CREATE TABLE pce_incentive_rule (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    percent_hundredths INTEGER NOT NULL,
    cap_cents BIGINT NOT NULL,
    currency TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);

-- The incentive a won shared opportunity granted, and at most one per opportunity.
ALTER TABLE pce_shared_opportunities ADD COLUMN incentive_id TEXT;
CREATE UNIQUE INDEX incentives_pce_shared_once ON incentives (source_id)
    WHERE incentive_type = 'PCE_SHARED_OPPORTUNITY';
