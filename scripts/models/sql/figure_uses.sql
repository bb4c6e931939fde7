-- What each figure may be used for on the site: the framing rules, stated once (the charts, the rankings,
-- the headline cards and every count read them from here).
--   counted:  a figure is counted (the site's figure count, a page's section counts) unless it restates
--             another figure of its source; a restatement is shown under the figure it restates.
--   charted:  only a quantity measured is drawn or ranked: never a size class that defines a group
--             (百亿级), a numbered formula (四化) or a restatement.
--   headline: a headline or key-figure card shows an amount that is charted and not doubtful.
--   period_kind, period_months: what a series may join. A figure is either a stock at a date (as_of:
--             the period starts and ends on one day) or a flow over a period; a series joins only figures
--             of one kind, and flows only of the same length in months (a day's figure never beside nine
--             months', a two-month total never beside an as-of count).
-- key: observation_id
-- reads: figures
CREATE OR REPLACE TABLE figure_uses AS
SELECT
    f.observation_id,
    f.restates IS NULL AS counted,
    f.figure_kind = 'quantity' AND f.restates IS NULL AS charted,
    f.figure_kind = 'quantity' AND f.restates IS NULL AND f.measure = 'amount' AND f.flag IS NULL AS headline,
    CASE WHEN f.period_start = f.period_end THEN 'as_of' ELSE 'flow' END AS period_kind,
    CASE WHEN f.period_start = f.period_end THEN NULL
         ELSE date_diff('month', f.period_start, f.period_end + INTERVAL 1 DAY) END AS period_months
FROM figures f
ORDER BY f.observation_id;

COMMENT ON TABLE figure_uses IS 'The framing rules per figure: whether it is counted, may be charted or ranked, may be a headline card, and the kind and length of its period that a series must share.';
COMMENT ON COLUMN figure_uses.observation_id IS 'The figure';
COMMENT ON COLUMN figure_uses.counted IS 'False for a restatement of another figure of the source: not counted again';
COMMENT ON COLUMN figure_uses.charted IS 'True for a quantity measured that restates nothing: only these are drawn or ranked';
COMMENT ON COLUMN figure_uses.headline IS 'True for a charted amount not flagged as doubtful: only these are headline cards';
COMMENT ON COLUMN figure_uses.period_kind IS 'as_of (a stock at a date) or flow (a total over a period)';
COMMENT ON COLUMN figure_uses.period_months IS 'For a flow: its length in whole months (a series joins flows of one length only)';
