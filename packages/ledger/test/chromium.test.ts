import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { renderReportHtml } from '../src/index'
import { loadBundledSweeps } from './_fixtures'

/*
 * The report as a browser shows it: headless Chromium (Debian's `chromium`, installed by .ci/run) renders
 * the real report of the bundled sweeps with the network cut off; the DOM must hold the charts, and the
 * page must not ask for anything outside the file.
 */

const findChromium = (): string | null => {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    for (const name of ['chromium', 'chromium-browser']) {
      const p = join(dir, name)
      if (dir !== '' && existsSync(p)) return p
    }
  }
  return null
}

const chromium = findChromium()

const BROWSER_TIMEOUT_MS = 300_000

const runChromium = (args: string[], profile: string): Promise<string> =>
  new Promise((resolve, reject) => {
    execFile(
      chromium!,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--hide-scrollbars',
        `--user-data-dir=${profile}`,
        // Any host name resolves to nothing: a request that tried to leave would fail, not hang.
        '--host-resolver-rules=MAP * ~NOTFOUND',
        ...args,
      ],
      { timeout: BROWSER_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024, killSignal: 'SIGKILL' },
      (error, stdout) => (error ? reject(error) : resolve(stdout)),
    )
  })

describe('the HTML report in headless Chromium', () => {
  let dir = ''
  let html = ''
  let page = ''

  beforeAll(async () => {
    // A browser test is part of the suite: without Chromium it fails and says how to get it, never skips.
    if (chromium === null) throw new Error('chromium is not on PATH: apt-get install -y chromium (.ci/run installs it)')
    dir = await mkdtemp(join(tmpdir(), 'chufei-report-'))
    const { stats, track } = await loadBundledSweeps()
    html = renderReportHtml({ stats, track, source: '2024q2.csv', previousSource: '2024q1-ledger.xlsx', organisation: '双桥镇处非办' })
    page = join(dir, 'report.html')
    await writeFile(page, html)
  })

  afterAll(async () => {
    if (dir !== '') await rm(dir, { recursive: true, force: true })
  })

  it('renders with its charts', async () => {
    const dom = await runChromium(['--dump-dom', `file://${page}`], join(dir, 'profile-dom'))
    expect(dom).toContain('非法集资风险排查总结报告')
    expect((dom.match(/<svg\b/g) ?? []).length).toBeGreaterThanOrEqual(4)
    expect((dom.match(/<rect\b/g) ?? []).length).toBeGreaterThan(10)
    expect(dom).toContain('下一步工作建议')
  }, BROWSER_TIMEOUT_MS + 10_000)

  it('draws a page (A4-sized screenshot)', async () => {
    const png = join(dir, 'report.png')
    await runChromium(['--window-size=1240,1754', `--screenshot=${png}`, `file://${page}`], join(dir, 'profile-shot'))
    const bytes = await readFile(png)
    expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG')
    // Width and height from the IHDR chunk.
    expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([1240, 1754])
    expect((await stat(png)).size).toBeGreaterThan(20_000)
  }, BROWSER_TIMEOUT_MS + 10_000)

  it('asks for nothing outside the file', () => {
    expect(html).not.toMatch(/\b(?:src|href|action|poster|srcset)\s*=\s*["']?\s*(?:https?:)?\/\//i)
    expect(html).not.toMatch(/url\(\s*["']?\s*(?:https?:)?\/\//i)
    expect(html).not.toMatch(/<(?:link|img|iframe|object|embed|video|audio|source)\b/i)
    expect(html).toContain("default-src 'none'")
  })
})
