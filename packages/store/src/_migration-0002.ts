/*
 * Migration 2: the indexes the daily lists read — a unit's open cases, the overdue list, the escalated
 * list — partial on the statuses still in hand, so they stay small as closed cases pile up over the years.
 */
export const MIGRATION_0002 = `
CREATE INDEX cases_open_by_unit ON cases (unit_id, tier, id) WHERE status IN ('待核查', '处置中');
CREATE INDEX cases_open_deadline ON cases (deadline) WHERE status IN ('待核查', '处置中') AND deadline IS NOT NULL;
CREATE INDEX cases_escalated ON cases (unit_id) WHERE escalated;
CREATE INDEX sweeps_unit_date ON sweeps (unit_id, sweep_date);
`
