import { DISPOSITIONS, DISPOSITION_IDS, SECTORS, TIERS, TIER_IDS, enumLabel, type Tier } from '@chufei/core'
import type { Lang } from './labels'
import type { Tally } from './tally'

/** One line of the 统计 sheet: a section heading (count null) or a label with its count. */
export interface StatisticsRow {
  readonly label: string
  readonly count: number | null
  readonly heading?: boolean
  readonly tier?: Tier
}

const T = {
  zh: {
    overall: '总体',
    read: '读取行数',
    scored: '评分',
    rejected: '拒收（问题行）',
    skipped: '跳过（空行、表尾）',
    tier: '按预警等级',
    disposition: '按处置建议',
    sector: '按行业',
    village: '按所属村',
    unknown: '（未填）',
  },
  en: {
    overall: 'Overall',
    read: 'Rows read',
    scored: 'Scored',
    rejected: 'Rejected (problem rows)',
    skipped: 'Skipped (blank, footer)',
    tier: 'By warning tier',
    disposition: 'By disposition',
    sector: 'By sector',
    village: 'By village',
    unknown: '(not given)',
  },
} as const

const byCount = (map: Map<string, number>) =>
  [...map.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))

/** The rows of the 统计 sheet, in order. */
export const statisticsRows = (tally: Tally, lang: Lang): StatisticsRow[] => {
  const t = T[lang]
  const rows: StatisticsRow[] = [
    { label: t.overall, count: null, heading: true },
    { label: t.read, count: tally.read },
    { label: t.scored, count: tally.scored },
    { label: t.rejected, count: tally.rejected },
    { label: t.skipped, count: tally.skipped },
    { label: t.tier, count: null, heading: true },
    ...TIER_IDS.map((id) => ({ label: enumLabel(TIERS, id, lang), count: tally.byTier[id], tier: id })),
    { label: t.disposition, count: null, heading: true },
    ...DISPOSITION_IDS.map((id) => ({ label: enumLabel(DISPOSITIONS, id, lang), count: tally.byDisposition[id] })),
    { label: t.sector, count: null, heading: true },
    ...byCount(tally.bySector).map(([id, count]) => ({ label: id === '' ? t.unknown : enumLabel(SECTORS, id, lang), count })),
    { label: t.village, count: null, heading: true },
    ...byCount(tally.byVillage).map(([name, count]) => ({ label: name === '' ? t.unknown : name, count })),
  ]
  return rows
}
