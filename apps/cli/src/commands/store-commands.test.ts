import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { SCHEMA_VERSION } from '@chufei/store'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli, tempDir } from '../_test-run'

/*
 * The case-store commands end to end on the embedded store (a temp CHUFEI_DATA): the README's workflow —
 * units and users, import Q1, follow up, import Q2 (the case transferred to the police resurfaces),
 * overdue, a village's token, English output, dump and restore.
 */

const fixture = (p: string) => fileURLToPath(new URL(`../../../../fixtures/${p}`, import.meta.url))

describe('case-store commands', () => {
  let env: Record<string, string>
  let villageToken: string
  let transferred: { id: number; version: number }
  const cli = (argv: string[], extra: Record<string, string> = {}) => runCli(argv, { env: { ...env, ...extra } })
  const json = async <T>(argv: string[], extra: Record<string, string> = {}): Promise<T> => {
    const out = await cli([...argv, '--json'], extra)
    expect(out.stderr, argv.join(' ')).toBe('')
    return JSON.parse(out.stdout) as T
  }

  beforeAll(async () => {
    env = { CHUFEI_DATA: join(await tempDir('chufei-store-cli-'), 'store') }
  })
  afterAll(() => undefined)

  it('adds a town, its villages and a village user with a token', async () => {
    expect(await cli(['unit', 'add', '芮集镇'])).toMatchObject({ code: 0, stdout: '已新建单位「芮集镇」（编号 1）\n' })
    for (const v of ['郑岗村', '双桥社区']) expect((await cli(['unit', 'add', v, '--town', '芮集镇'])).code).toBe(0)
    const added = await cli(['user', 'add', 'zhenggang', '--role', 'unit', '--unit', '郑岗村', '--name', '郑岗村网格员'])
    expect(added.stdout).toMatch(/^已新建用户「zhenggang」。初始密码（只显示这一次，请当面交给本人）：\S{12}\n$/)
    const token = await cli(['user', 'token', 'zhenggang'])
    expect(token.stderr).toContain('用户「zhenggang」的 API 令牌')
    villageToken = token.stdout.trim()
    expect(villageToken).toMatch(/^cft_\d+_/)
  })

  it('imports the Q1 sweep once; the same file again is refused naming the first sweep (exit 3)', async () => {
    const first = await cli(['import', fixture('sheets/sweep-2024q1.xlsx'), '--unit', '芮集镇', '--date', '2024-03-31'])
    expect(first.code).toBe(0)
    expect(first.stdout).toContain('已导入第 1 批：芮集镇，排查日期 2024-03-31，文件 sweep-2024q1.xlsx')
    expect(first.stdout).toContain('读取 64 行：评分 63，拒收 0，跳过 1；新建案件 12 件，关联已有案件 0 件，仅列入总量清单 51 条')
    const again = await cli(['import', fixture('sheets/sweep-2024q1.xlsx'), '--unit', '芮集镇', '--date', '2024-04-01'])
    expect(again.code).toBe(3)
    expect(again.stderr).toContain('sweep-2024q1.xlsx 已经导入过：与第 1 批（芮集镇，排查日期 2024-03-31')
  })

  it('follows a case up, and refuses an edit made on an old version (exit 3)', async () => {
    const [found] = await json<{ id: number; version: number; unit: string }[]>(['case', 'list', '--search', '郑岗牛羊'])
    expect(found!.unit).toBe('郑岗村')
    const updated = await cli(['case', 'update', String(found!.id), '--expect-version', String(found!.version), '--status', '已移送公安', '--notes', '已移送县公安局经侦大队'])
    expect(updated).toMatchObject({ code: 0, stdout: expect.stringContaining(`已更新案件 ${found!.id}（寿县郑岗牛羊养殖农民专业合作社），现为第 2 版：状态 已移送公安`) })
    const stale = await cli(['case', 'update', String(found!.id), '--expect-version', String(found!.version), '--notes', '晚到的修改'])
    expect(stale.code).toBe(3)
    expect(stale.stderr).toContain('你编辑的是第 1 版，现在是第 2 版')
    transferred = { id: found!.id, version: 2 }
  })

  it('imports Q2: the transferred subject resurfaces (卷土重来), naming the earlier case', async () => {
    const q2 = await cli(['import', fixture('sweeps/2024q2.csv'), '--unit', '芮集镇', '--date', '2024-06-30'])
    expect(q2.code).toBe(0)
    expect(q2.stdout).toMatch(new RegExp(`卷土重来  案件 \\d+ 寿县郑岗牛羊养殖农民专业合作社（第 \\d+ 行）：与郑岗村的案件 ${transferred.id} 寿县郑岗牛羊养殖农民专业合作社（已移送公安）统一社会信用代码相同`))
    expect(q2.stdout).toMatch(/升级  案件 \d+ /)
    const show = await cli(['case', 'show', String(transferred.id)])
    expect(show.stdout).toContain('状态 已移送公安')
    expect(show.stdout).toMatch(/修改记录：\n.*本机管理员  立案  状态：待核查；预警等级：\S+；综合得分：\d+；处置建议：\S+；整改时限：[-\d]+\n.*本机管理员  更新  状态：待核查 → 已移送公安；备注：— → 已移送县公安局经侦大队\n/)
  })

  it('lists the sweeps and writes a sweep’s risk ledger with every lead, a village getting its own rows', async () => {
    const list = await cli(['sweep', 'list'])
    expect(list.code).toBe(0)
    expect(list.stdout).toMatch(/^ +2  2024-06-30  芮集镇　*  +63 +63 +0  default@\S+ +2024q2\.csv$/m)
    expect(list.stdout).toMatch(/^ +1  2024-03-31  芮集镇　*  +64 +63 +0  default@\S+ +sweep-2024q1\.xlsx$/m)
    const dir = await tempDir('chufei-sweep-ledger-')
    const out = join(dir, '风险台账.csv')
    const written = await cli(['sweep', 'ledger', '2', '--out', out])
    expect(written).toMatchObject({ code: 0, stderr: '', stdout: `已写出第 2 批（芮集镇，排查日期 2024-06-30）的风险台账：63 条线索 → ${out}\n` })
    const csv = await readFile(out, 'utf8')
    // Every scored lead of the sweep — the 49 the import kept on the total list only among them — and the header.
    expect(csv.trim().split(/\r?\n/)).toHaveLength(64)
    const village = await json<{ rows: number; samePack: boolean }>(['sweep', 'ledger', '2', '--out', join(dir, '郑岗村.xlsx'), '--token', villageToken])
    expect(village.samePack).toBe(true)
    expect(village.rows).toBeGreaterThan(0)
    expect(village.rows).toBeLessThan(63)
    expect((await cli(['sweep', 'ledger', '2', '--out', join(dir, 'x.txt')])).code).toBe(2)
    const missing = await cli(['sweep', 'ledger', '99', '--out', join(dir, 'y.csv')])
    expect(missing.code).toBe(3)
    expect(missing.stderr).toContain('没有编号为 99 的排查批次')
  })

  it('lists overdue cases as of a date', async () => {
    const out = await cli(['overdue', '--today', '2024-06-30'])
    expect(out.code).toBe(0)
    expect(out.stdout).toMatch(/^\s+\d+  逾期 \d+ 天  待核查  /m)
    expect(out.stdout).not.toContain('已移送公安')
  })

  it('opens a case by hand for a lead of the total list, named by sweep and sheet row; not twice, and never without a reason', async () => {
    // Row 6 of the Q1 sheet: a 郑岗村 rice cooperative that scores nothing, kept on the total list only.
    const noReason = await cli(['case', 'open', '--sweep', '1', '--line', '6', '--token', villageToken])
    expect(noReason.code).toBe(2)
    expect(noReason.stderr).toContain('请用 --reason 写明立案原因')
    const opened = await cli(['case', 'open', '--sweep', '1', '--line', '6', '--reason', '村民反映该社开始吸收社员入股资金', '--deadline', '2024-07-15', '--token', villageToken])
    expect(opened.stderr).toBe('')
    expect(opened.stdout).toMatch(/^已人工立案：案件 (\d+)（寿县郑岗顺达水稻种植农民专业合作社，郑岗村），状态 待核查，整改时限 2024-07-15\n$/)
    const id = /案件 (\d+)/.exec(opened.stdout)![1]!
    const show = await cli(['case', 'show', id, '--token', villageToken])
    expect(show.stdout).toMatch(/郑岗村网格员  人工立案  .*备注：村民反映该社开始吸收社员入股资金/)
    const again = await cli(['case', 'open', '--sweep', '1', '--line', '6', '--reason', '再次', '--token', villageToken])
    expect(again.code).toBe(3)
    expect(again.stderr).toContain(`已关联案件 ${id}，无需再立案`)
    const missing = await cli(['case', 'open', '--sweep', '1', '--line', '999', '--reason', '核查'])
    expect(missing.code).toBe(3)
    expect(missing.stderr).toContain('第 1 批没有第 999 行的线索')
  })

  it('with a village token: its own cases only; another unit’s case is not found (exit 3); English on --lang en', async () => {
    const mine = await json<{ unit: string }[]>(['case', 'list', '--token', villageToken])
    expect(mine.length).toBeGreaterThan(0)
    expect(new Set(mine.map((c) => c.unit))).toEqual(new Set(['郑岗村']))
    const [other] = await json<{ id: number }[]>(['case', 'list', '--unit', '双桥社区'])
    const refused = await cli(['case', 'show', String(other!.id), '--token', villageToken])
    expect(refused.code).toBe(3)
    expect(refused.stderr).toContain(`没有编号为 ${other!.id} 的案件（或不在你的单位范围内）`)
    const en = await cli(['case', 'list', '--open', '--lang', 'en', '--token', villageToken])
    expect(en.stdout).toMatch(/\d+ cases\n$/)
    expect((await cli(['case', 'list', '--token', 'cft_1_wrongwrongwrongwrong'])).code).toBe(3)
  })

  it('dumps the store and restores it into an empty one', async () => {
    const dir = await tempDir('chufei-store-dump-')
    const dump = join(dir, 'backup.jsonl')
    expect((await cli(['db', 'dump', '--out', dump])).code).toBe(0)
    const target = { CHUFEI_DATA: join(dir, 'restored') }
    const restored = await cli(['db', 'restore', dump], target)
    expect(restored).toMatchObject({ code: 0, stdout: expect.stringContaining('已恢复：units 3 行') })
    expect(await json(['case', 'list'], target)).toEqual(await json(['case', 'list']))
    expect((await cli(['db', 'restore', dump], target)).stderr).toContain('案件库不是空的')
    expect((await cli(['db', 'migrate'], target)).stdout).toContain(`已是第 ${SCHEMA_VERSION} 版，无需迁移`)
  })
})
