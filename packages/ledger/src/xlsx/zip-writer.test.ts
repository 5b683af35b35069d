import { PassThrough, Writable } from 'node:stream'
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { writeChunk } from '../write-chunk'
import { createWorkbookWriter } from './workbook-writer'
import { createZipWriter, type ZipWriterOptions } from './zip-writer'

/*
 * The ZIP writer read back two ways: by a reader written here from the format's description (central
 * directory, ZIP64 extra fields, CRC of every entry), and by exceljs (JSZip), in the plain layout and in the
 * ZIP64 one — which a real ledger gets only past 4 GiB, so `forceZip64` writes it for small data.
 */

const collect = (): { out: PassThrough; bytes: () => Buffer } => {
  const out = new PassThrough()
  const chunks: Buffer[] = []
  out.on('data', (c: Buffer) => chunks.push(c))
  return { out, bytes: () => Buffer.concat(chunks) }
}

/** Every entry of `zip` by name, inflated, its CRC checked against the directory's. */
const unzip = (zip: Buffer): Map<string, Buffer> => {
  let end = zip.length - 22
  while (zip.readUInt32LE(end) !== 0x06054b50) end -= 1
  let count = zip.readUInt16LE(end + 10)
  let at = zip.readUInt32LE(end + 16)
  if (at === 0xffffffff) {
    const locator = end - 20
    expect(zip.readUInt32LE(locator)).toBe(0x07064b50)
    const record = Number(zip.readBigUInt64LE(locator + 8))
    expect(zip.readUInt32LE(record)).toBe(0x06064b50)
    count = Number(zip.readBigUInt64LE(record + 32))
    at = Number(zip.readBigUInt64LE(record + 48))
  }
  const files = new Map<string, Buffer>()
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50)
    const crc = zip.readUInt32LE(at + 16)
    let compressed = zip.readUInt32LE(at + 20)
    let size = zip.readUInt32LE(at + 24)
    const nameLength = zip.readUInt16LE(at + 28)
    const extraLength = zip.readUInt16LE(at + 30)
    let offset = zip.readUInt32LE(at + 42)
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength)
    // The ZIP64 extra field holds, in order, the figures that were 0xFFFFFFFF.
    let x = at + 46 + nameLength
    if (extraLength > 0 && zip.readUInt16LE(x) === 1) {
      x += 4
      if (size === 0xffffffff) (size = Number(zip.readBigUInt64LE(x))), (x += 8)
      if (compressed === 0xffffffff) (compressed = Number(zip.readBigUInt64LE(x))), (x += 8)
      if (offset === 0xffffffff) offset = Number(zip.readBigUInt64LE(x))
    }
    expect(zip.readUInt32LE(offset)).toBe(0x04034b50)
    const dataStart = offset + 30 + zip.readUInt16LE(offset + 26) + zip.readUInt16LE(offset + 28)
    const data = inflateRawSync(zip.subarray(dataStart, dataStart + compressed))
    expect(data.length, name).toBe(size)
    expect(crc32(data), name).toBe(crc)
    files.set(name, data)
    at += 46 + nameLength + extraLength + zip.readUInt16LE(at + 32)
  }
  return files
}

const archive = async (options: ZipWriterOptions) => {
  const { out, bytes } = collect()
  const zip = createZipWriter(out, options)
  await zip.addFile('small.txt', '小文件 small')
  const big = zip.addStream('dir/big.xml')
  // 3 MB in uneven pieces: many deflate chunks and drains.
  const piece = Buffer.from('<row>双桥村 0123456789</row>'.repeat(37))
  for (let i = 0; i < 3000; i++) await writeChunk(big.stream, piece)
  big.stream.end()
  await big.done
  // An entry deflated beforehand (as a scratch sheet is), copied in two pieces.
  const pre = Buffer.from('<sheetData>预先压缩</sheetData>'.repeat(500))
  const deflated = deflateRawSync(pre)
  await zip.addDeflated('pre.xml', { crc: crc32(pre), size: pre.length, compressed: deflated.length }, [deflated.subarray(0, 100), deflated.subarray(100)])
  await zip.addFile('empty', '')
  await zip.finish()
  return { zip: bytes(), piece }
}

describe('createZipWriter', () => {
  it('copies a deflated entry from one reused buffer: each chunk leaves for the output before the next is read', async () => {
    // A scratch sheet is read into one buffer over and over (no garbage a chunk); an output that takes its time,
    // with room to buffer (write() answers true), must still get every chunk as it was when it was handed over.
    const chunks: Buffer[] = []
    const out = new Writable({
      highWaterMark: 1 << 24,
      write(chunk: Buffer, _encoding, callback) {
        setTimeout(() => {
          chunks.push(Buffer.from(chunk))
          callback()
        }, 1)
      },
    })
    const zip = createZipWriter(out)
    const pre = Buffer.from(Array.from({ length: 4000 }, (_, i) => `<row r="${i}">第${i}行</row>`).join(''))
    const deflated = deflateRawSync(pre)
    const buffer = Buffer.alloc(1000)
    async function* reused(): AsyncGenerator<Uint8Array> {
      for (let at = 0; at < deflated.length; at += buffer.length) {
        const n = deflated.copy(buffer, 0, at, Math.min(at + buffer.length, deflated.length))
        yield buffer.subarray(0, n)
      }
    }
    expect(deflated.length).toBeGreaterThan(4 * buffer.length)
    await zip.addDeflated('pre.xml', { crc: crc32(pre), size: pre.length, compressed: deflated.length }, reused())
    await zip.finish()
    expect(unzip(Buffer.concat(chunks)).get('pre.xml')!.equals(pre)).toBe(true)
  })

  for (const forceZip64 of [false, true]) {
    it(`writes entries that read back whole, CRCs right (${forceZip64 ? 'ZIP64 layout' : 'plain layout'})`, async () => {
      const { zip, piece } = await archive({ forceZip64 })
      const files = unzip(zip)
      expect([...files.keys()]).toEqual(['small.txt', 'dir/big.xml', 'pre.xml', 'empty'])
      expect(files.get('pre.xml')!.toString('utf8')).toBe('<sheetData>预先压缩</sheetData>'.repeat(500))
      expect(files.get('small.txt')!.toString('utf8')).toBe('小文件 small')
      expect(files.get('dir/big.xml')!.equals(Buffer.concat(Array.from({ length: 3000 }, () => piece)))).toBe(true)
      expect(files.get('empty')!.length).toBe(0)
    })
  }

  it('gives a workbook exceljs opens the same in the ZIP64 layout as in the plain one', async () => {
    const read = async (forceZip64: boolean) => {
      const { out, bytes } = collect()
      const wb = createWorkbookWriter(out, { forceZip64 })
      const sheet = wb.addSheet('风险台账', { headers: ['线索编号', '综合得分'], widths: [14, 10] })
      for (let i = 0; i < 5000; i++) await sheet.row([`SQ-${i}`, i])
      await sheet.end()
      await wb.finish()
      const book = new ExcelJS.Workbook()
      await book.xlsx.load(bytes() as unknown as ArrayBuffer)
      const ws = book.getWorksheet('风险台账')!
      return { rows: ws.rowCount, last: ws.getRow(5001).values }
    }
    const plain = await read(false)
    expect(plain).toEqual({ rows: 5001, last: [undefined, 'SQ-4999', 4999] })
    expect(await read(true)).toEqual(plain)
  })
})
