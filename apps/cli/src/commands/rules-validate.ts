import { formatPackReport } from '@chufei/core/analyst'
import { EXIT_FAILURE, EXIT_OK } from '../exit-codes'
import type { ExitCode } from '../exit-codes'
import type { Lang } from '@chufei/ledger'
import type { CommandIO } from '../score-command'
import { readCheckedPack, write } from './rules-shared'

/** Options of `chufei rules validate`. */
export interface RulesValidateOptions {
  readonly dir?: string
  readonly lang: Lang
}

/**
 * `chufei rules validate [dir]`: every problem of a pack at once, one `file:line:column  pointer  message`
 * per line, then a summary. Exit 0 when valid (warnings allowed), 1 when not.
 */
export const rulesValidateCommand = async (options: RulesValidateOptions, io: CommandIO): Promise<ExitCode> => {
  const checked = await readCheckedPack(options.dir, io)
  await write(io.stdout, formatPackReport(checked.report, options.lang, checked.shown))
  return checked.report.valid ? EXIT_OK : EXIT_FAILURE
}
