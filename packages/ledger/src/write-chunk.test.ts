import { Writable } from 'node:stream'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createTextBuffer } from './write-chunk'

/** A stream that keeps what it is given (copies, so a reused buffer would show) and asks for drain at times. */
const collector = (highWaterMark: number) => {
  const chunks: Buffer[] = []
  const stream = new Writable({
    highWaterMark,
    write(chunk: Buffer, _encoding, done) {
      chunks.push(Buffer.from(chunk))
      setImmediate(done)
    },
  })
  return { stream, text: () => Buffer.concat(chunks).toString('utf8'), writes: () => chunks.length }
}

const piece = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  // Pieces are whole rows (JSON escapes lone surrogates; CSV rows end in a line break), so well-formed text.
  fc.string({ unit: 'grapheme-composite', maxLength: 40 }),
  fc.constantFrom('某某牧业养殖合作社，承诺保本付息', '😀\n', '"a","b"\r\n', ''),
  fc.string({ unit: 'grapheme', minLength: 200, maxLength: 400 }),
)

describe('createTextBuffer', () => {
  it('writes every piece, in order, as UTF-8, whatever their sizes and the buffer size (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 60 }), fc.integer({ min: 16, max: 512 }), async (pieces, limit) => {
        const out = collector(64)
        const text = createTextBuffer(out.stream, limit)
        for (const p of pieces) await text.write(p)
        await text.flush()
        await new Promise<void>((resolve) => out.stream.end(resolve))
        expect(out.text()).toBe(pieces.join(''))
      }),
      { numRuns: 200 },
    )
  })

  it('gathers small pieces into few writes', async () => {
    const out = collector(1 << 20)
    const text = createTextBuffer(out.stream, 1024)
    for (let i = 0; i < 1000; i++) await text.write('线索\n')
    await text.flush()
    await new Promise<void>((resolve) => out.stream.end(resolve))
    expect(out.text()).toBe('线索\n'.repeat(1000))
    expect(out.writes()).toBeLessThan(10)
  })
})
