/*
 * The type parsers both drivers share, so a row reads the same from PGlite and from a server: int8 as a
 * number (ids and counts stay far below 2^53), date as `YYYY-MM-DD`, timestamptz as an ISO string in UTC.
 */

/** PostgreSQL type oids the store reads. */
export const OIDS = { int8: 20, date: 1082, timestamp: 1114, timestamptz: 1184 } as const

/** `2024-06-30 08:00:00.123+00` (the session runs in UTC) → `2024-06-30T08:00:00.123Z`. */
export const isoTimestamp = (text: string): string => {
  const d = new Date(text.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00'))
  return Number.isNaN(d.getTime()) ? text : d.toISOString()
}

/** One parser a type oid, from the text PostgreSQL sends. */
export const TEXT_PARSERS: Record<number, (text: string) => unknown> = {
  [OIDS.int8]: (t) => Number(t),
  [OIDS.date]: (t) => t,
  [OIDS.timestamp]: (t) => isoTimestamp(`${t}+00`),
  [OIDS.timestamptz]: (t) => isoTimestamp(t),
}
