import { DISPOSITIONS, enumLabel, type Disposition, type Lang } from '@chufei/core'
import type { CaseEvent, CaseView, ImportOutcome, OverdueCase } from '@chufei/store'

/*
 * What the store commands print, in Chinese (default) and English. Case statuses and unit names are the
 * staff's own words and stay Chinese in both.
 */

const TIER_ZH: Record<string, string> = { red: '红色', orange: '橙色', yellow: '黄色', blue: '蓝色', none: '未达' }

const zh = {
  tier: (t: string) => TIER_ZH[t] ?? t,
  imported: (o: ImportOutcome) =>
    `已导入第 ${o.sweepId} 批：${o.unit.name}，排查日期 ${o.date}，文件 ${o.fileName}（规则包 ${o.pack.name}@${o.pack.version}）\n` +
    `读取 ${o.counts.read} 行：评分 ${o.counts.scored}，拒收 ${o.counts.rejected}，跳过 ${o.counts.skipped}；新建案件 ${o.newCases} 件，关联已有案件 ${o.linked} 件，仅列入总量清单 ${o.listedOnly} 条`,
  escalated: (subject: string, id: number, from: string, to: string) => `  升级  案件 ${id} ${subject}：${zh.tier(from)} → ${zh.tier(to)}`,
  resurfacing: (r: ImportOutcome['resurfacing'][number]) =>
    `  卷土重来  案件 ${r.caseId} ${r.subject}（第 ${r.line ?? '?'} 行）：与${r.earlierUnit}的案件 ${r.earlierCaseId} ${r.earlierSubject}（${r.earlierStatus}）${r.matchedBy === 'credit-code' ? '统一社会信用代码' : r.matchedBy === 'name' ? '主体名称' : '实际控制人'}相同`,
  rejected: (line: number | null, reason: string) => `  拒收  第 ${line ?? '?'} 行：${reason}`,
  more: (n: number) => `  ……另有 ${n} 行`,
  caseLine: (c: CaseView) =>
    `${String(c.id).padStart(5)}  ${zh.tier(c.tier)} ${String(c.total).padStart(3)}分  ${c.status}  ${c.unit}  ${c.subject.name}${c.deadline ? `  时限 ${c.deadline}` : ''}${c.escalated ? '  ↑升级' : ''}${c.resurfacedFrom !== null ? `  卷土重来(案件 ${c.resurfacedFrom})` : ''}  v${c.version}`,
  overdueLine: (c: OverdueCase) => `${String(c.id).padStart(5)}  逾期 ${c.daysOverdue} 天  ${c.status}  ${c.unit}  ${c.subject.name}  时限 ${c.deadline}`,
  none: '（无）',
  count: (n: number) => `共 ${n} 件`,
  caseHead: (c: CaseView) =>
    [
      `案件 ${c.id}：${c.subject.name}（${c.unit}）  第 ${c.version} 版`,
      `预警等级 ${zh.tier(c.tier)}，综合得分 ${c.total}，处置建议 ${show('disposition', c.disposition, 'zh')}${c.escalated ? '，本期升级' : ''}`,
      `状态 ${c.status}  整改时限 ${c.deadline ?? '—'}`,
      `统一社会信用代码 ${c.subject.creditCode ?? '—'}  实际控制人 ${c.subject.controller ?? '—'}`,
      ...(c.resurfacedFrom !== null ? [`卷土重来：此前的案件 ${c.resurfacedFrom}`] : []),
      `措施：${c.measures || '—'}`,
      `一事一策：${c.plan || '—'}`,
      `备注：${c.notes || '—'}`,
    ].join('\n'),
  leadsHead: '历次排查：',
  leadLine: (date: string, sweep: number, line: number | null, tier: string | null, total: number | null) => `  ${date} 第 ${sweep} 批 第 ${line ?? '?'} 行  ${tier ? zh.tier(tier) : '拒收'} ${total ?? ''}`,
  historyHead: '修改记录：',
  eventLine: (e: CaseEvent) => `  ${e.at.slice(0, 19).replace('T', ' ')}  ${e.user ?? '—'}  ${e.kind === 'opened' && e.after?.['byHand'] === true ? '人工立案' : (EVENT_ZH[e.kind] ?? e.kind)}  ${changes(e, 'zh')}`,
  openedByHand: (c: CaseView) => `已人工立案：案件 ${c.id}（${c.subject.name}，${c.unit}），状态 ${c.status}，整改时限 ${c.deadline ?? '—'}`,
  updated: (c: CaseView) => `已更新案件 ${c.id}（${c.subject.name}），现为第 ${c.version} 版：状态 ${c.status}，整改时限 ${c.deadline ?? '—'}`,
  migrated: (from: number, to: number, where: string) => (from === to ? `案件库（${where}）已是第 ${to} 版，无需迁移` : `案件库（${where}）已从第 ${from} 版迁移到第 ${to} 版`),
  dumped: (file: string) => `已备份到 ${file}`,
  restored: (rows: Record<string, number>) => `已恢复：${Object.entries(rows).map(([t, n]) => `${t} ${n} 行`).join('，')}`,
  unitAdded: (name: string, id: number) => `已新建单位「${name}」（编号 ${id}）`,
  userAdded: (login: string, password: string) => `已新建用户「${login}」。初始密码（只显示这一次，请当面交给本人）：${password}`,
  token: (login: string) => `用户「${login}」的 API 令牌（只显示这一次，请妥善保存）：`,
}

const EVENT_ZH: Record<string, string> = { opened: '立案', rescored: '本期评分', escalated: '升级', 'de-escalated': '降级', updated: '更新', 'ledger-edit': '台账修改' }

/** Fields of an event as staff read them, in a fixed order (jsonb does not keep the written order). */
const FIELD_ZH: Record<string, string> = {
  status: '状态',
  tier: '预警等级',
  total: '综合得分',
  disposition: '处置建议',
  deadline: '整改时限',
  measures: '措施',
  plan: '一事一策',
  notes: '备注',
  resurfacedFrom: '卷土重来自案件',
}
const FIELD_EN: Record<string, string> = { resurfacedFrom: 'resurfaced from case' }

const show = (key: string, v: unknown, lang: Lang): string => {
  if (key === 'tier' && typeof v === 'string') return lang === 'zh' ? (TIER_ZH[v] ?? v) : v
  if (key === 'disposition' && typeof v === 'string' && v in DISPOSITIONS) return enumLabel(DISPOSITIONS, v as Disposition, lang)
  if (v === null || v === undefined || v === '') return '—'
  const text = String(v)
  return text.length > 40 ? `${text.slice(0, 40)}…` : text
}

/** before → after of an event, field by field; an opened case shows its starting tier, status and deadline. */
const changes = (e: CaseEvent, lang: Lang): string => {
  const after = e.after ?? {}
  const before = e.before ?? {}
  const keys = Object.keys(FIELD_ZH).filter((k) => k in after && !(e.kind === 'opened' && k === 'measures'))
  const name = (k: string) => (lang === 'zh' ? FIELD_ZH[k]! : (FIELD_EN[k] ?? k))
  const sep = lang === 'zh' ? '：' : ': '
  return keys
    .map((k) => (k in before ? `${name(k)}${sep}${show(k, before[k], lang)} → ${show(k, after[k], lang)}` : `${name(k)}${sep}${show(k, after[k], lang)}`))
    .join(lang === 'zh' ? '；' : '; ')
}

export type StoreText = typeof zh

const en: StoreText = {
  ...zh,
  tier: (t) => t,
  imported: (o) =>
    `Imported sweep ${o.sweepId}: ${o.unit.name}, dated ${o.date}, file ${o.fileName} (pack ${o.pack.name}@${o.pack.version})\n` +
    `${o.counts.read} rows read: ${o.counts.scored} scored, ${o.counts.rejected} rejected, ${o.counts.skipped} skipped; ${o.newCases} new cases, ${o.linked} linked to existing cases, ${o.listedOnly} on the total list only`,
  escalated: (subject, id, from, to) => `  escalated  case ${id} ${subject}: ${from} → ${to}`,
  resurfacing: (r) => `  resurfacing  case ${r.caseId} ${r.subject} (line ${r.line ?? '?'}): same ${r.matchedBy} as case ${r.earlierCaseId} ${r.earlierSubject} of ${r.earlierUnit} (${r.earlierStatus})`,
  rejected: (line, reason) => `  rejected  line ${line ?? '?'}: ${reason}`,
  more: (n) => `  … ${n} more`,
  caseLine: (c) =>
    `${String(c.id).padStart(5)}  ${c.tier} ${String(c.total).padStart(3)}  ${c.status}  ${c.unit}  ${c.subject.name}${c.deadline ? `  due ${c.deadline}` : ''}${c.escalated ? '  ↑escalated' : ''}${c.resurfacedFrom !== null ? `  resurfacing(case ${c.resurfacedFrom})` : ''}  v${c.version}`,
  overdueLine: (c) => `${String(c.id).padStart(5)}  ${c.daysOverdue} days overdue  ${c.status}  ${c.unit}  ${c.subject.name}  due ${c.deadline}`,
  none: '(none)',
  count: (n) => `${n} cases`,
  caseHead: (c) =>
    [
      `Case ${c.id}: ${c.subject.name} (${c.unit})  version ${c.version}`,
      `tier ${c.tier}, total ${c.total}, disposition ${c.disposition}${c.escalated ? ', escalated' : ''}`,
      `status ${c.status}  deadline ${c.deadline ?? '—'}`,
      `credit code ${c.subject.creditCode ?? '—'}  controller ${c.subject.controller ?? '—'}`,
      ...(c.resurfacedFrom !== null ? [`resurfacing: earlier case ${c.resurfacedFrom}`] : []),
      `measures: ${c.measures || '—'}`,
      `plan: ${c.plan || '—'}`,
      `notes: ${c.notes || '—'}`,
    ].join('\n'),
  leadsHead: 'Sweeps:',
  leadLine: (date, sweep, line, tier, total) => `  ${date} sweep ${sweep} line ${line ?? '?'}  ${tier ?? 'rejected'} ${total ?? ''}`,
  historyHead: 'History:',
  eventLine: (e) => `  ${e.at.slice(0, 19).replace('T', ' ')}  ${e.user ?? '—'}  ${e.kind === 'opened' && e.after?.['byHand'] === true ? 'opened by hand' : e.kind}  ${changes(e, 'en')}`,
  openedByHand: (c) => `Opened case ${c.id} by hand (${c.subject.name}, ${c.unit}): status ${c.status}, deadline ${c.deadline ?? '—'}`,
  updated: (c) => `Updated case ${c.id} (${c.subject.name}), now version ${c.version}: status ${c.status}, deadline ${c.deadline ?? '—'}`,
  migrated: (from, to, where) => (from === to ? `The store (${where}) is at version ${to}: nothing to migrate` : `Migrated the store (${where}) from version ${from} to ${to}`),
  dumped: (file) => `Dumped to ${file}`,
  restored: (rows) => `Restored: ${Object.entries(rows).map(([t, n]) => `${t} ${n} rows`).join(', ')}`,
  unitAdded: (name, id) => `Added unit ${name} (id ${id})`,
  userAdded: (login, password) => `Added user ${login}. Initial password (shown once; hand it over in person): ${password}`,
  token: (login) => `API token of ${login} (shown once; keep it safe):`,
}

/** The store commands' texts in one language. */
export const storeTextFor = (lang: Lang): StoreText => (lang === 'en' ? en : zh)
