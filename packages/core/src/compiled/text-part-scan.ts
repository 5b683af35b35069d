import { textAllLayout } from '../facts'
import { createWordIndex } from '../word-index'
import { rescanFound, scannedAlready } from './fast-predicate'
import type { SlotScanOf } from './fast-predicate'

/*
 * One word search for a lead's text facts (文本事实共享扫描). `text.all` is the subject name, the description
 * and the promotion text joined (facts.ts), so a pack with conditions on `text.all` and on `subject.name` or
 * `text.description` searched those parts twice: in their own scans, and again inside `text.all`'s. Here
 * `text.all` is searched once, for the words of every text fact's scanner together, and each scanner is handed
 * exactly the occurrences its own search would have found: `text.all`'s scanner all of its words' (the
 * shared index numbers its words first, in its order, so the list is the same), a part's scanner those that lie
 * wholly inside the part — an occurrence in a part searched alone is one in `text.all` inside that part, and
 * the converse — moved to the part's start and listed as its own search lists them (by start, then id).
 *
 * The negation analysis then runs in each scanner over its own text as before, so a cue or a whole-report
 * retraction in one part still reaches into the next in `text.all`, and never in a part's own scan. Only texts
 * that normalise unit by unit are shared (positions are then those of the raw text, and joining cannot change
 * a unit's form); for any other lead nothing is done here and each scanner searches its own text as before.
 * `text-part-scan.property.test.ts` holds every scanner's flags to those of its own scan on hostile texts.
 */

/** The parts of a lead's `text.all`, as its reader joins them (facts.ts). */
export interface TextParts {
  name: string | undefined
  description: string | undefined
  promotion: string | undefined
}

/** The facts whose text is a part of `text.all`, in its order. */
const PART_FACTS = ['subject.name', 'text.description', 'text.promotion'] as const

/** Shares the word search of a lead's text parts between the scans of one matcher's text facts. */
export interface PartScan {
  /**
   * Scans the text facts of the fact vector `v` whose text changed, from one search per part. `parts` must be
   * the parts `v`'s `text.all` was read from. Leaves anything it cannot share to the scans' own search.
   */
  scan(v: readonly unknown[], parts: TextParts): void
}

/** A part scan for the text-fact scans of one matcher, or undefined when `text.all` shares no part with another scan. */
export const createPartScan = (scans: readonly SlotScanOf[], slotNames: readonly string[]): PartScan | undefined => {
  const all = scans.find((s) => slotNames[s.slot] === 'text.all')
  const ofPart = PART_FACTS.map((fact) => scans.find((s) => slotNames[s.slot] === fact))
  if (!all || ofPart.every((p) => p === undefined)) return undefined
  // Member 0 is `text.all`, member k + 1 part k's own scan (when the pack has one).
  const members = [all, ...ofPart]
  const index = createWordIndex()
  const local: number[][] = members.map(() => [])
  // `text.all`'s words first, in its scanner's order: their shared ids are its own ids.
  members.forEach((m, j) => {
    if (!m) return
    for (let id = 0; id < m.scanner.wordCount; id++) local[j]![index.add(m.scanner.word(id))] = id
  })
  const allWords = all.scanner.wordCount
  const wordCounts = members.map((m) => m?.scanner.wordCount ?? 0)
  /** Per member, each shared word's id in that member's scanner (-1: not one of its words). */
  const localId = local.map((ids) => Int32Array.from({ length: index.size }, (_, u) => ids[u] ?? -1))
  const wordLength = Int32Array.from({ length: index.size }, (_, u) => index.word(u).length)

  const starts = new Int32Array(3)
  const partText: (string | undefined)[] = [undefined, undefined, undefined]
  /** Per member, the occurrences handed to its scanner (it keeps them until its next scan). */
  const handed: Int32Array[] = members.map(() => new Int32Array(64))
  let groupIds = new Int32Array(16)

  /** Puts the entries of `a` (`n` entries) at equal starts in the scanner's id order, as its own search lists them. */
  const orderTies = (a: Int32Array, n: number): void => {
    for (let g = 0; g < n; ) {
      let h = g + 2
      while (h < n && a[h + 1] === a[g + 1]) h += 2
      const size = (h - g) >> 1
      if (size > 1) {
        if (size > groupIds.length) groupIds = new Int32Array(size * 2)
        for (let x = 0; x < size; x++) groupIds[x] = a[g + 2 * x]!
        groupIds.subarray(0, size).sort()
        for (let x = 0; x < size; x++) a[g + 2 * x] = groupIds[x]!
      }
      g = h
    }
  }

  /** The member's buffer, with room for `size` entries. */
  const room = (j: number, size: number): Int32Array => {
    if (size > handed[j]!.length) handed[j] = new Int32Array(Math.max(size, handed[j]!.length * 2))
    return handed[j]!
  }

  /** Hands `text.all`'s occurrences (`count` entries of `found`) of its own words to its scanner. */
  const scanAll = (text: string, found: Int32Array, count: number): void => {
    const out = room(0, count)
    if (index.size === allWords) {
      out.set(found.subarray(0, count))
      rescanFound(all, text, out, count)
      return
    }
    let n = 0
    for (let e = 0; e < count; e += 2) {
      // Its words are the first ids of the shared index, in its own order.
      if (found[e]! >= allWords) continue
      out[n++] = found[e]!
      out[n++] = found[e + 1]!
    }
    rescanFound(all, text, out, n)
  }

  /** Hands part `k`'s own scanner the occurrences inside the part, moved to where the part starts. */
  const scanPart = (k: number, found: Int32Array, count: number): void => {
    const j = k + 1
    const ids = localId[j]!
    const out = room(j, count)
    const from = starts[k]!
    const end = from + partText[k]!.length
    let n = 0
    // An empty part is not in text.all (from is -1): nothing of it is found.
    if (from >= 0) {
      for (let e = 0; e < count; e += 2) {
        const start = found[e + 1]!
        if (start < from) continue
        if (start >= end) break
        const u = found[e]!
        const id = ids[u]!
        if (id < 0 || start + wordLength[u]! > end) continue
        out[n++] = id
        out[n++] = start - from
      }
      orderTies(out, n)
    }
    rescanFound(members[j]!, partText[k]!, out, n)
  }

  return {
    scan(v, parts) {
      const text = v[all.slot]
      if (typeof text !== 'string') return
      // Words registered after this was built would be missing from the shared search.
      for (let j = 0; j < members.length; j++) if (members[j] && members[j]!.scanner.wordCount !== wordCounts[j]) return
      if (textAllLayout(parts.name, parts.description, parts.promotion, starts) !== text.length) return
      partText[0] = parts.name
      partText[1] = parts.description
      partText[2] = parts.promotion
      const wantAll = !scannedAlready(all, text)
      let wantParts = 0
      for (let k = 0; k < 3; k++) {
        const own = members[k + 1]
        // A part's own scan is shared only when the vector holds that very part.
        if (own && typeof partText[k] === 'string' && v[own.slot] === partText[k] && !scannedAlready(own, partText[k]!)) wantParts |= 1 << k
      }
      if (!wantAll && wantParts === 0) return
      const count = index.findRaw(text)
      if (count < 0) return
      // Copied out by each scan below: the next search reuses the index's buffer.
      const found = index.found
      if (wantAll) scanAll(text, found, count)
      for (let k = 0; k < 3; k++) if ((wantParts & (1 << k)) !== 0) scanPart(k, found, count)
    },
  }
}
