/*
 * Cell text (单元格文本) as the user sees it in Excel. Besides XML entities, SpreadsheetML escapes
 * characters XML cannot carry as `_xHHHH_` (ECMA-376 Part 1, §22.9.2.19 ST_Xstring): `_x000D_` is a
 * carriage return, `_x0001_` a control character, and `_x005F_` escapes the underscore itself, so
 * `_x005F_x0041_` is the literal text `_x0041_`. Excel writes a line break typed with Alt+Enter as `\n`,
 * text pasted from elsewhere often as `_x000D_\n` or `\r\n`: every line break reads as `\n`.
 */

const isHex = (c: number): boolean => (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x66)

/** Decodes `_xHHHH_` escapes (four hex digits, either case); anything else is kept as written. */
export const decodeOoxmlEscapes = (text: string): string => {
  let at = text.indexOf('_x')
  if (at < 0) return text
  let out = ''
  let from = 0
  while (at >= 0) {
    if (at + 7 <= text.length && text.charCodeAt(at + 6) === 0x5f /* _ */) {
      let hex = true
      for (let i = at + 2; i < at + 6; i++) hex &&= isHex(text.charCodeAt(i))
      if (hex) {
        out += text.slice(from, at) + String.fromCharCode(Number.parseInt(text.slice(at + 2, at + 6), 16))
        from = at + 7
        at = text.indexOf('_x', from)
        continue
      }
    }
    at = text.indexOf('_x', at + 1)
  }
  return out + text.slice(from)
}

/** `\r\n` and a lone `\r` as `\n`. */
export const normalizeLineBreaks = (text: string): string =>
  text.indexOf('\r') < 0 ? text : text.replaceAll('\r\n', '\n').replaceAll('\r', '\n')

/** A string item or inline string (XML entities already decoded, rich-text runs joined) as the user sees it. */
export const cleanCellText = (text: string): string => normalizeLineBreaks(decodeOoxmlEscapes(text))
