import type { Lead, LeadError, LeadWarning } from '@chufei/core'
import type { CellError } from './read-sheet-types'
import type { Cell, ColumnBinding, HeaderMatch, SheetEvent } from './types'
import { EVENT_COUNT_FIELDS, FIELD_KINDS, type FieldKind } from './_fields'
import { isFooterRow, startsAsFooter } from './footer'
import { createIdRegistry } from './id-registry'
import { groupOf, type LeadDraft } from './_lead-draft'
import { readPartsOfTotal, type PartColumn } from './_parts-of-total'
import { showRaw, type Parsed } from './values/_result'
import { isBlankCell } from './values/_text'
import { parseAmount } from './values/amount'
import { parseBoolean } from './values/boolean'
import { parseCount } from './values/count'
import { parseCreditCode } from './values/credit-code'
import { parseDate } from './values/date'
import { parseEnumValue, type EnumField } from './values/enum-value'
import { parsePromisedReturn } from './values/promised-return'
import { parseText } from './values/text'

/*
 * One sheet row → one event: a candidate lead (with warnings; the scorer validates it), a rejected row
 * (no id, no subject name, a repeated id), or a skipped row (blank, footer).
 * A converter never throws on cell content and always returns exactly one event.
 */

/**
 * Converts the rows under one header; remembers ids to reject repeats. `errors` lists the cells that
 * hold error values (XLSX `#N/A`, `#REF!`…).
 */
export type RowConverter = (cells: readonly Cell[], line: number, errors?: readonly CellError[]) => SheetEvent

/** Excel's column name of a 0-based index: 0 → A, 26 → AA. */
const columnName = (index: number): string => {
  let name = ''
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(0x41 + ((n - 1) % 26)) + name
  return name
}

/**
 * The warning for a field whose cell holds an error value or a formula with no saved result: the field is
 * unknown, and the cell is named.
 */
const formulaError = (column: Column, error: CellError, line: number): LeadWarning => {
  const cell = `“${column.header}”列的单元格${columnName(error.index)}${line}`
  return error.uncomputed
    ? {
        field: column.field,
        code: 'formula-not-computed',
        message: `${cell}是公式${error.code === '' ? '' : `“${error.code}”`}，但文件里没有保存计算结果（由程序生成、未在 Excel 或 WPS 中保存过的表常见），按未知处理；请在 Excel 或 WPS 中打开并保存后重新导入，或直接填写数值`,
      }
    : {
        field: column.field,
        code: 'formula-error',
        message: `${cell}是错误值“${error.code}”（公式出错或引用失效），按未知处理，请在原表中更正`,
      }
}

/**
 * The warning for cells beyond the header row's last column: no column reads them, so what they hold would be
 * dropped without a word (a row typed one cell too far right, or cells pasted past the table). Names the cells
 * and shows the first one's text; `field` is empty because the cells belong to no field.
 */
const cellsOutsideHeader = (cells: readonly Cell[], width: number, line: number): LeadWarning | undefined => {
  const names: string[] = []
  let first: Cell | undefined
  for (let i = width; i < cells.length; i++) {
    if (isBlankCell(cells[i])) continue
    if (first === undefined) first = cells[i]
    names.push(`${columnName(i)}${line}`)
  }
  if (names.length === 0 || first === undefined) return undefined
  const shown = names.length > 3 ? `${names.slice(0, 3).join('、')}等${names.length}个单元格` : names.join('、')
  return {
    field: '',
    code: 'outside-header',
    message: `${shown}在表头最后一列之外，没有列名，内容未读取（第一个是“${showRaw(first)}”）；请把它移到对应的列，或在表头补上列名`,
  }
}

type Reader = (cell: Cell) => Parsed<unknown>

interface Column {
  readonly index: number
  readonly header: string
  readonly field: string
  /** `[group, key]` for nested fields, `[key]` for top-level ones. */
  readonly path: readonly [string] | readonly [string, string]
  readonly read: Reader
}

const readerFor = (binding: ColumnBinding, kind: FieldKind): Reader => {
  const { header, field } = binding
  switch (kind.kind) {
    case 'name':
    case 'text':
      return (cell) => parseText(cell, kind.max, header)
    case 'count': {
      const options = { events: EVENT_COUNT_FIELDS.has(field) }
      return (cell) => parseCount(cell, header, options)
    }
    case 'amount': {
      const unit = binding.unit ?? '万元'
      return (cell) => parseAmount(cell, header, unit)
    }
    case 'return':
      return (cell) => parsePromisedReturn(cell, header)
    case 'boolean':
      return (cell) => parseBoolean(cell, header)
    case 'date':
      return (cell) => parseDate(cell, header)
    case 'enum':
      return (cell) => parseEnumValue(field as EnumField, cell, header)
    case 'credit-code':
      return (cell) => parseCreditCode(cell, header)
  }
}

const compileColumns = (match: HeaderMatch): Column[] =>
  match.bindings.flatMap((binding): Column[] => {
    const kind = FIELD_KINDS.get(binding.field)
    if (!kind) return []
    const dot = binding.field.indexOf('.')
    const path: Column['path'] =
      dot < 0 ? [binding.field] : [binding.field.slice(0, dot), binding.field.slice(dot + 1)]
    return [{ index: binding.index, header: binding.header, field: binding.field, path, read: readerFor(binding, kind) }]
  })

const isBlankRow = (cells: readonly Cell[]): boolean => {
  for (const cell of cells) if (!isBlankCell(cell)) return false
  return true
}

/** People counts that are parts of the total (其中…). */
const PARTS_OF_TOTAL: ReadonlyArray<readonly [key: 'elderly' | 'vulnerable', label: string]> = [
  ['elderly', '其中60岁以上人数'],
  ['vulnerable', '其中残疾人、低收入人数'],
]

/**
 * Creates the converter for the rows under a recognised header.
 *
 * - blank row → `skipped` `blank`; footer row (`填表人：…`, `合计`) → `skipped` `footer`;
 * - no id → `rejected` `missing-id`; no subject name → `rejected` `missing-name`;
 * - an id seen on an earlier row → `rejected` `duplicate-id` naming that row;
 * - otherwise a candidate `lead`, with one warning per unreadable or doubtful value. Its values are read
 *   within the limits of core's field table, so it fits LeadSchema; the scorer validates it (once).
 */
export const createRowConverter = (match: HeaderMatch): RowConverter => {
  const columns = compileColumns(match)
  const headerOf = (field: string): string | undefined => columns.find((c) => c.field === field)?.header
  const idHeader = headerOf('id')
  const nameHeader = headerOf('subject.name')
  const totalHeader = headerOf('people.total') ?? '涉及人数'
  const idIndex = columns.find((c) => c.field === 'id')?.index
  const nameIndex = columns.find((c) => c.field === 'subject.name')?.index
  const filled = (index: number | undefined, cells: readonly Cell[]): boolean => index !== undefined && !isBlankCell(cells[index])
  /**
   * A row with both an id and a subject name is data even when a later cell mentions a signer
   * (`HX-001, 某合作社, 经查，审核人:王某…`); a row that starts with footer text (`填表人：张三, 审核人：李四`,
   * `合计`) is a footer whatever its columns hold.
   */
  const isFooter = (cells: readonly Cell[]): boolean =>
    isFooterRow(cells) && (startsAsFooter(cells) || !(filled(idIndex, cells) && filled(nameIndex, cells)))
  const returnColumn = columns.find((c) => c.field === 'money.promisedReturn')
  const promotionKind = FIELD_KINDS.get('text.promotion')
  const promotionMax = promotionKind?.kind === 'text' ? promotionKind.max : 0
  /**
   * A 承诺收益 cell that is words, not a rate (`高额返利`, `每月另付3.6万元`, `存钱返利`), is what the scheme promised:
   * the rate stays unknown (the warning says so), and the words join 宣传用语 (text.promotion), so the text rules
   * read them like any promotion. Appended after the column's own text, within the field's limit.
   */
  const keepReturnText = (cells: readonly Cell[], draft: LeadDraft): void => {
    if (returnColumn === undefined || promotionMax === 0) return
    const money = draft.groups.get('money')
    if (money !== undefined && money.promisedReturn !== undefined) return
    const cell = cells[returnColumn.index]
    if (typeof cell !== 'string') return
    const words = parseText(cell, promotionMax).value
    // Words of two characters or more with some Chinese in them: a lone 高 or a typo says nothing to a text rule.
    if (words === undefined || words.length < 2 || !/[\u4e00-\u9fff]/.test(words)) return
    const text = groupOf(draft, 'text')
    const before = typeof text.promotion === 'string' ? text.promotion : ''
    if (before.includes(words)) return
    const joined = before === '' ? words : `${before}；${words}`
    text.promotion = joined.length <= promotionMax ? joined : before === '' ? words.slice(0, promotionMax) : before
  }
  const descriptionKind = FIELD_KINDS.get('text.description')
  const descriptionMax = descriptionKind?.kind === 'text' ? descriptionKind.max : 0
  const partColumns: PartColumn[] = PARTS_OF_TOTAL.flatMap(([part]) => columns.filter((c) => c.field === `people.${part}`).map((c) => ({ part, index: c.index, header: c.header })))
  /** id → the line it was first seen on; off the V8 heap, so a million-row sheet stays small. */
  const seen = createIdRegistry()

  return (cells, line, cellErrors) => {
    if (isBlankRow(cells)) return { kind: 'skipped', line, reason: 'blank' }
    if (isFooter(cells)) return { kind: 'skipped', line, reason: 'footer' }

    const warnings: LeadWarning[] = []
    const lead: Record<string, unknown> = {}
    const groups = new Map<string, Record<string, unknown>>()
    const draft: LeadDraft = { lead, groups, warnings }
    for (const column of columns) {
      const error = cellErrors?.find((e) => e.index === column.index)
      if (error !== undefined) {
        warnings.push(formulaError(column, error, line))
        continue
      }
      const cell = cells[column.index]
      let parsed: Parsed<unknown>
      try {
        parsed = column.read(cell === undefined ? null : cell)
      } catch {
        // Parsers do not throw; this keeps a row from being lost if one ever does.
        parsed = { value: undefined, warning: { code: 'unreadable-number', message: `“${column.header}”列的值无法读取，按未知处理` } }
      }
      if (parsed.warning) warnings.push({ field: column.field, code: parsed.warning.code, message: parsed.warning.message })
      if (parsed.value === undefined) continue
      if (column.path.length === 1) {
        lead[column.path[0]] = parsed.value
      } else {
        const [group, key] = column.path
        groupOf(draft, group)[key] = parsed.value
      }
    }

    const outside = cellsOutsideHeader(cells, match.width, line)
    if (outside !== undefined) warnings.push(outside)
    keepReturnText(cells, draft)
    if (partColumns.length > 0) readPartsOfTotal(cells, partColumns, draft, totalHeader, descriptionMax)

    const id = typeof lead.id === 'string' ? lead.id : null
    const subject = groups.get('subject')
    const name = subject && typeof subject.name === 'string' ? subject.name : null
    const errors: LeadError[] = []
    if (id === null) {
      errors.push({
        code: 'missing-id',
        field: 'id',
        message: idHeader ? `缺少线索编号（“${idHeader}”列为空）` : '缺少线索编号（表中没有线索编号列）',
      })
    }
    if (name === null) {
      errors.push({
        code: 'missing-name',
        field: 'subject.name',
        message: nameHeader ? `缺少主体名称（“${nameHeader}”列为空）` : '缺少主体名称（表中没有主体名称列）',
      })
    }
    if (id !== null) {
      const first = seen.remember(id, line)
      if (first !== undefined) errors.push({ code: 'duplicate-id', field: 'id', message: `线索编号“${id}”与第${first}行重复` })
    }
    if (errors.length > 0) return { kind: 'rejected', line, id, errors, warnings }

    const people = groups.get('people')
    if (people && typeof people.total === 'number') {
      for (const [key, label] of PARTS_OF_TOTAL) {
        const part = people[key]
        if (typeof part === 'number' && part > people.total) {
          warnings.push({
            field: `people.${key}`,
            code: 'inconsistent',
            message: `“${headerOf(`people.${key}`) ?? label}”（${part}）大于“${totalHeader}”（${people.total}），请核实`,
          })
        }
      }
    }

    // A candidate lead: every value comes from a reader bounded by the field's kind (core's field table),
    // so it fits the lead schema (row-to-lead.property.test.ts checks it). The scorer is the one validator:
    // it reads the candidate as it is (no copy) and would reject, not throw, if one ever did not fit.
    return { kind: 'lead', line, lead: lead as Lead, warnings }
  }
}
