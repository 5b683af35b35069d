/*
 * Regenerates section 六（逐条规则）of docs/default-rules.md from the bundled rules/: every file's description,
 * shared conditions and rules, with conditions in words. Everything above the section is written by hand.
 *
 *   npx tsx scripts/default-rules-tables.mts          # rewrite the section
 *   npx tsx scripts/default-rules-tables.mts --check  # exit 1 when the section is out of date
 */
import { readFile } from 'node:fs/promises'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { DIMENSIONS, DISPOSITIONS, TIERS, factLabel, formatFactValue } from '../packages/core/src/index'
import type { RulePack } from '../packages/core/src/index'
import { loadRulePack } from '../packages/core/src/node/index'
import { datedFactDefinition } from '../packages/core/src/dated-figures'
import { writeOrCheck } from './_write-or-check.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
const target = `${root}docs/default-rules.md`
const HEADING = '## 六、逐条规则'
const FILE_ORDER = ['scale.json', 'exposure.json', 'attention.json', 'stability.json', 'patterns.json', 'escalations.json', 'dispositions.json']
const KEYWORDS_SHOWN = 12

type Node = Record<string, unknown>
const isObject = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v)

const pack: RulePack = await loadRulePack(`${root}rules`)

const labelOf = (fact: string): string => datedFactDefinition(pack.config, fact)?.zh ?? factLabel(fact)
const valueOf = (fact: string, v: unknown): string => formatFactValue(fact, v).replace(/^“|”$/g, '').replace(/^年化/, '')
const cell = (s: string): string => s.replaceAll('|', '\\|').replaceAll('\n', ' ')

const TEXT_SUBJECT: Record<string, string> = { 'text.all': '文字', 'text.description': '线索描述', 'text.promotion': '宣传用语', 'subject.name': '主体名称' }
const COMPARE: Record<string, string> = { greaterThan: '>', greaterThanInclusive: '≥', lessThan: '<', lessThanInclusive: '≤' }

const leaf = (n: Node): string => {
  const fact = String(n.fact)
  const label = labelOf(fact)
  const { operator, value } = n
  if (isObject(value) && typeof value.fact === 'string') {
    const ref = value.fact.startsWith('dated.') ? `${labelOf(value.fact)}（按排查日期取值）` : labelOf(value.fact)
    return `${label} ${COMPARE[String(operator)] ?? String(operator)} ${ref}`
  }
  switch (operator) {
    case 'mentionsAny': {
      const words = (value as string[]).map(String)
      const shown = words.slice(0, KEYWORDS_SHOWN).join('、')
      return `${TEXT_SUBJECT[fact] ?? label}提及（非否定）${shown}${words.length > KEYWORDS_SHOWN ? `等${words.length}个词` : ''}`
    }
    case 'matchesRegex':
      return `${TEXT_SUBJECT[fact] ?? label}匹配正则 \`${String(value)}\``
    case 'isKnown':
      return value === true ? `“${label}”已填写` : `“${label}”未填写`
    case 'equal':
      if (typeof value === 'boolean') return `${label}：${value ? '是' : '否'}`
      return `${label}为${valueOf(fact, value).replace(/（[a-z-]+）$/, '')}`
    case 'notEqual':
      return `${label}不为${valueOf(fact, value)}`
    case 'in':
    case 'notIn': {
      const list = (value as unknown[]).map((v) => valueOf(fact, v).replace(/（[a-z-]+）$/, '')).join('或')
      return `${label}${operator === 'in' ? '为' : '不为'}${list}`
    }
    default:
      return `${label} ${COMPARE[String(operator)] ?? String(operator)} ${valueOf(fact, value)}`
  }
}

/** A condition in words; `nested` wraps a group of several members in brackets. */
const describe = (n: unknown, nested = false): string => {
  if (!isObject(n)) return String(n)
  if (typeof n.condition === 'string') return `〔${n.condition}〕`
  if (n.not !== undefined) return `并非：${describe(n.not, true)}`
  for (const kind of ['all', 'any'] as const) {
    const list = n[kind]
    if (!Array.isArray(list)) continue
    if (list.length === 1) return describe(list[0], nested)
    const text = list.map((c) => describe(c, true)).join(kind === 'all' ? '，且' : '；或')
    return nested ? `（${text}）` : text
  }
  return leaf(n)
}

const eventText = (rule: RulePack['rules'][number]): string => {
  const e = rule.event
  switch (e.type) {
    case 'score':
      return `${DIMENSIONS[e.params.dimension].zh} ${e.params.points >= 0 ? '+' : ''}${e.params.points}`
    case 'pattern':
      return `重点行为：${pack.patterns.get(e.params.pattern)?.zh ?? e.params.pattern}（${e.params.pattern}）`
    case 'escalate':
      return `至少${TIERS[e.params.tier].zh}`
    case 'cap':
      return `至多${TIERS[e.params.tier].zh}`
    case 'disposition':
      return `处置：${DISPOSITIONS[e.params.disposition].zh}`
  }
}

/**
 * The doc as it is and as the bundled rules/ would write it: `next` replaces everything from section 六 on.
 * The test beside the rules (packages/core/test/default-rules-doc.test.ts) fails when the two differ.
 */
export const renderDefaultRulesDoc = async (): Promise<{ current: string; next: string }> => {
  const files = new Map<string, { description?: string; conditions?: Record<string, unknown> }>()
  for (const file of FILE_ORDER) files.set(file, JSON.parse(await readFile(`${root}rules/${file}`, 'utf8')))

  const lines: string[] = [HEADING, '']
  lines.push(`规则包 ${pack.name} ${pack.version}，共 ${pack.rules.length} 条规则。条件里的〔名称〕是共享条件，见各文件开头的共享条件表；关键词较多时只列出前${KEYWORDS_SHOWN}个，完整列表见 JSON 文件。规则名称里的 {usury-line}、{lpr-1y.from} 等在台账和解释中换成线索排查日期施行的数值。本节由 \`npx tsx scripts/default-rules-tables.mts\` 生成。`, '')
  for (const file of FILE_ORDER) {
    const json = files.get(file)!
    const rules = pack.rules.filter((r) => r.file === file)
    lines.push(`### ${file}（${rules.length} 条）`, '')
    if (json.description) lines.push(json.description, '')
    const shared = Object.entries(json.conditions ?? {})
    if (shared.length > 0) {
      lines.push('共享条件（全包可用 `{ "condition": "名称" }` 引用）：', '', '| 名称 | 条件 |', '|---|---|')
      for (const [name, tree] of shared) lines.push(`| \`${name}\` | ${cell(describe(tree))} |`)
      lines.push('', '规则：', '')
    }
    lines.push('| 编号 | 名称 | 条件 | 事件 | 说明与依据 |', '|---|---|---|---|---|')
    for (const r of rules) lines.push(`| \`${r.id}\` | ${cell(r.name)} | ${cell(describe(r.conditions))} | ${cell(eventText(r))} | ${cell(r.description ?? '')} |`)
    lines.push('')
  }
  const section = `${lines.join('\n').trimEnd()}\n`
  const doc = await readFile(target, 'utf8')
  const at = doc.indexOf(HEADING)
  if (at < 0) throw new Error(`${target} has no “${HEADING}” section`)
  return { current: doc, next: `${doc.slice(0, at)}${section}` }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { current, next } = await renderDefaultRulesDoc()
  await writeOrCheck({ target, name: 'docs/default-rules.md 六、逐条规则', command: 'npx tsx scripts/default-rules-tables.mts', current, next })
}
