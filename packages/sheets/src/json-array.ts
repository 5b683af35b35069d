import { findJsonSyntaxError } from '@chufei/core'
import { unreadableInput } from './read-sheet-errors'
import { createJsonLeadValidator } from './json-lead'
import type { SheetEvent } from './types'

/** The largest single array element accepted, in characters: one lead is a few KiB. */
export const MAX_JSON_ELEMENT = 16 * 1024 * 1024

interface Position {
  line: number
  column: number
}

/**
 * Streams the elements of a top-level JSON array as their source text, with where each starts.
 * Only one element is held in memory, so a large array is read in constant memory. A character scan
 * tracks strings and nesting to find the top-level commas; JSON.parse does the rest.
 */
async function* splitArray(text: AsyncIterable<string>, file: string): AsyncGenerator<{ text: string; start: Position }> {
  const pos: Position = { line: 1, column: 0 }
  // open: after `[`, an element or `]`; between: after `,`, an element; after: past the closing `]`.
  let state = 'before' as 'before' | 'open' | 'between' | 'element' | 'after'
  let depth = 0
  let inString = false
  let escaped = false
  let parts: string[] = []
  let size = 0
  let start: Position = { line: 1, column: 1 }
  const fail = (code: string, zh: string, en: string, at: Position = pos) =>
    unreadableInput(file, code, `第${at.line}行第${at.column}列：${zh}`, `line ${at.line}, column ${at.column}: ${en}`, {
      line: at.line,
      column: at.column,
    })
  const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\ufeff'

  for await (const chunk of text) {
    let from = 0 // where the current element's text starts in this chunk
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i]!
      if (c === '\n') {
        pos.line++
        pos.column = 0
      } else pos.column++
      switch (state) {
        case 'element':
          if (inString) {
            if (escaped) escaped = false
            else if (c === '\\') escaped = true
            else if (c === '"') inString = false
          } else if (c === '"') inString = true
          else if (c === '{' || c === '[') depth++
          else if ((c === '}' || c === ']') && depth > 0) depth--
          else if (depth === 0 && (c === ',' || c === ']')) {
            parts.push(chunk.slice(from, i))
            const element = parts.join('')
            parts = []
            size = 0
            state = c === ',' ? 'between' : 'after'
            yield { text: element, start }
          }
          continue
        case 'before':
          if (isSpace(c)) continue
          if (c !== '[')
            throw fail('not-json-array', 'JSON文件应以“[”开头（线索数组）', 'a JSON file must start with "[" (an array of leads)')
          state = 'open'
          continue
        case 'after':
          if (isSpace(c)) continue
          throw fail('trailing-content', `数组结束“]”之后还有多余内容“${c}”`, `unexpected "${c}" after the closing "]"`)
        default: // open | between
          if (isSpace(c)) continue
          if (c === ']' && state === 'open') {
            state = 'after'
            continue
          }
          if (c === ']' || c === ',')
            throw fail('empty-element', `此处应为一条线索，实际为“${c}”（多余的逗号？）`, `expected an element, found "${c}" (extra comma?)`)
          state = 'element'
          start = { line: pos.line, column: pos.column }
          from = i
          inString = c === '"'
          escaped = false
          depth = c === '{' || c === '[' ? 1 : 0
      }
    }
    if (state === 'element') {
      const piece = chunk.slice(from)
      parts.push(piece)
      size += piece.length
      if (size > MAX_JSON_ELEMENT)
        throw fail('element-too-large', `从此处开始的元素超过${MAX_JSON_ELEMENT / 1024 / 1024}M字符`, 'array element too large', start)
    }
  }
  if (state === 'before') throw fail('empty-file', '文件为空', 'the file is empty')
  if (state !== 'after') throw fail('unterminated-array', '数组没有结束的“]”（文件不完整？）', 'the array has no closing "]" (truncated file?)')
}

/**
 * Reads a JSON array of docs/spec.md §1 leads, streaming element by element. `line` is the element's 1-based
 * index. An element that is not valid JSON makes the whole file unreadable (`UNREADABLE_INPUT`,
 * naming its line and column): a broken array cannot be trusted to be split right after the break.
 */
export async function* readJsonArray(text: AsyncIterable<string>, file: string): AsyncGenerator<SheetEvent> {
  const validate = createJsonLeadValidator()
  let index = 0
  for await (const element of splitArray(text, file)) {
    index++
    let value: unknown
    try {
      value = JSON.parse(element.text)
    } catch {
      const syntax = findJsonSyntaxError(element.text)
      const inner = syntax ?? { line: 1, column: 1 }
      const line = element.start.line + inner.line - 1
      const column = inner.line === 1 ? element.start.column + inner.column - 1 : inner.column
      throw unreadableInput(
        file,
        'invalid-json',
        `第${index}条（第${line}行第${column}列）不是有效的JSON：${syntax?.message ?? '无法解析'}`,
        `element ${index} (line ${line}, column ${column}) is not valid JSON: ${syntax?.messageEn ?? 'cannot parse'}`,
        { line, column },
      )
    }
    yield validate(value, index, `第${index}条`)
  }
}
