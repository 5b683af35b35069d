import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LOCAL_ADMIN } from './actor'
import { caseHistory, listCases } from './cases'
import type { OpenDb } from './db'
import { dumpStore, restoreStore } from './dump'
import { updateCase } from './follow-up'
import { importSweep } from './import-sweep'
import { SCHEMA_VERSION } from './migrations'
import { listPackVersions, publishPackVersion } from './pack-versions'
import { addUnit } from './units'
import { actorFromToken, issueToken } from './users'
import { TEST_BACKENDS } from './_test-dbs'
import { bundledScorer, seedTown, sheetOf, type TestTown } from './_test-store'

const collect = async (lines: AsyncIterable<string>) => {
  const out: string[] = []
  for await (const line of lines) out.push(line)
  return out
}
/** A dump without its header's time, for comparing two dumps. */
const body = (lines: string[]) => lines.slice(1)

describe.each(TEST_BACKENDS)('dump and restore on $name', (backend) => {
  let source: OpenDb
  let town: TestTown
  let token: string
  beforeAll(async () => {
    source = await backend.open()
    town = await seedTown(source)
    await importSweep(source, town.actors.town, {
      bytes: sheetOf([
        { id: 'D-1', name: '备份测试甲', village: '芮集村', people: 40, promo: '保本保息' },
        { id: 'D-2', name: '', village: '芮集村' },
      ]),
      fileName: 'dump.csv',
      unit: '芮集镇',
      date: '2024-05-01',
      scorer: await bundledScorer(),
    })
    const [c] = await listCases(source, LOCAL_ADMIN)
    await updateCase(source, town.actors.villageA, c!.id, { version: c!.version, status: '处置中', notes: '备注：含"引号"和\n换行' })
    token = (await issueToken(source, town.actors.town, { login: 'village-a' })).token
    await publishPackVersion(source, town.actors.town, { name: 'default', version: '9.9.9', hash: `sha256:${'a'.repeat(64)}`, files: { 'pack.json': '{"version": "9.9.9"}\n' }, reason: '备份测试' })
  })
  afterAll(() => source?.close())

  it('round-trips: the restored store dumps the same lines, tokens still work, and new rows get fresh ids', async () => {
    const first = await collect(dumpStore(source, LOCAL_ADMIN))
    expect(JSON.parse(first[0]!)).toMatchObject({ format: 'chufei-store-dump', schemaVersion: SCHEMA_VERSION })
    const target = await backend.open()
    try {
      const outcome = await restoreStore(target, LOCAL_ADMIN, first)
      expect(outcome.rows).toMatchObject({ units: 5, users: 6, sweeps: 1, cases: 1, leads: 2, pack_versions: 1 })
      expect(body(await collect(dumpStore(target, LOCAL_ADMIN)))).toEqual(body(first))
      expect(await actorFromToken(target, token)).toEqual(town.actors.villageA)
      const [c] = await listCases(target, town.actors.villageA)
      expect((await caseHistory(target, town.actors.villageA, c!.id)).at(-1)!.after).toMatchObject({ notes: '备注：含"引号"和\n换行' })
      // Identity sequences moved past the restored ids.
      expect((await addUnit(target, LOCAL_ADMIN, { name: '新镇', kind: 'town' })).id).toBe(6)
    } finally {
      await target.close()
    }
  })

  it('restores a dump of the release before the pack history (schema 2) and migrates it forward', async () => {
    const lines = await collect(dumpStore(source, LOCAL_ADMIN))
    const older = [JSON.stringify({ ...JSON.parse(lines[0]!), schemaVersion: 2 }), ...lines.slice(1).filter((l) => !l.startsWith('{"t":"pack_versions"'))]
    const target = await backend.open()
    try {
      const outcome = await restoreStore(target, LOCAL_ADMIN, older)
      expect(outcome).toMatchObject({ schemaVersion: 2, rows: { units: 5, leads: 2 } })
      expect(await listPackVersions(target, LOCAL_ADMIN)).toEqual([])
      const published = await publishPackVersion(target, LOCAL_ADMIN, { name: 'default', version: '1', hash: `sha256:${'b'.repeat(64)}`, files: { 'pack.json': '{}' }, reason: '恢复后发布' })
      expect(published.id).toBe(1)
    } finally {
      await target.close()
    }
  })

  it('refuses to restore over data, a damaged line (naming it), and any actor but the administrator', async () => {
    const lines = await collect(dumpStore(source, LOCAL_ADMIN))
    await expect(restoreStore(source, LOCAL_ADMIN, lines)).rejects.toMatchObject({ code: 'USAGE', message: expect.stringContaining('不是空的') })
    await expect(collect(dumpStore(source, town.actors.town))).rejects.toMatchObject({ code: 'FORBIDDEN' })
    const target = await backend.open()
    try {
      const damaged = [...lines.slice(0, 4), '{"t":"units"', ...lines.slice(4)]
      await expect(restoreStore(target, LOCAL_ADMIN, damaged)).rejects.toMatchObject({ code: 'UNREADABLE_INPUT', message: '备份文件第 5 行：不是 JSON' })
      // All or nothing: not even the tables of the failed restore are left.
      expect((await target.query(`SELECT to_regclass('units')::text AS t`)).rows).toEqual([{ t: null }])
      await expect(restoreStore(target, town.actors.town, lines)).rejects.toMatchObject({ code: 'FORBIDDEN' })
    } finally {
      await target.close()
    }
  })
})
