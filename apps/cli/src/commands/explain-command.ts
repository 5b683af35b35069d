import { readFile } from 'node:fs/promises'
import { extname, resolve } from 'node:path'
import { ChufeiError, createScorer } from '@chufei/core'
import { formatExplanation } from '@chufei/core/analyst'
import type { LeadWarning } from '@chufei/core'
import { readSheet } from '@chufei/sheets'
import { EXIT_FAILURE, EXIT_OK } from '../exit-codes'
import type { ExitCode } from '../exit-codes'
import type { Lang } from '@chufei/ledger'
import type { CommandIO } from '../score-command'
import { loadCheckedPack, write } from './rules-shared'

/*
 * `chufei explain <lead.json | sheet> [--id <线索编号>]`: why a lead scored as it did, as text for a case note.
 */

/** Options of `chufei explain`. */
export interface ExplainOptions {
  readonly input: string
  readonly id?: string
  readonly rules?: string
  readonly lang: Lang
  /** Show the trace of every rule, not only those that fired and the near misses. */
  readonly all: boolean
}

interface Candidate {
  readonly lead: unknown
  readonly line?: number
  readonly warnings?: readonly LeadWarning[]
  readonly id?: string | null
  readonly rejected?: readonly { message: string }[]
}

const MAX_LEAD_BYTES = 1024 * 1024

/** The message does not name the file: the issue's `file` does, and the CLI prints it before the message. */
const unreadable = (file: string, zh: string, en: string): ChufeiError =>
  new ChufeiError('UNREADABLE_INPUT', zh, { issues: [{ code: 'unreadable-input', severity: 'error', message: zh, messageEn: en, file }] })

/** A `.json` file holding one lead object (not an array of them). */
const readSingleLead = async (path: string): Promise<Candidate | undefined> => {
  if (extname(path).toLowerCase() !== '.json') return undefined
  const text = await readFile(path, 'utf8').catch((e: unknown) => {
    throw unreadable(path, `无法读取：${String(e)}`, `cannot read: ${String(e)}`)
  })
  const body = text.replace(/^\uFEFF/, '')
  if (!body.trimStart().startsWith('{')) return undefined
  if (body.length > MAX_LEAD_BYTES) throw unreadable(path, '文件超过 1 MiB，不像一条线索', 'over 1 MiB, not a single lead')
  try {
    return { lead: JSON.parse(body) as unknown }
  } catch (e) {
    throw unreadable(path, `不是有效的 JSON：${(e as Error).message}`, `not valid JSON: ${(e as Error).message}`)
  }
}

async function* candidates(path: string): AsyncGenerator<Candidate> {
  const single = await readSingleLead(path)
  if (single) {
    yield single
    return
  }
  for await (const event of readSheet(path)) {
    if (event.kind === 'lead') yield { lead: event.lead, line: event.line, warnings: event.warnings, id: event.lead.id }
    else if (event.kind === 'rejected') yield { lead: undefined, line: event.line, id: event.id, rejected: event.errors }
  }
}

/** Runs `chufei explain`. Exit 0 when every selected lead was explained, 1 otherwise. */
export const explainCommand = async (options: ExplainOptions, io: CommandIO): Promise<ExitCode> => {
  const { pack } = await loadCheckedPack(options.rules, io)
  const scorer = createScorer(pack, { now: io.now })
  const path = resolve(io.cwd, options.input)
  const lang = options.lang
  let found = 0
  let failed = 0
  for await (const c of candidates(path)) {
    const id = c.id ?? (typeof c.lead === 'object' && c.lead !== null ? (c.lead as { id?: unknown }).id : undefined)
    if (options.id !== undefined && id !== options.id) continue
    found++
    if (found > 1) await write(io.stdout, `\n${'─'.repeat(40)}\n\n`)
    const at = c.line !== undefined ? (lang === 'zh' ? `（第 ${c.line} 行）` : ` (line ${c.line})`) : ''
    if (c.rejected) {
      failed++
      const reasons = c.rejected.map((e) => `  ${e.message}`).join('\n')
      await write(io.stdout, lang === 'zh' ? `线索 ${id ?? '（无编号）'}${at}未能评分：\n${reasons}\n` : `Lead ${id ?? '(no id)'}${at} could not be scored:\n${reasons}\n`)
      continue
    }
    const explanation = await scorer.explain(c.lead, { ...(c.line !== undefined ? { line: c.line } : {}), ...(c.warnings ? { warnings: c.warnings } : {}) })
    const subject = (c.lead as { subject?: { name?: string } }).subject?.name
    await write(io.stdout, `${at ? `${at.trim()}\n` : ''}${formatExplanation(explanation, pack, { lang, all: options.all, ...(subject ? { subjectName: subject } : {}) })}`)
  }
  if (found === 0) {
    throw options.id !== undefined
      ? unreadable(options.input, `表中没有线索编号为“${options.id}”的线索`, `no lead with id "${options.id}"`)
      : unreadable(options.input, '表中没有线索', 'no leads')
  }
  return failed === 0 ? EXIT_OK : EXIT_FAILURE
}
