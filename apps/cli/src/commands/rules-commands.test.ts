import { cp, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { bundledRulesDir } from '../resolve-rules'
import { runCli, tempDir } from '../_test-run'

/*
 * Acceptance of issue 6 on a snapshot of the default pack (rules/): validate names all five planted
 * problems; test and check pass on the pack and fail with a readable reason after a breaking edit.
 */

type Json = Record<string, unknown>
type RuleJson = { id: string; conditions: { all?: Json[] }; examples?: { lead: Json; fires: boolean }[] }

let dir: string
let pack: string
beforeEach(async () => {
  dir = await tempDir('chufei-analyst-')
  pack = join(dir, 'rules')
  await cp(bundledRulesDir(), pack, { recursive: true })
})

const readJson = async (file: string): Promise<{ rules: RuleJson[] } & Json> => JSON.parse(await readFile(join(pack, file), 'utf8')) as { rules: RuleJson[] } & Json
const writeJson = (file: string, value: unknown) => writeFile(join(pack, file), `${JSON.stringify(value, null, 2)}\n`)

/** The first rule of a file whose top-level `all` starts with `people.total >= n`, and the n. */
const peopleStep = (file: { rules: RuleJson[] }) => {
  const rule = file.rules.find((r) => {
    const c = r.conditions.all?.[0]
    return r.conditions.all?.length === 1 && c?.fact === 'people.total' && c.operator === 'greaterThanInclusive' && r.examples?.some((e) => e.fires)
  })
  if (!rule) throw new Error('the default pack has no people.total step with a firing example')
  return rule
}

describe('chufei rules validate', () => {
  it('accepts the default pack (exit 0) with a summary line', async () => {
    const r = await runCli(['rules', 'validate', 'rules'], { cwd: dir })
    expect(r.code).toBe(0)
    expect(r.stdout.trim().split('\n').at(-1)).toMatch(/^规则包 .*rules：有效，0 个错误，\d+ 个警告$/)
  })

  it('names all five planted problems with file, line, column and pointer (exit 1)', async () => {
    // 1. A JSON syntax error: a missing comma between two rules of attention.json.
    const attention = await readFile(join(pack, 'attention.json'), 'utf8')
    const gap = attention.indexOf('},\n    {')
    expect(gap).toBeGreaterThan(0)
    await writeFile(join(pack, 'attention.json'), `${attention.slice(0, gap + 1)}${attention.slice(gap + 2)}`)
    const syntaxLine = attention.slice(0, gap + 2).split('\n').length + 1
    // 2. A misspelt fact and 3. an unknown operator, in scale.json.
    const scale = await readJson('scale.json')
    scale.rules[0]!.conditions.all![0]!.fact = 'people.totl'
    scale.rules[1]!.conditions.all![0]!.operator = 'atLeast'
    await writeJson('scale.json', scale)
    // 4. A duplicate id and 5. a regex with a lookbehind (RE2 has none), in stability.json.
    const stability = await readJson('stability.json')
    stability.rules[1]!.id = stability.rules[0]!.id
    stability.rules[2]!.conditions = { all: [{ fact: 'text.all', operator: 'matchesRegex', value: '(?<!招)标会' }] }
    await writeJson('stability.json', stability)

    const r = await runCli(['rules', 'validate', 'rules'], { cwd: dir })
    expect(r.code).toBe(1)
    const lines = r.stdout.trim().split('\n')
    const find = (re: RegExp) => lines.find((l) => re.test(l))
    expect(find(new RegExp(`^rules/attention\\.json:${syntaxLine}:\\d+ {2}错误: JSON 语法错误：此处应为逗号“,”或“]”，实际为“{”`))).toBeDefined()
    expect(find(/^rules\/scale\.json:\d+:\d+ {2}\/rules\/0\/conditions\/all\/0\/fact {2}错误: 未知的事实“people\.totl”，是否应为“people\.total”？/)).toBeDefined()
    expect(find(/^rules\/scale\.json:\d+:\d+ {2}\/rules\/1\/conditions\/all\/0\/operator {2}错误: 未知的运算符“atLeast”/)).toBeDefined()
    expect(find(new RegExp(`^rules/stability\\.json:\\d+:\\d+ {2}/rules/1/id {2}错误: 规则编号“${stability.rules[0]!.id}”重复`))).toBeDefined()
    expect(find(/^rules\/stability\.json:\d+:\d+ {2}\/rules\/2\/conditions\/all\/0\/value {2}错误: 正则表达式不能使用前后断言“\(\?<!”/)).toBeDefined()
    expect(lines.at(-1)).toMatch(/：无效，5 个错误，\d+ 个警告$/)

    const en = await runCli(['rules', 'validate', 'rules', '--lang', 'en'], { cwd: dir })
    expect(en.stdout).toContain('unknown fact "people.totl"; did you mean "people.total"?')
    expect(en.stdout.trim().split('\n').at(-1)).toMatch(/is invalid: 5 error\(s\)/)
  })

  it('reports an unreachable threshold and a rule that can never fire', async () => {
    const scale = await readJson('scale.json')
    scale.rules[0]!.conditions = { all: [{ fact: 'people.total', operator: 'greaterThanInclusive', value: 100 }, { fact: 'people.total', operator: 'lessThan', value: 50 }] }
    scale.rules[1]!.conditions = { all: [{ fact: 'derived.elderlyShare', operator: 'greaterThan', value: 60 }] }
    await writeJson('scale.json', scale)
    const r = await runCli(['rules', 'validate', 'rules'], { cwd: dir })
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/\/rules\/0\/conditions\/all {2}错误: 规则永远不会触发：people\.total >= 100/)
    expect(r.stdout).toMatch(/\/rules\/1\/conditions\/all\/0\/value {2}错误: 阈值永远达不到：“derived\.elderlyShare”是0到1之间的比例.*是否应写 0\.6/)
  })
})

describe('chufei rules test', () => {
  it('passes on the default pack', async () => {
    const r = await runCli(['rules', 'test', 'rules'], { cwd: dir })
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^规则示例 \d+ 项（失败 0），案例 \d+ 项（失败 0）：通过 \d+，失败 0$/m)
  })

  it('fails with the expectation, the lead and the trace when an edit breaks an example', async () => {
    const scale = await readJson('scale.json')
    const rule = peopleStep(scale)
    const example = rule.examples!.find((e) => e.fires)!
    const people = (example.lead.people as { total: number }).total
    rule.conditions.all![0]!.value = people + 1
    await writeJson('scale.json', scale)
    const r = await runCli(['rules', 'test', 'rules'], { cwd: dir })
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(new RegExp(`✗ rules/scale\\.json:\\d+:\\d+ {2}/rules/\\d+/examples/\\d+ {2}规则示例 “${rule.id} 示例 \\d+”`))
    expect(r.stdout).toContain(`线索：涉及人数：${people}人`)
    expect(r.stdout).toContain('是否触发：预期 触发，实际 不触发')
    expect(r.stdout).toContain(`└─ ✗ 涉及人数 ${people}人，达到 ${people + 1}人`)
    expect(r.stdout).toMatch(/失败 [1-9]\d*$/m)
  })
})

describe('chufei rules check', () => {
  it('passes on the default pack', async () => {
    const r = await runCli(['rules', 'check', 'rules'], { cwd: dir })
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/性质检查：通过 \d+ 项，失败 0 项（随机种子 20240101）/)
  })

  it('fails with a readable counterexample when an edit breaks monotonicity', async () => {
    const scale = await readJson('scale.json')
    scale.rules.push({ id: 'scale-small-scheme', name: '小规模集资', conditions: { all: [{ fact: 'people.total', operator: 'lessThan', value: 100 }] }, event: { type: 'score', params: { dimension: 'scale', points: 40 } } } as unknown as RuleJson)
    await writeJson('scale.json', scale)
    const r = await runCli(['rules', 'check', 'rules', '--runs', '200'], { cwd: dir })
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('✗ 涉及人数按倍数增加（其中老年人、困难群体同比增加）时，各维度得分、综合得分和预警等级不下降')
    expect(r.stdout).toMatch(/反例线索：.*涉及人数：\d+人/)
    expect(r.stdout).toMatch(/下降：涉众规模 \d+ → \d+/)
    expect(r.stdout).toContain('原因：不再触发 scale-small-scheme「小规模集资」（涉众规模 +40）')
  })

  it('fails with the rules involved when an edit makes tier and disposition incoherent (issue 10 class 10)', async () => {
    const dispositions = await readJson('dispositions.json')
    dispositions.rules.push({ id: 'disposition-penalty-complaints', name: '有举报投诉即行政处罚', conditions: { all: [{ fact: 'attention.complaints', operator: 'greaterThanInclusive', value: 1 }] }, event: { type: 'disposition', params: { disposition: 'penalty' } } } as unknown as RuleJson)
    await writeJson('dispositions.json', dispositions)
    const r = await runCli(['rules', 'check', 'rules'], { cwd: dir })
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('✗ 没有集资迹象（无文字、金额为0或未填、未承诺收益、未逾期）的线索，处置建议不是行政处罚或刑事打击')
    expect(r.stdout).toMatch(/反例线索：.*举报投诉次数：\d+次/)
    expect(r.stdout).toMatch(/结果：.+，综合得分 \d+，处置建议：行政处罚/)
    expect(r.stdout).toContain('涉及规则：disposition-penalty-complaints「有举报投诉即行政处罚」（建议 行政处罚）')
  })

  it('rejects a bad --runs as a usage error', async () => {
    const r = await runCli(['rules', 'check', 'rules', '--runs', 'many'], { cwd: dir })
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('--runs 应为 0 到 10000 之间的整数')
  })
})
