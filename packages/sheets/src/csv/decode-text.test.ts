import { ChufeiError } from '@chufei/core'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeText } from './decode-text'
import { chufeiErrorOf, chunked, collect, gb18030, utf16be, utf16le } from '../../test/_helpers'

const utf8 = (s: string) => new TextEncoder().encode(s)
const bom = (b: Uint8Array) => new Uint8Array([0xef, 0xbb, 0xbf, ...b])

const decodeAll = async (bytes: Uint8Array, chunkSize: number, encoding?: string) => {
  const decoded = decodeText(chunked(bytes, chunkSize), { file: 't.csv', ...(encoding ? { encoding } : {}) })
  const text = (await collect(decoded.chunks)).join('')
  return { text, encoding: decoded.encoding }
}

const SAMPLE = '线索编号,主体名称,线索描述\r\nSQ-001,寿县郑岗牛羊养殖农民专业合作社,"托管一头牛，\n每月返200元"\r\nSQ-002,生僻字𪚥与𠀀,未发现吸收资金行为\r\n'

describe('decodeText', () => {
  it.each([
    ['UTF-8 with BOM', bom(utf8(SAMPLE)), 'utf-8'],
    ['UTF-8 without BOM', utf8(SAMPLE), 'utf-8'],
    ['GB18030', gb18030(SAMPLE), 'gb18030'],
    ['UTF-16LE with BOM', utf16le(SAMPLE), 'utf-16le'],
    ['UTF-16BE with BOM', utf16be(SAMPLE), 'utf-16be'],
  ])('detects %s and decodes it exactly, whatever the chunk size', async (_name, bytes, encoding) => {
    for (const size of [1, 2, 3, 5, 7, 64 * 1024]) {
      const out = await decodeAll(bytes, size)
      expect(out.encoding).toBe(encoding)
      expect(out.text).toBe(SAMPLE) // BOM removed, four-byte characters intact
    }
  })

  it('keeps GB18030 four-byte characters (𠀀 𪚥) intact', async () => {
    const out = await decodeAll(gb18030('主体名称\r\n𠀀𪚥生僻字\r\n'), 3)
    expect(out.text).toContain('𠀀𪚥生僻字')
  })

  it('decides on the first non-ASCII bytes even when they come after 64 KiB of ASCII', async () => {
    const ascii = 'id,name\r\n' + 'SQ-000001,abc\r\n'.repeat(8000)
    const text = ascii + 'SQ-999999,郑岗村牛羊托管\r\n'
    const out = await decodeAll(gb18030(text), 64 * 1024)
    expect(out.encoding).toBe('gb18030')
    expect(out.text).toBe(text)
  })

  it('does not mis-detect UTF-8 whose first chunk ends in the middle of a character', async () => {
    // Exactly 64 KiB of data is sampled; put a three-byte character across the boundary.
    const prefix = 'x'.repeat(64 * 1024 - 1)
    const text = prefix + '线索编号'
    const out = await decodeAll(utf8(text), 64 * 1024)
    expect(out.encoding).toBe('utf-8')
    expect(out.text).toBe(text)
  })

  it('honours an encoding override', async () => {
    const out = await decodeAll(gb18030(SAMPLE), 4, 'GBK')
    expect(out.encoding).toBe('gb18030')
    expect(out.text).toBe(SAMPLE)
  })

  it('refuses an unknown encoding name as a usage error', () => {
    expect(() => decodeText(chunked(utf8('a'), 1), { file: 't.csv', encoding: 'klingon' })).toThrow(ChufeiError)
  })

  it('reports invalid bytes after a UTF-8 start as UNREADABLE_INPUT with the line', async () => {
    const start = utf8('线索编号,主体名称\r\n'.repeat(5000))
    const broken = new Uint8Array([...start, ...gb18030('郑岗村\r\n')])
    const error = await chufeiErrorOf(decodeAll(broken, 1024))
    expect(error.code).toBe('UNREADABLE_INPUT')
    expect(error.issues[0]).toMatchObject({ code: 'invalid-utf8', file: 't.csv', line: 5001 })
    expect(error.issues[0]!.message).toContain('gb18030')
  })

  it('decodes any Unicode text in any encoding and chunking back to itself (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'grapheme', maxLength: 200 }),
        fc.constantFrom('utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be'),
        fc.integer({ min: 1, max: 17 }),
        async (text, encoding, size) => {
          fc.pre(!text.startsWith('\ufeff'))
          const bytes =
            encoding === 'utf-8'
              ? utf8(text)
              : encoding === 'utf-8-bom'
                ? bom(utf8(text))
                : encoding === 'utf-16le'
                  ? utf16le(text)
                  : utf16be(text)
          const out = await decodeAll(bytes, size)
          expect(out.text).toBe(text)
        },
      ),
      { numRuns: 200 },
    )
  })
})
