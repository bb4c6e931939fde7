-- Every entity with each entity that contains it (itself included, at distance 0), following parent_id.
-- key: entity_id, ancestor_id
-- reads: entities
CREATE OR REPLACE TABLE entity_ancestors AS
WITH RECURSIVE chain(entity_id, ancestor_id, distance) AS (
    SELECT id, id, 0 FROM entities
    UNION ALL
    SELECT chain.entity_id, e.parent_id, chain.distance + 1
    FROM chain JOIN entities e ON e.id = chain.ancestor_id
    WHERE e.parent_id IS NOT NULL AND chain.distance < 16  -- guards against a cycle in parent_id
)
SELECT entity_id, ancestor_id, distance
FROM chain
ORDER BY entity_id, distance;

COMMENT ON TABLE entity_ancestors IS 'Each entity with every entity that contains it, itself included.';
COMMENT ON COLUMN entity_ancestors.entity_id IS 'Entity id';
COMMENT ON COLUMN entity_ancestors.ancestor_id IS 'An entity that contains it (the entity itself at distance 0)';
COMMENT ON COLUMN entity_ancestors.distance IS 'Number of parent steps from the entity up to the ancestor';
