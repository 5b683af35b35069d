import { findJsonSyntaxError } from '@chufei/core'
import { unreadableInput } from './read-sheet-errors'
import { createJsonLeadValidator } from './json-lead'
import type { SheetEvent } from './types'

/** The longest JSONL line accepted, in characters: one lead is a few KiB. */
export const MAX_JSON_LINE = 16 * 1024 * 1024

/** Splits decoded text into lines (`\n`, `\r\n`), without holding more than one line in memory. */
async function* splitLines(text: AsyncIterable<string>, file: string): AsyncGenerator<string> {
  let carry = ''
  let lineNo = 1
  for await (const chunk of text) {
    let start = 0
    for (let nl = chunk.indexOf('\n'); nl !== -1; nl = chunk.indexOf('\n', start)) {
      const line = carry + chunk.slice(start, nl)
      carry = ''
      start = nl + 1
      lineNo++
      yield line.endsWith('\r') ? line.slice(0, -1) : line
    }
    carry += chunk.slice(start)
    if (carry.length > MAX_JSON_LINE)
      throw unreadableInput(
        file,
        'line-too-long',
        `第${lineNo}行超过${MAX_JSON_LINE / 1024 / 1024}M字符，不像一条线索`,
        `line ${lineNo} is longer than ${MAX_JSON_LINE} characters`,
        { line: lineNo },
      )
  }
  if (carry !== '') yield carry.endsWith('\r') ? carry.slice(0, -1) : carry
}

/**
 * Reads JSON Lines (one docs/spec.md §1 lead per line). `line` is the physical line; a blank line is skipped
 * as `blank`; a line that is not JSON is rejected as `invalid-json` with its line and column, and
 * reading goes on.
 */
export async function* readJsonLines(text: AsyncIterable<string>, file: string): AsyncGenerator<SheetEvent> {
  const validate = createJsonLeadValidator()
  let line = 0
  for await (const raw of splitLines(text, file)) {
    line++
    if (raw.trim() === '') {
      yield { kind: 'skipped', line, reason: 'blank' }
      continue
    }
    let value: unknown
    try {
      value = JSON.parse(raw)
    } catch {
      const syntax = findJsonSyntaxError(raw)
      const column = syntax?.column ?? 1
      yield {
        kind: 'rejected',
        line,
        id: null,
        errors: [
          {
            code: 'invalid-json',
            message: `${file}:${line}:${column}：第${line}行第${column}列不是有效的JSON：${syntax?.message ?? '无法解析'}`,
          },
        ],
        warnings: [],
      }
      continue
    }
    yield validate(value, line, `第${line}行`)
  }
}
