import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import * as z from 'zod'
import { pointerToField, zodIssueFields } from './_zod-issues'

// What a person reads when a request or a form is refused: Chinese first, English beside it, never zod's
// English alone (found by posting a 5,000-character reason to the API).
const fieldsOf = (schema: z.ZodType, value: unknown) => {
  const parsed = schema.safeParse(value)
  if (parsed.success) throw new Error('expected a refusal')
  return zodIssueFields(parsed.error)
}

describe('zodIssueFields', () => {
  it('says how many characters or items a text or a list may have, not “数值超出范围”', () => {
    const schema = z.object({ notes: z.string().max(5), name: z.string().min(1), code: z.string().min(3), tags: z.array(z.string()).max(2) })
    expect(fieldsOf(schema, { notes: '一二三四五六', name: '', code: 'ab', tags: ['a', 'b', 'c'] })).toEqual([
      { field: 'notes', message: '太长：最多 5 个字', messageEn: 'too long: at most 5 characters' },
      { field: 'name', message: '不能为空', messageEn: 'must not be empty' },
      { field: 'code', message: '太短：至少 3 个字', messageEn: 'too short: at least 3 characters' },
      { field: 'tags', message: '太多：最多 2 项', messageEn: 'too many: at most 2 items' },
    ])
  })

  it('keeps a schema’s own Chinese message as it was written', () => {
    const schema = z.object({ reason: z.string().max(3, '立案原因最多 3 字') })
    expect(fieldsOf(schema, { reason: '一二三四' })).toEqual([{ field: 'reason', message: '立案原因最多 3 字', messageEn: '立案原因最多 3 字' }])
  })

  it('names nested fields by their dotted path and the whole value as an empty field', () => {
    const schema = z.object({ cases: z.array(z.object({ status: z.enum(['待核查', '处置中']) })) })
    expect(fieldsOf(schema, { cases: [{ status: '待核查' }, { status: '不知道' }] })).toEqual([
      { field: 'cases.1.status', message: '取值无效，应为："待核查"、"处置中"', messageEn: 'invalid value, expected one of: "待核查"、"处置中"' },
    ])
    expect(fieldsOf(z.number().max(10), 11)).toEqual([{ field: '', message: '数值超出范围：≤ 10', messageEn: 'value out of range: ≤ 10' }])
  })

  it('explains a union by the branch whose type matched', () => {
    const schema = z.object({ unit: z.union([z.number().int().positive(), z.string().max(4)]) })
    expect(fieldsOf(schema, { unit: '一二三四五' })).toEqual([{ field: 'unit', message: '太长：最多 4 个字', messageEn: 'too long: at most 4 characters' }])
  })
})

describe('pointerToField', () => {
  // RFC 6901 escapes `~` as `~0` and `/` as `~1`; undone in that order `~01` would wrongly become `/`.
  const escape = (segment: string) => segment.replaceAll('~', '~0').replaceAll('/', '~1')

  it('gives back the segments of a pointer joined by dots, escapes undone', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: fc.constantFrom('a', '~', '/', '0', '1', '.', '人') }), { minLength: 1, maxLength: 6 }), (segments) => {
        expect(pointerToField(`/${segments.map(escape).join('/')}`)).toBe(segments.join('.'))
      }),
    )
  })

  it('names the whole value (the empty pointer) as the empty field', () => {
    expect(pointerToField('')).toBe('')
    expect(pointerToField('/people/total')).toBe('people.total')
    expect(pointerToField('/a~01')).toBe('a~1')
  })
})
