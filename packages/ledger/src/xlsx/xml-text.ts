/*
 * Text as SpreadsheetML can carry it. Ledger cells hold whatever a village clerk typed or a scanner produced,
 * and one character XML forbids (a C0 control such as U+0001, a lone surrogate half) makes Excel refuse the
 * whole file ("we found a problem with some content"). Such characters are dropped, as exceljs also dropped
 * the C0 controls; everything else is kept, `&`, `<` and `>` escaped.
 *
 * What does not round-trip, by XML's own rules: a carriage return reads back as a line feed (XML parsers
 * normalise line ends; exceljs's files did the same).
 */

// Any character that needs work: markup, quotes (attributes), C0 controls but tab/LF/CR, U+FFFE/U+FFFF, surrogates.
const NEEDS_WORK = /[&<>"\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/

// Characters XML 1.0 does not allow: C0 controls but tab/LF/CR, U+FFFE/U+FFFF, and surrogate halves not in a pair.
const INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

const ENTITY: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }
const escapeChar = (c: string): string => ENTITY[c] ?? c

/** `text` without the characters XML 1.0 forbids (what a cell reads back as, if it had any). */
export const xmlSafe = (text: string): string => (NEEDS_WORK.test(text) ? text.replace(INVALID, '') : text)

/**
 * `text` as XML character data or an attribute value (double-quoted): invalid characters dropped, `&`, `<`,
 * `>` and `"` escaped. Most ledger text has none of them and is returned as it is, without a copy.
 */
export const escapeXml = (text: string): string => (NEEDS_WORK.test(text) ? text.replace(INVALID, '').replace(/[&<>"]/g, escapeChar) : text)

/** Excel's limit on a cell's text, in UTF-16 units; a longer cell makes Excel "repair" the file and cut it. */
export const CELL_TEXT_MAX = 32767

/**
 * `text` cut to {@link CELL_TEXT_MAX} units, never inside a surrogate pair. The ledger clips its own long
 * cells with a pointer to the sheet that has it all (`clipToSheet`); this is the floor under what staff or a
 * sheet wrote (a 40,000-character 备注), which exceljs wrote whole into a file Excel then had to repair.
 */
export const clipCellText = (text: string): string => {
  if (text.length <= CELL_TEXT_MAX) return text
  const cut = /[\uD800-\uDBFF]/.test(text[CELL_TEXT_MAX - 1]!) ? CELL_TEXT_MAX - 1 : CELL_TEXT_MAX
  return text.slice(0, cut)
}

/** True when a text node must be marked `xml:space="preserve"` for Excel to keep its leading or trailing blanks. */
export const needsPreserve = (text: string): boolean => {
  if (text === '') return false
  const first = text.charCodeAt(0)
  const last = text.charCodeAt(text.length - 1)
  return first === 32 || first === 9 || first === 10 || first === 13 || last === 32 || last === 9 || last === 10 || last === 13
}
