import { TIERS, enumLabel } from '@chufei/core'
import { CHANGE_KINDS, CHANGE_LABELS, LEDGER_COLUMN_SPECS, localIsoDate, writeTrackedLedger, type Lang, type TrackResult, type TrackedLead } from '@chufei/ledger'
import { extname } from 'node:path'
import { EXIT_OK, type ExitCode } from '../exit-codes'
import type { CommandIO } from '../score-command'
import { usageError } from './command-options'
import { loadSweep, resolveToday, trackAgainst, writeOutput } from './stats-input'

/*
 * `chufei track --previous <ledger> <new sheet>`: 动态监测 — which leads are new, escalated,
 * de-escalated, unchanged, resolved (已化解 by staff, or gone) and overdue; `--out` writes the new ledger
 * with staff's 状态/备注/整改时限 carried forward.
 */

export interface TrackOptions {
  readonly input: string
  readonly previous: string
  readonly rules?: string
  readonly out?: string
  readonly format: 'text' | 'json'
  readonly lang: Lang
  readonly today?: string
  readonly allowPackChange: boolean
}

const T = {
  zh: {
    head: (t: TrackResult) =>
      `动态监测（截至 ${t.today}）：${CHANGE_KINDS.map((k) => `${CHANGE_LABELS[k].zh} ${t.counts[k]}`).join('，')}；逾期未化解 ${t.counts.overdue}`,
    overdue: '逾期未化解',
    gone: '本轮未出现',
    staff: '工作人员标记已化解',
    deadline: '整改时限',
    status: '状态',
    notes: '备注',
    wrote: (p: string) => `已写入新台账：${p}（状态、备注、整改时限和新增的列已沿用上期）`,
    carried: (parts: string[]) => `沿用上期的编辑：${parts.length > 0 ? parts.join('，') : '无'}`,
    item: (column: string, n: number) => `${column} ${n}`,
  },
  en: {
    head: (t: TrackResult) =>
      `Tracking (as of ${t.today}): ${CHANGE_KINDS.map((k) => `${CHANGE_LABELS[k].en.toLowerCase()} ${t.counts[k]}`).join(', ')}; overdue ${t.counts.overdue}`,
    overdue: 'Overdue',
    gone: 'not in this sweep',
    staff: 'marked resolved by staff',
    deadline: 'deadline',
    status: 'status',
    notes: 'notes',
    wrote: (p: string) => `Wrote the new ledger: ${p} (status, notes, deadline and added columns carried forward)`,
    carried: (parts: string[]) => `Edits carried from the previous ledger: ${parts.length > 0 ? parts.join(', ') : 'none'}`,
    item: (column: string, n: number) => `${column} ${n}`,
  },
} as const

const tierOf = (l: TrackedLead, which: 'previous' | 'current', lang: Lang) => {
  const tier = l[which]?.tier
  return tier ? enumLabel(TIERS, tier, lang) : '—'
}

const line = (l: TrackedLead, lang: Lang): string => {
  const t = T[lang]
  const r = l.current ?? l.previous!
  const parts = [`  ${r.id ?? '—'}  ${r.name ?? '—'}${r.village ? `（${r.village}）` : ''}`]
  if (l.previous !== null && l.current !== null) parts.push(`${tierOf(l, 'previous', lang)} → ${tierOf(l, 'current', lang)}`)
  else parts.push(tierOf(l, l.current ? 'current' : 'previous', lang))
  if (l.change === 'resolved') parts.push(l.resolvedBy === 'gone' ? t.gone : t.staff)
  if (r.deadline) parts.push(`${t.deadline} ${r.deadline}`)
  const status = r.statusText ?? (r.status ? { pending: '待处置', 'in-progress': '处置中', resolved: '已化解', monitor: '持续监测', problem: '问题行' }[r.status] : '')
  if (status) parts.push(`${t.status} ${status}`)
  if (r.notes) parts.push(`${t.notes} ${r.notes}`)
  return [parts.join('  '), ...l.notes.map((n) => `      ${n}`)].join('\n')
}

/** 沿用上期的编辑：状态 3，备注 5，整改时限 1，督办人 4 — every column with a carried cell. */
export const formatCarried = (track: TrackResult, lang: Lang): string => {
  const t = T[lang]
  const label = (field: 'status' | 'notes' | 'deadline') => LEDGER_COLUMN_SPECS.find((c) => c.field === field)![lang]
  const parts = (['status', 'notes', 'deadline'] as const).filter((f) => track.carried[f] > 0).map((f) => t.item(label(f), track.carried[f]))
  for (const e of track.extraColumns) {
    const n = track.carried.extras.get(e.key) ?? 0
    if (n > 0) parts.push(t.item(e.header, n))
  }
  return t.carried(parts)
}

/** The tracking result as text: counts, the edits carried, then each class with its leads. */
export const formatTrackText = (track: TrackResult, lang: Lang): string => {
  const t = T[lang]
  const out = [t.head(track), formatCarried(track, lang), '']
  for (const kind of CHANGE_KINDS) {
    const leads = track.leads.filter((l) => l.change === kind)
    if (leads.length === 0) continue
    // Unchanged leads below any warning are most of a sweep: counted, not listed.
    const quiet = kind === 'unchanged' ? leads.filter((l) => l.current?.tier === 'none' && l.notes.length === 0) : []
    const shown = leads.filter((l) => !quiet.includes(l))
    out.push(`${CHANGE_LABELS[kind][lang]}（${leads.length}）`, ...shown.map((l) => line(l, lang)))
    if (quiet.length > 0) out.push(lang === 'zh' ? `  另有${quiet.length}条未达预警、无变化，未列出` : `  and ${quiet.length} more with no warning and no change, not listed`)
    out.push('')
  }
  const overdue = track.leads.filter((l) => l.overdue)
  if (overdue.length > 0) out.push(`${t.overdue}（${overdue.length}）`, ...overdue.map((l) => line(l, lang)), '')
  return out.join('\n')
}

/** The tracking result as JSON: counts and every lead with its class, ids and carried edits. */
export const trackJson = (track: TrackResult) => ({
  today: track.today,
  counts: track.counts,
  leads: track.leads.map((l) => {
    const r = l.current ?? l.previous!
    return {
      change: l.change,
      resolvedBy: l.resolvedBy,
      overdue: l.overdue,
      matchedBy: l.matchedBy,
      id: r.id,
      name: r.name,
      previousId: l.previous?.id ?? null,
      previousRow: l.previous?.row ?? null,
      line: l.current?.row ?? null,
      previousTier: l.previous?.tier ?? null,
      tier: l.current?.tier ?? null,
      deadline: r.deadline,
      status: r.status,
      statusText: r.statusText,
      notes: r.notes,
      checks: l.notes,
    }
  }),
  packMismatches: track.packMismatches,
  carried: {
    status: track.carried.status,
    notes: track.carried.notes,
    deadline: track.carried.deadline,
    columns: track.extraColumns.map((e) => ({ header: e.header, carried: track.carried.extras.get(e.key) ?? 0 })),
  },
})

/** Runs `chufei track`. */
export const trackCommand = async (options: TrackOptions, io: CommandIO): Promise<ExitCode> => {
  if (options.out !== undefined && extname(options.out).toLowerCase() !== '.xlsx') {
    throw usageError(`--out 应为 .xlsx 文件（工作人员要在其中填写状态和备注）：${options.out}`, `--out must be an .xlsx file (staff edit status and notes in it): ${options.out}`)
  }
  const today = resolveToday(options.today, io)
  const sweep = await loadSweep(options.input, { lang: options.lang, runDate: today, ...(options.rules !== undefined ? { rules: options.rules } : {}) }, io)
  const track = await trackAgainst(options.previous, sweep, { lang: options.lang, today, allowPackChange: options.allowPackChange }, io)
  if (options.out !== undefined) {
    await writeOutput(options.out, await writeTrackedLedger(track, { lang: options.lang, patternLabels: sweep.patternLabels, pack: sweep.pack, runDate: localIsoDate(io.now()) }), io)
  }
  const text = options.format === 'json' ? `${JSON.stringify(trackJson(track), null, 2)}\n` : formatTrackText(track, options.lang)
  await writeOutput(undefined, text, io)
  if (options.out !== undefined) io.stderr.write(`${T[options.lang].wrote(options.out)}\n`)
  return EXIT_OK
}
