import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readSheet } from './read-sheet'
import { readRawRows } from './read-sheet-raw'
import { chufeiErrorOf, collect, fixture, gb18030, readAll } from '../test/_helpers'

const utf8 = (s: string) => new TextEncoder().encode(s)
const HEADER = '线索编号,主体名称,涉及人数\r\n'

describe('readSheet', () => {
  it('skips title rows, emits the header, then one event per row', async () => {
    const csv = '双桥镇非法集资风险排查表,,\r\n填报单位：双桥镇,,\r\n' + HEADER + 'SQ-1,甲合作社,约300人\r\n,,\r\nSQ-2,乙公司,12\r\n填表人：张敏,审核人：李建国,\r\n'
    const events = await readAll({ bytes: utf8(csv), name: '排查表.csv' })
    expect(events.map((e) => [e.kind, e.line])).toEqual([
      ['header', 3],
      ['lead', 4],
      ['skipped', 5],
      ['lead', 6],
      ['skipped', 7],
    ])
    expect(events[0]).toMatchObject({ kind: 'header', format: 'csv', encoding: 'utf-8' })
    expect(events[1]).toMatchObject({ lead: { id: 'SQ-1', subject: { name: '甲合作社' }, people: { total: 300 } } })
    expect(events[4]).toMatchObject({ reason: 'footer' })
  })

  it('applies extra column mappings', async () => {
    const events = await readAll({ bytes: utf8('编码,主体名称,参与群众\r\nSQ-1,甲,12\r\n'), name: 'x.csv' }, {
      columns: { 编码: 'id', 参与群众: 'people.total' },
    })
    expect(events[1]).toMatchObject({ kind: 'lead', lead: { id: 'SQ-1', people: { total: 12 } } })
  })

  it('fails with UNREADABLE_INPUT naming the file when no header is found in the first 30 rows', async () => {
    const csv = '说明\r\n'.repeat(30) + HEADER + 'SQ-1,甲,1\r\n'
    const error = await chufeiErrorOf(readAll({ bytes: utf8(csv), name: '村里报的表.csv' }))
    expect(error.code).toBe('UNREADABLE_INPUT')
    expect(error.issues[0]).toMatchObject({ code: 'no-header', file: '村里报的表.csv' })
    expect(error.message).toContain('村里报的表.csv')
    expect(error.message).toContain('未找到表头行：前30行中没有“线索编号”或“主体名称”列')
    expect(error.issues[0]!.messageEn).toContain('no header row')
    // The header on row 30 is still found.
    const events = await readAll({ bytes: utf8('说明\r\n'.repeat(29) + HEADER + 'SQ-1,甲,1\r\n'), name: 'ok.csv' })
    expect(events[0]).toMatchObject({ kind: 'header', line: 30 })
  })

  it('reports missing, empty, legacy .xls and corrupt inputs as UNREADABLE_INPUT', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chufei-sheets-'))
    const missing = await chufeiErrorOf(readAll(join(dir, '不存在.csv')))
    expect(missing.issues[0]).toMatchObject({ code: 'file-not-found', message: '文件不存在' })
    const folder = await chufeiErrorOf(readAll(dir))
    expect(folder.code).toBe('UNREADABLE_INPUT')
    const empty = await chufeiErrorOf(readAll({ bytes: new Uint8Array(0), name: 'e.csv' }))
    expect(empty.issues[0]!.code).toBe('empty-file')
    const xls = await chufeiErrorOf(readAll({ bytes: new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), name: 'a.xls' }))
    expect(xls.issues[0]!.code).toBe('legacy-xls')
    const path = join(dir, 'bad.xlsx')
    writeFileSync(path, utf8('PK\u0003\u0004 this is not really a zip'))
    const corrupt = await chufeiErrorOf(readAll(path))
    expect(corrupt.code).toBe('UNREADABLE_INPUT')
    expect(corrupt.issues[0]!.file).toBe(path)
  })

  it('chooses the format from the extension, the zip magic, then the first character', async () => {
    const xlsx = new Uint8Array((await import('node:fs')).readFileSync(fixture('sweep-2024q1.xlsx')))
    const formatOf = async (bytes: Uint8Array, name?: string) => {
      const first = await readSheet(name === undefined ? { bytes } : { bytes, name }).next()
      return first.value?.kind === 'header' ? first.value.format : undefined
    }
    expect(await formatOf(xlsx)).toBe('xlsx')
    expect(await formatOf(xlsx, '改了扩展名.csv')).toBe('xlsx') // a zip is never a CSV
    expect(await formatOf(utf8('[{"id":"A","subject":{"name":"x"}}]'))).toBe('json')
    expect(await formatOf(utf8('\ufeff {"id":"A","subject":{"name":"x"}}\n'))).toBe('jsonl')
    expect(await formatOf(utf8('{"id":"A","subject":{"name":"x"}}\n'), 'leads.json')).toBe('jsonl')
    expect(await formatOf(utf8('[]'), 'leads.jsonl')).toBe('json')
    expect(await formatOf(utf8(HEADER))).toBe('csv')
    expect(await formatOf(gb18030(HEADER), 'x.txt')).toBe('csv')
  })

  it('reads JSON and JSONL with a header event first', async () => {
    const events = await readAll({ bytes: utf8('{"id":"A","subject":{"name":"甲"}}\n\n{"id":"A","subject":{"name":"乙"}}\n'), name: 'x.jsonl' })
    expect(events.map((e) => [e.kind, e.line])).toEqual([
      ['header', 0],
      ['lead', 1],
      ['skipped', 2],
      ['rejected', 3],
    ])
    expect(await readAll({ bytes: utf8('[]'), name: 'x.json' })).toEqual([
      { kind: 'header', line: 0, format: 'json', encoding: 'utf-8', columns: [], unknownColumns: [] },
    ])
  })

  it('refuses bad options as USAGE errors', async () => {
    expect((await chufeiErrorOf(readAll({ bytes: utf8(HEADER) }, { format: 'xls' as never }))).code).toBe('USAGE')
    expect((await chufeiErrorOf(readAll({ bytes: utf8(HEADER) }, { columns: [] as never }))).code).toBe('USAGE')
    expect((await chufeiErrorOf(readAll({ bytes: utf8(HEADER) }, { encoding: 'klingon' }))).code).toBe('USAGE')
    expect((await chufeiErrorOf(collect(readRawRows({ bytes: utf8('[]'), name: 'a.json' })))).code).toBe('USAGE')
  })
})
