/*
 * A small linear XML scanner for the parts of an .xlsx (SpreadsheetML). The parts are machine-written
 * XML without DTDs, so tags, attributes, text, entity and character references, comments and CDATA are
 * all that occur. Text arrives in chunks; the scanner keeps only an unfinished tag between chunks, so
 * memory does not depend on the part's size. No regular expressions: every step is an `indexOf` or a
 * character loop, linear in the input.
 */

/** Receives what the scanner finds. Element names come without namespace prefix (`x:row` → `row`). */
export interface XmlHandler {
  open(name: string, attributes: string, selfClosing: boolean): void
  close(name: string): void
  /** Raw text between tags (entities not yet decoded), only while `wantText` is true. */
  text(raw: string): void
  wantText: boolean
  /** Set to stop scanning after the current tag. */
  stop: boolean
}

/** The largest single tag accepted, in characters; anything longer is not a spreadsheet part. */
const MAX_TAG_CHARS = 1024 * 1024

/** Thrown for XML that cannot be a spreadsheet part. */
export class XmlFormatError extends Error {}

const localName = (qualified: string): string => {
  const colon = qualified.indexOf(':')
  return colon < 0 ? qualified : qualified.slice(colon + 1)
}

const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d

/** Index of the `>` that ends the tag starting at `from`, skipping quoted attribute values; -1 if not yet complete. */
const tagEnd = (buf: string, from: number): number => {
  for (let i = from; i < buf.length; i++) {
    const c = buf.charCodeAt(i)
    if (c === 0x3e) return i
    if (c === 0x22 || c === 0x27) {
      const close = buf.indexOf(c === 0x22 ? '"' : "'", i + 1)
      if (close < 0) return -1
      i = close
    }
  }
  return -1
}

/** Scans as much of `buf` as is complete; returns where the unfinished rest starts. */
const scan = (buf: string, h: XmlHandler): number => {
  let pos = 0
  while (pos < buf.length) {
    const lt = buf.indexOf('<', pos)
    if (lt < 0) {
      if (h.wantText) h.text(buf.slice(pos))
      return buf.length
    }
    if (lt > pos && h.wantText) h.text(buf.slice(pos, lt))
    const next = buf.charCodeAt(lt + 1)
    if (Number.isNaN(next)) return lt
    if (next === 0x21 /* ! */) {
      if (buf.startsWith('<!--', lt)) {
        const end = buf.indexOf('-->', lt + 4)
        if (end < 0) return lt
        pos = end + 3
      } else if (buf.startsWith('<![CDATA[', lt)) {
        const end = buf.indexOf(']]>', lt + 9)
        if (end < 0) return lt
        // Handed on escaped, so decoding the element's text later restores it exactly.
        if (h.wantText) h.text(buf.slice(lt + 9, end).replaceAll('&', '&amp;').replaceAll('<', '&lt;'))
        pos = end + 3
      } else {
        if (buf.length - lt < 9) return lt
        if (buf.startsWith('<!DOCTYPE', lt)) throw new XmlFormatError('a DOCTYPE is not allowed in a spreadsheet part')
        const end = buf.indexOf('>', lt)
        if (end < 0) return lt
        pos = end + 1
      }
      continue
    }
    const gt = tagEnd(buf, lt + 1)
    if (gt < 0) return lt
    if (next === 0x3f /* ? */) {
      pos = gt + 1
      continue
    }
    if (next === 0x2f /* / */) {
      h.close(localName(buf.slice(lt + 2, gt).trim()))
    } else {
      const selfClosing = buf.charCodeAt(gt - 1) === 0x2f
      const inner = selfClosing ? gt - 1 : gt
      let nameEnd = lt + 1
      while (nameEnd < inner && !isSpace(buf.charCodeAt(nameEnd))) nameEnd++
      h.open(localName(buf.slice(lt + 1, nameEnd)), buf.slice(nameEnd, inner), selfClosing)
    }
    pos = gt + 1
    if (h.stop) return pos
  }
  return pos
}

/** An XML scanner fed text chunk by chunk: `push` scans what is complete, `end` checks nothing is left. */
export interface XmlScanner {
  push(chunk: string): void
  end(): void
}

/** Creates a scanner that calls `handler` in document order; after `handler.stop`, pushes are ignored. */
export const createXmlScanner = (handler: XmlHandler): XmlScanner => {
  let rest = ''
  return {
    push(chunk) {
      if (handler.stop) return
      const buf = rest === '' ? chunk : rest + chunk
      const done = scan(buf, handler)
      rest = handler.stop || done === buf.length ? '' : buf.slice(done)
      if (rest.length > MAX_TAG_CHARS) throw new XmlFormatError('a tag longer than 1 MiB')
    },
    end() {
      if (!handler.stop && rest.trim() !== '') throw new XmlFormatError('the part ends inside a tag')
    },
  }
}

/** Scans XML text arriving in chunks, calling `handler` in document order, until the end or `handler.stop`. */
export const scanXml = async (chunks: AsyncIterable<string>, handler: XmlHandler): Promise<void> => {
  const scanner = createXmlScanner(handler)
  for await (const chunk of chunks) {
    scanner.push(chunk)
    if (handler.stop) return
  }
  scanner.end()
}

/**
 * The values of the attributes `names` (exact, prefix included, e.g. `r:id`) in a tag's attribute text,
 * decoded, in the order of `names`; `undefined` for one that is absent. One pass over the text.
 */
export const attributes = (text: string, names: readonly string[]): Array<string | undefined> => {
  const values: Array<string | undefined> = new Array(names.length)
  let i = 0
  const n = text.length
  while (i < n) {
    while (i < n && isSpace(text.charCodeAt(i))) i++
    const nameStart = i
    while (i < n && text.charCodeAt(i) !== 0x3d /* = */ && !isSpace(text.charCodeAt(i))) i++
    const nameEnd = i
    while (i < n && isSpace(text.charCodeAt(i))) i++
    if (text.charCodeAt(i) !== 0x3d) break // not well-formed: stop rather than guess
    i++
    while (i < n && isSpace(text.charCodeAt(i))) i++
    const quote = text.charCodeAt(i)
    if (quote !== 0x22 && quote !== 0x27) break
    const end = text.indexOf(quote === 0x22 ? '"' : "'", i + 1)
    if (end < 0) break
    for (let k = 0; k < names.length; k++) {
      const name = names[k]!
      if (nameEnd - nameStart === name.length && text.startsWith(name, nameStart)) {
        values[k] = decodeXmlText(text.slice(i + 1, end))
        break
      }
    }
    i = end + 1
  }
  return values
}

/** The value of attribute `name` (exact, prefix included, e.g. `r:id`) in a tag's attribute text, decoded. */
export const attribute = (text: string, name: string): string | undefined => attributes(text, [name])[0]

const NAMED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }

/** Decodes the five named entities and numeric character references; anything else is kept as written. */
export const decodeXmlText = (raw: string): string => {
  let amp = raw.indexOf('&')
  if (amp < 0) return raw
  let out = ''
  let from = 0
  while (amp >= 0) {
    const semi = raw.indexOf(';', amp + 1)
    if (semi < 0 || semi - amp > 12) break
    const ref = raw.slice(amp + 1, semi)
    let replacement: string | undefined
    if (ref.charCodeAt(0) === 0x23 /* # */) {
      const code = ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10)
      if (Number.isInteger(code) && code >= 0 && code <= 0x10ffff) replacement = String.fromCodePoint(code)
    } else replacement = Object.hasOwn(NAMED, ref) ? NAMED[ref] : undefined
    if (replacement !== undefined) {
      out += raw.slice(from, amp) + replacement
      from = semi + 1
    }
    amp = raw.indexOf('&', replacement === undefined ? amp + 1 : from)
  }
  return out + raw.slice(from)
}
