import { parseJsonSource } from '@chufei/core'

/*
 * Positions in JSON text, for the editor: where the value a validation issue points at starts and ends
 * (to underline it), and a rule's new text put back into its file with the file's own formatting kept.
 */

/** The offset of a 1-based line and column. */
export const offsetOf = (text: string, line: number, column: number): number => {
  let offset = 0
  for (let l = 1; l < line; l++) {
    const next = text.indexOf('\n', offset)
    if (next < 0) return text.length
    offset = next + 1
  }
  return Math.min(offset + column - 1, text.length)
}

/** Where the JSON value starting at `start` ends (exclusive); for text that is not JSON, the end of its token. */
export const valueEnd = (text: string, start: number): number => {
  let depth = 0
  let i = start
  for (; i < text.length; i++) {
    const ch = text[i]!
    if (ch === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++
      if (depth === 0) return Math.min(i + 1, text.length)
    } else if (ch === '{' || ch === '[') depth++
    else if (ch === '}' || ch === ']') {
      depth--
      if (depth <= 0) return i + 1
    } else if (depth === 0 && /[\s,]/.test(ch)) return i
  }
  return i
}

const exists = (value: unknown, pointer: string): boolean => {
  let node = value
  for (const token of pointer.split('/').slice(1)) {
    const key = token.replaceAll('~1', '/').replaceAll('~0', '~')
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, key)) return false
    node = (node as Record<string, unknown>)[key]
  }
  return true
}

/**
 * The range [from, to) of the value at `pointer` in JSON text — for a key that is missing, of its nearest
 * parent (where a "required" problem belongs) — or undefined when the text does not parse.
 */
export const rangeOfPointer = (text: string, pointer: string): { from: number; to: number } | undefined => {
  const parsed = parseJsonSource(text)
  if (!parsed.ok) return undefined
  const at = parsed.source.locate(pointer)
  if (at === undefined) return undefined
  const from = offsetOf(text, at.line, at.column)
  return { from, to: Math.max(valueEnd(text, from), from + 1) }
}

/**
 * `fileText` with the value at `pointer` replaced by `valueText` (indented to where the old value was), so
 * the rest of the file keeps its formatting.
 *
 * @throws Error when the file does not parse or has no value at `pointer`
 */
export const spliceValue = (fileText: string, pointer: string, valueText: string): string => {
  const range = rangeOfPointer(fileText, pointer)
  if (range === undefined || !exists(JSON.parse(fileText), pointer)) throw new Error(`no value at ${pointer}`)
  const lineStart = fileText.lastIndexOf('\n', range.from - 1) + 1
  const indent = /^[ \t]*/.exec(fileText.slice(lineStart, range.from))![0]
  const indented = valueText.replaceAll('\n', `\n${indent}`)
  return fileText.slice(0, range.from) + indented + fileText.slice(range.to)
}
