import { ChufeiError } from '@chufei/core'
import { localIsoDate } from '@chufei/ledger'
import { openCaseForLead, sweepLeads } from '@chufei/store'
import { EXIT_OK, type ExitCode } from '../exit-codes'
import type { CommandIO } from '../score-command'
import { usageError } from './command-options'
import { parseDate, parseId, printJson, say, type StoreCommandOptions } from './store-commands'
import { withSession } from './store-session'
import { storeTextFor } from './store-text'

/*
 * `chufei case open`: a lead an import kept on the total list only (总量风险清单) taken into follow-up by hand
 * (人工立案), with a reason. Staff name the lead as they know it — the sweep `chufei import` printed and the row
 * of their sheet — or by its stored number.
 */

/** `chufei case open (--lead <id> | --sweep <n> --line <row>) --reason <text> [--deadline <date>]`. */
export const caseOpenCommand = async (
  options: StoreCommandOptions & { lead?: string; sweep?: string; line?: string; reason?: string; deadline?: string },
  io: CommandIO,
): Promise<ExitCode> => {
  const t = storeTextFor(options.lang)
  if (options.reason === undefined || options.reason.trim() === '') throw usageError('请用 --reason 写明立案原因（记入备注和修改记录）', 'give --reason: why this lead needs a case (kept as notes and in the history)')
  const byLead = options.lead !== undefined
  if (byLead === (options.sweep !== undefined || options.line !== undefined) || (!byLead && (options.sweep === undefined || options.line === undefined))) {
    throw usageError('请指定线索：--lead 线索编号，或 --sweep 批次号 --line 排查表行号', 'name the lead: --lead <id>, or --sweep <n> --line <row>')
  }
  const deadline = options.deadline === undefined ? {} : { deadline: parseDate('--deadline', options.deadline) }
  const opened = await withSession(options.env, options.token, async ({ db, actor }) => {
    let leadId: number
    if (options.lead !== undefined) leadId = parseId('线索编号', options.lead)
    else {
      const sweep = parseId('--sweep', options.sweep!)
      const line = parseId('--line', options.line!)
      const [row] = await sweepLeads(db, actor, sweep, { line, limit: 1 })
      if (row === undefined) throw new ChufeiError('NOT_FOUND', `第 ${sweep} 批没有第 ${line} 行的线索（或不在你的单位范围内）`)
      leadId = row.id
    }
    return openCaseForLead(db, actor, leadId, { reason: options.reason!, ...deadline }, { today: localIsoDate(io.now()) })
  })
  if (options.json === true) printJson(io, opened)
  else say(io, t.openedByHand(opened))
  return EXIT_OK
}
