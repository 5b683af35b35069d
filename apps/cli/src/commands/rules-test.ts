import { formatPackReport, formatPackTestReport, runPackTests } from '@chufei/core/analyst'
import { EXIT_FAILURE, EXIT_OK } from '../exit-codes'
import type { ExitCode } from '../exit-codes'
import type { Lang } from '@chufei/ledger'
import type { CommandIO } from '../score-command'
import { readCheckedPack, write } from './rules-shared'

/** Options of `chufei rules test`. */
export interface RulesTestOptions {
  readonly dir?: string
  readonly lang: Lang
}

/**
 * `chufei rules test [dir]`: runs every rule's `examples` and every case in `tests/*.json`; for each failure
 * prints the expectation, what came out and the trace of the rules involved. Exit 0 when all pass.
 */
export const rulesTestCommand = async (options: RulesTestOptions, io: CommandIO): Promise<ExitCode> => {
  const checked = await readCheckedPack(options.dir, io)
  if (!checked.pack) {
    await write(io.stdout, formatPackReport(checked.report, options.lang, checked.shown))
    return EXIT_FAILURE
  }
  const report = await runPackTests(checked.pack, checked.files)
  const shownReport = { ...report, outcomes: report.outcomes.map((o) => ({ ...o, site: { ...o.site, file: `${checked.shown}/${o.site.file}` } })), issues: report.issues.map((i) => ({ ...i, file: `${checked.shown}/${i.file ?? ''}` })) }
  await write(io.stdout, formatPackTestReport(shownReport, checked.pack, options.lang))
  return report.failed === 0 && report.issues.length === 0 ? EXIT_OK : EXIT_FAILURE
}
