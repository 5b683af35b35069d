import { readRawRows } from '@chufei/sheets'
import { openByteSource } from '../../../packages/sheets/src/read-sheet-input'
import { readZipDirectory, readZipText } from '../../../packages/sheets/src/xlsx/xlsx-zip'

/*
 * Test support for the ledger routes (台账导出与回填): edit a downloaded ledger as staff would in Excel (one
 * cell of a case's row, by header), upload it, and compare two XLSX files part by part.
 */

const quote = (cell: unknown): string => `"${(cell === null || cell === undefined ? '' : cell instanceof Date ? cell.toISOString().slice(0, 10) : String(cell)).replaceAll('"', '""')}"`

/**
 * A CSV ledger with cells of `caseId`'s row set by header (状态, 备注…), everything else as read: UTF-8 with a
 * BOM and every cell quoted, as Excel's "CSV UTF-8" save gives it.
 */
export const editLedgerCsv = async (bytes: Uint8Array, caseId: number, edits: Record<string, string>): Promise<Uint8Array<ArrayBuffer>> => {
  const rows: unknown[][] = []
  for await (const row of readRawRows({ bytes, name: 'ledger.csv' })) rows.push([...row.cells])
  const header = rows[0]!.map(String)
  let found = false
  for (const row of rows.slice(1)) {
    if (String(row[0]) !== String(caseId)) continue
    found = true
    for (const [column, value] of Object.entries(edits)) {
      const i = header.indexOf(column)
      if (i < 0) throw new Error(`no column ${column} in ${header.join(',')}`)
      row[i] = value
    }
  }
  if (!found) throw new Error(`no row of case ${caseId} in the ledger`)
  return new Uint8Array(new TextEncoder().encode(`\uFEFF${rows.map((r) => `${r.map(quote).join(',')}\r\n`).join('')}`))
}

/** A multipart upload of a ledger file (field `file`) with its fields. */
export const ledgerUpload = (bytes: Uint8Array<ArrayBuffer>, name: string, fields: Record<string, string> = {}, headers: Record<string, string> = {}): RequestInit => {
  const form = new FormData()
  form.set('file', new File([bytes], name))
  for (const [k, v] of Object.entries(fields)) form.set(k, v)
  return { method: 'POST', headers, body: form }
}

/**
 * The parts of an XLSX (zip) by name, inflated as text, with what exceljs stamps at write time taken out of
 * the document properties (dcterms:created, dcterms:modified): the rest is a function of the content.
 */
export const xlsxParts = async (bytes: Uint8Array): Promise<Map<string, string>> => {
  const source = openByteSource({ bytes, name: 'book.xlsx' })
  const parts = new Map<string, string>()
  for (const [name, entry] of await readZipDirectory(source)) {
    let text = ''
    for await (const piece of readZipText(source, entry, 64 * 1024 * 1024)) text += piece
    parts.set(name, name === 'docProps/core.xml' ? text.replaceAll(/<dcterms:(created|modified)[^>]*>[^<]*<\/dcterms:\1>/g, '') : text)
  }
  return parts
}
