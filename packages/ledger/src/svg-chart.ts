import { escapeHtml } from './escape'

/*
 * Charts as inline SVG: no script, no font or image fetched, prints crisply on A4. Horizontal bars with
 * the label on the left and the figure on the right; a bar may be split into coloured segments.
 */

export interface BarSegment {
  readonly value: number
  readonly color: string
  /** Shown in the tooltip (<title>). */
  readonly name: string
}

export interface Bar {
  readonly label: string
  readonly segments: readonly BarSegment[]
  /** The figure printed after the bar; defaults to the sum of the segments. */
  readonly text?: string
}

export interface BarChartOptions {
  readonly title: string
  readonly width?: number
  /** Bars beyond this are summed into one "其他" bar by the caller; the chart draws what it is given. */
  readonly legend?: ReadonlyArray<{ name: string; color: string }>
}

const ROW = 22
const LABEL_WIDTH = 150
const VALUE_WIDTH = 70
const TOP = 8

/** A label cut to fit the label column (CJK counts double). */
const fit = (label: string, max: number): string => {
  let width = 0
  let out = ''
  for (const ch of label) {
    width += /[\u0000-\u00ff]/.test(ch) ? 1 : 2
    if (width > max) return `${out}…`
    out += ch
  }
  return out
}

/** An accessible horizontal bar chart as an <svg> string. */
export const barChartSvg = (bars: readonly Bar[], options: BarChartOptions): string => {
  const width = options.width ?? 640
  const legendHeight = options.legend && options.legend.length > 0 ? 24 : 0
  const height = TOP + bars.length * ROW + legendHeight + 6
  const plot = width - LABEL_WIDTH - VALUE_WIDTH
  const max = Math.max(1, ...bars.map((b) => b.segments.reduce((s, x) => s + x.value, 0)))
  const parts: string[] = [
    `<svg class="chart" role="img" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" aria-label="${escapeHtml(options.title)}">`,
    `<title>${escapeHtml(options.title)}</title>`,
  ]
  bars.forEach((bar, i) => {
    const y = TOP + i * ROW
    const total = bar.segments.reduce((s, x) => s + x.value, 0)
    parts.push(`<text x="${LABEL_WIDTH - 8}" y="${y + 15}" text-anchor="end" class="chart-label">${escapeHtml(fit(bar.label, 20))}<title>${escapeHtml(bar.label)}</title></text>`)
    let x = LABEL_WIDTH
    for (const s of bar.segments) {
      if (s.value <= 0) continue
      const w = Math.max(1, (s.value / max) * plot)
      parts.push(`<rect x="${x.toFixed(1)}" y="${y + 3}" width="${w.toFixed(1)}" height="${ROW - 6}" fill="${escapeHtml(s.color)}"><title>${escapeHtml(`${bar.label}：${s.name} ${s.value}`)}</title></rect>`)
      x += w
    }
    parts.push(`<text x="${(x + 6).toFixed(1)}" y="${y + 15}" class="chart-value">${escapeHtml(bar.text ?? String(total))}</text>`)
  })
  if (options.legend && options.legend.length > 0) {
    let x = LABEL_WIDTH
    const y = TOP + bars.length * ROW + 8
    for (const item of options.legend) {
      parts.push(`<rect x="${x}" y="${y}" width="12" height="12" fill="${escapeHtml(item.color)}"/>`)
      parts.push(`<text x="${x + 16}" y="${y + 11}" class="chart-legend">${escapeHtml(item.name)}</text>`)
      x += 24 + item.name.length * 13
    }
  }
  parts.push('</svg>')
  return parts.join('')
}
