import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Actor } from './actor'
import type { OpenDb } from './db'
import { BASELINE_REASON, currentPackVersion, getPackVersion, listPackVersions, publishPackVersion, rollbackPackVersion, type PublishPack } from './pack-versions'
import { TEST_BACKENDS } from './_test-dbs'
import { seedTown, type TestTown } from './_test-store'

type Who = keyof TestTown['actors']
const ALL: Who[] = ['admin', 'town', 'villageA', 'villageB', 'readonly', 'villageReadonly', 'otherTown']

const hashOf = (c: string) => `sha256:${c.repeat(64)}`
const pack = (version: string, c: string, reason = '调整阈值'): PublishPack => ({
  name: 'default',
  version,
  hash: hashOf(c),
  files: { 'pack.json': `{"name":"default","version":"${version}"}\n`, 'scale.json': `{"rules":["${c}"]}\n` },
  reason,
})

describe.each(TEST_BACKENDS)('pack versions on $name', (backend) => {
  let db: OpenDb
  let town: TestTown
  const actor = (who: Who): Actor => town.actors[who]
  const codeOf = (p: Promise<unknown>) => p.then(() => 'ok', (e: { code?: string }) => e.code ?? String(e))
  beforeAll(async () => {
    db = await backend.open()
    town = await seedTown(db)
  })
  afterAll(() => db?.close())

  it('publishes, lists newest first, and rolls back by publishing the earlier files again as a new row', async () => {
    expect(await currentPackVersion(db, actor('town'))).toBeNull()
    const first = await publishPackVersion(db, actor('town'), { ...pack('2024.2.0+1', 'a'), replaced: { version: '2024.2.0', hash: hashOf('0') } })
    expect(first).toMatchObject({ id: 1, version: '2024.2.0+1', publishedBy: 'town', reason: '调整阈值', replaced: { version: '2024.2.0', hash: hashOf('0') }, rollbackOf: null, current: true })
    expect(first.files['scale.json']).toBe('{"rules":["a"]}\n')
    const second = await publishPackVersion(db, actor('admin'), { ...pack('2024.2.0+2', 'b', '加关键词'), replaced: { version: first.version, hash: first.hash } })
    expect(second).toMatchObject({ id: 2, publishedBy: '本机管理员', current: true })
    const back = await rollbackPackVersion(db, actor('town'), first.id, { reason: '误报太多，退回' })
    expect(back).toMatchObject({ id: 3, version: '2024.2.0+1', hash: first.hash, rollbackOf: 1, reason: '误报太多，退回', replaced: { version: '2024.2.0+2', hash: second.hash }, current: true })
    expect(back.files).toEqual(first.files)
    const history = await listPackVersions(db, actor('readonly'))
    expect(history.map((v) => [v.id, v.version, v.current])).toEqual([
      [3, '2024.2.0+1', true],
      [2, '2024.2.0+2', false],
      [1, '2024.2.0+1', false],
    ])
    expect(history[0]).not.toHaveProperty('files')
    expect((await currentPackVersion(db, actor('town')))!.id).toBe(3)
    expect((await getPackVersion(db, actor('town'), 2)).files['scale.json']).toBe('{"rules":["b"]}\n')
  })

  it('records the pack served before the first publish (the rules folder) as the first row, so the first publish can be rolled back', async () => {
    const fresh = await backend.open()
    try {
      const t = await seedTown(fresh)
      const baseline = { name: 'default', version: '2024.2.0', hash: hashOf('f'), files: { 'pack.json': '{"version":"2024.2.0"}' } }
      const first = await publishPackVersion(fresh, t.actors.town, { ...pack('2024.2.0+1', 'a'), baseline })
      expect(first).toMatchObject({ id: 2, replaced: { version: '2024.2.0', hash: hashOf('f') } })
      const [, recorded] = await listPackVersions(fresh, t.actors.town)
      expect(recorded).toMatchObject({ id: 1, version: '2024.2.0', reason: BASELINE_REASON, publishedBy: 'town', current: false })
      expect((await rollbackPackVersion(fresh, t.actors.town, 1, { reason: '退回文件夹的规则' })).files).toEqual(baseline.files)
      // Only before the first publish: later, a baseline is not recorded again.
      await publishPackVersion(fresh, t.actors.town, { ...pack('2024.2.0+2', 'b'), baseline: { ...baseline, hash: hashOf('e') } })
      expect((await listPackVersions(fresh, t.actors.town)).map((v) => v.version)).toEqual(['2024.2.0+2', '2024.2.0', '2024.2.0+1', '2024.2.0'])
    } finally {
      await fresh.close()
    }
  })

  it('refuses what would make the history ambiguous: no reason, the pack being served, a version string used for other files', async () => {
    await expect(publishPackVersion(db, actor('town'), pack('x', 'c', '   '))).rejects.toMatchObject({ code: 'USAGE', message: expect.stringContaining('发布原因') })
    await expect(publishPackVersion(db, actor('town'), pack('2024.2.0+9', 'a'))).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('完全相同') })
    await expect(publishPackVersion(db, actor('town'), pack('2024.2.0+2', 'c'))).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('版本号 2024.2.0+2') })
    await expect(rollbackPackVersion(db, actor('town'), 1, { reason: '再回滚' })).rejects.toMatchObject({ code: 'CONFLICT' })
    await expect(rollbackPackVersion(db, actor('town'), 2, { reason: '' })).rejects.toMatchObject({ code: 'USAGE' })
    await expect(rollbackPackVersion(db, actor('town'), 99, { reason: '不存在' })).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await expect(getPackVersion(db, actor('town'), 99)).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await expect(publishPackVersion(db, actor('town'), { ...pack('y', 'd'), files: {} })).rejects.toMatchObject({ code: 'USAGE' })
    expect((await listPackVersions(db, actor('town'))).length).toBe(3)
  })

  it('role matrix: town offices and the administrator publish and roll back; villages and departments do not even read', async () => {
    const publish: Record<Who, string> = { admin: 'ok', town: 'ok', otherTown: 'ok', villageA: 'FORBIDDEN', villageB: 'FORBIDDEN', readonly: 'FORBIDDEN', villageReadonly: 'FORBIDDEN' }
    const read: Record<Who, string> = { admin: 'ok', town: 'ok', otherTown: 'ok', readonly: 'ok', villageReadonly: 'ok', villageA: 'FORBIDDEN', villageB: 'FORBIDDEN' }
    let n = 0
    for (const who of ALL) {
      const before = (await listPackVersions(db, actor('admin'))).length
      n += 1
      expect(await codeOf(publishPackVersion(db, actor(who), pack(`r${n}`, String(n)))), `${who} publish`).toBe(publish[who])
      expect(await codeOf(rollbackPackVersion(db, actor(who), 2, { reason: `${who} 回滚` })), `${who} rollback`).toBe(publish[who])
      expect((await listPackVersions(db, actor('admin'))).length, `${who} rows`).toBe(before + (publish[who] === 'ok' ? 2 : 0))
      expect(await codeOf(listPackVersions(db, actor(who))), `${who} list`).toBe(read[who])
      expect(await codeOf(getPackVersion(db, actor(who), 1)), `${who} get`).toBe(read[who])
      expect(await codeOf(currentPackVersion(db, actor(who))), `${who} current`).toBe(read[who])
    }
  })
})
