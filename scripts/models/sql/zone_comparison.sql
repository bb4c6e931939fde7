-- The zones pages' comparison columns: each indicator that at least three zones report for the same period,
-- measure, unit and status, with each zone's figure (one per zone: the first stated; no industry or subject
-- breakdown, no restatement). The rule is applied twice: over the province's zones (scope 'province', the
-- zones index when it is one page) and within each city (scope 'city', the city's part of a split index;
-- zones with no city count together, as their part does).
-- key: scope, column_id, zone_id
-- reads: figures, figure_uses
CREATE OR REPLACE TABLE zone_comparison AS
WITH zone_figures AS (
    SELECT f.*, f.comparable_key AS column_id,
        row_number() OVER (PARTITION BY f.entity_id, f.comparable_key ORDER BY f.observation_id) AS nth
    FROM figures f JOIN figure_uses u USING (observation_id)
    WHERE f.entity_kind = 'zone' AND f.industry_id IS NULL AND f.subject_zh IS NULL AND u.charted  -- quantities only
), first_figures AS (
    SELECT * FROM zone_figures WHERE nth = 1
), columns AS (
    SELECT CASE WHEN grouping(city_id) = 1 THEN 'province' ELSE 'city' END AS scope, city_id, column_id,
        count(*) AS zones
    FROM first_figures
    GROUP BY GROUPING SETS ((column_id), (city_id, column_id))
    HAVING count(*) >= 3
)
SELECT c.scope, z.city_id, z.column_id, c.zones, z.entity_id AS zone_id, z.observation_id, z.indicator_id, z.status,
    z.period_start, z.period_end, z.value, z.unit
FROM first_figures z JOIN columns c
    ON z.column_id = c.column_id AND (c.scope = 'province' OR z.city_id IS NOT DISTINCT FROM c.city_id)
ORDER BY c.scope DESC, CASE WHEN c.scope = 'city' THEN z.city_id END, c.zones DESC, z.column_id, z.value DESC, z.entity_id;

COMMENT ON TABLE zone_comparison IS 'Figures that at least three zones report alike (same indicator, measure, unit, status and period), in the province and within each city: the comparison columns of the zones pages.';
COMMENT ON COLUMN zone_comparison.scope IS 'province: compared over every zone; city: compared within the zone''s city';
COMMENT ON COLUMN zone_comparison.city_id IS 'The zone''s city';
COMMENT ON COLUMN zone_comparison.column_id IS 'What the column compares: indicator, measure, unit, status and period';
COMMENT ON COLUMN zone_comparison.zones IS 'Number of zones reporting it in the scope';
COMMENT ON COLUMN zone_comparison.zone_id IS 'The zone';
COMMENT ON COLUMN zone_comparison.observation_id IS 'The zone''s figure';
COMMENT ON COLUMN zone_comparison.indicator_id IS 'Indicator';
COMMENT ON COLUMN zone_comparison.status IS 'actual or target';
COMMENT ON COLUMN zone_comparison.period_start IS 'Start of the period';
COMMENT ON COLUMN zone_comparison.period_end IS 'End of the period';
COMMENT ON COLUMN zone_comparison.value IS 'Value in the canonical unit';
COMMENT ON COLUMN zone_comparison.unit IS 'Canonical unit';
