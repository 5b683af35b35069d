/*
 * Where a JSON text goes wrong. V8's JSON.parse messages only sometimes carry a position, and never in
 * Chinese; this walks the text once (linear, no regexes) to find the first error and say what was
 * expected. It is only called after JSON.parse has failed.
 */

/** The first syntax error of a JSON text: its 0-based offset and a reason in Chinese and English. */
export interface JsonSyntaxError {
  readonly offset: number
  readonly message: string
  readonly messageEn: string
}

/** Nesting deeper than this is reported rather than walked (JSON.parse accepts more, leads never need it). */
const MAX_DEPTH = 256

class Fail {
  constructor(
    readonly offset: number,
    readonly message: string,
    readonly messageEn: string,
  ) {}
}

const isWhitespace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r'
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9'
const isHex = (c: string | undefined): boolean =>
  c !== undefined && ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))

const describe = (c: string | undefined): string => (c === undefined ? '文本结尾' : `“${c}”`)
const describeEn = (c: string | undefined): string => (c === undefined ? 'end of text' : JSON.stringify(c))

/** Finds the first syntax error of `text`, or `null` when `text` is valid JSON. */
export const locateJsonError = (text: string): JsonSyntaxError | null => {
  let i = 0
  const fail = (zh: string, en: string): never => {
    throw new Fail(i, zh, en)
  }
  const unexpected = (expectedZh: string, expectedEn: string): never =>
    fail(`此处应为${expectedZh}，实际为${describe(text[i])}`, `expected ${expectedEn}, found ${describeEn(text[i])}`)
  const skipWhitespace = () => {
    while (isWhitespace(text[i])) i++
  }
  const literal = (word: string) => {
    for (const ch of word) {
      if (text[i] !== ch) unexpected(`“${word}”`, JSON.stringify(word))
      i++
    }
  }
  const string = () => {
    i++ // opening quote
    for (;;) {
      const c = text[i]
      if (c === undefined) fail('字符串没有结束引号', 'unterminated string')
      if (c === '"') {
        i++
        return
      }
      if (c! < ' ') fail('字符串中有未转义的控制字符（如换行）', 'unescaped control character (e.g. a line break) in a string')
      if (c === '\\') {
        const e = text[i + 1]
        if (e === 'u') {
          for (let k = 2; k < 6; k++)
            if (!isHex(text[i + k])) {
              i += k
              fail('\\u 后应为4位十六进制数', 'expected 4 hex digits after \\u')
            }
          i += 6
          continue
        }
        if (e === undefined || !'"\\/bfnrt'.includes(e)) {
          i++
          fail(`无效的转义字符${describe(e)}`, `invalid escape ${describeEn(e)}`)
        }
        i += 2
        continue
      }
      i++
    }
  }
  const number = () => {
    if (text[i] === '-') i++
    if (text[i] === '0') i++
    else if (isDigit(text[i])) while (isDigit(text[i])) i++
    else unexpected('数字', 'a digit')
    if (text[i] === '.') {
      i++
      if (!isDigit(text[i])) unexpected('小数点后的数字', 'a digit after the decimal point')
      while (isDigit(text[i])) i++
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++
      if (text[i] === '+' || text[i] === '-') i++
      if (!isDigit(text[i])) unexpected('指数的数字', 'an exponent digit')
      while (isDigit(text[i])) i++
    }
  }
  const value = (depth: number): void => {
    if (depth > MAX_DEPTH) fail('嵌套层数过深', 'nested too deeply')
    skipWhitespace()
    const c = text[i]
    if (c === '{') {
      i++
      skipWhitespace()
      if (text[i] === '}') {
        i++
        return
      }
      for (;;) {
        skipWhitespace()
        if (text[i] !== '"') unexpected('用双引号括起的字段名', 'a double-quoted property name')
        string()
        skipWhitespace()
        if (text[i] !== ':') unexpected('冒号“:”', '":"')
        i++
        value(depth + 1)
        skipWhitespace()
        if (text[i] === ',') {
          i++
          continue
        }
        if (text[i] === '}') {
          i++
          return
        }
        unexpected('逗号“,”或“}”', '"," or "}"')
      }
    }
    if (c === '[') {
      i++
      skipWhitespace()
      if (text[i] === ']') {
        i++
        return
      }
      for (;;) {
        value(depth + 1)
        skipWhitespace()
        if (text[i] === ',') {
          i++
          continue
        }
        if (text[i] === ']') {
          i++
          return
        }
        unexpected('逗号“,”或“]”', '"," or "]"')
      }
    }
    if (c === '"') return string()
    if (c === 't') return literal('true')
    if (c === 'f') return literal('false')
    if (c === 'n') return literal('null')
    if (c === '-' || isDigit(c)) return number()
    unexpected('一个值（对象、数组、字符串、数字、true、false 或 null）', 'a value')
  }
  try {
    value(0)
    skipWhitespace()
    if (i < text.length) fail(`JSON 值之后还有多余内容${describe(text[i])}`, `unexpected ${describeEn(text[i])} after the JSON value`)
    return null
  } catch (error) {
    if (error instanceof Fail) return { offset: error.offset, message: error.message, messageEn: error.messageEn }
    throw error
  }
}

/** 1-based line and column of `offset` in `text` (a line break is `\n`, `\r\n` or `\r`). */
export const lineColumnAt = (text: string, offset: number): { line: number; column: number } => {
  let line = 1
  let lineStart = 0
  for (let k = 0; k < offset && k < text.length; k++) {
    const c = text[k]
    if (c === '\n' || (c === '\r' && text[k + 1] !== '\n')) {
      line++
      lineStart = k + 1
    }
  }
  return { line, column: offset - lineStart + 1 }
}
