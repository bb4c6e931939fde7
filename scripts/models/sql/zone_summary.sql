-- One row per development zone: where it is and how much the sources say about it.
-- key: zone_id
-- reads: entities, entity_lineage, figures, figure_uses
CREATE OR REPLACE TABLE zone_summary AS
WITH members AS (
    SELECT zone_id, count(*) - 1 AS parks_and_projects
    FROM entity_lineage WHERE zone_id IS NOT NULL GROUP BY zone_id
), counts AS (
    SELECT zone_id,
        count(*) AS figures,
        count(*) FILTER (WHERE status = 'target') AS targets,
        count(DISTINCT source_id) AS sources,
        count(DISTINCT indicator_id) AS indicators,
        string_agg(DISTINCT source_id, '|' ORDER BY source_id) AS source_ids
    FROM figures JOIN figure_uses USING (observation_id)
    WHERE zone_id IS NOT NULL AND counted  -- a restatement is not counted again
    GROUP BY zone_id
)
SELECT
    z.id AS zone_id,
    z.name_zh,
    z.name_en,
    z.aliases_zh,
    l.city_id,
    city.name_zh AS city_name_zh,
    city.name_en AS city_name_en,
    l.county_id,
    county.name_zh AS county_name_zh,
    county.name_en AS county_name_en,
    z.management_model_zh,
    z.management_model_en,
    coalesce(c.figures, 0) AS figures,
    coalesce(c.targets, 0) AS targets,
    coalesce(c.sources, 0) AS sources,
    coalesce(c.indicators, 0) AS indicators,
    coalesce(m.parks_and_projects, 0) AS parks_and_projects,
    coalesce(c.source_ids, '') AS source_ids
FROM entities z
JOIN entity_lineage l ON l.entity_id = z.id
LEFT JOIN entities city ON city.id = l.city_id
LEFT JOIN entities county ON county.id = l.county_id
LEFT JOIN counts c ON c.zone_id = z.id
LEFT JOIN members m ON m.zone_id = z.id
WHERE z.kind = 'zone'
ORDER BY z.id;

COMMENT ON TABLE zone_summary IS 'One row per development zone: its city and county and how many figures the sources give about it and what lies in it.';
COMMENT ON COLUMN zone_summary.zone_id IS 'Zone id (the page URL)';
COMMENT ON COLUMN zone_summary.name_zh IS 'Chinese name';
COMMENT ON COLUMN zone_summary.name_en IS 'English name';
COMMENT ON COLUMN zone_summary.aliases_zh IS 'Other names used in the sources, separated by |';
COMMENT ON COLUMN zone_summary.city_id IS 'City id';
COMMENT ON COLUMN zone_summary.city_name_zh IS 'City name (Chinese)';
COMMENT ON COLUMN zone_summary.city_name_en IS 'City name (English)';
COMMENT ON COLUMN zone_summary.county_id IS 'County, county-level city or district id';
COMMENT ON COLUMN zone_summary.county_name_zh IS 'County name (Chinese)';
COMMENT ON COLUMN zone_summary.county_name_en IS 'County name (English)';
COMMENT ON COLUMN zone_summary.management_model_zh IS 'Management model as the sources give it (Chinese), separated by |';
COMMENT ON COLUMN zone_summary.management_model_en IS 'Management model in English, item by item as in management_model_zh';
COMMENT ON COLUMN zone_summary.figures IS 'Figures about the zone and what lies in it (a fact a source states twice counted once)';
COMMENT ON COLUMN zone_summary.targets IS 'Of those, targets';
COMMENT ON COLUMN zone_summary.sources IS 'Number of sources with figures about it';
COMMENT ON COLUMN zone_summary.indicators IS 'Number of distinct indicators';
COMMENT ON COLUMN zone_summary.parks_and_projects IS 'Parks, projects and other entities inside the zone';
COMMENT ON COLUMN zone_summary.source_ids IS 'Ids of those sources, separated by |';
