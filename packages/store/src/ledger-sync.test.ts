import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { caseHistory, getCase, listCases } from './cases'
import { updateCase } from './follow-up'
import { importSweep } from './import-sweep'
import type { OpenDb } from './db'
import { LEDGER_SYNC_FIELDS, ledgerRowsFromCells, ledgerSyncHeaders, type LedgerImportRow } from './ledger-sync-columns'
import { applyLedgerImport, exportCaseLedger, planLedgerImport, type LedgerSyncRow } from './ledger-sync'
import { TEST_BACKENDS } from './_test-dbs'
import { bundledScorer, OPENS_CASE, seedTown, sheetOf, type TestTown } from './_test-store'

/*
 * The ledger out and back (台账导出与回填) on the store: export, edit, preview, apply; conflicts refused and
 * never written over; a village confined to its own cases; bad cells named by row and column while the rest
 * of the sheet still previews.
 */

/** An exported ledger as the sheet reader would hand it back: header on line 1, a case a line. */
const asSheet = (rows: readonly LedgerSyncRow[], edit: (row: LedgerSyncRow) => Partial<Record<keyof LedgerSyncRow, unknown>> = () => ({})): LedgerImportRow[] =>
  ledgerRowsFromCells([
    { line: 1, cells: ledgerSyncHeaders() },
    ...rows.map((r, i) => {
      const edited = { ...r, ...edit(r) } as Record<string, unknown>
      return { line: i + 2, cells: LEDGER_SYNC_FIELDS.map((f) => (edited[f] ?? null) as string | number | null) }
    }),
  ])

describe.each(TEST_BACKENDS)('ledger out and back on $name', (backend) => {
  let db: OpenDb
  let town: TestTown
  beforeAll(async () => {
    db = await backend.open()
    town = await seedTown(db)
    await importSweep(db, town.actors.town, {
      bytes: sheetOf([
        { id: 'L-1', name: '福源养老公寓', village: '芮集村', people: 120, raisedWan: 300, promo: '预交十万元每年返利8%' },
        { id: 'L-2', name: '兴旺种养合作社', village: '芮集村', people: 20, ...OPENS_CASE },
        { id: 'L-3', name: '双桥理财工作室', village: '双桥社区', people: 60, promo: '保本保息' },
        { id: 'L-4', name: '芮集惠民超市', village: '芮集村', people: 40, promo: '消费返利' },
      ]),
      fileName: 'ledger-sync.csv',
      unit: '芮集镇',
      date: '2024-03-01',
      scorer: await bundledScorer(),
    })
  })
  afterAll(() => db?.close())

  const caseOf = async (name: string) => (await listCases(db, town.actors.admin, { search: name }))[0]!

  it('exports the cases the actor can read, by id, with case id and version; another unit is NOT_FOUND', async () => {
    const town_ = await exportCaseLedger(db, town.actors.town, { unit: '芮集镇' })
    expect(town_.map((r) => r.subject)).toEqual(['福源养老公寓', '兴旺种养合作社', '双桥理财工作室', '芮集惠民超市'])
    expect(town_.every((r) => r.version === 1 && r.status === '待核查')).toBe(true)
    const village = await exportCaseLedger(db, town.actors.villageA)
    expect(new Set(village.map((r) => r.unit))).toEqual(new Set(['芮集村']))
    await expect(exportCaseLedger(db, town.actors.villageA, { unit: '双桥社区' })).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await expect(exportCaseLedger(db, town.actors.otherTown, { unit: '芮集镇' })).rejects.toMatchObject({ code: 'NOT_FOUND' })
    expect(await exportCaseLedger(db, town.actors.otherTown)).toEqual([])
  })

  it('an unchanged ledger plans nothing', async () => {
    const plan = await planLedgerImport(db, town.actors.town, asSheet(await exportCaseLedger(db, town.actors.town)))
    expect(plan).toEqual({ changes: [], conflicts: [], errors: [], rows: 4 })
  })

  it('an edited status, measures and deadline preview as exactly those changes, and apply writes one event', async () => {
    const exported = await exportCaseLedger(db, town.actors.villageA)
    const target = exported.find((r) => r.subject === '兴旺种养合作社')!
    const sheet = asSheet(exported, (r) => (r.caseId === target.caseId ? { status: '处置中', measures: '约谈负责人', deadline: '2024-05-31' } : {}))
    const plan = await planLedgerImport(db, town.actors.villageA, sheet)
    expect(plan.conflicts).toEqual([])
    expect(plan.errors).toEqual([])
    expect(plan.changes.map(({ caseId, field, before, after }) => ({ caseId, field, before, after }))).toEqual([
      { caseId: target.caseId, field: 'status', before: '待核查', after: '处置中' },
      { caseId: target.caseId, field: 'measures', before: target.measures, after: '约谈负责人' },
      { caseId: target.caseId, field: 'deadline', before: target.deadline, after: '2024-05-31' },
    ])
    // The preview wrote nothing.
    expect((await getCase(db, town.actors.town, target.caseId)).version).toBe(1)
    const events = (await caseHistory(db, town.actors.town, target.caseId)).length
    const outcome = await applyLedgerImport(db, town.actors.villageA, plan)
    expect(outcome.conflicts).toEqual([])
    expect(outcome.updated.map((c) => [c.id, c.version, c.status, c.measures, c.deadline])).toEqual([[target.caseId, 2, '处置中', '约谈负责人', '2024-05-31']])
    const history = await caseHistory(db, town.actors.town, target.caseId)
    expect(history).toHaveLength(events + 1)
    expect(history.at(-1)).toMatchObject({ kind: 'updated', userId: town.actors.villageA.userId, after: { status: '处置中', measures: '约谈负责人', deadline: '2024-05-31' } })
    // The same sheet brought back again: the store already says so, nothing to do and no conflict.
    expect(await planLedgerImport(db, town.actors.villageA, sheet)).toMatchObject({ changes: [], conflicts: [], errors: [] })
  })

  it('a case edited in the store after the export and in the sheet is a conflict: refused, nothing overwritten', async () => {
    const exported = await exportCaseLedger(db, town.actors.town)
    const fuyuan = exported.find((r) => r.subject === '福源养老公寓')!
    const chaoshi = exported.find((r) => r.subject === '芮集惠民超市')!
    // After the export: the village changes 福源 (which the sheet also edits) and 超市 (which the sheet leaves).
    await updateCase(db, town.actors.villageA, fuyuan.caseId, { version: fuyuan.version, notes: '村里在系统里改的' })
    await updateCase(db, town.actors.villageA, chaoshi.caseId, { version: chaoshi.version, status: '处置中' })
    const plan = await planLedgerImport(db, town.actors.town, asSheet(exported, (r) => (r.caseId === fuyuan.caseId ? { notes: '镇里在表格里改的' } : {})))
    expect(plan.changes).toEqual([])
    expect(plan.errors).toEqual([])
    expect(plan.conflicts).toEqual([
      expect.objectContaining({
        caseId: fuyuan.caseId,
        exportedVersion: fuyuan.version,
        currentVersion: fuyuan.version + 1,
        edits: [{ field: 'notes', after: '镇里在表格里改的' }],
        current: expect.objectContaining({ notes: '村里在系统里改的' }),
      }),
    ])
    expect(await applyLedgerImport(db, town.actors.town, plan)).toEqual({ updated: [], conflicts: [] })
    expect((await getCase(db, town.actors.town, fuyuan.caseId)).notes).toBe('村里在系统里改的')
  })

  it('a case changed between the preview and the apply is refused as a conflict (the expected version is the exported one)', async () => {
    const exported = await exportCaseLedger(db, town.actors.town)
    const target = exported.find((r) => r.subject === '双桥理财工作室')!
    const other = exported.find((r) => r.subject === '芮集惠民超市')!
    const plan = await planLedgerImport(db, town.actors.town, asSheet(exported, (r) => (r === target || r === other ? { plan: '分批清退' } : {})))
    expect(plan.changes.map((c) => [c.caseId, c.field])).toEqual([[target.caseId, 'plan'], [other.caseId, 'plan']])
    await updateCase(db, town.actors.villageB, target.caseId, { version: target.version, plan: '村里先写的方案' })
    const outcome = await applyLedgerImport(db, town.actors.town, plan)
    // The raced case is refused; the other one is written all the same.
    expect(outcome.updated.map((c) => [c.id, c.plan])).toEqual([[other.caseId, '分批清退']])
    expect(outcome.conflicts).toEqual([expect.objectContaining({ caseId: target.caseId, exportedVersion: target.version, currentVersion: target.version + 1 })])
    expect((await getCase(db, town.actors.town, target.caseId)).plan).toBe('村里先写的方案')
  })

  it('a village cannot import another unit’s case (not found to it), a read-only user cannot import at all', async () => {
    const all = await exportCaseLedger(db, town.actors.town)
    const other = all.find((r) => r.unit === '双桥社区')!
    const own = all.find((r) => r.subject === '芮集惠民超市')!
    const sheet = asSheet([own, other], (r) => ({ notes: `${r.subject}：村里改` }))
    const plan = await planLedgerImport(db, town.actors.villageA, sheet)
    expect(plan.changes.map((c) => c.caseId)).toEqual([own.caseId])
    expect(plan.errors).toEqual([expect.objectContaining({ row: 3, column: '案件编号', message: expect.stringContaining(`没有编号为 ${other.caseId} 的案件（或不在你的单位范围内）`) })])
    // A plan forged with the other unit's change is refused by the store all the same.
    await expect(applyLedgerImport(db, town.actors.villageA, { changes: [{ ...plan.changes[0]!, caseId: other.caseId, version: other.version }] })).rejects.toMatchObject({ code: 'NOT_FOUND' })
    expect((await getCase(db, town.actors.town, other.caseId)).notes).not.toContain('村里改')
    const readonly = await planLedgerImport(db, town.actors.readonly, sheet)
    expect(readonly.changes).toEqual([])
    expect(readonly.errors.map((e) => e.row)).toEqual([2, 3])
    expect(readonly.errors[0]!.message).toContain('无权修改案件')
  })

  it('bad cells are errors naming row and column in Chinese; the other rows still preview', async () => {
    const exported = await exportCaseLedger(db, town.actors.town)
    const [a, b, c, d] = exported
    const sheet = asSheet(exported, (r) =>
      r === a ? { status: '已结束' } : r === b ? { deadline: '下周五' } : r === c ? { caseId: 'abc' } : r === d ? { notes: `${r.notes}（已回访）` } : {},
    )
    const plan = await planLedgerImport(db, town.actors.town, sheet)
    expect(plan.errors.map((e) => [e.row, e.column])).toEqual([
      [2, '状态'],
      [3, '整改时限'],
      [4, '案件编号'],
    ])
    expect(plan.errors[0]!.message).toBe('第 2 行“状态”列：“已结束”不是有效的状态，应为：待核查、处置中、已移送公安、已化解、已销号')
    expect(plan.errors[1]!.message).toBe('第 3 行“整改时限”列：“下周五”不是有效日期（请写成 2024-06-30 的形式）')
    expect(plan.changes.map((ch) => [ch.caseId, ch.field, ch.after])).toEqual([[d!.caseId, 'notes', `${d!.notes}（已回访）`]])
  })

  it('where the history cannot be replayed to the exported version, every cell that differs from the store counts as edited: a conflict, never an overwrite', async () => {
    const exported = await exportCaseLedger(db, town.actors.town)
    const target = exported.find((r) => r.subject === '芮集惠民超市')!
    await updateCase(db, town.actors.town, target.caseId, { version: target.version, measures: '系统里改的措施' })
    // The sheet leaves the case as it was exported: with a replayable history, nothing to do.
    expect((await planLedgerImport(db, town.actors.town, asSheet([target]))).conflicts).toEqual([])
    // A version the events do not explain (as a history written by another release might be).
    await db.query('UPDATE cases SET version = version + 1 WHERE id = $1', [target.caseId])
    const plan = await planLedgerImport(db, town.actors.town, asSheet([target]))
    expect(plan.changes).toEqual([])
    expect(plan.conflicts.map((c) => [c.caseId, c.edits.map((e) => e.field)])).toEqual([[target.caseId, ['measures']]])
    expect((await getCase(db, town.actors.town, target.caseId)).measures).toBe('系统里改的措施')
  })

  it('reads a sheet with a title row, reordered and English headers, an extra column, blank rows; a case given twice is an error', async () => {
    const [a] = await exportCaseLedger(db, town.actors.town)
    const rows = ledgerRowsFromCells([
      { line: 1, cells: ['芮集镇案件台账（2024年）'] },
      { line: 2, cells: ['Notes', '督办人', 'Version', '案件编号'] },
      { line: 3, cells: ['新备注', '张三', a!.version, String(a!.caseId)] },
      { line: 4, cells: [null, '', null, null] },
      { line: 5, cells: ['再一次', '李四', a!.version, a!.caseId] },
    ])
    expect(rows).toEqual([
      { line: 3, cells: { notes: '新备注', version: a!.version, caseId: String(a!.caseId) } },
      { line: 5, cells: { notes: '再一次', version: a!.version, caseId: a!.caseId } },
    ])
    const plan = await planLedgerImport(db, town.actors.town, rows)
    expect(plan.changes.map((c) => [c.caseId, c.field, c.after])).toEqual([[a!.caseId, 'notes', '新备注']])
    expect(plan.errors.map((e) => [e.row, e.column])).toEqual([[5, '案件编号']])
    expect(plan.errors[0]!.message).toContain(`案件 ${a!.caseId} 在第 3 行已出现过`)
    expect(() => ledgerRowsFromCells([{ line: 1, cells: ['主体名称', '备注'] }])).toThrow(/找不到台账的表头/)
  })

  it('exports as of a past date from the events: the state and version the case had then', async () => {
    const target = await caseOf('兴旺种养')
    // The sweep and the first follow-up happened in the spring; a later edit today.
    const history = await caseHistory(db, town.actors.town, target.id)
    await db.query(`UPDATE events SET at = '2024-04-10T02:00:00Z' WHERE case_id = $1`, [target.id])
    await db.query(`UPDATE events SET at = '2024-03-01T02:00:00Z' WHERE id = $1`, [history[0]!.id])
    const now = await getCase(db, town.actors.town, target.id)
    await updateCase(db, town.actors.town, target.id, { version: now.version, status: '已化解', notes: '已全部清退' })
    const [spring] = (await exportCaseLedger(db, town.actors.town, { asOf: '2024-04-30' })).filter((r) => r.caseId === target.id)
    expect(spring).toMatchObject({ version: now.version, status: now.status, notes: now.notes, measures: now.measures, deadline: now.deadline })
    const [march] = (await exportCaseLedger(db, town.actors.town, { asOf: '2024-03-31' })).filter((r) => r.caseId === target.id)
    expect(march).toMatchObject({ version: 1, status: '待核查' })
    expect((await exportCaseLedger(db, town.actors.town, { asOf: '2024-02-01' })).some((r) => r.caseId === target.id)).toBe(false)
    await expect(exportCaseLedger(db, town.actors.town, { asOf: '2024-13-01' })).rejects.toMatchObject({ code: 'USAGE' })
    // A sheet of the spring, edited, meets today's edit: a conflict.
    const plan = await planLedgerImport(db, town.actors.town, asSheet([spring!], () => ({ notes: '表格里的备注' })))
    expect(plan.conflicts.map((c) => [c.caseId, c.exportedVersion, c.currentVersion])).toEqual([[target.id, now.version, now.version + 1]])
  })
})
