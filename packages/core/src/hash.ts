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
  if (Array.isArray(value)) {
    // An array of plain values (the keyword lists, most of a pack) is canonical as JSON.stringify writes it.
    let plain = true
    for (let i = 0; i < value.length && plain; i++) plain = value[i] === null || typeof value[i] !== 'object'
    if (plain) return JSON.stringify(value)
    return `[${value.map(canonicalJson).join(',')}]`
  }
  const record = value as Record<string, unknown>
  let text = ''
  for (const k of Object.keys(record).sort()) {
    const v = record[k]
    if (v === undefined) continue
    text += `${text === '' ? '' : ','}${JSON.stringify(k)}:${canonicalJson(v)}`
  }
  return `{${text}}`
}

/** `sha256:<hex>` of the canonical JSON of a value. Runs anywhere (no Node built-ins). */
export const contentHash = (value: unknown): string => `sha256:${bytesToHex(sha256(utf8ToBytes(canonicalJson(value))))}`
