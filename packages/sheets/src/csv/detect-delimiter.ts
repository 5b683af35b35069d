/** Field delimiters a sheet may use: comma (CSV), tab (Excel "Unicode text"), semicolon (European Excel). */
export const DELIMITERS = [',', '\t', ';'] as const

export type Delimiter = (typeof DELIMITERS)[number]

/** Lines of the sample that are looked at: enough to pass a title row and reach the data. */
const SAMPLE_LINES = 50

/**
 * Picks the delimiter that occurs most often outside quotes in the first lines of `sample`.
 * Ties (and a one-column sheet) go to the comma. Linear in the sample.
 */
export const detectDelimiter = (sample: string): Delimiter => {
  const counts = { ',': 0, '\t': 0, ';': 0 }
  let quoted = false
  let lines = 0
  for (let i = 0; i < sample.length && lines < SAMPLE_LINES; i++) {
    const ch = sample[i]
    if (ch === '"') quoted = !quoted // `""` inside a quoted field toggles twice: no change
    else if (quoted) continue
    else if (ch === '\n') lines++
    else if (ch === ',' || ch === '\t' || ch === ';') counts[ch]++
  }
  let best: Delimiter = ','
  for (const d of DELIMITERS) if (counts[d] > counts[best]) best = d
  return best
}
