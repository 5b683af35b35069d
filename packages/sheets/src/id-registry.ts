/*
 * The ids seen so far in one sheet (已出现的线索编号), to reject a repeated id with the line it first
 * appeared on. A sheet can hold millions of rows, and a `Map<string, number>` costs 60–80 bytes per id
 * on the V8 heap (string header, hash-table entry, growth slack) — 75 MB for a 1M-row sweep, which the
 * garbage collector also has to trace on every major collection. This keeps the ids outside the heap in
 * typed arrays, and as few bytes per id as an exact answer allows, because the registry is the one part
 * of a sheet run that grows with the row count (issue 13: peak memory at 1M rows within 15 % of 100k):
 *
 * - Each id is one record in a byte arena: its packed length, its code units packed (a pair of ASCII
 *   digits 1 byte, any other ASCII unit 1 byte, any other unit 3 bytes), and its line as the signed
 *   difference from the previous record's line (1 byte on a sheet read top to bottom). Ten-character ids
 *   such as `SQ-0000001` take 9 bytes.
 * - The arena is a list of 256 KiB chunks, never copied as it grows, so there is no moment where an old
 *   and a new arena are both alive, and no growth slack beyond the last chunk.
 * - Every 8th record's place and the line before it are kept (1.5 bytes per id); a record is found by
 *   walking at most 7 records from there.
 * - An open-addressing table holds entry numbers (4 bytes a slot, load at most 1/2). Hashes are not
 *   stored: a rehash walks the arena once and hashes each record again.
 *
 * About 18 bytes per ten-character id, against 32–40 before (a contiguous arena, three 4-byte arrays per
 * entry and their doubling). Lookups compare the stored bytes, so the answer is exact: no hash collision
 * ever rejects a row that is not a repeat.
 */

/** Remembers ids and the line each was first seen on. */
export interface IdRegistry {
  /**
   * The line `id` was first seen on, or `undefined` when it is new — in which case it is remembered with
   * `line`. Ids are compared exactly, code unit by code unit.
   */
  remember(id: string, line: number): number | undefined
  /** How many distinct ids are remembered. */
  readonly size: number
}

const EMPTY = 0
const CHUNK = 256 * 1024
/** One record in SAMPLE has its place stored; the others are reached by walking from it. */
const SAMPLE_SHIFT = 3
const SAMPLE = 1 << SAMPLE_SHIFT
const INITIAL_SLOTS = 2048
/** Byte values of the packed form: < 0x80 an ASCII unit, 0x80–0xE3 two ASCII digits, WIDE a 16-bit unit. */
const DIGIT_PAIR = 0x80
const WIDE = 0xf0

/** FNV-1a over bytes, 32 bits. */
const hashBytes = (bytes: Uint8Array, start: number, end: number): number => {
  let h = 0x811c9dc5
  for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193)
  return h >>> 0
}

const isDigit = (u: number): boolean => u >= 0x30 && u <= 0x39

/** Bytes of `value` as an unsigned LEB128 varint. */
const varintSize = (value: number): number => {
  let n = 1
  while (value >= 0x80) {
    value = Math.floor(value / 0x80)
    n++
  }
  return n
}

/** Signed → unsigned (zigzag), for line differences of either sign. */
const zigzag = (d: number): number => (d >= 0 ? d * 2 : -d * 2 - 1)
const unzigzag = (z: number): number => (z % 2 === 0 ? z / 2 : -(z + 1) / 2)

/** Creates an empty {@link IdRegistry}. */
export const createIdRegistry = (): IdRegistry => {
  const chunks: Uint8Array[] = [new Uint8Array(CHUNK)]
  /** Bytes used in the last chunk (earlier chunks are full up to `chunkEnds`). */
  let used = 0
  const chunkEnds: number[] = []
  // For sample s (records s·SAMPLE …): the chunk and offset of its first record, and the line before it.
  let sampleChunks = new Uint32Array(256)
  let sampleOffsets = new Uint32Array(256)
  let sampleLines = new Float64Array(256)
  let count = 0
  let lastLine = 0
  let slots = new Uint32Array(INITIAL_SLOTS)
  let scratch = new Uint8Array(64)

  /** Packs `id` into `scratch` (an injective, left-to-right code, so equal bytes mean equal ids). */
  const encode = (id: string): number => {
    if (scratch.length < id.length * 3) scratch = new Uint8Array(id.length * 3 * 2)
    let n = 0
    for (let i = 0; i < id.length; i++) {
      const u = id.charCodeAt(i)
      if (u < 0x80) {
        const next = i + 1 < id.length ? id.charCodeAt(i + 1) : -1
        if (isDigit(u) && isDigit(next)) {
          scratch[n++] = DIGIT_PAIR + (u - 0x30) * 10 + (next - 0x30)
          i++
        } else scratch[n++] = u
      } else {
        scratch[n++] = WIDE
        scratch[n++] = u >>> 8
        scratch[n++] = u & 0xff
      }
    }
    return n
  }

  // A cursor over the arena, so reading a record needs no allocation.
  let cChunk = 0
  let cOffset = 0
  let cLine = 0
  /** The id bytes of the record under the cursor: [cStart, cStart + cLength) in chunks[cChunk]. */
  let cStart = 0
  let cLength = 0

  const readVarint = (): number => {
    const bytes = chunks[cChunk]!
    let value = 0
    let scale = 1
    for (;;) {
      const b = bytes[cOffset++]!
      value += (b & 0x7f) * scale
      if (b < 0x80) return value
      scale *= 0x80
    }
  }

  /** Reads the record under the cursor and moves past it. */
  const readRecord = (): void => {
    if (cChunk < chunkEnds.length && cOffset >= chunkEnds[cChunk]!) {
      cChunk++
      cOffset = 0
    }
    cLength = readVarint()
    cStart = cOffset
    cOffset += cLength
    cLine += unzigzag(readVarint())
  }

  /** Puts the cursor on entry `entry` (1-based) and reads it. */
  const seek = (entry: number): void => {
    const index = entry - 1
    const sample = index >>> SAMPLE_SHIFT
    cChunk = sampleChunks[sample]!
    cOffset = sampleOffsets[sample]!
    cLine = sampleLines[sample]!
    for (let skip = index & (SAMPLE - 1); skip >= 0; skip--) readRecord()
  }

  const sameBytes = (entry: number, length: number): boolean => {
    seek(entry)
    if (cLength !== length) return false
    const bytes = chunks[cChunk]!
    for (let i = 0; i < length; i++) if (bytes[cStart + i] !== scratch[i]) return false
    return true
  }

  const place = (table: Uint32Array, hash: number, entry: number): void => {
    const mask = table.length - 1
    let slot = hash & mask
    while (table[slot] !== EMPTY) slot = (slot + 1) & mask
    table[slot] = entry
  }

  /** Doubles the table, hashing every record again in one walk of the arena. */
  const rehash = (): void => {
    const table = new Uint32Array(slots.length * 2)
    cChunk = 0
    cOffset = 0
    cLine = 0
    for (let entry = 1; entry <= count; entry++) {
      readRecord()
      place(table, hashBytes(chunks[cChunk]!, cStart, cStart + cLength), entry)
    }
    slots = table
  }

  const append = (hash: number, length: number, line: number): void => {
    const delta = zigzag(line - lastLine)
    const size = varintSize(length) + length + varintSize(delta)
    if (used + size > CHUNK) {
      chunkEnds.push(used)
      // An id longer than a chunk gets a chunk of its own size.
      chunks.push(new Uint8Array(Math.max(CHUNK, size)))
      used = 0
    }
    const index = count
    if ((index & (SAMPLE - 1)) === 0) {
      const sample = index >>> SAMPLE_SHIFT
      if (sample >= sampleChunks.length) {
        const grown = sampleChunks.length * 2
        sampleChunks = copyInto(new Uint32Array(grown), sampleChunks)
        sampleOffsets = copyInto(new Uint32Array(grown), sampleOffsets)
        sampleLines = copyInto(new Float64Array(grown), sampleLines)
      }
      sampleChunks[sample] = chunks.length - 1
      sampleOffsets[sample] = used
      sampleLines[sample] = lastLine
    }
    const bytes = chunks[chunks.length - 1]!
    used = writeVarint(bytes, used, length)
    bytes.set(scratch.subarray(0, length), used)
    used = writeVarint(bytes, used + length, delta)
    lastLine = line
    count++
    if (count * 2 > slots.length) rehash()
    else place(slots, hash, count)
  }

  return {
    remember(id, line) {
      const length = encode(id)
      const hash = hashBytes(scratch, 0, length)
      const mask = slots.length - 1
      for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
        const entry = slots[slot]!
        if (entry === EMPTY) break
        if (sameBytes(entry, length)) return cLine
      }
      append(hash, length, line)
      return undefined
    },
    get size() {
      return count
    },
  }
}

const copyInto = <T extends Uint32Array | Float64Array>(target: T, source: T): T => {
  target.set(source)
  return target
}

/** Writes `value` as an unsigned LEB128 varint at `offset`; returns the offset after it. */
const writeVarint = (bytes: Uint8Array, offset: number, value: number): number => {
  while (value >= 0x80) {
    bytes[offset++] = (value % 0x80) | 0x80
    value = Math.floor(value / 0x80)
  }
  bytes[offset++] = value
  return offset
}
