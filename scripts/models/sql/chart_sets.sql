-- The figures a chart may draw together, by the comparability rule, among the figures that may be charted at
-- all (figure_uses.charted: quantities measured, no size class, formula or restatement):
--   ranking: the same indicator, measure, unit, status and period, entities of the same kind, one figure per
--            entity and industry, and never a total beside its own parts (a figure whose entity contains
--            another member's entity, or whose stated parts are members, stands aside as the set's context);
--   series:  one entity's figure (same indicator, measure, unit, status, industry, subject) over two or more
--            periods of one kind (figure_uses.period_kind: all as-of dates, or all flows of one length);
--   parts:   the stated parts of a stated total, drawn as parts of that total, when all of them may be charted.
-- Groups with fewer than two comparable figures get no chart.
-- key: set_id, observation_id
-- reads: figures, figure_uses, entity_ancestors, consistency_checks
CREATE OR REPLACE TABLE chart_sets AS
WITH keyed AS (
    SELECT f.*, u.period_kind, u.period_months
    FROM figures f JOIN figure_uses u USING (observation_id)
    WHERE u.charted
), contains_member AS (
    -- a figure whose entity contains another comparable figure's entity of the same kind: a total, not a peer
    SELECT DISTINCT outer_figure.observation_id
    FROM keyed outer_figure
    JOIN entity_ancestors a ON a.ancestor_id = outer_figure.entity_id AND a.distance > 0
    JOIN keyed inner_figure ON inner_figure.entity_id = a.entity_id
        AND inner_figure.comparable_key = outer_figure.comparable_key
        AND inner_figure.entity_kind = outer_figure.entity_kind
    UNION
    SELECT DISTINCT whole.observation_id
    FROM keyed whole JOIN keyed part ON part.part_of = whole.observation_id
        AND part.comparable_key = whole.comparable_key
), peers AS (
    SELECT k.*,
        concat_ws('|', 'ranking', k.comparable_key, k.entity_kind) AS set_id,
        -- one figure per entity and industry: a restatement of the same fact is drawn once
        row_number() OVER (PARTITION BY k.comparable_key, k.entity_kind, k.entity_id, k.industry_id, k.subject_zh
                           ORDER BY k.observation_id) AS nth
    FROM keyed k
    WHERE k.observation_id NOT IN (SELECT observation_id FROM contains_member)
), ranking AS (
    SELECT set_id, 'ranking' AS chart_kind, observation_id, 'bar' AS role,
        row_number() OVER (PARTITION BY set_id ORDER BY value DESC, observation_id) AS position,
        count(*) OVER (PARTITION BY set_id) AS set_size
    FROM peers WHERE nth = 1
), series AS (
    SELECT concat_ws('|', 'series', entity_id, indicator_id, measure, unit, status, industry_id, subject_zh, period_kind,
                     period_months) AS set_id,
        'series' AS chart_kind, observation_id, 'point' AS role,
        row_number() OVER (PARTITION BY set_id ORDER BY period_end, observation_id) AS position,
        count(DISTINCT period_end) OVER (PARTITION BY set_id) AS set_size
    FROM (SELECT *, row_number() OVER (PARTITION BY entity_id, indicator_id, measure, unit, status, industry_id,
                                       subject_zh, period_start, period_end ORDER BY observation_id) AS nth
          FROM keyed) one_per_period
    WHERE nth = 1
), parts AS (
    SELECT concat_ws('|', 'parts', c.total_id) AS set_id, 'parts' AS chart_kind, p.id AS observation_id,
        CASE WHEN p.id = c.total_id THEN 'total' ELSE 'part' END AS role,
        row_number() OVER (PARTITION BY c.total_id ORDER BY p.id = c.total_id DESC, f.value DESC, p.id) AS position,
        c.parts + 1 AS set_size
    FROM consistency_checks c
    JOIN observations p ON p.id = c.total_id OR p.part_of = c.total_id
    JOIN figures f ON f.observation_id = p.id
    WHERE c.result <> 'sum_exceeds_total'
        AND NOT EXISTS (SELECT 1 FROM observations q JOIN figure_uses u ON u.observation_id = q.id
                        WHERE (q.id = c.total_id OR q.part_of = c.total_id) AND NOT u.charted)
), context AS (
    -- the figure a ranking's members all lie in (the group total), shown above the ranking, not as a bar
    SELECT r.set_id, arg_min(k.observation_id, a.distance) AS context_id
    FROM ranking r
    JOIN figures member ON member.observation_id = r.observation_id
    JOIN entity_ancestors a ON a.entity_id = member.entity_id AND a.distance > 0
    JOIN keyed k ON k.entity_id = a.ancestor_id
        AND k.comparable_key = member.comparable_key
    GROUP BY r.set_id, k.entity_id
    HAVING count(DISTINCT r.observation_id) = max(r.set_size)
)
SELECT s.set_id, s.chart_kind, s.observation_id, s.role, s.position, s.set_size,
    (SELECT min(context_id) FROM context c WHERE c.set_id = s.set_id) AS context_id
FROM (SELECT * FROM ranking UNION ALL SELECT * FROM series UNION ALL SELECT * FROM parts) s
WHERE s.set_size >= 2
ORDER BY s.set_id, s.position;

COMMENT ON TABLE chart_sets IS 'Sets of figures a chart may compare (same indicator, measure, unit, status, period and level; a total never beside its parts), one row per figure in a set.';
COMMENT ON COLUMN chart_sets.set_id IS 'Identifier of the set: its kind and what its figures share';
COMMENT ON COLUMN chart_sets.chart_kind IS 'ranking (peers ranked by value), series (one entity over periods) or parts (parts of a stated total)';
COMMENT ON COLUMN chart_sets.observation_id IS 'A figure in the set';
COMMENT ON COLUMN chart_sets.role IS 'bar (a ranked peer), point (a period of a series), total or part';
COMMENT ON COLUMN chart_sets.position IS 'Order in the chart: by value (largest first) for a ranking and parts, by period for a series';
COMMENT ON COLUMN chart_sets.set_size IS 'Number of figures in the set (distinct periods for a series)';
COMMENT ON COLUMN chart_sets.context_id IS 'For a ranking: the figure of the entity that contains every member (the group total), shown beside the chart, not as a bar';
