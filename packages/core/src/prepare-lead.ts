import { isValidCreditCode } from './credit-code'
import { parseLeadFast, viewLeadFast } from './fast-lead'
import { ChufeiError } from './errors'
import type { Issue } from './errors'
import { LeadSchema, findUnknownLeadKeys } from './lead'
import type { Lead } from './lead'
import type { LeadError, LeadWarning } from './result'
import { zodToIssues } from './_zod-issues'

/** A lead that passed validation, with the warnings found on the way. */
export interface PreparedLead {
  readonly lead: Lead
  readonly warnings: LeadWarning[]
}

const pointerToField = (pointer: string | undefined): string =>
  (pointer ?? '').split('/').filter(Boolean).map((t) => t.replaceAll('~1', '/').replaceAll('~0', '~')).join('.')

/** The `errors` of a rejected result, from the issues of an invalid lead. */
export const issuesToLeadErrors = (issues: readonly Issue[]): LeadError[] =>
  issues.map((i) => {
    const field = pointerToField(i.pointer)
    return {
      code: field === 'id' && i.code === 'required' ? 'missing-id' : field === 'subject.name' && i.code === 'required' ? 'missing-name' : i.code,
      message: field ? `${field}：${i.message}` : i.message,
      ...(field ? { field } : {}),
    }
  })

const parseWithZod = (input: unknown): Lead => {
  const parsed = LeadSchema.safeParse(input)
  if (!parsed.success) {
    const issues = zodToIssues(parsed.error, {})
    const list = issues.map((i) => `${pointerToField(i.pointer) || '(lead)'}: ${i.message}`).join('; ')
    throw new ChufeiError('INVALID_LEAD', `线索无效 / invalid lead: ${list}`, { issues })
  }
  return parsed.data
}

/**
 * Validates a lead (docs/spec.md §1). Unknown keys and a bad credit-code check digit are warnings; anything
 * else that does not fit the schema is an error.
 *
 * @throws {ChufeiError} `INVALID_LEAD` with one issue per bad field (pointer = field path)
 */
export const prepareLead = (input: unknown): PreparedLead => {
  // The hand-written validator answers the common case with zod's own data; zod decides the rest.
  const fast = parseLeadFast(input)
  const lead = fast ? fast.lead : parseWithZod(input)
  const warnings: LeadWarning[] = []
  addWarnings(input, lead, fast ? fast.extraKeys : true, warnings)
  return { lead, warnings }
}

/**
 * {@link prepareLead} for the scorer, which only reads the lead: the input itself when it reads exactly
 * as the parsed lead would (no copy), else the parsed lead. Its warnings are added to `warnings`.
 *
 * @throws {ChufeiError} `INVALID_LEAD` as prepareLead
 */
export const readLeadForScoring = (input: unknown, warnings: LeadWarning[]): Lead => {
  const view = viewLeadFast(input)
  if (view) {
    addWarnings(input, view.lead, view.extraKeys, warnings)
    return view.lead
  }
  const { lead, warnings: found } = prepareLead(input)
  for (const w of found) warnings.push(w)
  return lead
}

const addWarnings = (input: unknown, lead: Lead, extraKeys: boolean, warnings: LeadWarning[]): void => {
  if (extraKeys) for (const field of findUnknownLeadKeys(input)) warnings.push({ field, code: 'unknown-field', message: `未知字段“${field}”已忽略` })
  const code = lead.subject.creditCode
  if (code !== undefined && code !== '' && !isValidCreditCode(code)) {
    warnings.push({ field: 'subject.creditCode', code: 'invalid-credit-code', message: `统一社会信用代码“${code}”校验位不正确或长度不是18位` })
  }
  const { people, money } = lead
  if (people) {
    const { total, elderly, vulnerable } = people
    if (total !== undefined && elderly !== undefined && elderly > total) {
      warnings.push({ field: 'people.elderly', code: 'inconsistent', message: `60岁以上人数（${elderly}）大于涉及人数（${total}）` })
    }
    if (total !== undefined && vulnerable !== undefined && vulnerable > total) {
      warnings.push({ field: 'people.vulnerable', code: 'inconsistent', message: `残疾人、低收入人数（${vulnerable}）大于涉及人数（${total}）` })
    }
  }
  if (money) {
    const { raised, outstanding } = money
    if (raised !== undefined && outstanding !== undefined && outstanding > raised) {
      warnings.push({ field: 'money.outstanding', code: 'inconsistent', message: `未兑付金额（${outstanding}元）大于集资金额（${raised}元）` })
    }
  }
}
