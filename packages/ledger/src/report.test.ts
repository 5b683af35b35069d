import { describe, expect, it } from 'vitest'
import { scored } from './_test-records'
import { renderReportHtml } from './report-html'
import { renderReportMarkdown } from './report-markdown'
import { computeStats } from './stats'
import { trackLeads } from './track'

const EVIL = '<script>alert(1)</script>'
const EVIL_ATTR = '"><img src=x onerror=alert(1)>'

const records = [
  scored({ id: 'X-1', tier: 'red', total: 88, name: EVIL, village: EVIL_ATTR, sector: 'agriculture', people: 420, raised: 18_000_000, outstanding: 9_500_000, patterns: ['livestock-custody'], reasons: [`${EVIL}（+20 涉众规模）`, '逾期兑付（+30 涉稳隐患）'], disposition: 'prosecute', notes: '<b>备注</b>', deadline: '2024-03-01', status: 'pending', units: ['派出所'] }),
  scored({ id: 'X-2|**', tier: 'yellow', total: 40, name: '[链接](http://evil.example) | 某公司', village: '郑岗村', sector: 'elderly-care', disposition: 'interview' }),
  scored({ id: 'X-3', tier: 'none', village: '郑岗村' }),
]
const stats = computeStats(records, { today: '2024-06-30' })
const track = trackLeads([scored({ row: 2, id: 'X-1', tier: 'orange', notes: EVIL, status: 'in-progress' })], records, { today: '2024-06-30', rulePack: records[0]!.rulePack!, previousFile: 'q1.xlsx' })

describe('renderReportHtml', () => {
  const html = renderReportHtml({ stats, track, source: 'q2.csv', previousSource: 'q1.xlsx', organisation: EVIL })

  it('escapes every value from the sheet (no markup injected, no attribute broken out of)', () => {
    expect(html).not.toContain('<script>alert')
    expect(html).not.toContain('<img')
    expect(html).not.toContain('<b>备注')
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    // The only script element is the inert JSON data block.
    expect(html.match(/<script\b[^>]*>/g)).toEqual(['<script type="application/json" id="chufei-stats">'])
  })

  it('loads nothing: no external resource, and a CSP that forbids any', () => {
    expect(html).not.toMatch(/\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?\/\//i)
    expect(html).not.toMatch(/url\(\s*["']?(?:https?:)?\/\//i)
    expect(html).not.toMatch(/@import/i)
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`)
  })

  it('shows the stats figures and embeds exactly the stats object', () => {
    const json = /<script type="application\/json" id="chufei-stats">([^<]*)<\/script>/.exec(html)![1]!
    expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(stats)))
    expect(html).toContain('data-stat="overall.leads">3<')
    expect(html).toContain('data-stat="overall.raised.sum">1,800<')
  })

  it('has the sections of a 风险排查总结报告, charts as inline SVG, and the changes since the last sweep', () => {
    for (const h of ['总体情况', '风险分布', '预警等级与处置建议', '重点行为频次', '典型案例', '与上期相比的变化', '逾期未化解事项', '下一步工作建议']) expect(html).toContain(h)
    expect(html.match(/<svg /g)!.length).toBeGreaterThanOrEqual(3)
    expect(html).toContain('data-step="transfer"')
    expect(html).toContain('data-step="interview"')
    expect(html).toMatch(/橙色预警 → 红色预警/)
  })

  it('prints on A4', () => {
    expect(html).toContain('@page { size: A4;')
  })
})

describe('renderReportMarkdown', () => {
  const md = renderReportMarkdown({ stats, track, source: 'q2.csv' })

  it('neutralises raw HTML, table breaks and links from the sheet', () => {
    expect(md).not.toContain('<script>')
    expect(md).not.toContain('<img')
    expect(md).not.toContain('](http')
    expect(md).toContain('X-2\\|\\*\\*')
    for (const line of md.split('\n').filter((l) => l.startsWith('| X-'))) expect(line.split(/(?<!\\)\|/).length).toBe(10)
  })

  it('has the same figures as the stats', () => {
    expect(md).toContain(`| ${stats.overall.leads} | ${stats.overall.keyLeads} | 420 | 1,800 | 950 | ${stats.overdue.length} |`)
    expect(md).toMatch(/\| 郑岗村 \| 2 \| 1 \|/)
  })
})
