import { unreadableInput, usageError } from './read-sheet-errors'
import type { ByteSource } from './read-sheet-input'
import type { SheetFormat } from './types'

export const SHEET_FORMATS: readonly SheetFormat[] = ['csv', 'xlsx', 'json', 'jsonl']

const BY_EXTENSION: Record<string, SheetFormat> = {
  csv: 'csv',
  tsv: 'csv',
  txt: 'csv',
  xlsx: 'xlsx',
  xlsm: 'xlsx',
  json: 'json',
  jsonl: 'jsonl',
  ndjson: 'jsonl',
}

/** Bytes read to sniff the format. */
const SNIFF_SIZE = 512

const startsWith = (bytes: Uint8Array, magic: readonly number[]): boolean => magic.every((b, i) => bytes[i] === b)

/** Zip local-file header: every .xlsx starts with it. */
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04] as const
/**
 * OLE compound document (CFB): Excel 97–2003 .xls and WPS .et. Recognised by content whatever the file
 * is called; no well-kept npm library reads BIFF safely (SheetJS's npm release is stale with CVEs).
 */
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] as const

/** The first character of the text that is not a BOM or whitespace. */
const firstSignificantChar = (bytes: Uint8Array): string | null => {
  let i = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? 3 : 0
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)) i++
  return i < bytes.length ? String.fromCharCode(bytes[i]!) : null
}

/**
 * Decides how to read `source`: the explicit format, else the content when it is unmistakable (a zip is
 * an .xlsx whatever it is called; `[` or `{` tell a JSON array from JSON Lines whichever .json/.jsonl name
 * they have), else the extension, else sniffing (`[` JSON array, `{` JSONL, anything
 * else CSV). Also where a missing, empty or legacy .xls file is reported.
 */
export const detectFormat = async (source: ByteSource, explicit?: SheetFormat): Promise<SheetFormat> => {
  if (explicit !== undefined && !SHEET_FORMATS.includes(explicit))
    throw usageError(
      `不支持的格式“${String(explicit)}”，可选：${SHEET_FORMATS.join('、')}`,
      `unsupported format "${String(explicit)}"; one of ${SHEET_FORMATS.join(', ')}`,
      'unknown-format',
    )
  const head = await source.head(SNIFF_SIZE)
  if (head.length === 0) throw unreadableInput(source.file, 'empty-file', '文件为空', 'the file is empty')
  if (explicit) return explicit
  if (startsWith(head, ZIP_MAGIC)) return 'xlsx'
  if (startsWith(head, OLE_MAGIC))
    throw unreadableInput(
      source.file,
      'legacy-xls',
      '不支持旧版 Excel（.xls，97-2003）或 WPS 表格（.et）格式，请在 Excel 或 WPS 中另存为 .xlsx 后再导入',
      'legacy Excel 97-2003 (.xls) and WPS (.et) workbooks are not supported; open it in Excel or WPS and save it as .xlsx, then import that',
    )
  const byExtension = BY_EXTENSION[source.extension]
  const first = firstSignificantChar(head)
  // JSON Lines is often saved as .json and vice versa: within the JSON family the content decides.
  if ((byExtension === 'json' || byExtension === 'jsonl') && (first === '[' || first === '{'))
    return first === '[' ? 'json' : 'jsonl'
  if (byExtension) return byExtension
  if (first === '[') return 'json'
  if (first === '{') return 'jsonl'
  return 'csv'
}
