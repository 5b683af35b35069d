import { sha256 } from '@noble/hashes/sha2'
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils'

/*
 * A rule pack's content hash names exactly what scored a lead. It is taken over canonical JSON (sorted
 * keys, no white space), so re-indenting a file or reordering keys or files does not change it, while any
 * change of a number, a keyword or a label does.
 */

/** Canonical JSON: object keys sorted, no white space, `undefined` properties left out. */
export const canonicalJson = (value: unknown): string => {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null'
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  const entries = Object.keys(value)
    .sort()
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
  return `{${entries.join(',')}}`
}

/** `sha256:<hex>` of the canonical JSON of a value. Runs anywhere (no Node built-ins). */
export const contentHash = (value: unknown): string => `sha256:${bytesToHex(sha256(utf8ToBytes(canonicalJson(value))))}`
