import type { LeadSummary, Stats } from './stats'
import { formatWan } from './format'
import type { TrackResult } from './track'

/*
 * 下一步工作建议, derived from the figures: which sectors and villages to focus on, which leads to transfer
 * to the police, which to penalise, rectify or interview, what is overdue, what to re-check. Each step
 * names the leads it is about, so the report can be acted on line by line.
 */

export interface NextStep {
  /** Stable id of the kind of step, for tests and styling. */
  readonly kind:
    | 'focus-sectors'
    | 'focus-villages'
    | 'transfer'
    | 'penalty'
    | 'rectify'
    | 'interview'
    | 'overdue'
    | 'escalated'
    | 'publicity'
    | 'data'
  /** The step, in Chinese. */
  readonly text: string
  /** The leads it names (id and subject name). */
  readonly leads: ReadonlyArray<{ id: string | null; name: string | null }>
}

const MAX_FOCUS = 3

const names = (leads: readonly LeadSummary[]) => leads.map((l) => ({ id: l.id, name: l.name }))

const leadList = (leads: readonly LeadSummary[]): string =>
  leads.map((l) => `${l.name ?? '（未填名称）'}${l.id === null ? '' : `（${l.id}）`}`).join('、')

/** The next steps, most urgent first. Empty sections are left out. */
export const deriveNextSteps = (stats: Stats, track?: TrackResult): NextStep[] => {
  const steps: NextStep[] = []
  const key = stats.keyLeads
  // Leads staff have already marked 已化解 need no further step.
  const withDisposition = (d: keyof Stats['actions']) => stats.actions[d].filter((l) => l.statusId !== 'resolved')

  const transfer = withDisposition('prosecute')
  if (transfer.length > 0) {
    steps.push({
      kind: 'transfer',
      text: `对${transfer.length}条达到立案追诉标准或有集资诈骗迹象的线索，及时移送公安机关，同步做好资金追缴和群众稳控：${leadList(transfer)}。`,
      leads: names(transfer),
    })
  }
  if (stats.overdue.length > 0) {
    steps.push({
      kind: 'overdue',
      text: `${stats.overdue.length}条线索已过整改时限仍未化解，请督促责任单位限期办结并说明原因：${leadList(stats.overdue)}。`,
      leads: names(stats.overdue),
    })
  }
  if (track !== undefined) {
    const escalated = track.leads.filter((l) => l.change === 'escalated' && l.current !== null)
    if (escalated.length > 0) {
      const list = escalated.map((l) => `${l.current!.name ?? '（未填名称）'}${l.current!.id === null ? '' : `（${l.current!.id}）`}`).join('、')
      steps.push({
        kind: 'escalated',
        text: `${escalated.length}条线索风险较上期升级，请复核处置措施是否到位，必要时提级处置：${list}。`,
        leads: escalated.map((l) => ({ id: l.current!.id, name: l.current!.name })),
      })
    }
  }
  const penalty = withDisposition('penalty')
  if (penalty.length > 0) {
    steps.push({ kind: 'penalty', text: `对${penalty.length}条已吸收资金但未达追诉标准的线索，依法开展调查并予以行政处罚：${leadList(penalty)}。`, leads: names(penalty) })
  }
  const rectify = withDisposition('rectify')
  if (rectify.length > 0) {
    steps.push({ kind: 'rectify', text: `对${rectify.length}条有还款能力和意愿的线索，责令规范整改、清退资金，跟踪整改进度：${leadList(rectify)}。`, leads: names(rectify) })
  }
  const interview = withDisposition('interview')
  if (interview.length > 0) {
    steps.push({ kind: 'interview', text: `对${interview.length}条仅有宣传承诺等早期迹象的线索，开展警示约谈，责令停止违规宣传：${leadList(interview)}。`, leads: names(interview) })
  }

  const focusSectors = stats.bySector.filter((g) => g.key !== '' && g.keyLeads > 0).sort((a, b) => b.keyLeads - a.keyLeads || b.outstanding.sum - a.outstanding.sum).slice(0, MAX_FOCUS)
  if (focusSectors.length > 0) {
    const list = focusSectors.map((g) => `${g.label}（重点线索${g.keyLeads}条，未兑付${formatWan(g.outstanding.sum)}万元）`).join('、')
    steps.push({ kind: 'focus-sectors', text: `把${list}作为下一阶段排查整治的重点行业，会同行业主管部门开展专项排查。`, leads: [] })
  }
  const focusVillages = stats.byVillage.filter((g) => g.key !== '' && g.keyLeads > 0).sort((a, b) => b.keyLeads - a.keyLeads || b.outstanding.sum - a.outstanding.sum).slice(0, MAX_FOCUS)
  if (focusVillages.length > 0) {
    const list = focusVillages.map((g) => `${g.label}（重点线索${g.keyLeads}条）`).join('、')
    steps.push({ kind: 'focus-villages', text: `${list}风险相对集中，请加强网格员日常巡查和入户宣传，做到早发现、早处置。`, leads: [] })
  }
  const topPatterns = stats.byPattern.slice(0, MAX_FOCUS)
  if (topPatterns.length > 0) {
    const list = topPatterns.map((g) => `“${g.label}”（${g.leads}条）`).join('、')
    steps.push({ kind: 'publicity', text: `针对${list}等高发手法，开展有针对性的防范非法集资宣传教育，重点面向老年人等易受骗群体。`, leads: [] })
  }
  const missingMoney = key.filter((l) => l.raised === null || l.outstanding === null)
  if (stats.rows.rejected > 0 || missingMoney.length > 0) {
    const parts: string[] = []
    if (stats.rows.rejected > 0) parts.push(`更正${stats.rows.rejected}条问题行（缺少编号或名称、编号重复等）后重新评分`)
    if (missingMoney.length > 0) parts.push(`补充核实${missingMoney.length}条重点线索的集资金额或未兑付金额`)
    steps.push({ kind: 'data', text: `${parts.join('；')}，确保台账底数清楚。`, leads: names(missingMoney) })
  }
  return steps
}
