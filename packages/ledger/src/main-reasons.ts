import type { Lang } from './labels'
import { LEDGER_SHEET_NAMES } from './ledger-columns'

/*
 * 主要依据 as staff read it in Excel/WPS: the main reasons in the cell, one per line, and every reason
 * with its points on the 评分依据 sheet. A lead can fire a dozen rules; joined in one cell they made a
 * paragraph of 600 characters nobody read. Reasons here are the formatted text (`涉及人数达到150人（+30
 * 涉众规模）`), the one form every ledger writer has.
 */

/** Reasons shown in the 主要依据 cell; the rest are on the 评分依据 sheet. */
export const MAIN_REASONS = 3

/** Longest 主要依据 cell, in characters (a line is clipped so that three lines and the "more" line fit). */
export const REASON_CELL_MAX = 300

const LINE_MAX = Math.floor((REASON_CELL_MAX - 30) / MAIN_REASONS)

/** The points of a formatted reason (`（+30 涉众规模`, `(-10 Scale`), or null when it carries none. */
export const reasonPoints = (reason: string): number | null => {
  const m = /[（(]([+-]\d+(?:\.\d+)?) /.exec(reason)
  return m ? Number(m[1]) : null
}

/**
 * The reasons that best explain a lead: the weightiest first. A reason's weight is its points; reasons
 * without points (a pattern, an escalation, a disposition) say what kind of case it is and weigh 25, as
 * do deductions (a negated cue is still part of the story). Ties keep the pack's order.
 */
const weightOf = (points: number | null): number => (points !== null && points >= 0 ? points : 25)

export const rankReasons = (reasons: readonly string[], max: number): string[] =>
  reasons
    .map((r, i) => ({ r, i, w: weightOf(reasonPoints(r)) }))
    .sort((a, b) => b.w - a.w || a.i - b.i)
    .slice(0, max)
    .map((x) => x.r)

const clip = (s: string): string => (s.length > LINE_MAX ? `${s.slice(0, LINE_MAX - 1)}…` : s)

const MORE = /^(另有\d+条依据，见“.+”表|\d+ more on the “.+” sheet)$/


/**
 * The 主要依据 cell: the {@link MAIN_REASONS} weightiest reasons, one per line, then how many more there
 * are on the 评分依据 sheet. Never over {@link REASON_CELL_MAX} characters.
 */
export const mainReasonsCell = (reasons: readonly string[], lang: Lang): string => {
  const shown = rankReasons(reasons, MAIN_REASONS).map(clip)
  const more = reasons.length - shown.length
  if (more > 0) {
    shown.push(lang === 'zh' ? `另有${more}条依据，见“${LEDGER_SHEET_NAMES.reasons.zh}”表` : `${more} more on the “${LEDGER_SHEET_NAMES.reasons.en}” sheet`)
  }
  return shown.join('\n')
}

/**
 * A 主要依据 cell read back: its reasons, without the "more on the sheet" line. Older ledgers joined every
 * reason with ；, which reads too.
 */
export const splitReasonsCell = (text: string): string[] =>
  text
    .split(/\r?\n|；|; /)
    .map((r) => r.trim())
    .filter((r) => r !== '' && !MORE.test(r))

/** Header of the 评分依据 sheet. */
export const REASONS_SHEET_HEADERS: Readonly<Record<Lang, readonly string[]>> = {
  zh: ['线索编号', '主体名称', '序号', '评分依据', '分值'],
  en: ['Lead ID', 'Subject', 'No.', 'Ground', 'Points'],
}

/** Column widths of the 评分依据 sheet. */
export const REASONS_SHEET_WIDTHS: readonly number[] = [14, 30, 6, 70, 8]

/** The 评分依据 rows of one lead: every reason in the pack's order, with its points as a number. */
export const reasonRows = (id: string | null, name: string | null, reasons: readonly string[]): Array<Array<string | number | null>> =>
  reasons.map((r, i) => [id, name, i + 1, r, reasonPoints(r)])

/**
 * A long text cell whose whole content is on another sheet (数据问题 → 问题行), clipped to
 * {@link REASON_CELL_MAX} characters with a pointer to that sheet. Only for such cells: what staff or the
 * sheet wrote (备注, 主体名称) is never clipped.
 */
export const clipToSheet = (text: string, sheet: string, lang: Lang): string => {
  if (text.length <= REASON_CELL_MAX) return text
  const tail = lang === 'zh' ? `…（全部见“${sheet}”表）` : `… (all on the “${sheet}” sheet)`
  return text.slice(0, REASON_CELL_MAX - tail.length) + tail
}
