import type ExcelJS from 'exceljs'

/**
 * exceljs, loaded on first use. It is large (≈ 0.3 s of CPU to load, most of `chufei score`'s cold start), and
 * only reading or writing an XLSX ledger needs it, so nothing imports it statically at run time.
 */
export const loadExcelJS = async (): Promise<typeof ExcelJS> => (await import('exceljs')).default
