-- One row per indicator: how many figures, about how many entities, over which periods.
-- key: indicator_id
-- reads: indicators, figures, figure_uses
CREATE OR REPLACE TABLE indicator_summary AS
SELECT
    i.id AS indicator_id,
    i.name_zh,
    i.name_en,
    i.category,
    i.unit,
    count(f.observation_id) AS figures,
    count(DISTINCT f.entity_id) AS entities,
    count(DISTINCT f.source_id) AS sources,
    min(f.period_start) AS first_period_start,
    max(f.period_end) AS last_period_end
FROM indicators i
LEFT JOIN (SELECT figures.* FROM figures JOIN figure_uses USING (observation_id) WHERE counted) f  -- restatements not counted
    ON f.indicator_id = i.id
GROUP BY ALL
ORDER BY i.id;

COMMENT ON TABLE indicator_summary IS 'One row per indicator with the number of figures, entities and sources and the periods covered.';
COMMENT ON COLUMN indicator_summary.indicator_id IS 'Indicator id (the page URL)';
COMMENT ON COLUMN indicator_summary.name_zh IS 'Chinese name';
COMMENT ON COLUMN indicator_summary.name_en IS 'English name';
COMMENT ON COLUMN indicator_summary.category IS 'Topic group';
COMMENT ON COLUMN indicator_summary.unit IS 'Canonical unit';
COMMENT ON COLUMN indicator_summary.figures IS 'Number of figures (a fact a source states twice counted once)';
COMMENT ON COLUMN indicator_summary.entities IS 'Number of entities with figures';
COMMENT ON COLUMN indicator_summary.sources IS 'Number of sources with figures';
COMMENT ON COLUMN indicator_summary.first_period_start IS 'Earliest period start';
COMMENT ON COLUMN indicator_summary.last_period_end IS 'Latest period end';
