import { afterEach, describe, expect, it } from 'vitest'
import { makeBombXlsx } from '../../../packages/sheets/test/_hostile-xlsx'
import { PEAK_RSS_IMPORT, peakRssMiB } from '../../../packages/sheets/test/_peak-rss'
import { killChildren, listeningUrl, startBin } from './_bin'
import { BIG_LEAD, FIXTURE_RULES } from './_helpers'

// Zip bombs uploaded to the real server (a process, so its memory can be measured): four at once are
// each refused with the limit named, the server keeps answering other requests, and its peak memory
// stays under 500 MB (each bomb inflates to 1 GiB).

afterEach(killChildren)

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

describe('hostile uploads', () => {
  it('refuses 4 concurrent 1 GiB shared-string bombs, stays up and answers, peak RSS under 500 MB', async () => {
    const child = startBin({ CHUFEI_RULES: FIXTURE_RULES, CHUFEI_WATCH: '0', CHUFEI_MAX_XLSX_STRINGS_MB: '', CHUFEI_BATCH_PARSERS: '', CHUFEI_BATCH_QUEUE: '' }, [
      '--import',
      PEAK_RSS_IMPORT,
    ])
    const url = await listeningUrl(child)
    const bomb = makeBombXlsx('shared-strings', 1024)
    let settled = 0
    const uploads = Array.from({ length: 4 }, async (_, i) => {
      const form = new FormData()
      form.set('file', new Blob([new Uint8Array(bomb)], { type: XLSX }), `bomb-${i}.xlsx`)
      const res = await fetch(`${url}/v1/score/batch`, { method: 'POST', body: form })
      const body = (await res.json()) as { error: { code: string; details: Array<{ code: string; message: string }> } }
      settled++
      return { status: res.status, body }
    })
    // Other requests are answered meanwhile.
    const health = await fetch(`${url}/healthz`)
    const settledAtHealth = settled
    expect(health.status).toBe(200)
    const score = await fetch(`${url}/v1/score`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(BIG_LEAD) })
    expect(score.status).toBe(200)
    expect(((await score.json()) as { id: string }).id).toBe('SQ-001')
    for (const { status, body } of await Promise.all(uploads)) {
      expect(status).toBe(400)
      expect(body.error.code).toBe('UNREADABLE_INPUT')
      expect(body.error.details[0]).toMatchObject({ code: 'xlsx-strings-too-large' })
      expect(body.error.details[0]!.message).toContain('超过内存上限 32 MiB')
    }
    expect(settledAtHealth).toBeLessThan(4)
    expect((await fetch(`${url}/healthz`)).status).toBe(200)
    child.proc.kill('SIGTERM')
    expect(await child.exited).toBe(0)
    expect(peakRssMiB(child.stderr())).toBeLessThan(500)
  })
})
