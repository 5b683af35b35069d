import { readFile, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { beforeEach, describe, expect, it } from 'vitest'
import packageJson from '../package.json'
import { LEADS, leadsJsonl, runCli, tempDir, writeTestPack, TEST_PACK, TEST_RULES } from './_test-run'

let dir: string
let leadsPath: string
beforeEach(async () => {
  dir = await tempDir()
  await writeTestPack(dir)
  leadsPath = join(dir, 'leads.jsonl')
  await writeFile(leadsPath, leadsJsonl())
})

const jsonl = (text: string) =>
  text
    .trimEnd()
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>)

describe('help and version', () => {
  it('prints the version and Chinese help, exit 0', async () => {
    const v = await runCli(['--version'])
    expect(v).toMatchObject({ code: 0, stdout: `${packageJson.version}\n` })
    const h = await runCli(['--help'])
    expect(h.code).toBe(0)
    expect(h.stdout).toContain('用法：')
    expect(h.stdout).toContain('命令：')
    expect(h.stdout).toContain('显示帮助')
    const s = await runCli(['score', '--help'])
    expect(s.code).toBe(0)
    expect(s.stdout).toContain('选项：')
    expect(s.stdout).toContain('输出格式：jsonl（默认）、json、csv、xlsx')
    // Commander's placeholders are translated too, in usage lines and the command list (they were English).
    expect(h.stdout).toContain('rules [选项] [命令]')
    const e = await runCli(['explain', '--help'])
    expect(e.stdout).toContain('用法： chufei explain [选项] <input>')
    for (const out of [h.stdout, s.stdout, e.stdout]) expect(out).not.toMatch(/\[options\]|\[command\]/)
  })

  it('speaks English with --lang en', async () => {
    const s = await runCli(['score', '--help', '--lang', 'en'])
    expect(s.stdout).toContain('Options:')
    expect(s.stdout).toContain('output format')
    expect((await runCli(['explain', '--help', '--lang', 'en'])).stdout).toContain('Usage: chufei explain [options] <input>')
  })
})

describe('usage errors exit 2 with a Chinese message', () => {
  it.each([
    [['score', 'x.csv', '--bogus'], '未知选项 --bogus'],
    [['score'], '缺少参数 <sheet>'],
    [['score', 'x.csv', '--format'], '选项 --format 缺少取值'],
    [['score', 'x.csv', '--format', 'pdf'], '选项 --format 的取值“pdf”无效，可选：jsonl、json、csv、xlsx'],
    [['score', 'x.csv', '--lang', 'fr'], '选项 --lang 的取值“fr”无效'],
    [['score', 'a.csv', 'b.csv'], '命令 score 的参数过多'],
    [['scroe', 'x.csv'], '未知命令 scroe（是否想输入 score？）'],
    [['diff', '--base', 'rules', 'x.csv'], '缺少必需的选项 --head <dir>'],
  ])('%j', async (argv, message) => {
    const r = await runCli(argv, { cwd: dir })
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(`错误：${message}`)
    expect(r.stdout).toBe('')
  })

  it('needs --out for csv and xlsx, and refuses to overwrite the input', async () => {
    expect((await runCli(['score', leadsPath, '--format', 'csv'], { cwd: dir })).stderr).toContain('csv 台账需要用 --out 指定输出文件')
    expect((await runCli(['score', leadsPath, '--format', 'xlsx'], { cwd: dir })).code).toBe(2)
    const same = await runCli(['score', leadsPath, '--out', leadsPath], { cwd: dir })
    expect(same.code).toBe(2)
    expect(await readFile(leadsPath, 'utf8')).toBe(leadsJsonl())
  })

  it('exits 2 with the help on stderr when run without arguments', async () => {
    const r = await runCli([])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('用法：')
  })

  it.each([
    [['diff', '--base', 'rules', 'x.csv'], '运行 chufei diff --help 查看用法。'],
    [['score', 'x.csv', '--format', 'pdf'], '运行 chufei score --help 查看用法。'],
    [['rules', 'check', '--runs', 'many'], '运行 chufei rules check --help 查看用法。'],
    [['scroe', 'x.csv'], '运行 chufei --help 查看用法。'],
    [['--lang', 'en', 'explain'], 'Run chufei explain --help for usage.'],
  ])('points to the help of the command that was run: %j', async (argv, hint) => {
    const r = await runCli(argv, { cwd: dir })
    expect(r.code).toBe(2)
    expect(r.stderr.trimEnd().split('\n').at(-1)).toBe(hint)
  })

  it('takes --lang before the command too (chufei --lang en score …)', async () => {
    for (const argv of [['--lang', 'en', 'score', 'nope.csv'], ['--lang=en', 'score', 'nope.csv']]) {
      const r = await runCli(argv, { cwd: dir })
      expect(r.stderr).toBe('error: sheet not found: nope.csv\n')
      expect(r.code).toBe(1)
    }
    const help = await runCli(['--lang', 'en'], { cwd: dir })
    expect(help.code).toBe(2)
    expect(help.stderr).toContain('Usage: chufei')
  })

  it('translates commander errors to English with --lang en', async () => {
    const r = await runCli(['score', 'x.csv', '--bogus', '--lang', 'en'])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('error: unknown option --bogus')
  })
})

describe('score → JSONL', () => {
  it('writes one result per row in input order to stdout, the summary to stderr', async () => {
    const r = await runCli(['score', 'leads.jsonl'], { cwd: dir })
    expect(r.code).toBe(0)
    const results = jsonl(r.stdout)
    expect(results.map((x) => x.id)).toEqual(LEADS.map((l) => l.id))
    expect(results.map((x) => x.line)).toEqual([1, 2, 3])
    expect(results[0]).toMatchObject({ status: 'scored', tier: 'red', total: 75, disposition: 'prosecute', patterns: ['livestock-custody'] })
    expect(results[1]).toMatchObject({ status: 'scored', tier: 'none', patterns: [] })
    expect(results[0]?.rulePack).toMatchObject({ name: 'cli-test', version: '1.0.0' })
    expect(results[2]).toMatchObject({ status: 'scored', tier: 'blue', total: 25 })
    expect(r.stderr).toMatch(/读取 3 行：评分 3，拒收 0，跳过 0；红色预警 1，橙色预警 0，黄色预警 0，蓝色预警 1，未达预警 1；用时 \d+\.\d 秒/)
    expect(r.stderr).toContain('输出：标准输出')
  })

  it('uses rules/ in the current folder by default, --rules otherwise', async () => {
    const other = await tempDir()
    await writeTestPack(other, TEST_RULES, { ...TEST_PACK, name: 'other-pack' })
    const r = await runCli(['score', leadsPath, '--rules', join(other, 'rules'), '--quiet'], { cwd: dir })
    expect(jsonl(r.stdout)[0]?.rulePack).toMatchObject({ name: 'other-pack' })
    expect(r.stderr).toBe('')
  })

  it('keeps rejected rows in place and counts read = scored + rejected + skipped', async () => {
    const leads = [LEADS[0], { id: 'T-9', subject: {} }, { id: 'T-1', subject: { name: '重复编号' } }, LEADS[1]]
    await writeFile(leadsPath, leadsJsonl(leads))
    const r = await runCli(['score', leadsPath], { cwd: dir })
    expect(r.code).toBe(0)
    const results = jsonl(r.stdout)
    expect(results).toHaveLength(leads.length)
    expect(results.map((x) => x.status)).toEqual(['scored', 'rejected', 'rejected', 'scored'])
    expect(results[1]).toMatchObject({ status: 'rejected', line: 2 })
    expect((results[1]?.errors as unknown[]).length).toBeGreaterThan(0)
    const m = /读取 (\d+) 行：评分 (\d+)，拒收 (\d+)，跳过 (\d+)/.exec(r.stderr)
    expect(m).not.toBeNull()
    const [read, scored, rejected, skipped] = m!.slice(1).map(Number) as [number, number, number, number]
    expect([read, scored, rejected, skipped]).toEqual([4, 2, 2, 0])

    const strict = await runCli(['score', leadsPath, '--strict'], { cwd: dir })
    expect(strict.code).toBe(1)
    expect(strict.stderr).toContain('严格模式：有 2 行被拒收')
    expect(jsonl(strict.stdout)).toHaveLength(4)
  })

  it('streams a JSON array with --format json', async () => {
    const r = await runCli(['score', leadsPath, '--format', 'json'], { cwd: dir })
    expect(r.code).toBe(0)
    const array = JSON.parse(r.stdout) as Array<{ id: string }>
    expect(array.map((x) => x.id)).toEqual(['T-1', 'T-2', 'T-3'])
  })

  it('reads standard input with "-"', async () => {
    const r = await runCli(['score', '-', '--quiet'], { cwd: dir, stdin: leadsJsonl() })
    expect(r.code).toBe(0)
    expect(jsonl(r.stdout)).toHaveLength(3)
  })

  it('shows a progress bar only on a terminal and not with --quiet', async () => {
    const tty = await runCli(['score', leadsPath, '--out', join(dir, 'a.jsonl')], { cwd: dir, isTTY: true })
    expect(tty.stderr).toMatch(/评分.*行\/秒/)
    const pipe = await runCli(['score', leadsPath, '--out', join(dir, 'b.jsonl')], { cwd: dir, isTTY: false })
    expect(pipe.stderr).not.toMatch(/行\/秒/)
    const quiet = await runCli(['score', leadsPath, '--out', join(dir, 'c.jsonl'), '--quiet'], { cwd: dir, isTTY: true })
    expect(quiet.stderr).toBe('')
  })
})

describe('could not complete: exit 1, naming the file', () => {
  it('reports a missing sheet', async () => {
    const r = await runCli(['score', 'nope.xlsx'], { cwd: dir })
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('找不到排查表文件：nope.xlsx')
  })

  it('reports an unreadable sheet with its line', async () => {
    await writeFile(join(dir, 'bad.json'), '[{"id": "A", "subject": {"name": "x"}},\n  {"id": ')
    const r = await runCli(['score', 'bad.json'], { cwd: dir })
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/bad\.json:\d+/)
  })

  it('lists every issue of an invalid rule pack with file:line:column', async () => {
    const bad = {
      rules: [
        { id: 'Bad Id', name: '坏编号', conditions: { all: [{ fact: 'people.total', operator: 'greaterThan', value: 1 }] }, event: { type: 'score', params: { dimension: 'scale', points: 1 } } },
        { id: 'no-name', conditions: { all: [{ fact: 'people.total', operator: 'greaterThan', value: 1 }] }, event: { type: 'score', params: { dimension: 'scale', points: 1 } } },
        { id: 'bad-dimension', name: '错误维度', conditions: { all: [{ fact: 'people.total', operator: 'greaterThan', value: 1 }] }, event: { type: 'score', params: { dimension: 'size', points: 1 } } },
      ],
    }
    const packDir = await tempDir()
    await writeTestPack(packDir, bad)
    const r = await runCli(['score', leadsPath, '--rules', join(packDir, 'rules')], { cwd: dir })
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('')
    const count = Number(/规则包无效，共 (\d+) 个问题/.exec(r.stderr)?.[1])
    const issueLines = r.stderr.split('\n').filter((l) => /^ {2}\S*rules\/rules\.json:\d+:\d+ {2}\/rules\//.test(l))
    expect(count).toBe(3)
    expect(issueLines).toHaveLength(3)
    expect(r.stderr).toContain('/rules/0/id')
    expect(r.stderr).toContain('/rules/1')
    expect(r.stderr).toContain('/rules/2/event/params/dimension')
  })

  it('reports a missing --rules folder', async () => {
    const r = await runCli(['score', leadsPath, '--rules', 'no-such-rules'], { cwd: dir })
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('no-such-rules')
  })
})

describe('ledgers through run()', () => {
  it('writes a CSV ledger with BOM, Chinese headers and neutralised cells', async () => {
    const r = await runCli(['score', leadsPath, '--format', 'csv', '--out', 'ledger.csv'], { cwd: dir })
    expect(r.code).toBe(0)
    expect(r.stderr).toContain('输出：ledger.csv')
    const text = await readFile(join(dir, 'ledger.csv'), 'utf8')
    expect(text.startsWith('\uFEFF线索编号,主体名称,所属村,行业,综合得分,预警等级')).toBe(true)
    expect(text).toContain('\r\nT-1,兴旺肉牛养殖专业合作社,双桥村,涉农领域,75,红色预警,100,100,0,100,牲畜托管,涉及人数达到150人（+100 涉众规模）；')
    expect(text).toContain('刑事打击（移送公安）')
    expect(text).toContain('"\'=HYPERLINK(""http://x"",""y"")"')
    expect(text).toContain("'-桥西村")
    expect(text).not.toMatch(/(^|,)=/m)
  })

  it('writes an XLSX ledger with six sheets', async () => {
    const r = await runCli(['score', leadsPath, '--format', 'xlsx', '--out', 'ledger.xlsx'], { cwd: dir })
    expect(r.code).toBe(0)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(join(dir, 'ledger.xlsx'))
    expect(wb.worksheets.map((w) => w.name)).toEqual(['风险台账', '重点线索台账', '评分依据', '问题行', '统计', '说明'])
    expect(wb.worksheets[0]!.rowCount).toBe(1 + LEADS.length)
    expect(wb.worksheets[0]!.getRow(4).getCell(2).value).toBe('\'=HYPERLINK("http://x","y")')
    expect(await readdir(dir)).toEqual(expect.not.arrayContaining([expect.stringMatching(/\.tmp$/)]))
  })
})

describe('a CSV sheet with a quote never closed', () => {
  // Line 4 opens a quote in its 描述 field that nothing closes: csv-parse, and any reader, would make the rest
  // of the file one field. The rows before it are sound; T-9 after it must not be guessed at.
  const sheet = [
    '线索编号,主体名称,所属村（社区）,涉及人数,线索描述',
    'T-1,兴旺肉牛养殖专业合作社,双桥村,420,以肉牛托管名义吸收资金',
    'T-2,某农资店,桥东村,,未发现吸收资金行为',
    'T-3,某投资咨询公司,桥西村,200,"承诺年化18%，保本保息',
    'T-9,某超市,新集村,,正常经营',
    '',
  ].join('\r\n')

  it('writes every row before it to the ledger in each format, names file, line and field, and exits 1', async () => {
    await writeFile(join(dir, 'sweep.csv'), sheet)
    for (const format of ['jsonl', 'csv', 'xlsx']) {
      await writeFile(join(dir, `old.${format}`), 'yesterday')
      const r = await runCli(['score', 'sweep.csv', '--format', format, '--out', `old.${format}`, '--quiet'], { cwd: dir })
      expect(r.code).toBe(1)
      expect(r.stderr).toMatch(/错误：\S*sweep\.csv:4:5 {2}引号没有闭合：第4行第5列以英文双引号（"）开头/)
      // Even with --quiet: the ledger holds only the rows before the error, and says so.
      expect(r.stderr).toContain(`提示：排查表没有读完：出错之前的 2 行已评分并写入 old.${format}`)
      if (format === 'jsonl') {
        expect(jsonl(await readFile(join(dir, 'old.jsonl'), 'utf8')).map((l) => [l.id, l.line])).toEqual([['T-1', 2], ['T-2', 3]])
      } else if (format === 'csv') {
        const rows = (await readFile(join(dir, 'old.csv'), 'utf8')).trimEnd().split('\r\n')
        expect(rows.slice(1).map((l) => l.split(',')[0])).toEqual(['T-1', 'T-2'])
      } else {
        const wb = new ExcelJS.Workbook()
        await wb.xlsx.readFile(join(dir, 'old.xlsx'))
        const ledger = wb.getWorksheet('风险台账')!
        expect(ledger.rowCount).toBe(3)
        expect([2, 3].map((n) => ledger.getRow(n).getCell(1).value)).toEqual(['T-1', 'T-2'])
      }
    }
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([])
  })

  it('streams the rows before it to standard output too, then the error', async () => {
    await writeFile(join(dir, 'sweep.csv'), sheet)
    const r = await runCli(['score', 'sweep.csv'], { cwd: dir })
    expect(r.code).toBe(1)
    expect(jsonl(r.stdout).map((l) => l.id)).toEqual(['T-1', 'T-2'])
    expect(r.stderr).toContain('读取 2 行：评分 2')
    expect(r.stderr.indexOf('排查表没有读完')).toBeLessThan(r.stderr.indexOf('引号没有闭合'))
  })
})

describe('atomic output', () => {
  it('a failing run leaves no file and an existing file intact', async () => {
    await writeFile(join(dir, 'bad.json'), `[${JSON.stringify(LEADS[0])},\n${JSON.stringify(LEADS[1])},\n{"id": `)
    for (const format of ['jsonl', 'csv', 'xlsx']) {
      const fresh = await runCli(['score', 'bad.json', '--format', format, '--out', `new.${format}`], { cwd: dir })
      expect(fresh.code).toBe(1)
      await writeFile(join(dir, `old.${format}`), 'yesterday')
      const old = await runCli(['score', 'bad.json', '--format', format, '--out', `old.${format}`], { cwd: dir })
      expect(old.code).toBe(1)
      expect(await readFile(join(dir, `old.${format}`), 'utf8')).toBe('yesterday')
    }
    const files = await readdir(dir)
    expect(files.filter((f) => f.startsWith('new.') || f.endsWith('.tmp'))).toEqual([])
  })

  it('an interrupted run (SIGINT) leaves no half ledger and exits 130', async () => {
    await writeFile(join(dir, 'old.csv'), 'yesterday')
    const controller = new AbortController()
    controller.abort()
    const r = await runCli(['score', leadsPath, '--format', 'csv', '--out', 'old.csv'], { cwd: dir, signal: controller.signal })
    expect(r.code).toBe(130)
    expect(r.stderr).toContain('已中断')
    expect(await readFile(join(dir, 'old.csv'), 'utf8')).toBe('yesterday')
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([])
  })
})
