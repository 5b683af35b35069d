import { cp, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { REPO_ROOT } from './_golden'
import { runCli, tempDir } from './_test-run'

/*
 * docs/rules.md walks an analyst through the commands on the bundled pack: validate, explain, add a keyword, change a
 * threshold and back-test it, check the pack's properties. Its transcripts are what the commands print, so each one
 * marked `<!-- transcript: name -->` is run again here on a copy of rules/ changed as the page says (the recipes
 * below) and must still be what it shows. A pack change that moves a count, a hash or a line fails here, with the
 * output to paste. A line starting with “…” stands for lines left out; every other line must appear, in order.
 */

const DOC = join(REPO_ROOT, 'docs', 'rules.md')

/** Replaces `from` (which must occur exactly once) in a file of the folder. */
const edit = async (dir: string, file: string, from: string, to: string): Promise<void> => {
  const path = join(dir, file)
  const text = await readFile(path, 'utf8')
  expect(text.split(from).length - 1, `${file}: “${from}” occurs once`).toBe(1)
  await writeFile(path, text.replace(from, to))
}

/** The change of section 3: 返红包 joins the rebate words, with an example. */
const addHongbao = async (rules: string) => {
  await edit(rules, 'patterns.json', '"充值返现", "充值返利", "返充", "返卡"]', '"充值返现", "充值返利", "返充", "返卡", "返红包"]')
  await edit(rules, 'patterns.json', '      "examples": [\n        {"description": "先赚钱后消费', '      "examples": [\n        { "description": "购物返红包", "lead": { "text": { "promotion": "在本店购物即返红包，红包可提现" } }, "fires": true },\n        {"description": "先赚钱后消费')
}

/** The change of section 4: 30 people become 50 (with `andExamples`, its name and examples follow). */
const threshold50 = async (rules: string, andExamples: boolean) => {
  await edit(rules, 'scale.json', '{ "fact": "people.total", "operator": "greaterThanInclusive", "value": 30 }', '{ "fact": "people.total", "operator": "greaterThanInclusive", "value": 50 }')
  if (!andExamples) return
  await edit(rules, 'scale.json', '"name": "涉及人数达到30人"', '"name": "涉及人数达到50人"')
  await edit(rules, 'scale.json', '{ "lead": { "people": { "total": 34 } }, "fires": true },\n        { "lead": { "people": { "total": 27 } }, "fires": false }', '{ "lead": { "people": { "total": 55 } }, "fires": true },\n        { "lead": { "people": { "total": 45 } }, "fires": false }')
}

/** How each transcript's folder is made: always `rules/` (a copy of the bundled pack) and the example files. */
const RECIPES: Record<string, (dir: string) => Promise<void>> = {
  validate: async () => {},
  'validate-broken': async (dir) => {
    await cp(join(dir, 'rules'), join(dir, 'broken'), { recursive: true })
    await edit(join(dir, 'broken'), 'scale.json', '{ "fact": "people.total", "operator": "greaterThanInclusive", "value": 10 }', '{ "fact": "people.totl", "operator": "greaterThanInclusive", "value": 10 }')
    await edit(join(dir, 'broken'), 'scale.json', '"operator": "greaterThanInclusive", "value": 100 }', '"operator": "greaterThenInclusive", "value": 100 }')
    const stability = await readFile(join(dir, 'broken', 'stability.json'), 'utf8')
    await writeFile(join(dir, 'broken', 'stability.json'), stability.replace(/\n {4}\},\n {4}\{/, '\n    }\n    {'))
  },
  'hongbao-before': async () => {},
  'hongbao-after': (dir) => addHongbao(join(dir, 'rules')),
  'threshold-test': (dir) => threshold50(join(dir, 'rules'), false),
  'threshold-diff': async (dir) => {
    await cp(join(dir, 'rules'), join(dir, 'base-rules'), { recursive: true })
    await threshold50(join(dir, 'rules'), true)
  },
  check: async () => {},
  // Section 7's counterexamples: a disposition rule that contradicts the tier, and a cap written too wide.
  'check-complaints': (dir) =>
    edit(
      join(dir, 'rules'),
      'dispositions.json',
      '"rules": [\n',
      '"rules": [\n    { "id": "disposition-penalty-complaints", "name": "有举报投诉即行政处罚", "conditions": { "all": [{ "fact": "attention.complaints", "operator": "greaterThanInclusive", "value": 1 }] }, "event": { "type": "disposition", "params": { "disposition": "penalty" } } },\n',
    ),
  'check-cap': async (dir) => {
    const path = join(dir, 'rules', 'escalations.json')
    const text = await readFile(path, 'utf8')
    const at = text.indexOf('"id": "cap-no-fundraising-yellow"')
    const from = text.indexOf('"conditions": ', at)
    const to = text.indexOf('\n', from)
    expect(at >= 0 && from > at && to > from).toBe(true)
    await writeFile(path, `${text.slice(0, from)}"conditions": { "all": [{ "not": { "condition": "fundraising-conduct" } }] },${text.slice(to)}`)
  },
  explain: async () => {},
}

interface Transcript {
  readonly name: string
  readonly line: number
  readonly commands: readonly { readonly argv: string[]; readonly expected: readonly string[] }[]
}

/** The marked blocks of the page, each split at its `$ npx chufei …` lines. */
const transcripts = (doc: string): Transcript[] => {
  const out: Transcript[] = []
  const lines = doc.split('\n')
  lines.forEach((line, i) => {
    const m = /^<!-- transcript: ([\w-]+) -->$/.exec(line)
    if (!m) return
    expect(lines[i + 1], `docs/rules.md:${i + 2}: a code block follows the marker`).toBe('```')
    const body: string[] = []
    for (let k = i + 2; lines[k] !== '```'; k++) body.push(lines[k]!)
    const commands: { argv: string[]; expected: string[] }[] = []
    for (const l of body) {
      if (l.startsWith('$ npx chufei ')) commands.push({ argv: l.slice('$ npx chufei '.length).split(' '), expected: [] })
      else if (l !== '') commands.at(-1)!.expected.push(l)
    }
    out.push({ name: m[1]!, line: i + 1, commands })
  })
  return out
}

/** The expected lines not found, in order, in the output (a line starting with … is a gap). */
const missing = (expected: readonly string[], output: string): string[] => {
  const actual = output.split('\n')
  let at = 0
  const lost: string[] = []
  for (const line of expected) {
    if (line.startsWith('…')) continue
    const found = actual.indexOf(line, at)
    if (found < 0) lost.push(line)
    else at = found + 1
  }
  return lost
}

const doc = await readFile(DOC, 'utf8')

describe('docs/rules.md', () => {
  it('names the bundled pack version it was run on', async () => {
    const { version } = JSON.parse(await readFile(join(REPO_ROOT, 'rules', 'pack.json'), 'utf8')) as { version: string }
    expect(doc).toContain(`下文的命令和输出都是在默认规则包 default ${version} 和`)
  })

  it('marks its transcripts, each with a recipe', () => {
    const names = transcripts(doc).map((t) => t.name)
    expect(names.length).toBeGreaterThanOrEqual(8)
    for (const name of names) expect(Object.keys(RECIPES), name).toContain(name)
  })

  it.each(transcripts(doc).map((t) => [t.name, t] as const))('shows what the commands print: %s', async (_, t) => {
    const dir = await tempDir('chufei-doc-')
    await cp(join(REPO_ROOT, 'rules'), join(dir, 'rules'), { recursive: true })
    for (const file of ['hongbao.json', 'ad.json']) await cp(join(REPO_ROOT, 'docs', 'examples', file), join(dir, file))
    await cp(join(REPO_ROOT, 'fixtures', 'sheets', 'sweep-2024q1.csv'), join(dir, 'sweep-2024q1.csv'))
    await RECIPES[t.name]!(dir)
    for (const { argv, expected } of t.commands) {
      const { stdout, stderr } = await runCli(argv, { cwd: dir })
      const output = `${stdout}${stderr}`
      expect(missing(expected, output), `docs/rules.md:${t.line} \`chufei ${argv.join(' ')}\` now prints:\n${output}`).toEqual([])
    }
  })
})
