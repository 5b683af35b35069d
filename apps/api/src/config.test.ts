import { describe, expect, it } from 'vitest'
import { readServerConfig, readStoreConfig, removedVariableNotices } from './config'

describe('readServerConfig', () => {
  it('has the documented defaults', () => {
    expect(readServerConfig({}, '/srv/chufei')).toEqual({
      rulesDir: '/srv/chufei/rules',
      port: 8787,
      hostname: '127.0.0.1',
      token: undefined,
      limits: { singleBytes: 1024 * 1024, batchBytes: 32 * 1024 * 1024 },
      rateLimit: { ratePerSecond: 50, burst: 100 },
      watch: true,
      shutdownTimeoutMs: 10_000,
      packPollMs: 30_000,
      batchGate: { concurrent: 2, queue: 8 },
      xlsxLimits: { partBytes: 512 * 1024 * 1024, sharedStringsBytes: 32 * 1024 * 1024 },
    })
  })

  it('reads every variable', () => {
    const config = readServerConfig(
      {
        PORT: '9000',
        HOST: '0.0.0.0',
        CHUFEI_RULES: '/etc/chufei/rules',
        CHUFEI_API_TOKEN: ' abc ',
        CHUFEI_MAX_BODY_BYTES: '2048',
        CHUFEI_MAX_BATCH_BYTES: '4096',
        CHUFEI_RATE_LIMIT: '0',
        CHUFEI_WATCH: 'off',
        CHUFEI_SHUTDOWN_TIMEOUT_MS: '500',
        CHUFEI_PACK_POLL_SECONDS: '0',
        CHUFEI_BATCH_PARSERS: '1',
        CHUFEI_BATCH_QUEUE: '0',
        CHUFEI_MAX_XLSX_PART_MB: '100',
        CHUFEI_MAX_XLSX_STRINGS_MB: '10',
      },
      '/x',
    )
    expect(config).toMatchObject({
      port: 9000,
      hostname: '0.0.0.0',
      rulesDir: '/etc/chufei/rules',
      token: 'abc',
      limits: { singleBytes: 2048, batchBytes: 4096 },
      rateLimit: false,
      watch: false,
      shutdownTimeoutMs: 500,
      packPollMs: 0,
      batchGate: { concurrent: 1, queue: 0 },
      xlsxLimits: { partBytes: 100 * 1024 * 1024, sharedStringsBytes: 10 * 1024 * 1024 },
    })
    expect(readServerConfig({ CHUFEI_RATE_LIMIT: '5', CHUFEI_RATE_BURST: '7' }, '/x').rateLimit).toEqual({ ratePerSecond: 5, burst: 7 })
  })

  it('ignores CHUFEI_BATCH_THREADS (the worker pool was removed) and says so', () => {
    expect(readServerConfig({ CHUFEI_BATCH_THREADS: '3' }, '/x')).toEqual(readServerConfig({}, '/x'))
    expect(removedVariableNotices({ CHUFEI_BATCH_THREADS: '3' })).toEqual([expect.stringContaining('CHUFEI_BATCH_THREADS is no longer used')])
    expect(removedVariableNotices({})).toEqual([])
  })

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['CHUFEI_MAX_BODY_BYTES', '-1'],
    ['CHUFEI_MAX_BODY_BYTES', '1e6'],
    ['CHUFEI_WATCH', 'maybe'],
    ['CHUFEI_BATCH_PARSERS', '0'],
    ['CHUFEI_MAX_XLSX_PART_MB', '0'],
    ['CHUFEI_MAX_XLSX_STRINGS_MB', '5000'],
  ])('rejects %s=%s naming the variable', (name, value) => {
    expect(() => readServerConfig({ [name]: value }, '/x')).toThrow(expect.objectContaining({ code: 'USAGE', message: expect.stringContaining(name) }))
  })
})

describe('readStoreConfig', () => {
  it('keeps a console session 12 hours unless CHUFEI_SESSION_HOURS says otherwise, and refuses a wrong value naming it', () => {
    expect(readStoreConfig({ CHUFEI_DATA: 'data' }, '/srv/chufei')).toMatchObject({ options: { dataDir: '/srv/chufei/data' }, sessionSeconds: 43_200 })
    expect(readStoreConfig({ CHUFEI_DATA: 'data', CHUFEI_SESSION_HOURS: '8' }, '/srv/chufei')?.sessionSeconds).toBe(28_800)
    for (const bad of ['0', '721', '1.5', 'abc']) {
      expect(() => readStoreConfig({ CHUFEI_DATA: 'data', CHUFEI_SESSION_HOURS: bad }, '/srv/chufei')).toThrow(/CHUFEI_SESSION_HOURS/)
    }
    expect(readStoreConfig({ CHUFEI_STORE: '0', CHUFEI_SESSION_HOURS: '8' }, '/srv/chufei')).toBeNull()
  })
})
