import type { Cell } from './types'
import { groupOf, type LeadDraft } from './_lead-draft'
import { parseText } from './values/text'
import { countOfShare, readShareOfTotal, type PartOfTotal } from './values/share-of-total'

/*
 * A 其中… column (60岁以上, 残疾人、低收入) holding words instead of a count. The words are what the clerk knew about
 * who took part, and a lead must not lose them: when they state a share of 涉及人数 plainly (`大多数是老年人`) the
 * count is that share of the total, warned as approximate; otherwise (`受害人多为老人` with no total, `多为中老年人`)
 * they join 线索描述 under the column's name, so the text rules read them like the clerk's own description.
 */

/** A 其中… column of the sheet: where it is and what it is called there. */
export interface PartColumn {
  readonly part: PartOfTotal
  readonly index: number
  readonly header: string
}

/** Reads the words of each 其中… column whose count is unknown; see the file comment. */
export const readPartsOfTotal = (cells: readonly Cell[], parts: readonly PartColumn[], draft: LeadDraft, totalHeader: string, descriptionMax: number): void => {
  for (const { part, index, header } of parts) {
    const field = `people.${part}`
    const cell = cells[index]
    if (typeof cell !== 'string' || draft.groups.get('people')?.[part] !== undefined) continue
    // Only a cell the count reader could not read: a blank or a count is not words.
    const unreadable = draft.warnings.findIndex((w) => w.field === field && w.code === 'unreadable-number')
    if (unreadable < 0) continue
    const words = parseText(cell, descriptionMax).value
    if (words === undefined) continue
    const share = readShareOfTotal(words, part)
    const total = draft.groups.get('people')?.total
    if (share !== undefined && typeof total === 'number' && total >= 1) {
      const count = countOfShare(share, total)
      groupOf(draft, 'people')[part] = count
      draft.warnings[unreadable] = {
        field,
        code: 'approximate-number',
        message: `“${header}”列的值“${words}”${share === 'all' ? '表示全部' : '表示过半'}，按“${totalHeader}”${total}人${share === 'all' ? '' : '的过半'}计为${count}`,
      }
      continue
    }
    // Words of two characters or more with some Chinese in them: a lone 多 or a typo says nothing to a text rule.
    if (words.length < 2 || !/[\u4e00-\u9fff]/.test(words)) continue
    const described = draft.groups.get('text')?.description
    const before = typeof described === 'string' ? described : ''
    const note = `${header}：${words}`
    if (before.includes(words)) continue
    const joined = before === '' ? note : `${before}；${note}`
    // Past the field's limit the words stay in the warning only (the lead would no longer fit its schema).
    if (joined.length > descriptionMax) continue
    groupOf(draft, 'text').description = joined
    const w = draft.warnings[unreadable]!
    draft.warnings[unreadable] = { ...w, message: `${w.message}；这段文字已并入线索描述，供规则阅读` }
  }
}
