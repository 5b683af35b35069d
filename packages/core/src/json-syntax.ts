/*
 * The real place of a JSON syntax error (JSON 语法错误的真实位置). Node 20's JSON.parse names a position for
 * some errors and not for others (`Unexpected token ']', ..."x" is not valid JSON`), and never in Chinese, so
 * an analyst who left a trailing comma would be sent to the end of the file. This walks the text once,
 * linearly and without regexes, and stops at the first character that cannot continue valid JSON. The one
 * locator for rule-pack files and for the JSON and JSONL sheets @chufei/sheets reads; call it only after
 * JSON.parse has failed.
 */

/** The first syntax error in a JSON text. */
export interface JsonSyntaxProblem {
  /** 0-based offset of the offending character. */
  readonly offset: number
  readonly line: number
  readonly column: number
  readonly message: string
  readonly messageEn: string
}

const MAX_DEPTH = 512

class Stop {
  constructor(readonly offset: number, readonly zh: string, readonly en: string) {}
}

const isWhitespace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r'
const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9'
const isHex = (c: string | undefined): boolean =>
  c !== undefined && ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))
// "The end of the text": the text may be a whole file, one JSONL line or one element of an array.
const shown = (c: string | undefined) => (c === undefined ? ['文本结尾', 'end of text'] : [`“${c}”`, JSON.stringify(c)])

/** 1-based line and column of an offset; a line break is `\n`, `\r\n` or a lone `\r`. */
export const positionOf = (text: string, offset: number): { line: number; column: number } => {
  let line = 1
  let start = 0
  for (let k = 0; k < offset && k < text.length; k++) {
    const c = text[k]
    if (c === '\n' || (c === '\r' && text[k + 1] !== '\n')) {
      line++
      start = k + 1
    }
  }
  return { line, column: offset - start + 1 }
}

/**
 * The first syntax error of `text` (a leading BOM is ignored: offsets, lines and columns are counted after
 * it), or undefined when it is valid JSON.
 */
export const findJsonSyntaxError = (input: string): JsonSyntaxProblem | undefined => {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input
  let i = 0
  const expected = (zh: string, en: string): never => {
    const [fz, fe] = shown(text[i])
    throw new Stop(i, `此处应为${zh}，实际为${fz}`, `expected ${en}, found ${fe}`)
  }
  const ws = () => {
    while (isWhitespace(text[i])) i++
  }
  const str = () => {
    i++
    for (;;) {
      const c = text[i]
      if (c === undefined) throw new Stop(i, '字符串缺少结束的双引号', 'unterminated string')
      if (c === '"') return void i++
      if (c < ' ') throw new Stop(i, '字符串中不能直接换行或含控制字符', 'control character or line break inside a string')
      if (c === '\\') {
        const e = text[i + 1]
        if (e === 'u') {
          for (let k = 2; k < 6; k++) if (!isHex(text[i + k])) throw new Stop(i + k, '\\u 后应为4位十六进制数', 'expected 4 hex digits after \\u')
          i += 6
          continue
        }
        if (e === undefined || !'"\\/bfnrt'.includes(e)) throw new Stop(i + 1, `无效的转义“\\${e ?? ''}”`, `invalid escape "\\${e ?? ''}"`)
        i += 2
        continue
      }
      i++
    }
  }
  const num = () => {
    if (text[i] === '-') i++
    if (text[i] === '0') i++
    else if (isDigit(text[i])) while (isDigit(text[i])) i++
    else expected('数字', 'a digit')
    if (text[i] === '.') {
      i++
      if (!isDigit(text[i])) expected('小数点后的数字', 'a digit after the decimal point')
      while (isDigit(text[i])) i++
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++
      if (text[i] === '+' || text[i] === '-') i++
      if (!isDigit(text[i])) expected('指数的数字', 'an exponent digit')
      while (isDigit(text[i])) i++
    }
  }
  const word = (w: string) => {
    for (const ch of w) {
      if (text[i] !== ch) expected(`“${w}”`, JSON.stringify(w))
      i++
    }
  }
  const value = (depth: number): void => {
    if (depth > MAX_DEPTH) throw new Stop(i, '嵌套层数过深', 'nested too deeply')
    ws()
    const c = text[i]
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']'
      i++
      ws()
      if (text[i] === close) return void i++
      for (;;) {
        ws()
        if (c === '{') {
          if (text[i] !== '"') expected(text[i] === '}' ? '字段名（“}”前多了一个逗号）' : '用双引号括起的字段名', 'a double-quoted property name')
          str()
          ws()
          if (text[i] !== ':') expected('冒号“:”', '":"')
          i++
        } else if (text[i] === ']') expected('一个值（“]”前多了一个逗号）', 'a value (trailing comma before "]")')
        value(depth + 1)
        ws()
        if (text[i] === ',') {
          i++
          continue
        }
        if (text[i] === close) return void i++
        expected(`逗号“,”或“${close}”`, `"," or "${close}"`)
      }
    }
    if (c === '"') return str()
    if (c === 't') return word('true')
    if (c === 'f') return word('false')
    if (c === 'n') return word('null')
    if (c === '-' || isDigit(c)) return num()
    expected('一个值（对象、列表、文字、数字、true、false 或 null）', 'a value')
  }
  try {
    value(0)
    ws()
    if (i < text.length) {
      const [fz, fe] = shown(text[i])
      throw new Stop(i, `JSON 值之后还有多余内容${fz}`, `unexpected ${fe} after the JSON value`)
    }
    return undefined
  } catch (error) {
    if (!(error instanceof Stop)) throw error
    return { offset: error.offset, ...positionOf(text, error.offset), message: error.zh, messageEn: error.en }
  }
}
