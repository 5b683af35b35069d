import type { Writable } from 'node:stream'
import type { ScratchSheet } from './scratch-sheet'
import { createSheetWriter, type SheetLayout, type SheetWriter } from './sheet-writer'
import { STYLES_XML } from './styles'
import { THEME_XML } from './theme'
import { escapeXml } from './xml-text'
import { createZipWriter, type ZipWriterOptions } from './zip-writer'

/*
 * An XLSX workbook streamed into `out`: worksheets one after the other (each a streamed ZIP entry), then, once
 * every sheet name is known, the parts that list them — workbook.xml, its relationships, [Content_Types].xml,
 * docProps — and the fixed styles and theme. Part order in the ZIP does not matter to any reader (they go by
 * the central directory), so nothing waits for the sheets to be known in advance.
 */

/** A workbook being written; sheets are written one at a time, in the order they appear. */
export interface WorkbookWriter {
  /** Starts the next sheet (the previous one must have ended). */
  addSheet(name: string, layout: SheetLayout): SheetWriter
  /** Adds the next sheet from a deflated scratch sheet (createScratchSheet), ended beforehand. */
  addDeflatedSheet(name: string, sheet: ScratchSheet): Promise<void>
  /** Writes the workbook's remaining parts and ends `out`. */
  finish(): Promise<void>
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships'
const CT = 'application/vnd.openxmlformats-officedocument'
const REL_DOC = 'http://schemas.openxmlformats.org/officeDocument/2006'

const contentTypes = (sheets: number): string =>
  `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
  `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
  `<Override PartName="/xl/workbook.xml" ContentType="${CT}.spreadsheetml.sheet.main+xml"/>` +
  Array.from({ length: sheets }, (_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${CT}.spreadsheetml.worksheet+xml"/>`).join('') +
  `<Override PartName="/xl/theme/theme1.xml" ContentType="${CT}.theme+xml"/><Override PartName="/xl/styles.xml" ContentType="${CT}.spreadsheetml.styles+xml"/>` +
  `<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
  `<Override PartName="/docProps/app.xml" ContentType="${CT}.extended-properties+xml"/></Types>`

const ROOT_RELS =
  `${XML_HEAD}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/>` +
  `<Relationship Id="rId2" Type="${PKG_REL}/metadata/core-properties" Target="docProps/core.xml"/>` +
  `<Relationship Id="rId3" Type="${REL}/extended-properties" Target="docProps/app.xml"/></Relationships>`

// Styles rId1, theme rId2, then sheet i as rId(i + 3), as exceljs numbered them.
const workbookRels = (sheets: number): string =>
  `${XML_HEAD}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/styles" Target="styles.xml"/>` +
  `<Relationship Id="rId2" Type="${REL}/theme" Target="theme/theme1.xml"/>` +
  Array.from({ length: sheets }, (_, i) => `<Relationship Id="rId${i + 3}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('') +
  '</Relationships>'

const workbookXml = (names: readonly string[]): string =>
  `${XML_HEAD}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${REL}"><workbookPr/><sheets>` +
  names.map((n, i) => `<sheet name="${escapeXml(n)}" sheetId="${i + 1}" r:id="rId${i + 3}"/>`).join('') +
  '</sheets><calcPr calcId="171027"/></workbook>'

const appXml = (names: readonly string[]): string =>
  `${XML_HEAD}<Properties xmlns="${REL_DOC}/extended-properties" xmlns:vt="${REL_DOC}/docPropsVTypes">` +
  '<Application>Microsoft Excel</Application><HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant>' +
  `<vt:variant><vt:i4>${names.length}</vt:i4></vt:variant></vt:vector></HeadingPairs><TitlesOfParts><vt:vector size="${names.length}" baseType="lpstr">` +
  names.map((n) => `<vt:lpstr>${escapeXml(n)}</vt:lpstr>`).join('') +
  '</vt:vector></TitlesOfParts></Properties>'

// The creation time without milliseconds, as W3CDTF (what exceljs stamped, and Excel shows under 属性).
const coreXml = (created: Date): string => {
  const when = `${created.toISOString().slice(0, 19)}Z`
  return (
    `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"` +
    ' xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    '<dc:creator>chufei</dc:creator><cp:lastModifiedBy>chufei</cp:lastModifiedBy>' +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified></cp:coreProperties>`
  )
}

/** Starts a workbook in `out`. `options.date` is the creation time stamped in docProps and on the ZIP entries. */
export const createWorkbookWriter = (out: Writable, options: ZipWriterOptions = {}): WorkbookWriter => {
  const created = options.date ?? new Date()
  const zip = createZipWriter(out, { ...options, date: created })
  const names: string[] = []
  return {
    addSheet: (name, layout) => {
      names.push(name)
      const { stream, done } = zip.addStream(`xl/worksheets/sheet${names.length}.xml`)
      return createSheetWriter(stream, done, layout)
    },
    addDeflatedSheet: async (name, sheet) => {
      names.push(name)
      const { part, data } = sheet.part()
      await zip.addDeflated(`xl/worksheets/sheet${names.length}.xml`, part, data)
    },
    finish: async () => {
      await zip.addFile('xl/workbook.xml', workbookXml(names))
      await zip.addFile('xl/_rels/workbook.xml.rels', workbookRels(names.length))
      await zip.addFile('xl/styles.xml', STYLES_XML)
      await zip.addFile('xl/theme/theme1.xml', THEME_XML)
      await zip.addFile('[Content_Types].xml', contentTypes(names.length))
      await zip.addFile('_rels/.rels', ROOT_RELS)
      await zip.addFile('docProps/app.xml', appXml(names))
      await zip.addFile('docProps/core.xml', coreXml(created))
      await zip.finish()
    },
  }
}
