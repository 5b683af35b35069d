import { fileURLToPath } from 'node:url'
import { createScorer } from '@chufei/core'
import { loadRulePack } from '@chufei/core/node'
import { computeStats, createPatternLabels, readLedger, rulePackLabel, scoreSheet, trackLeads } from '../src/index'

/** Paths of the repo's bundled pack and sweeps. */
export const repoPath = (p: string): string => fileURLToPath(new URL(`../../../${p}`, import.meta.url))

export const TODAY = '2024-06-30'

/** The bundled Q2 sweep scored with the default pack, tracked against the bundled Q1 ledger. */
export const loadBundledSweeps = async () => {
  const pack = await loadRulePack(repoPath('rules'))
  const patternLabels = createPatternLabels(pack.patterns)
  const q2 = await scoreSheet(repoPath('fixtures/sweeps/2024q2.csv'), createScorer(pack), { runDate: TODAY })
  const q1 = await readLedger(repoPath('fixtures/sweeps/2024q1-ledger.xlsx'), { patternLabels })
  const track = trackLeads(q1.records, q2.records, { today: TODAY, rulePack: rulePackLabel(pack), previousFile: '2024q1-ledger.xlsx' })
  const stats = computeStats(track.records, { today: TODAY, counts: q2.counts, patternLabels })
  return { pack, q1, q2, track, stats }
}
