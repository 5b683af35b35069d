/*
 * JSON with locations. Analysts edit rule packs by hand, so every problem is reported with the file's
 * real line and column: for syntax errors, and for each JSON pointer a validation issue names.
 * Values come from the native JSON.parse (which is safe with `__proto__` keys); this module only scans
 * the text for positions.
 */

import { findJsonSyntaxError } from './json-syntax'

/** A 1-based line and column. */
export interface Position {
  readonly line: number
  readonly column: number
}

/** Parsed JSON text and a way to locate any pointer in it. */
export interface JsonSource {
  readonly value: unknown
  /** Position of the value (or, for a key that is missing, of the nearest parent) at a JSON pointer. */
  locate(pointer: string): Position | undefined
}

/** A JSON syntax error with its position. */
export interface JsonSyntaxError {
  /** Reason in Chinese. */
  readonly message: string
  readonly messageEn: string
  readonly position: Position
}

/** Escapes one reference token of an RFC 6901 pointer. */
export const escapePointerToken = (token: string | number): string =>
  String(token).replaceAll('~', '~0').replaceAll('/', '~1')

/** Builds a JSON pointer from path segments (`['rules', 3, 'id']` → `/rules/3/id`). */
export const toPointer = (path: readonly PropertyKey[]): string =>
  path.map((p) => `/${escapePointerToken(typeof p === 'symbol' ? String(p) : p)}`).join('')

const positionAt = (text: string, offset: number): Position => {
  let line = 1
  let lineStart = 0
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++
      lineStart = i + 1
    }
  }
  return { line, column: offset - lineStart + 1 }
}

/** Offsets of every value in valid JSON text, by pointer. */
const scanOffsets = (text: string): Map<string, number> => {
  const offsets = new Map<string, number>()
  let i = 0
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++
  }
  const str = (): string => {
    const start = i
    i++
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1
    i++
    return JSON.parse(text.slice(start, i)) as string
  }
  const value = (pointer: string): void => {
    ws()
    offsets.set(pointer, i)
    const c = text[i]
    if (c === '{') {
      i++
      ws()
      if (text[i] === '}') return void i++
      for (;;) {
        ws()
        const key = str()
        ws()
        i++ // :
        value(`${pointer}/${escapePointerToken(key)}`)
        ws()
        if (text[i++] === '}') return
      }
    } else if (c === '[') {
      i++
      ws()
      if (text[i] === ']') return void i++
      for (let n = 0; ; n++) {
        value(`${pointer}/${n}`)
        ws()
        if (text[i++] === ']') return
      }
    } else if (c === '"') {
      str()
    } else {
      while (i < text.length && !',}] \t\n\r'.includes(text[i]!)) i++
    }
  }
  value('')
  return offsets
}

/**
 * Parses JSON text, keeping what is needed to locate pointers in it.
 *
 * @returns the source, or the syntax error with its line and column
 */
export const parseJsonSource = (text: string): { ok: true; source: JsonSource } | { ok: false; error: JsonSyntaxError } => {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  let value: unknown
  try {
    value = JSON.parse(body)
  } catch (error) {
    // JSON.parse names no position for some errors (a trailing comma); find the real one by scanning.
    const problem = findJsonSyntaxError(body)
    if (problem) return { ok: false, error: { message: problem.message, messageEn: problem.messageEn, position: { line: problem.line, column: problem.column } } }
    const message = (error as Error).message
    return { ok: false, error: { message, messageEn: message, position: positionAt(body, body.length) } }
  }
  let offsets: Map<string, number> | undefined
  const locate = (pointer: string): Position | undefined => {
    offsets ??= scanOffsets(body)
    for (let p = pointer; ; p = p.slice(0, p.lastIndexOf('/'))) {
      const offset = offsets.get(p)
      if (offset !== undefined) return positionAt(body, offset)
      if (p === '') return undefined
    }
  }
  return { ok: true, source: { value, locate } }
}
