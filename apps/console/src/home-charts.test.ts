import { describe, expect, it } from 'vitest'
import { groupChart, MAX_BARS, openCasesChart, tierChart, trendChart, trendPeriods } from './home-charts'

describe('trendPeriods', () => {
  it('gives one period per sweep date, from the day after the previous one, the first from its quarter’s start', () => {
    expect(trendPeriods(['2024-06-30', '2024-03-31', '2024-06-30'])).toEqual([
      { from: '2024-01-01', to: '2024-03-31' },
      { from: '2024-04-01', to: '2024-06-30' },
    ])
    expect(trendPeriods(['2024-12-31', '2025-01-15'])[1]).toEqual({ from: '2025-01-01', to: '2025-01-15' })
    expect(trendPeriods([])).toEqual([])
  })

  it('keeps the latest periods only', () => {
    const dates = Array.from({ length: 10 }, (_, i) => `2024-${String(i + 1).padStart(2, '0')}-15`)
    const periods = trendPeriods(dates, 3)
    expect(periods.map((p) => p.to)).toEqual(['2024-08-15', '2024-09-15', '2024-10-15'])
    expect(periods[0]!.from).toBe('2024-07-16')
  })
})

describe('the home charts', () => {
  const group = (key: string, leads: number, keyLeads = 0) => ({ key, label: key === '' ? '' : `村${key}`, leads, keyLeads })

  it('draws leads per group split into key leads and the rest, largest first, the tail summed', () => {
    const groups = Array.from({ length: MAX_BARS + 3 }, (_, i) => group(String(i), i + 1, 1))
    const svg = groupChart('按村（社区）', groups, 'other', 'zh')
    expect(svg).toMatch(/^<svg class="chart" role="img"/)
    expect(svg).toContain('aria-label="按村（社区）"')
    expect(svg.indexOf(`村${MAX_BARS + 2}`)).toBeLessThan(svg.indexOf('村3<'))
    expect(svg).toContain('其他3项')
    expect(svg).toContain('重点线索 1')
  })

  it('escapes what the sheet wrote', () => {
    expect(groupChart('t', [{ key: 'x', label: '<script>alert(1)</script>', leads: 1, keyLeads: 0 }], 'other', 'zh')).not.toContain('<script>')
  })

  it('names tiers and sectors in English, and a group the sheet left empty', () => {
    expect(tierChart('Tiers', [group('red', 2), group('blue', 1)], 'en')).toMatch(/Red[^<]*<title>/)
    expect(groupChart('Sectors', [{ key: 'agriculture', label: '农业', leads: 1, keyLeads: 0 }, group('', 1)], 'sector', 'en')).toContain('Not given')
  })

  it('splits open cases per unit by tier with a legend of the tiers present', () => {
    const svg = openCasesChart('在办', [{ unitId: 1, unit: '芮集村', open: 3, byTier: { red: 1, blue: 2 }, overdue: 0 }], 'zh')
    expect(svg).toContain('芮集村：红色预警 1')
    expect(svg).toContain('芮集村：蓝色预警 2')
    expect(svg).not.toContain('橙色预警')
  })

  it('draws the trend per period with the five figures', () => {
    const svg = trendChart('趋势', [{ label: '2024-04-01至2024-06-30', figures: { opened: 4, escalated: 2, deEscalated: 1, resolved: 3, overdue: 5, open: 9 } }], 'zh')
    expect(svg).toContain('>4/2/1/3/5<')
    expect(svg).toContain('化解 3')
  })
})
