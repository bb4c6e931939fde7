-- Each entity with the zone, county and city it lies in (an entity counts as lying in itself).
-- key: entity_id
-- reads: entities, entity_ancestors
CREATE OR REPLACE TABLE entity_lineage AS
SELECT
    chain.entity_id,
    arg_min(chain.ancestor_id, chain.distance) FILTER (WHERE a.kind = 'zone') AS zone_id,
    arg_min(chain.ancestor_id, chain.distance) FILTER (WHERE a.kind = 'county') AS county_id,
    arg_min(chain.ancestor_id, chain.distance) FILTER (WHERE a.kind = 'city') AS city_id,
    max(chain.distance) AS depth
FROM entity_ancestors chain JOIN entities a ON a.id = chain.ancestor_id
GROUP BY chain.entity_id
ORDER BY chain.entity_id;

COMMENT ON TABLE entity_lineage IS 'Each entity with the zone, county and city that contain it (itself included).';
COMMENT ON COLUMN entity_lineage.entity_id IS 'Entity id';
COMMENT ON COLUMN entity_lineage.zone_id IS 'The nearest development zone containing the entity, or the entity itself if it is a zone';
COMMENT ON COLUMN entity_lineage.county_id IS 'The nearest county, county-level city or district containing it';
COMMENT ON COLUMN entity_lineage.city_id IS 'The prefecture-level city containing it';
COMMENT ON COLUMN entity_lineage.depth IS 'Number of parent steps up to the top of its tree';
