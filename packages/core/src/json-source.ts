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

/** A JSON syntax error with its position; or, with `code` `json-too-deep`, valid JSON nested too deeply. */
export interface JsonSyntaxError {
  /** Reason in Chinese. */
  readonly message: string
  readonly messageEn: string
  readonly position: Position
  readonly code?: 'json-too-deep'
  /** Where the value nested too deeply is. */
  readonly pointer?: string
}

/** Escapes one reference token of an RFC 6901 pointer. */
export const escapePointerToken = (token: string | number): string =>
  String(token).replaceAll('~', '~0').replaceAll('/', '~1')

/** Builds a JSON pointer from path segments (`['rules', 3, 'id']` → `/rules/3/id`). */
export const toPointer = (path: readonly PropertyKey[]): string =>
  path.map((p) => `/${escapePointerToken(typeof p === 'symbol' ? String(p) : p)}`).join('')

/**
 * Positions in one text: its line starts are found on the first call, then each offset is a binary search.
 * A pack file is located at every rule (for the issues each check may raise), and scanning from the start
 * each time made loading a large pack quadratic in its size.
 */
export const createPositioner = (text: string): ((offset: number) => Position) => {
  let starts: number[] | undefined
  return (offset) => {
    if (starts === undefined) {
      starts = [0]
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1)
    }
    // The last line start at or before `offset` (a newline at offset - 1 starts a line at offset), within the text.
    const end = Math.min(offset, text.length)
    let lo = 0
    let hi = starts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (starts[mid]! <= end) lo = mid
      else hi = mid - 1
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 }
  }
}

const positionAt = (text: string, offset: number): Position => createPositioner(text)(offset)

/**
 * Deepest nesting of objects and arrays a pack file may have (规则包 JSON 最大嵌套层数). JSON.parse
 * itself copes with any depth, but zod, the validators and both rule engines walk condition trees
 * recursively: past this depth a file is refused before any of them sees it. Rule conditions have their
 * own, lower bound (`MAX_CONDITION_DEPTH`).
 */
export const MAX_JSON_DEPTH = 100

/** What a scan of valid JSON text found beyond its values. */
interface Structure {
  /** Offsets of every value, by pointer. */
  readonly offsets: Map<string, number>
  /** The first container nested deeper than the bound, if any (the scan stops there). */
  readonly tooDeep?: { readonly pointer: string; readonly offset: number }
  /** Keys that occur twice in one object: JSON.parse silently keeps the last value. */
  readonly duplicates: readonly { readonly pointer: string; readonly key: string; readonly offset: number; readonly first: number }[]
}

/** Scans valid JSON text once, without recursion (so no depth can overflow the stack). */
const scanStructure = (text: string, maxDepth: number): Structure => {
  const offsets = new Map<string, number>()
  const duplicates: { pointer: string; key: string; offset: number; first: number }[] = []
  const stack: { readonly pointer: string; readonly keys: Map<string, number> | undefined; index: number }[] = []
  let tooDeep: Structure['tooDeep']
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
  /** Starts the value at `pointer`: a scalar is read whole, a container is entered. False past the depth bound. */
  const begin = (pointer: string): boolean => {
    ws()
    offsets.set(pointer, i)
    const c = text[i]
    if (c === '{' || c === '[') {
      if (stack.length >= maxDepth) {
        tooDeep = { pointer, offset: i }
        return false
      }
      i++
      stack.push({ pointer, keys: c === '{' ? new Map() : undefined, index: 0 })
    } else if (c === '"') str()
    else while (i < text.length && !',}] \t\n\r'.includes(text[i]!)) i++
    return true
  }
  let going = begin('')
  while (going && stack.length > 0) {
    const top = stack[stack.length - 1]!
    ws()
    const c = text[i]
    if (c === '}' || c === ']') {
      i++
      stack.pop()
      continue
    }
    if (c === ',') {
      i++
      ws()
    }
    if (top.keys) {
      const offset = i
      const key = str()
      ws()
      i++ // :
      const pointer = `${top.pointer}/${escapePointerToken(key)}`
      const first = top.keys.get(key)
      if (first === undefined) top.keys.set(key, offset)
      else duplicates.push({ pointer, key, offset, first })
      going = begin(pointer)
    } else going = begin(`${top.pointer}/${top.index++}`)
  }
  return { offsets, tooDeep, duplicates }
}

/** A key that occurs twice in one object, where the second one is. */
export interface DuplicateKey {
  readonly pointer: string
  readonly key: string
  readonly position: Position
  /** Where the key first occurs. */
  readonly first: Position
}

/**
 * Parses JSON text, keeping what is needed to locate pointers in it. Text nested deeper than
 * `maxDepth` is refused like a syntax error; keys that occur twice in one object are reported.
 *
 * @returns the source and its duplicate keys, or the syntax error with its line and column
 */
export const parseJsonSource = (
  text: string,
  maxDepth: number = MAX_JSON_DEPTH,
): { ok: true; source: JsonSource; duplicates: readonly DuplicateKey[] } | { ok: false; error: JsonSyntaxError } => {
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
  const { offsets, tooDeep, duplicates } = scanStructure(body, maxDepth)
  if (tooDeep) {
    return {
      ok: false,
      error: {
        code: 'json-too-deep',
        pointer: tooDeep.pointer,
        message: `嵌套超过 ${maxDepth} 层`,
        messageEn: `nested more than ${maxDepth} levels deep`,
        position: positionAt(body, tooDeep.offset),
      },
    }
  }
  const position = createPositioner(body)
  const locate = (pointer: string): Position | undefined => {
    for (let p = pointer; ; p = p.slice(0, p.lastIndexOf('/'))) {
      const offset = offsets.get(p)
      if (offset !== undefined) return position(offset)
      if (p === '') return undefined
    }
  }
  const located = duplicates.map((d) => ({ pointer: d.pointer, key: d.key, position: position(d.offset), first: position(d.first) }))
  return { ok: true, source: { value, locate }, duplicates: located }
}
