-- Each entity with the zone, county and city it lies in (an entity counts as lying in itself).
CREATE OR REPLACE TABLE entity_lineage AS
WITH RECURSIVE chain(entity_id, ancestor_id, depth) AS (
    SELECT id, id, 0 FROM entities
    UNION ALL
    SELECT chain.entity_id, e.parent_id, chain.depth + 1
    FROM chain JOIN entities e ON e.id = chain.ancestor_id
    WHERE e.parent_id IS NOT NULL AND chain.depth < 16  -- guards against a cycle in parent_id
)
SELECT
    chain.entity_id,
    arg_min(chain.ancestor_id, chain.depth) FILTER (WHERE a.kind = 'zone') AS zone_id,
    arg_min(chain.ancestor_id, chain.depth) FILTER (WHERE a.kind = 'county') AS county_id,
    arg_min(chain.ancestor_id, chain.depth) FILTER (WHERE a.kind = 'city') AS city_id,
    max(chain.depth) AS depth
FROM chain JOIN entities a ON a.id = chain.ancestor_id
GROUP BY chain.entity_id
ORDER BY chain.entity_id;

COMMENT ON TABLE entity_lineage IS 'Each entity with the zone, county and city that contain it (itself included).';
COMMENT ON COLUMN entity_lineage.entity_id IS 'Entity id';
COMMENT ON COLUMN entity_lineage.zone_id IS 'The nearest development zone containing the entity, or the entity itself if it is a zone';
COMMENT ON COLUMN entity_lineage.county_id IS 'The nearest county, county-level city or district containing it';
COMMENT ON COLUMN entity_lineage.city_id IS 'The prefecture-level city containing it';
COMMENT ON COLUMN entity_lineage.depth IS 'Number of parent steps up to the top of its tree';
