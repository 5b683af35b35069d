/*
 * A stored lead's result (评分结果). Every lead of a sweep is scored with one pack, which the sweep row names
 * (pack_name, pack_version, pack_hash): the import stores each scored result without its `rulePack` — 120 of
 * its ≈ 1,000 bytes, written and indexed once a lead otherwise — and every reader puts it back from the sweep
 * with this expression. Results stored before round 9 still hold their own, the same values, which it overwrites.
 */

/** The SQL of a stored result as scored, for the leads alias `l` joined to its sweep as `s`. */
export const storedResultSql = (l = 'l', s = 's'): string =>
  `CASE WHEN ${l}.status = 'scored' THEN ${l}.result || jsonb_build_object('rulePack', jsonb_build_object('name', ${s}.pack_name, 'version', ${s}.pack_version, 'hash', ${s}.pack_hash)) ELSE ${l}.result END`
