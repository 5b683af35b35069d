import { extname } from 'node:path'
import type { Lang } from '@chufei/core'
import { ledgerFileBytes, readLedgerRows, type LedgerFileKind, type LedgerImportRow, type LedgerSyncRow } from '@chufei/store'
import { createAtomicFile } from '../atomic-file'
import { usageError } from './command-options'

/*
 * The case ledger as a file on disk (台账文件). What the file holds is the store's (`ledgerFileBytes`,
 * `readLedgerRows`: the API's `GET /v1/ledger` writes the same bytes); this file picks the kind from the
 * extension and writes atomically.
 */

/** The kind of a ledger file by its extension; anything else is a usage error. */
export const ledgerFileKind = (path: string): LedgerFileKind => {
  const ext = extname(path).toLowerCase()
  if (ext === '.xlsx') return 'xlsx'
  if (ext === '.csv') return 'csv'
  throw usageError(`台账文件“${path}”的扩展名应为 .xlsx 或 .csv`, `ledger file "${path}" must end in .xlsx or .csv`)
}

/** Writes the ledger to `path` (XLSX or CSV by extension) atomically: whole or not at all. */
export const writeLedgerFile = async (path: string, rows: readonly LedgerSyncRow[], lang: Lang): Promise<void> =>
  writeFileAtomically(path, await ledgerFileBytes(rows, ledgerFileKind(path), lang))

/** Writes `bytes` to `path` atomically: a reader never sees half a file, and a failure leaves none. */
export const writeFileAtomically = async (path: string, bytes: Uint8Array): Promise<void> => {
  const file = await createAtomicFile(path)
  try {
    await new Promise<void>((resolve, reject) => file.stream.write(bytes, (e) => (e ? reject(e) : resolve())))
    await file.commit()
  } catch (e) {
    await file.abort()
    throw e
  }
}

/** Reads an edited ledger (XLSX or CSV, any encoding the sweep reader knows) into rows by field. */
export const readLedgerFile = async (path: string, shownAs: string): Promise<LedgerImportRow[]> => {
  ledgerFileKind(path)
  return readLedgerRows(path, shownAs)
}
