import { describe, expect, it } from 'vitest'
import { scored } from './_test-records'
import { renderReportHtml } from './report-html'
import { renderReportMarkdown } from './report-markdown'
import type { ReportTrend } from './report-trend'
import { computeStats } from './stats'

const stats = computeStats([scored({ id: 'X-1', tier: 'red', total: 88, village: '郑岗村' })], { today: '2024-06-30' })
const trend: ReportTrend = {
  from: '2024-04-01',
  to: '2024-06-30',
  units: [
    { unit: '<b>郑岗村</b>', opened: 2, escalated: 1, deEscalated: 0, resolved: 1, overdue: 3, open: 7 },
    { unit: '双桥社区', opened: 1, escalated: 0, deEscalated: 2, resolved: 0, overdue: 0, open: 4 },
  ],
  total: { opened: 3, escalated: 1, deEscalated: 2, resolved: 1, overdue: 3, open: 11 },
}

describe('the report’s trend section (动态趋势)', () => {
  it('HTML: a numbered section before the overdue list with a row per unit and the total, unit names escaped', () => {
    const html = renderReportHtml({ stats, source: '案件库', trend })
    expect(html).toContain('<h2>六、动态趋势</h2>')
    expect(html).toContain('<h2>七、逾期未化解事项</h2>')
    expect(html).toContain('2024-04-01至2024-06-30：新增3件，升级1件，降级2件，化解1件，逾期3件；目前在办11件。')
    expect(html).toContain('<th>单位</th><th class="num">新增</th><th class="num">升级</th><th class="num">降级</th><th class="num">化解</th><th class="num">逾期</th><th class="num">在办</th>')
    expect(html).toContain('<td>&lt;b&gt;郑岗村&lt;/b&gt;</td><td class="num" data-trend="opened">2</td>')
    expect(html).toMatch(/<tr class="total"><td>合计<\/td><td class="num" data-trend="opened">3<\/td>.*data-trend="open">11<\/td><\/tr>/)
    expect(html).not.toContain('<b>郑岗村')
  })

  it('is left out without a trend, so the file-based report is as before', () => {
    const html = renderReportHtml({ stats, source: 'q2.csv' })
    expect(html).not.toContain('动态趋势')
    expect(html).toContain('<h2>六、逾期未化解事项</h2>')
  })

  it('Markdown: the same table', () => {
    const md = renderReportMarkdown({ stats, source: '案件库', trend })
    expect(md).toContain('## 六、动态趋势')
    expect(md).toContain('| 单位 | 新增 | 升级 | 降级 | 化解 | 逾期 | 在办 |')
    expect(md).toContain('| 双桥社区 | 1 | 0 | 2 | 0 | 0 | 4 |')
    expect(md).toContain('| 合计 | 3 | 1 | 2 | 1 | 3 | 11 |')
    expect(md).toContain('## 七、逾期未化解事项')
  })
})
