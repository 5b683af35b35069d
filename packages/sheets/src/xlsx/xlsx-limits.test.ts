import { describe, expect, it } from 'vitest'
import { chufeiErrorOf, fixture, readAll } from '../../test/_helpers'
import { makeBombXlsx } from '../../test/_hostile-xlsx'
import { makeStreamingOrderXlsx } from '../../test/_zip'
import { DEFAULT_XLSX_LIMITS } from './xlsx-limits'

const MIB = 1024 * 1024
const upload = (bytes: Uint8Array) => ({ bytes, name: 'bomb.xlsx' })

describe('XLSX limits (zip bombs)', () => {
  it('stops shared strings that inflate to 1 GiB at the memory limit, naming it in Chinese and English', async () => {
    const bomb = makeBombXlsx('shared-strings', 1024)
    expect(bomb.length).toBeLessThan(8 * MIB)
    const error = await chufeiErrorOf(readAll(upload(bomb)))
    expect(error.code).toBe('UNREADABLE_INPUT')
    const issue = error.issues[0]!
    expect(issue.code).toBe('xlsx-strings-too-large')
    expect(issue.file).toBe('bomb.xlsx')
    expect(issue.message).toContain(`超过内存上限 ${DEFAULT_XLSX_LIMITS.sharedStringsBytes / MIB} MiB`)
    expect(issue.message).toContain('CHUFEI_MAX_XLSX_STRINGS_MB')
    expect(issue.messageEn).toContain(`memory limit of ${DEFAULT_XLSX_LIMITS.sharedStringsBytes / MIB} MiB`)
  })

  it('stops a worksheet at the inflated-size limit of a part, counting what comes out', async () => {
    const error = await chufeiErrorOf(readAll(upload(makeBombXlsx('worksheet', 64)), { xlsxLimits: { partBytes: 16 * MIB } }))
    expect(error.issues[0]).toMatchObject({ code: 'xlsx-part-too-large', file: 'bomb.xlsx' })
    expect(error.issues[0]!.message).toContain('xl/worksheets/sheet1.xml 解压后超过上限 16 MiB')
    expect(error.issues[0]!.message).toContain('--max-xlsx-part-mb')
  })

  it('holds the shared strings to the limit it is given, and reads them under a larger one', async () => {
    // 80,000 shared strings: 40,000 ids of about 7 characters and 40,000 names of 20, ≈ 4.5 MiB held.
    const rows = [['线索编号', '主体名称'], ...Array.from({ length: 40_000 }, (_, i) => [`X-${i}`, `某某投资咨询有限公司第${String(i).padStart(8, '0')}号`])]
    const xlsx = makeStreamingOrderXlsx('排查', rows, 2)
    const small = await chufeiErrorOf(readAll(upload(xlsx), { xlsxLimits: { sharedStringsBytes: 2 * MIB } }))
    expect(small.issues[0]!.code).toBe('xlsx-strings-too-large')
    const events = await readAll(upload(xlsx), { xlsxLimits: { sharedStringsBytes: 8 * MIB } })
    expect(events.filter((e) => e.kind === 'lead')).toHaveLength(40_000)
  })

  it('reads a real workbook under the defaults and under small limits alike', async () => {
    const defaults = await readAll(fixture('sweep-2024q1.xlsx'))
    const tight = await readAll(fixture('sweep-2024q1.xlsx'), { xlsxLimits: { partBytes: MIB, sharedStringsBytes: MIB } })
    expect(tight).toEqual(defaults)
    expect(defaults.some((e) => e.kind === 'lead')).toBe(true)
  })

  it('refuses a limit that is not a positive whole number of bytes', async () => {
    const error = await chufeiErrorOf(readAll(fixture('sweep-2024q1.xlsx'), { xlsxLimits: { partBytes: 0 } }))
    expect(error.code).toBe('USAGE')
    expect(error.message).toContain('xlsxLimits.partBytes')
  })
})
