import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Actor } from './actor'
import { caseHistory, caseLeads, escalatedCases, getCase, listCases, openCasesByUnit, overdueCases, type CaseView } from './cases'
import { updateCase } from './follow-up'
import { importSweep } from './import-sweep'
import type { OpenDb } from './db'
import { publishPackVersion } from './pack-versions'
import { getLead, leadPackFiles } from './stored-lead'
import { listSweeps, sweepLeads, sweepPackFiles } from './sweeps'
import { addUnit, findUnit, listUnits } from './units'
import { addUser, issueToken, listUsers } from './users'
import { TEST_BACKENDS } from './_test-dbs'
import { bundledScorer, seedTown, sheetOf, type TestTown } from './_test-store'

/*
 * The role matrix (角色权限): every store function with every role. A village user never reads or changes
 * another unit's leads, cases or events; read-only users change nothing; a town office stays in its town.
 */

type Who = keyof TestTown['actors']
const ALL: Who[] = ['admin', 'town', 'villageA', 'villageB', 'readonly', 'villageReadonly', 'otherTown']

describe.each(TEST_BACKENDS)('access on $name', (backend) => {
  let db: OpenDb
  let town: TestTown
  let caseA: CaseView
  let caseB: CaseView
  let caseTown: CaseView
  let sweepId: number
  const actor = (who: Who): Actor => town.actors[who]
  beforeAll(async () => {
    db = await backend.open()
    town = await seedTown(db)
    const out = await importSweep(db, town.actors.town, {
      bytes: sheetOf([
        { id: 'A-1', name: '芮集村甲合作社', village: '芮集村', people: 50, promo: '保本保息' },
        { id: 'B-1', name: '双桥社区乙工作室', village: '双桥社区', people: 50, promo: '保本保息' },
        { id: 'T-1', name: '镇上丙公司', village: '王岗村', people: 50, promo: '保本保息' },
        { id: 'B-2', name: '', village: '双桥社区' },
      ]),
      fileName: 'access.csv',
      unit: '芮集镇',
      date: '2024-01-01',
      scorer: await bundledScorer(),
    })
    sweepId = out.sweepId
    const all = await listCases(db, town.actors.admin)
    caseA = all.find((c) => c.unit === '芮集村')!
    caseB = all.find((c) => c.unit === '双桥社区')!
    caseTown = all.find((c) => c.unit === '芮集镇')!
  })
  afterAll(() => db?.close())

  const codeOf = (p: Promise<unknown>) => p.then(() => 'ok', (e: { code?: string }) => e.code ?? String(e))

  it('listCases, overdue, escalated and open-by-unit return exactly the actor’s units', async () => {
    const expected: Record<Who, string[]> = {
      admin: ['芮集村', '双桥社区', '芮集镇'],
      town: ['芮集村', '双桥社区', '芮集镇'],
      readonly: ['芮集村', '双桥社区', '芮集镇'],
      villageA: ['芮集村'],
      villageReadonly: ['芮集村'],
      villageB: ['双桥社区'],
      otherTown: [],
    }
    for (const who of ALL) {
      const units = (xs: { unit: string }[]) => [...new Set(xs.map((x) => x.unit))].sort()
      expect(units(await listCases(db, actor(who))), who).toEqual([...expected[who]].sort())
      expect(units(await overdueCases(db, actor(who), { asOf: '2030-01-01' })), who).toEqual([...expected[who]].sort())
      expect(units(await openCasesByUnit(db, actor(who), { asOf: '2030-01-01' })), who).toEqual([...expected[who]].sort())
      expect((await escalatedCases(db, actor(who))).every((c) => expected[who].includes(c.unit)), who).toBe(true)
    }
  })

  it('getCase, caseHistory and caseLeads of another unit are NOT_FOUND, never shown', async () => {
    const reads = [getCase, caseHistory, caseLeads] as const
    const can: Record<Who, CaseView[]> = {
      admin: [caseA, caseB, caseTown],
      town: [caseA, caseB, caseTown],
      readonly: [caseA, caseB, caseTown],
      villageA: [caseA],
      villageReadonly: [caseA],
      villageB: [caseB],
      otherTown: [],
    }
    for (const who of ALL) {
      for (const c of [caseA, caseB, caseTown]) {
        for (const read of reads) {
          expect(await codeOf(read(db, actor(who), c.id)), `${who} ${read.name} ${c.unit}`).toBe(can[who].includes(c) ? 'ok' : 'NOT_FOUND')
        }
      }
    }
  })

  it('updateCase: managers of the unit and the unit itself; read-only FORBIDDEN; other units NOT_FOUND', async () => {
    const expected: Record<Who, Record<'A' | 'B' | 'town', string>> = {
      admin: { A: 'ok', B: 'ok', town: 'ok' },
      town: { A: 'ok', B: 'ok', town: 'ok' },
      villageA: { A: 'ok', B: 'NOT_FOUND', town: 'NOT_FOUND' },
      villageB: { A: 'NOT_FOUND', B: 'ok', town: 'NOT_FOUND' },
      readonly: { A: 'FORBIDDEN', B: 'FORBIDDEN', town: 'FORBIDDEN' },
      villageReadonly: { A: 'FORBIDDEN', B: 'NOT_FOUND', town: 'NOT_FOUND' },
      otherTown: { A: 'NOT_FOUND', B: 'NOT_FOUND', town: 'NOT_FOUND' },
    }
    for (const who of ALL) {
      for (const [key, c] of [['A', caseA], ['B', caseB], ['town', caseTown]] as const) {
        const current = await getCase(db, town.actors.admin, c.id)
        const before = (await caseHistory(db, town.actors.admin, c.id)).length
        const code = await codeOf(updateCase(db, actor(who), c.id, { version: current.version, notes: `${who} 跟进` }))
        expect(code, `${who} updates ${key}`).toBe(expected[who][key])
        expect((await caseHistory(db, town.actors.admin, c.id)).length, `${who} ${key} events`).toBe(before + (code === 'ok' ? 1 : 0))
      }
    }
  })

  it('importSweep: only the town office and the administrator', async () => {
    // A unit outside the actor's scope is not named to them: NOT_FOUND, as for cases.
    const expected: Record<Who, string> = { admin: 'ok', town: 'ok', villageA: 'FORBIDDEN', villageB: 'NOT_FOUND', readonly: 'FORBIDDEN', villageReadonly: 'FORBIDDEN', otherTown: 'NOT_FOUND' }
    const scorer = await bundledScorer()
    for (const who of ALL) {
      const bytes = sheetOf([{ id: `I-${who}`, name: `${who} 导入测试`, village: '芮集村', people: 3 }])
      expect(await codeOf(importSweep(db, actor(who), { bytes, fileName: `${who}.csv`, unit: '芮集村', date: '2024-02-01', scorer })), who).toBe(expected[who])
    }
  })

  it('sweeps and their leads: a village sees its own rows of a town-wide sweep only', async () => {
    for (const who of ALL) {
      const visible = (await listSweeps(db, actor(who))).some((s) => s.id === sweepId)
      expect(visible, who).toBe(who !== 'otherTown')
      if (!visible) {
        expect(await codeOf(sweepLeads(db, actor(who), sweepId)), who).toBe('NOT_FOUND')
        continue
      }
      const refs = (await sweepLeads(db, actor(who), sweepId)).map((l) => l.leadRef).sort()
      // B-2 has no subject name: the reader rejects it before it is a lead, so it stays with the sweep's unit.
      const expected = who === 'villageA' || who === 'villageReadonly' ? ['A-1'] : who === 'villageB' ? ['B-1'] : ['A-1', 'B-1', 'B-2', 'T-1']
      expect(refs, who).toEqual(expected)
    }
    expect((await sweepLeads(db, actor('town'), sweepId, { rejected: true })).map((l) => [l.leadRef, l.line, l.reason !== null])).toEqual([['B-2', 5, true]])
  })

  it('one stored lead: read in full within the actor’s units, NOT_FOUND (never FORBIDDEN) outside them', async () => {
    const rows = await sweepLeads(db, actor('admin'), sweepId)
    const idOf = (ref: string) => rows.find((l) => l.leadRef === ref)!.id
    const readable: Record<Who, string[]> = {
      admin: ['A-1', 'B-1', 'T-1', 'B-2'],
      town: ['A-1', 'B-1', 'T-1', 'B-2'],
      readonly: ['A-1', 'B-1', 'T-1', 'B-2'],
      villageA: ['A-1'],
      villageReadonly: ['A-1'],
      villageB: ['B-1'],
      otherTown: [],
    }
    for (const who of ALL) {
      for (const ref of ['A-1', 'B-1', 'T-1', 'B-2']) {
        expect(await codeOf(getLead(db, actor(who), idOf(ref))), `${who} ${ref}`).toBe(readable[who].includes(ref) ? 'ok' : 'NOT_FOUND')
      }
    }
    const a1 = await getLead(db, actor('villageA'), idOf('A-1'))
    expect(a1).toMatchObject({ unit: '芮集村', leadRef: 'A-1', status: 'scored', subject: '芮集村甲合作社', caseId: caseA.id, sweep: { id: sweepId, date: '2024-01-01', fileName: 'access.csv' } })
    expect(a1.input).toMatchObject({ subject: { name: '芮集村甲合作社' } })
    expect(a1.result).toMatchObject({ status: 'scored', total: a1.total, tier: a1.tier })
    expect(a1.sweep.pack).toEqual({ name: expect.any(String), version: expect.any(String), hash: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) })
    expect(new Date(a1.sweep.importedAt).toISOString()).toBe(a1.sweep.importedAt)
    expect(rows.find((l) => l.leadRef === 'A-1')!.subject).toBe('芮集村甲合作社')
    // Search by part of a name or a lead number, within what the actor may read; % and _ are plain characters.
    expect((await sweepLeads(db, actor('town'), sweepId, { search: '合作' })).map((l) => l.leadRef)).toEqual(['A-1'])
    expect((await sweepLeads(db, actor('town'), sweepId, { search: 'T-' })).map((l) => l.leadRef)).toEqual(['T-1'])
    expect(await sweepLeads(db, actor('villageB'), sweepId, { search: '合作' })).toEqual([])
    expect(await sweepLeads(db, actor('town'), sweepId, { search: '%' })).toEqual([])
    expect(await codeOf(getLead(db, actor('admin'), 2 ** 31 - 1))).toBe('NOT_FOUND')

    // The pack that scored it: unknown to the store until a pack with its hash is published; then its files,
    // to whoever may read the lead (a village user too), and NOT_FOUND to whoever may not.
    expect(await leadPackFiles(db, actor('villageA'), a1.id)).toBeNull()
    expect(await sweepPackFiles(db, actor('villageA'), sweepId)).toBeNull()
    const files = { 'pack.json': `{"name":"default","version":"${a1.sweep.pack.version}"}\n` }
    await publishPackVersion(db, actor('town'), { name: 'default', version: a1.sweep.pack.version, hash: a1.sweep.pack.hash, files, reason: '把在用的规则包存档' })
    expect(await leadPackFiles(db, actor('villageA'), a1.id)).toEqual(files)
    expect(await codeOf(leadPackFiles(db, actor('villageB'), a1.id))).toBe('NOT_FOUND')
    expect(await sweepPackFiles(db, actor('villageB'), sweepId)).toEqual(files)
    expect(await codeOf(sweepPackFiles(db, actor('otherTown'), sweepId))).toBe('NOT_FOUND')
  })

  it('units and users: towns by the administrator, villages and users by their town office only', async () => {
    const tryUnit = (who: Who, i: number) => codeOf(addUnit(db, actor(who), { name: `新村${who}${i}`, kind: 'village', parent: town.townId }))
    // Village users cannot see the town, so it is NOT_FOUND to them; the town's read-only user sees it: FORBIDDEN.
    const unitExpected: Record<Who, string> = { admin: 'ok', town: 'ok', villageA: 'NOT_FOUND', villageB: 'NOT_FOUND', readonly: 'FORBIDDEN', villageReadonly: 'NOT_FOUND', otherTown: 'NOT_FOUND' }
    const userExpected: Record<Who, string> = { admin: 'ok', town: 'ok', villageA: 'FORBIDDEN', villageB: 'NOT_FOUND', readonly: 'FORBIDDEN', villageReadonly: 'FORBIDDEN', otherTown: 'NOT_FOUND' }
    for (const who of ALL) expect(await tryUnit(who, 1), who).toBe(unitExpected[who])
    for (const who of ALL) expect(await codeOf(addUnit(db, actor(who), { name: `${who}镇`, kind: 'town' })), who).toBe(who === 'admin' ? 'ok' : 'FORBIDDEN')
    for (const who of ALL) {
      expect(await codeOf(addUser(db, actor(who), { login: `u-${who}`, role: 'unit', unit: '芮集村' })), who).toBe(userExpected[who])
      expect(await codeOf(issueToken(db, actor(who), { login: 'village-a' })), `${who} token`).toBe(
        who === 'villageA' ? 'ok' : who === 'villageReadonly' || who === 'readonly' ? 'FORBIDDEN' : who === 'otherTown' || who === 'villageB' ? 'NOT_FOUND' : 'ok',
      )
    }
    expect((await listUnits(db, actor('villageA'))).map((u) => u.name)).toEqual(['芮集村'])
    expect(await codeOf(findUnit(db, actor('villageA'), '双桥社区'))).toBe('NOT_FOUND')
    expect((await listUsers(db, actor('villageA'))).map((u) => u.login)).toEqual(['village-a'])
    expect((await listUsers(db, actor('otherTown'))).map((u) => u.login)).toEqual(['other-town'])
  })
})
