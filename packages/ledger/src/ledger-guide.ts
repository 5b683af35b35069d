import { DIMENSION_IDS, DIMENSIONS, DISPOSITIONS, TIERS, TIER_IDS, enumLabel, type Dimension, type Disposition, type Tier } from '@chufei/core'
import type { Lang } from './labels'
import { LEDGER_SHEET_NAMES } from './ledger-columns'
import { STAFF_STATUSES } from './record'
import { EXCEL_MAX_ROWS, type ContinuedSheet } from './sheet-continuation'
import { excelDate } from './xlsx-style'

/*
 * The 说明 sheet: a ledger explains itself to whoever opens it a year later — which rule pack scored it
 * (name, version, content hash), when, and how tiers, dispositions and deadlines are set. Every figure is
 * read from the pack, never written here, so a county's own pack explains its own thresholds.
 */

/** What the 说明 sheet needs of a rule pack; core's `RulePack` satisfies it. */
export interface GuidePack {
  readonly name: string
  readonly version: string
  readonly hash: string
  readonly config: {
    readonly weights: Readonly<Record<Dimension, number>>
    readonly tiers: Readonly<Record<Exclude<Tier, 'none'>, number>>
    readonly dispositionLadder: readonly Disposition[]
    readonly ledger: { readonly deadlineDays: Readonly<Partial<Record<Tier, number | null>>> }
  }
}

export interface GuideOptions {
  readonly lang: Lang
  /** The day the ledger was written, YYYY-MM-DD. */
  readonly runDate: string
  /** `chufei track`: the day overdue was judged against. */
  readonly today?: string
  /** The workbook's sheet names in order, each with what it holds. */
  readonly sheets: ReadonlyArray<keyof typeof SHEET_TEXT>
  /** Sheets that reached Excel's row limit and go on in continuation sheets (none: no such row). */
  readonly continued?: readonly ContinuedSheet[]
}

const SHEET_TEXT = {
  main: { zh: '本次全部线索，每行一条；状态、备注及新增的列由工作人员填写', en: 'every lead of this sweep, one per row; staff fill in status, notes and any column they add' },
  key: { zh: '黄色预警及以上的线索，按综合得分从高到低；在此填写状态、备注同样有效', en: 'leads at yellow and above, highest score first; status and notes edited here count too' },
  gone: { zh: '上期台账中本轮未出现的线索，原样保留', en: 'leads of the previous ledger not in this sweep, kept as they were' },
  reasons: { zh: '每条线索的全部评分依据及分值（“主要依据”列只列分值最高的几条）', en: 'every scoring ground of every lead with its points (主要依据 shows the weightiest few)' },
  problems: { zh: '拒收的行和数据问题，注明行号和字段，请据此更正排查表', en: 'rejected rows and data problems by line and field: correct the sheet from these' },
  stats: { zh: '按预警等级、处置建议、行业、村统计的线索数', en: 'lead counts by tier, disposition, sector and village' },
  guide: { zh: '本说明', en: 'this page' },
} as const satisfies Record<string, { zh: string; en: string }>

/** Sheet keys the guide can describe. */
export type GuideSheet = keyof typeof SHEET_TEXT

const SHEET_NAMES: Readonly<Record<GuideSheet, { zh: string; en: string }>> = {
  ...LEDGER_SHEET_NAMES,
  problems: { zh: '问题行', en: 'Problem rows' },
  stats: { zh: '统计', en: 'Statistics' },
}

/** The name of a ledger sheet in one language (the one definition the writers share). */
export const ledgerSheetName = (sheet: GuideSheet, lang: Lang): string => SHEET_NAMES[sheet][lang]

/** The sheets of the XLSX ledger, in order. */
export const XLSX_SHEETS: readonly GuideSheet[] = ['main', 'key', 'reasons', 'problems', 'stats', 'guide']

/** The 说明 row of a sheet continued past Excel's row limit: where it goes on and how many rows it has in all. */
const continuedRow = (c: ContinuedSheet, lang: Lang): [string, string] => {
  const limit = EXCEL_MAX_ROWS.toLocaleString('en-US')
  const rows = c.rows.toLocaleString('en-US')
  const parts = c.continuations.map((n) => `“${n}”`)
  return lang === 'zh'
    ? [`续表“${c.name}”`, `Excel/WPS 每张工作表最多 ${limit} 行，本表共 ${rows} 行（不含表头），超出部分依次续写在${parts.join('、')}，表头相同；请合并查看，勿漏看续表`]
    : [`Continued “${c.name}”`, `Excel/WPS hold at most ${limit} rows a sheet; this one has ${rows} rows in all (headers not counted), going on in ${parts.join(', ')} with the same header — read them together`]
}

const percent = (part: number, whole: number): string => `${Math.round((part / whole) * 1000) / 10}%`

/** The rows of the 说明 sheet: [item, what it says]; dates are Excel date values. */
export const guideRows = (pack: GuidePack | null, rulePack: string | null, options: GuideOptions): Array<[string, string | Date]> => {
  const { lang } = options
  const zh = lang === 'zh'
  const list = (items: string[]) => items.join(zh ? '；' : '; ')
  const rows: Array<[string, string | Date]> = []
  if (pack === null) {
    rows.push([zh ? '规则版本' : 'Rule pack', rulePack ?? (zh ? '未知' : 'unknown')])
  } else {
    rows.push([zh ? '规则包' : 'Rule pack', pack.name], [zh ? '规则版本' : 'Version', pack.version], [zh ? '内容哈希' : 'Content hash', pack.hash])
  }
  rows.push([zh ? '生成日期' : 'Written on', excelDate(options.runDate)])
  if (options.today !== undefined) rows.push([zh ? '逾期判断日期' : 'Overdue as of', excelDate(options.today)])
  if (pack !== null) {
    const { weights, tiers, dispositionLadder, ledger } = pack.config
    const sum = DIMENSION_IDS.reduce((s, d) => s + weights[d], 0)
    rows.push([
      zh ? '综合得分' : 'Total',
      (zh ? '四个维度得分按权重加权：' : 'the four dimension scores, weighted: ') +
        DIMENSION_IDS.map((d) => `${enumLabel(DIMENSIONS, d, lang)} ${percent(weights[d], sum)}`).join(zh ? '、' : ', '),
    ])
    const ranked = TIER_IDS.filter((t): t is Exclude<Tier, 'none'> => t !== 'none')
    rows.push([
      zh ? '预警等级' : 'Warning tier',
      list([
        ...ranked.map((t) => (zh ? `综合得分≥${tiers[t]}为${enumLabel(TIERS, t, lang)}` : `total ≥ ${tiers[t]}: ${enumLabel(TIERS, t, lang)}`)),
        zh ? `其余为${enumLabel(TIERS, 'none', lang)}` : `below: ${enumLabel(TIERS, 'none', lang)}`,
        zh ? '个别规则可直接规定最低等级（主要依据中写作“至少…”）' : 'some rules set a minimum tier (“at least …” in the grounds)',
      ]),
    ])
    const last = dispositionLadder.at(-1)
    rows.push([
      zh ? '处置建议' : 'Disposition',
      (zh ? '从重到轻：' : 'heaviest first: ') +
        dispositionLadder.map((d) => enumLabel(DISPOSITIONS, d, lang)).join(' > ') +
        (zh
          ? `；多条规则建议不同处置时取最重者，无规则建议时为“${last === undefined ? '' : enumLabel(DISPOSITIONS, last, lang)}”`
          : `; when rules advise different dispositions the heaviest wins; with none, “${last === undefined ? '' : enumLabel(DISPOSITIONS, last, lang)}”`),
    ])
    const days = TIER_IDS.filter((t) => ledger.deadlineDays[t] !== undefined && ledger.deadlineDays[t] !== null).map((t) =>
      zh ? `${enumLabel(TIERS, t, lang)}${ledger.deadlineDays[t]}天` : `${enumLabel(TIERS, t, lang)} ${ledger.deadlineDays[t]} days`,
    )
    rows.push([
      zh ? '整改时限' : 'Deadline',
      (days.length > 0 ? days.join(zh ? '、' : ', ') : zh ? '不设时限' : 'none set') +
        (zh ? '；自排查日期起算（未填排查日期的自生成日期起算），未列出的等级不设时限' : '; counted from the report date (else the date written); tiers not listed have none'),
    ])
  }
  const hand = (['pending', 'in-progress', 'resolved'] as const).map((s) => STAFF_STATUSES[s][lang]).join(' / ')
  rows.push([
    zh ? '状态' : 'Status',
    zh
      ? `${hand} 由工作人员填写；下次用 chufei track 生成新台账时，状态、备注、整改时限和新增的列原样沿用`
      : `${hand}, set by staff; chufei track carries status, notes, deadline and added columns into the next ledger`,
  ])
  for (const sheet of options.sheets) rows.push([`${zh ? '工作表' : 'Sheet'}“${ledgerSheetName(sheet, lang)}”`, SHEET_TEXT[sheet][lang]])
  for (const c of options.continued ?? []) rows.push(continuedRow(c, lang))
  return rows
}
