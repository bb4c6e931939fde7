-- Each stated total beside the sum of its stated parts (50 parks = 6 + 14 + 30).
-- key: total_id
-- reads: observations
CREATE OR REPLACE TABLE consistency_checks AS
SELECT
    total.id AS total_id,
    total.entity_id,
    total.indicator_id,
    total.value AS total_value,
    total.unit,
    count(part.id) AS parts,
    sum(part.value) AS parts_sum,
    total.value - sum(part.value) AS difference,
    CASE
        WHEN abs(total.value - sum(part.value)) <= 1e-9 * greatest(1, abs(total.value)) THEN 'sum_equals_total'
        WHEN sum(part.value) < total.value THEN 'sum_below_total'
        ELSE 'sum_exceeds_total' END AS result,
    bool_or(coalesce(total.flag = 'suspect' OR part.flag = 'suspect', false)) AS flagged_suspect,
    string_agg(part.id, '|' ORDER BY part.id) AS part_ids
FROM observations total
JOIN observations part ON part.part_of = total.id
GROUP BY total.id, total.entity_id, total.indicator_id, total.value, total.unit
ORDER BY total.id;

COMMENT ON TABLE consistency_checks IS 'Totals stated in the sources beside the sum of their stated parts.';
COMMENT ON COLUMN consistency_checks.total_id IS 'Observation id of the total';
COMMENT ON COLUMN consistency_checks.entity_id IS 'What the total is about';
COMMENT ON COLUMN consistency_checks.indicator_id IS 'Indicator of the total';
COMMENT ON COLUMN consistency_checks.total_value IS 'The total as stated';
COMMENT ON COLUMN consistency_checks.unit IS 'Unit of total and parts';
COMMENT ON COLUMN consistency_checks.parts IS 'Number of stated parts';
COMMENT ON COLUMN consistency_checks.parts_sum IS 'Sum of the stated parts';
COMMENT ON COLUMN consistency_checks.difference IS 'Total minus the sum of the parts';
COMMENT ON COLUMN consistency_checks.result IS 'sum_equals_total; sum_below_total (the parts named are not all of it); sum_exceeds_total (inconsistent as printed)';
COMMENT ON COLUMN consistency_checks.flagged_suspect IS 'True when the total or a part is flagged suspect';
COMMENT ON COLUMN consistency_checks.part_ids IS 'Observation ids of the parts, separated by |';
