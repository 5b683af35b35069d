import { LeadSchema, findUnknownLeadKeys } from '@chufei/core'
import type { LeadError, LeadWarning } from '@chufei/core'
import type { SheetEvent } from './types'
import { createIdRegistry } from './id-registry'

/*
 * JSON and JSONL inputs already carry docs/spec.md §1 leads; this turns each parsed value into the same
 * lead / rejected events a sheet row gives, with Chinese reasons that name the field.
 */

type ZodIssueLike = {
  code: string
  path: PropertyKey[]
  message: string
  expected?: string
  minimum?: number | bigint
  maximum?: number | bigint
  origin?: string
  values?: unknown[]
  format?: string
}

const TYPE_NAMES: Record<string, string> = {
  string: '文本',
  number: '数字',
  int: '整数',
  boolean: '布尔值（true/false）',
  object: '对象',
  array: '数组',
}

const typeName = (t: string | undefined): string => (t && TYPE_NAMES[t]) ?? t ?? '正确类型'

/** A Chinese reason for one zod issue; the English text is zod's own. */
export const describeIssue = (issue: ZodIssueLike): string => {
  switch (issue.code) {
    case 'invalid_type':
      return `应为${typeName(issue.expected)}`
    case 'too_small':
      return issue.origin === 'string' || issue.origin === 'array'
        ? `长度不能少于${String(issue.minimum)}`
        : `不能小于${String(issue.minimum)}`
    case 'too_big':
      return issue.origin === 'string' || issue.origin === 'array'
        ? `长度不能超过${String(issue.maximum)}`
        : `不能大于${String(issue.maximum)}`
    case 'invalid_value':
      return `取值无效，可选：${(issue.values ?? []).map((v) => String(v)).join('、')}`
    case 'invalid_format':
      return issue.format === 'regex' ? '格式无效，日期应为 YYYY-MM-DD' : '格式无效'
    default:
      return `无效（${issue.message}）`
  }
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

const idOf = (value: Record<string, unknown>): string | null =>
  typeof value.id === 'string' && value.id.trim() !== '' ? value.id.trim() : null

const isMissing = (v: unknown): boolean => v === undefined || v === null || (typeof v === 'string' && v.trim() === '')

/**
 * Creates the validator for one JSON/JSONL input. It remembers ids, so a repeated id is rejected as
 * `duplicate-id` (the first row with an id keeps it, whether or not it was valid).
 *
 * @param where - describes the position for messages, e.g. `第3行` (JSONL) or `第3条` (JSON array).
 */
export const createJsonLeadValidator = () => {
  const seen = createIdRegistry()
  return (value: unknown, line: number, where: string): SheetEvent => {
    if (!isPlainObject(value))
      return {
        kind: 'rejected',
        line,
        id: null,
        errors: [
          {
            code: 'not-an-object',
            message: `${where}不是线索对象（应为 {"id": …, "subject": {"name": …}} 形式）`,
          },
        ],
        warnings: [],
      }

    const warnings: LeadWarning[] = findUnknownLeadKeys(value).map((field) => ({
      field,
      code: 'unknown-field',
      message: `${where}：未知字段“${field}”，已忽略`,
    }))
    const id = idOf(value)
    const errors: LeadError[] = []
    const subject = value.subject
    if (isMissing(value.id)) errors.push({ code: 'missing-id', field: 'id', message: `${where}：缺少线索编号（id）` })
    if (!isPlainObject(subject) || isMissing(subject.name))
      errors.push({ code: 'missing-name', field: 'subject.name', message: `${where}：缺少主体名称（subject.name）` })
    if (id !== null) {
      if (seen.remember(id, line) !== undefined)
        errors.push({ code: 'duplicate-id', field: 'id', message: `${where}：线索编号“${id}”与前面的线索重复` })
    }

    const parsed = LeadSchema.safeParse(value)
    if (!parsed.success) {
      const reported = new Set(errors.map((e) => e.field))
      for (const issue of parsed.error.issues as ZodIssueLike[]) {
        const field = issue.path.map(String).join('.')
        if (reported.has(field) || (field === 'subject' && reported.has('subject.name'))) continue
        // One error per field: a schema can raise several issues for one value (format, then range).
        reported.add(field)
        errors.push({
          code: 'invalid-field',
          field,
          message: `${where}：字段“${field || '（整条）'}”${describeIssue(issue)}`,
        })
      }
    }
    if (errors.length > 0 || !parsed.success) return { kind: 'rejected', line, id, errors, warnings }
    return { kind: 'lead', line, lead: parsed.data, warnings }
  }
}
