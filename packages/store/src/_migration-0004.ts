/*
 * Migration 4: the case ledger's page in its own order. Lists of cases in hand are read most severe first
 * (`ORDER BY total DESC, id`, a page at a time); over a town's units that order came from sorting every case in
 * hand (16,000 at 1,000,000 leads: 250 ms). This partial index hands them out in order, so a page of 500 reads
 * 500 cases. A village's page still reads its own cases through cases_open_by_unit (migration 2) and sorts a
 * few hundred. Independent of migration 3 (numbered apart while both were written at once).
 */
export const MIGRATION_0004 = `
CREATE INDEX cases_open_by_total ON cases (total DESC, id) WHERE status IN ('待核查', '处置中');
`
