import { factLabel } from '@chufei/core'
import type { Lang } from '../i18n'
import { dimensionName } from '../labels'
import type { RuleField } from './rule-fields'

const OPERATORS: Record<string, { zh: string; en: string }> = {
  equal: { zh: '等于', en: 'equals' },
  notEqual: { zh: '不等于', en: 'not equal to' },
  lessThan: { zh: '小于', en: 'less than' },
  lessThanInclusive: { zh: '不超过', en: 'at most' },
  greaterThan: { zh: '超过', en: 'more than' },
  greaterThanInclusive: { zh: '达到', en: 'at least' },
  mentionsAny: { zh: '提及任一关键词', en: 'mentions any of' },
  in: { zh: '属于', en: 'is one of' },
  notIn: { zh: '不属于', en: 'is none of' },
}

/** The label of a rule-form field: `涉及人数 达到（阈值）`, `文本 提及任一关键词（每行一个）`, `加分（涉众规模）`. */
export const ruleFieldLabel = (field: RuleField, lang: Lang, dimension: string | undefined): string => {
  const zh = lang === 'zh'
  switch (field.kind) {
    case 'name':
      return zh ? '规则名称' : 'Rule name'
    case 'points':
      return zh ? `加分（${dimensionName(dimension ?? '', lang)}）` : `Points (${dimensionName(dimension ?? '', lang)})`
    case 'threshold':
      return `${factLabel(field.fact, lang)} ${OPERATORS[field.operator]?.[lang] ?? field.operator}${zh ? '（阈值）' : ' (threshold)'}`
    case 'keywords':
      return `${factLabel(field.fact, lang)} ${OPERATORS[field.operator]?.[lang] ?? field.operator}${zh ? '（每行一个）' : ' (one per line)'}`
  }
}
