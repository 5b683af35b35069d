import { ChufeiError, zodIssueFields, zodToIssues } from '@chufei/core'
import type * as z from 'zod'

/**
 * The `USAGE` error for input its schema refused: each field and why, in Chinese (zod's English would reach
 * the town's staff otherwise), with the bilingual issues attached for the API's details.
 */
export const invalidInput = (what: string, error: z.ZodError): ChufeiError =>
  new ChufeiError('USAGE', `${what}有误：${zodIssueFields(error).map((f) => `${f.field || '值'} ${f.message}`).join('；')}`, { issues: zodToIssues(error, {}) })
