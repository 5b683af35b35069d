import { join, relative } from 'node:path'
import { ChufeiError, parseRulePack } from '@chufei/core'
import { checkRulePackFiles, formatPackReport } from '@chufei/core/analyst'
import type { Issue, RulePack, RulePackReport } from '@chufei/core'
import { readRulePackFiles } from '@chufei/core/node'
import { resolveRulesDir } from '../resolve-rules'
import type { CommandIO } from '../score-command'

/*
 * What the analyst commands (rules validate/test/check, explain, diff) share: where the pack is, and reading
 * it with every problem located.
 */

/** A pack folder read and checked: its files, the report, and the pack when it is valid. */
export interface CheckedPack {
  readonly dir: string
  /** The folder as the user should see it in `file:line:column` (relative to the working folder). */
  readonly shown: string
  readonly files: Record<string, string>
  readonly report: RulePackReport
  readonly pack?: RulePack
}

/** Reads and validates a pack folder; never throws on bad content (only when the folder cannot be read). */
export const readCheckedPack = async (explicit: string | undefined, io: CommandIO): Promise<CheckedPack> => {
  const dir = await resolveRulesDir(explicit, io.cwd)
  const files = await readRulePackFiles(dir)
  const report = checkRulePackFiles(files)
  const shown = relative(io.cwd, dir) || '.'
  // Issue files are relative to the pack; shown relative to the working folder, terminals and editors link them.
  const located: RulePackReport = { ...report, issues: report.issues.map((i): Issue => (i.file ? { ...i, file: join(shown, i.file).split('\\').join('/') } : i)) }
  return { dir, shown, files, report: located, ...(report.valid ? { pack: parseRulePack(files) } : {}) }
}

/** The pack of a folder, or the INVALID_RULE_PACK error with every problem (the way `score` reports it). */
export const loadCheckedPack = async (explicit: string | undefined, io: CommandIO): Promise<CheckedPack & { pack: RulePack }> => {
  const checked = await readCheckedPack(explicit, io)
  if (checked.pack) return checked as CheckedPack & { pack: RulePack }
  const errors = checked.report.issues.filter((i) => i.severity === 'error')
  throw new ChufeiError('INVALID_RULE_PACK', `规则包无效：${errors.length} 个错误 / invalid rule pack: ${errors.length} error(s)`, { issues: checked.report.issues })
}

/** Writes text to a stream and waits until it is flushed. */
export const write = (stream: NodeJS.WritableStream, text: string): Promise<void> =>
  new Promise((resolve, reject) => {
    stream.write(text, (error) => (error ? reject(error) : resolve()))
  })

export { formatPackReport }
