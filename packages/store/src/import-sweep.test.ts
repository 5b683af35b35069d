import { readFile } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { caseHistory, caseLeads, getCase, listCases } from './cases'
import { updateCase } from './follow-up'
import { importSweep } from './import-sweep'
import { getLead } from './stored-lead'
import { sweepResults } from './sweep-results'
import type { OpenDb } from './db'
import { TEST_BACKENDS } from './_test-dbs'
import { bundledScorer, fixturePath, OPENS_CASE, seedTown, sheetOf, type TestTown } from './_test-store'

describe.each(TEST_BACKENDS)('importSweep on $name', (backend) => {
  let db: OpenDb
  let town: TestTown
  beforeAll(async () => {
    db = await backend.open()
    town = await seedTown(db)
  })
  afterAll(() => db?.close())

  const count = async (table: string) => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n

  it('imports the bundled Q2 sweep: every row stored, each village row in its village, rejected rows kept with line and reason', async () => {
    const bytes = await readFile(fixturePath('sweeps/2024q2.csv'))
    const scorer = await bundledScorer()
    const out = await importSweep(db, town.actors.town, { bytes, fileName: '2024q2.csv', unit: '芮集镇', date: '2024-06-30', scorer })
    expect(out.counts.read).toBe(63)
    expect(out.counts.scored + out.counts.rejected + out.counts.skipped).toBe(63)
    expect(out.pack).toMatchObject({ name: scorer.pack.name, version: scorer.pack.version, hash: scorer.pack.hash })
    // Its 14 leads of blue tier or above (each asking for a measure) open cases; the 49 monitor-only leads of
    // no tier stay on the sweep's total list (总量风险清单) only.
    expect(out).toMatchObject({ newCases: 14, linked: 0, listedOnly: 49 })
    expect(out.newCases + out.listedOnly).toBe(out.counts.scored)
    const sweep = (await db.query('SELECT rows_read, rows_scored, file_name, sweep_date FROM sweeps WHERE id = $1', [out.sweepId])).rows[0]
    expect(sweep).toEqual({ rows_read: 63, rows_scored: out.counts.scored, file_name: '2024q2.csv', sweep_date: '2024-06-30' })
    expect(await count('leads')).toBe(out.counts.scored + out.counts.rejected)
    const listed = (await db.query<{ tier: string; disposition: string; n: number }>(
      `SELECT tier, result->>'disposition' AS disposition, count(*)::int AS n FROM leads WHERE sweep_id = $1 AND status = 'scored' AND case_id IS NULL GROUP BY 1, 2`,
      [out.sweepId],
    )).rows
    expect(listed).toEqual([{ tier: 'none', disposition: 'monitor', n: 49 }])
    // 芮集村 and 双桥社区 are units of the town: their rows are theirs; other villages stay with the town.
    const byUnit = (await db.query<{ unit_id: number; n: number }>('SELECT unit_id, count(*)::int AS n FROM leads WHERE sweep_id = $1 GROUP BY unit_id', [out.sweepId])).rows
    expect(byUnit.map((r) => r.unit_id).sort()).toEqual([town.townId, town.villageA, town.villageB].sort())
    // Each case is its lead's unit's: the town holds 8, 双桥社区 6; 芮集村's 9 leads are all monitor-only.
    const casesByUnit = (await db.query<{ unit_id: number; n: number }>('SELECT unit_id, count(*)::int AS n FROM cases GROUP BY unit_id ORDER BY unit_id')).rows
    expect(casesByUnit).toEqual([
      { unit_id: town.townId, n: 8 },
      { unit_id: town.villageB, n: 6 },
    ])
    expect((await db.query('SELECT 1 FROM leads WHERE sweep_id = $1 AND unit_id = $2', [out.sweepId, town.villageA])).rows).toHaveLength(9)
    expect(await listCases(db, town.actors.villageA)).toEqual([])
    const b = await listCases(db, town.actors.villageB)
    expect(b).toHaveLength(6)
    expect(b.every((c) => c.unit === '双桥社区' && c.status === '待核查' && c.version === 1 && c.tier !== 'none')).toBe(true)
  })

  it('stores the pack once on the sweep, not in each result, and every reader gives each result its pack back', async () => {
    const q2 = (await db.query<{ id: number }>(`SELECT id FROM sweeps WHERE file_name = '2024q2.csv'`)).rows[0]!.id
    const raw = (await db.query<{ withPack: number; scored: number }>(
      `SELECT count(*) FILTER (WHERE result ? 'rulePack')::int AS "withPack", count(*)::int AS scored FROM leads WHERE sweep_id = $1 AND status = 'scored'`,
      [q2],
    )).rows[0]!
    expect(raw).toEqual({ withPack: 0, scored: 63 })
    const { pack } = await bundledScorer()
    const rulePack = { name: pack.name, version: pack.version, hash: pack.hash }
    const results = await sweepResults(db, town.actors.town, q2)
    let seen = 0
    for await (const page of results.pages()) {
      for (const stored of page) expect((stored.result as { rulePack?: unknown }).rulePack).toEqual(rulePack)
      seen += page.length
    }
    expect(seen).toBe(63)
    const [caseView] = await listCases(db, town.actors.town)
    const leads = await caseLeads(db, town.actors.town, caseView!.id)
    expect(leads.length).toBeGreaterThan(0)
    for (const lead of leads) {
      expect(lead.result.rulePack).toEqual(rulePack)
      expect((await getLead(db, town.actors.town, lead.id)).result.rulePack).toEqual(rulePack)
    }
  })

  it('refuses the same file again, naming the earlier sweep, and stores nothing', async () => {
    const bytes = await readFile(fixturePath('sweeps/2024q2.csv'))
    const before = await count('leads')
    const error = await importSweep(db, town.actors.town, { bytes, fileName: '再传一次.csv', unit: '芮集镇', date: '2024-07-01', scorer: await bundledScorer() }).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/再传一次\.csv 已经导入过：与第 \d+ 批（芮集镇，排查日期 2024-06-30，文件 2024q2\.csv/) })
    expect(await count('leads')).toBe(before)
  })

  it('keeps a rejected row with its line and reason', async () => {
    const bytes = sheetOf([
      { id: 'R-1', name: '好的主体', village: '芮集村', people: 3 },
      { id: 'R-2', name: '', village: '芮集村', people: 3 },
    ])
    const out = await importSweep(db, town.actors.town, { bytes, fileName: 'rejected.csv', unit: '芮集镇', date: '2024-07-02', scorer: await bundledScorer() })
    expect(out.counts).toMatchObject({ scored: 1, rejected: 1 })
    expect(out.rejected).toEqual([{ line: 3, leadRef: 'R-2', reason: expect.stringContaining('主体名称') }])
    const stored = (await db.query('SELECT line, status, reason, case_id FROM leads WHERE sweep_id = $1 AND status = $2', [out.sweepId, 'rejected'])).rows
    expect(stored).toEqual([{ line: 3, status: 'rejected', reason: out.rejected[0]!.reason, case_id: null }])
  })

  it('links by credit code, else name within the unit, else controller; a rising tier escalates; each score is an event', async () => {
    const scorer = await bundledScorer()
    const first = sheetOf([
      { id: 'L-1', name: '金谷农业合作社', code: '93340422MA2N0TRY9B', village: '双桥社区', people: 5, ...OPENS_CASE },
      { id: 'L-2', name: '（芮集）福寿康养服务部', village: '双桥社区', people: 4, ...OPENS_CASE },
      { id: 'L-3', name: '鑫源商贸', controller: '钱某某', village: '双桥社区', people: 4, ...OPENS_CASE },
    ])
    const one = await importSweep(db, town.actors.town, { bytes: first, fileName: 'link-1.csv', unit: '芮集镇', date: '2024-03-31', scorer })
    expect(one.newCases).toBe(3)
    const second = sheetOf([
      { id: 'L-1b', name: '金谷农业专业合作社（改名）', code: '93340422MA2N0TRY9B', village: '双桥社区', people: 600, raisedWan: 900, owedWan: 500, overdue: true, promo: '保本保息，年化收益20%' },
      { id: 'L-2b', name: '芮集 福寿康养服务部', village: '双桥社区', people: 4, ...OPENS_CASE },
      { id: 'L-3b', name: '鑫源贸易商行', controller: '钱某某', village: '双桥社区', people: 4, ...OPENS_CASE },
    ])
    const two = await importSweep(db, town.actors.town, { bytes: second, fileName: 'link-2.csv', unit: '芮集镇', date: '2024-06-30', scorer })
    expect(two).toMatchObject({ newCases: 0, linked: 3 })
    const matched = (await db.query<{ lead_ref: string; matched_by: string }>('SELECT lead_ref, matched_by FROM leads WHERE sweep_id = $1 ORDER BY line', [two.sweepId])).rows
    expect(matched).toEqual([
      { lead_ref: 'L-1b', matched_by: 'credit-code' },
      { lead_ref: 'L-2b', matched_by: 'name' },
      { lead_ref: 'L-3b', matched_by: 'controller' },
    ])
    const [rising] = two.escalations
    expect(two.escalations).toHaveLength(1)
    const escalated = await getCase(db, town.actors.town, rising!.caseId)
    expect(escalated).toMatchObject({ escalated: true, tier: rising!.to, version: 2, lastSweepId: two.sweepId, firstSweepId: one.sweepId })
    expect((await caseLeads(db, town.actors.town, escalated.id)).map((l) => l.leadRef)).toEqual(['L-1', 'L-1b'])
    const history = await caseHistory(db, town.actors.town, escalated.id)
    expect(history.map((e) => e.kind)).toEqual(['opened', 'escalated'])
    expect(history[1]).toMatchObject({ sweepId: two.sweepId, before: { tier: rising!.from }, after: { tier: rising!.to } })
  })

  it('flags a lead matching a closed case of another unit as resurfacing (卷土重来), naming the earlier case', async () => {
    const scorer = await bundledScorer()
    const q1 = await importSweep(db, town.actors.town, {
      bytes: sheetOf([{ id: 'M-1', name: '惠民养老服务中心', controller: '孙某某', village: '芮集村', people: 150, raisedWan: 20, promo: '预交养老费返利' }]),
      fileName: 'move-1.csv',
      unit: '芮集镇',
      date: '2024-03-31',
      scorer,
    })
    const [opened] = await listCases(db, town.actors.villageA, { search: '惠民养老' })
    expect(opened!.firstSweepId).toBe(q1.sweepId)
    await updateCase(db, town.actors.villageA, opened!.id, { version: opened!.version, status: '已移送公安', notes: '已移送县公安局' })
    // The same controller turns up in another village under a new name: a lead of no tier, which opens a case
    // only because its subject had one closed.
    const q2 = await importSweep(db, town.actors.town, {
      bytes: sheetOf([{ id: 'M-2', name: '康乐健康咨询服务部', controller: '孙某某', village: '双桥社区', people: 30 }]),
      fileName: 'move-2.csv',
      unit: '芮集镇',
      date: '2024-06-30',
      scorer,
    })
    expect(q2.resurfacing).toEqual([
      expect.objectContaining({ subject: '康乐健康咨询服务部', earlierCaseId: opened!.id, earlierUnit: '芮集村', earlierStatus: '已移送公安', earlierSubject: '惠民养老服务中心', matchedBy: 'controller' }),
    ])
    const resurfaced = await getCase(db, town.actors.villageB, q2.resurfacing[0]!.caseId)
    expect(resurfaced).toMatchObject({ resurfacedFrom: opened!.id, unit: '双桥社区', status: '待核查' })
    expect((await caseHistory(db, town.actors.villageB, resurfaced.id))[0]!.after).toMatchObject({ resurfacedFrom: opened!.id, matchedBy: 'controller' })
  })

  it('links a subject named twice in one sweep to the one case it opens (the second row is a rescore of it)', async () => {
    const scorer = await bundledScorer()
    const out = await importSweep(db, town.actors.town, {
      bytes: sheetOf([
        { id: 'T-1', name: '同名重复合作社', village: '芮集村', people: 4, ...OPENS_CASE },
        { id: 'T-2', name: '其他主体', village: '芮集村', people: 3, ...OPENS_CASE },
        { id: 'T-3', name: '同名重复合作社', village: '芮集村', people: 300, raisedWan: 900, owedWan: 500, overdue: true },
      ]),
      fileName: 'twice.csv',
      unit: '芮集镇',
      date: '2024-08-31',
      scorer,
    })
    expect(out).toMatchObject({ newCases: 2, linked: 0 })
    const leads = (await db.query<{ lead_ref: string; case_id: number; matched_by: string }>('SELECT lead_ref, case_id, matched_by FROM leads WHERE sweep_id = $1 ORDER BY line', [out.sweepId])).rows
    expect(leads.map((l) => [l.lead_ref, l.matched_by])).toEqual([['T-1', 'new'], ['T-2', 'new'], ['T-3', 'name']])
    expect(leads[2]!.case_id).toBe(leads[0]!.case_id)
    const history = await caseHistory(db, town.actors.town, leads[0]!.case_id)
    expect(history.map((e) => [e.kind, (e.after as { leadRef: string }).leadRef])).toEqual([['opened', 'T-1'], ['escalated', 'T-3']])
    // A new case is not "escalated" by its own sweep: the flag is for a rise since an earlier sweep.
    expect(await getCase(db, town.actors.town, leads[0]!.case_id)).toMatchObject({ tier: (await caseLeads(db, town.actors.town, leads[0]!.case_id))[1]!.tier, escalated: false, version: 1 })
  })

  it('keeps the later score of a subject named again in a later batch of the same sweep (the case stays version 1)', async () => {
    const filler = Array.from({ length: 1100 }, (_, i) => ({ id: `F-${i}`, name: `批次填充主体${i}号`, village: '双桥社区', people: 2, ...OPENS_CASE }))
    const out = await importSweep(db, town.actors.town, {
      bytes: sheetOf([{ id: 'B-1', name: '跨批次主体', village: '双桥社区', people: 3, ...OPENS_CASE }, ...filler, { id: 'B-2', name: '跨批次主体', village: '双桥社区', people: 500, raisedWan: 3000, owedWan: 2000, overdue: true }]),
      fileName: 'two-batches.csv',
      unit: '芮集镇',
      date: '2024-09-30',
      scorer: await bundledScorer(),
    })
    expect(out.newCases).toBe(1101)
    const leads = (await db.query<{ case_id: number; tier: string; total: number }>(`SELECT case_id, tier, total FROM leads WHERE sweep_id = $1 AND lead_ref LIKE 'B-%' ORDER BY line`, [out.sweepId])).rows
    expect(leads[1]!.case_id).toBe(leads[0]!.case_id)
    expect(leads[1]!.total).toBeGreaterThan(leads[0]!.total)
    expect(await getCase(db, town.actors.town, leads[0]!.case_id)).toMatchObject({ tier: leads[1]!.tier, total: leads[1]!.total, version: 1, escalated: false })
  })

  it('counts a sweep as one version of an earlier case however many batches name it, as the event replay does', async () => {
    const scorer = await bundledScorer()
    const first = await importSweep(db, town.actors.town, {
      bytes: sheetOf([{ id: 'V-1', name: '多批次老主体', village: '芮集村', people: 3, ...OPENS_CASE }]),
      fileName: 'versions-1.csv',
      unit: '芮集镇',
      date: '2024-10-31',
      scorer,
    })
    const filler = Array.from({ length: 1100 }, (_, i) => ({ id: `G-${i}`, name: `版本填充主体${i}号`, village: '芮集村', people: 2 }))
    await importSweep(db, town.actors.town, {
      bytes: sheetOf([{ id: 'V-2', name: '多批次老主体', village: '芮集村', people: 3, ...OPENS_CASE }, ...filler, { id: 'V-3', name: '多批次老主体', village: '芮集村', people: 4, ...OPENS_CASE }]),
      fileName: 'versions-2.csv',
      unit: '芮集镇',
      date: '2024-11-30',
      scorer,
    })
    const caseId = (await db.query<{ case_id: number }>(`SELECT case_id FROM leads WHERE sweep_id = $1`, [first.sweepId])).rows[0]!.case_id
    expect((await getCase(db, town.actors.town, caseId)).version).toBe(2)
    expect((await caseHistory(db, town.actors.town, caseId)).map((e) => e.kind)).toEqual(['opened', 'rescored', 'rescored'])
  })

  it('stores nothing when the sheet cannot be read', async () => {
    const before = await count('sweeps')
    const bytes = new TextEncoder().encode('PK\u0003\u0004 not really a workbook')
    await expect(importSweep(db, town.actors.town, { bytes, fileName: 'broken.xlsx', unit: '芮集镇', date: '2024-06-30', scorer: await bundledScorer() })).rejects.toMatchObject({
      code: 'UNREADABLE_INPUT',
    })
    expect(await count('sweeps')).toBe(before)
  })
})
