import { checkPackProperties, formatPackCheckReport, formatPackReport } from '@chufei/core/analyst'
import { EXIT_FAILURE, EXIT_OK } from '../exit-codes'
import type { ExitCode } from '../exit-codes'
import type { Lang } from '@chufei/ledger'
import type { CommandIO } from '../score-command'
import { usageError } from './command-options'
import { readCheckedPack, write } from './rules-shared'

/** Options of `chufei rules check`. */
export interface RulesCheckOptions {
  readonly dir?: string
  readonly lang: Lang
  readonly seed?: number
  readonly runs?: number
}

/** Parses a whole-number option (`--seed`, `--runs`). */
export const parseWholeNumber = (flag: string, value: string | undefined, max: number): number | undefined => {
  if (value === undefined) return undefined
  const n = Number(value)
  if (!Number.isInteger(n) || n < 0 || n > max) throw usageError(`${flag} 应为 0 到 ${max} 之间的整数，而不是“${value}”`, `${flag} must be a whole number from 0 to ${max}, not "${value}"`)
  return n
}

/**
 * `chufei rules check [dir]`: property checks on the pack (monotone in people, money, complaints and
 * gatherings; scores in range; tiers ordered and reachable). Exit 1 on a violation, with a counterexample.
 */
export const rulesCheckCommand = async (options: RulesCheckOptions, io: CommandIO): Promise<ExitCode> => {
  const checked = await readCheckedPack(options.dir, io)
  if (!checked.pack) {
    await write(io.stdout, formatPackReport(checked.report, options.lang, checked.shown))
    return EXIT_FAILURE
  }
  const report = await checkPackProperties(checked.pack, {
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.runs !== undefined ? { numRuns: options.runs } : {}),
  })
  await write(io.stdout, formatPackCheckReport(report, options.lang))
  return report.violations.length === 0 ? EXIT_OK : EXIT_FAILURE
}
