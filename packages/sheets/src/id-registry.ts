/*
 * The ids seen so far in one sheet (已出现的线索编号), to reject a repeated id with the line it first
 * appeared on. A sheet can hold millions of rows, and a `Map<string, number>` costs 60–80 bytes per id
 * on the V8 heap (string header, hash-table entry, growth slack) — 75 MB for a 1M-row sweep, which the
 * garbage collector also has to trace on every major collection. This keeps the ids outside the heap in
 * typed arrays: the id's code units packed into a byte arena (ASCII 1 byte, any other unit 3 bytes),
 * an open-addressing table of entry numbers, and each entry's hash, start and line — about 25 bytes
 * per ten-character ASCII id. Lookups compare the stored bytes, so the answer is exact: no hash
 * collision ever rejects a row that is not a repeat.
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
const INITIAL_ENTRIES = 1024

/** FNV-1a over bytes, 32 bits. */
const hashBytes = (bytes: Uint8Array, length: number): number => {
  let h = 0x811c9dc5
  for (let i = 0; i < length; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193)
  return h >>> 0
}

/** Creates an empty {@link IdRegistry}. */
export const createIdRegistry = (): IdRegistry => {
  let arena = new Uint8Array(16 * INITIAL_ENTRIES)
  let arenaUsed = 0
  // Entry k (1-based; 0 marks an empty slot) spans arena[starts[k - 1] .. starts[k]). 32 bits are
  // enough for both offsets and lines: reaching 2³² of either takes a sheet of more than 4 GiB.
  let starts = new Uint32Array(INITIAL_ENTRIES + 1)
  let hashes = new Uint32Array(INITIAL_ENTRIES + 1)
  let lines = new Uint32Array(INITIAL_ENTRIES + 1)
  let count = 0
  // Open addressing, linear probing, load factor at most 1/2.
  let slots = new Uint32Array(INITIAL_ENTRIES * 2)
  let scratch = new Uint8Array(64)

  /** Packs `id` into `scratch`; prefix-free, so equal bytes mean equal code units. */
  const encode = (id: string): number => {
    if (scratch.length < id.length * 3) scratch = new Uint8Array(id.length * 3 * 2)
    let n = 0
    for (let i = 0; i < id.length; i++) {
      const u = id.charCodeAt(i)
      if (u < 0x80) scratch[n++] = u
      else {
        scratch[n++] = 0x80 | (u >>> 14)
        scratch[n++] = 0x80 | ((u >>> 7) & 0x7f)
        scratch[n++] = 0x80 | (u & 0x7f)
      }
    }
    return n
  }

  const sameBytes = (entry: number, length: number): boolean => {
    const start = starts[entry - 1]!
    if (starts[entry]! - start !== length) return false
    for (let i = 0; i < length; i++) if (arena[start + i] !== scratch[i]) return false
    return true
  }

  const place = (table: Uint32Array, entry: number): void => {
    const mask = table.length - 1
    let slot = hashes[entry]! & mask
    while (table[slot] !== EMPTY) slot = (slot + 1) & mask
    table[slot] = entry
  }

  const grow = (array: Uint32Array<ArrayBuffer>, size: number): Uint32Array<ArrayBuffer> => {
    const bigger = new Uint32Array(size)
    bigger.set(array)
    return bigger
  }

  const add = (hash: number, length: number, line: number): void => {
    if (count + 2 > starts.length) {
      const size = starts.length * 2
      starts = grow(starts, size)
      hashes = grow(hashes, size)
      lines = grow(lines, size)
    }
    if (arenaUsed + length > arena.length) {
      // ×1.5, not ×2: the arena is the largest part and its slack is memory held until the end.
      const bigger = new Uint8Array(Math.max(Math.ceil(arena.length * 1.5), arenaUsed + length))
      bigger.set(arena.subarray(0, arenaUsed))
      arena = bigger
    }
    arena.set(scratch.subarray(0, length), arenaUsed)
    arenaUsed += length
    count++
    starts[count] = arenaUsed
    hashes[count] = hash
    lines[count] = line
    if (count * 2 > slots.length) {
      const table = new Uint32Array(slots.length * 2)
      for (let entry = 1; entry <= count; entry++) place(table, entry)
      slots = table
    } else place(slots, count)
  }

  return {
    remember(id, line) {
      const length = encode(id)
      const hash = hashBytes(scratch, length)
      const mask = slots.length - 1
      for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
        const entry = slots[slot]!
        if (entry === EMPTY) break
        if (hashes[entry] === hash && sameBytes(entry, length)) return lines[entry]
      }
      add(hash, length, line)
      return undefined
    },
    get size() {
      return count
    },
  }
}
