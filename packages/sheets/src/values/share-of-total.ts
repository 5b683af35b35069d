/*
 * Words in a 其中… column (其中60岁以上人数, 其中残疾人、低收入人数) that say what share of the people counted in
 * 涉及人数 they are: `大多数是老年人`, `多为低保户`, `全是老人`. A clerk writes them when nobody counted; an analyst
 * reads them as more than half of the total, or all of it. Only words that say so outright count: no negation
 * (`没有老人`), no number (the count reader reads those), and for the elderly no 中老年 (middle-aged and elderly
 * together do not show that people over 60 are most of them).
 */

/** The parts of 涉及人数 a sheet counts separately. */
export type PartOfTotal = 'elderly' | 'vulnerable'

/** What share of the total the words give: all of it, or more than half. */
export type Share = 'all' | 'majority'

const PART_WORDS: Readonly<Record<PartOfTotal, readonly string[]>> = {
  elderly: ['老人', '老年', '老太', '老头', '大爷', '大妈', '老大爷', '老大娘', '退休老人', '60岁以上', '六十岁以上', '高龄', '年过六旬', '花甲'],
  vulnerable: ['残疾', '低收入', '低保', '贫困户', '五保户', '特困', '困难户', '困难群众'],
}

const ALL_WORDS: readonly string[] = ['全部', '全是', '全都是', '都是', '均为', '均是', '全为', '清一色', '全系']
const MAJORITY_WORDS: readonly string[] = [
  '绝大多数', '绝大部分', '大多数', '大部分', '一多半', '多半', '多数', '过半', '半数以上', '一半以上', '多为', '大多为', '大多是', '大都是', '大都', '主要是', '基本是', '居多', '为主',
]

/** Negation and doubt: words that take the share back (`没有老人`, `不全是老人`, `未核实是否多为老人`). */
const TAKEN_BACK = /[不没无非未否疑]|可能|或许|大概|据说/

const mentions = (text: string, words: readonly string[]): boolean => words.some((w) => text.includes(w))

/** Whether an elderly word occurs only as part of 中老年 (some occurrence not preceded by 中 is enough). */
const onlyMiddleAged = (text: string): boolean => {
  for (const w of PART_WORDS.elderly) {
    for (let at = text.indexOf(w); at >= 0; at = text.indexOf(w, at + 1)) if (text[at - 1] !== '中') return false
  }
  return true
}

/** The share of the total that a 其中… cell's words state, or undefined when they do not state one plainly. */
export const readShareOfTotal = (text: string, part: PartOfTotal): Share | undefined => {
  const t = text.replace(/\s+/g, '')
  if (t.length === 0 || t.length > 60 || /[0-9０-９]/.test(t) || TAKEN_BACK.test(t)) return undefined
  if (!mentions(t, PART_WORDS[part])) return undefined
  if (part === 'elderly' && onlyMiddleAged(t)) return undefined
  if (mentions(t, ALL_WORDS)) return 'all'
  if (mentions(t, MAJORITY_WORDS)) return 'majority'
  return undefined
}

/** The count a share of `total` gives: all of it, or its lower bound past half. */
export const countOfShare = (share: Share, total: number): number => (share === 'all' ? total : Math.floor(total / 2) + 1)
