import ExcelJS from 'exceljs'
import { ResultSchema } from '@chufei/core'
import { describe, expect, it } from 'vitest'
import { ErrorBodySchema } from '../src/schemas'
import { BIG_LEAD, chunkedBody, makeApp, ndjson, postJson } from './_helpers'

const SMALL = { id: 'SQ-002', subject: { name: '某某商贸有限公司' }, people: { total: 40 } }
const CSV = [
  '线索编号,主体名称,涉及人数,集资金额（万元）,是否逾期兑付,线索描述',
  'C-1,某某牧业养殖合作社,420,1800,是,以牛羊托管代养名义吸收群众资金',
  ',没有编号的主体,30,,,',
  'C-3,某某商贸有限公司,约40人,,否,',
  '',
  'C-1,重复编号,1,,,',
].join('\r\n')

const post = (body: BodyInit, type: string, query = ''): [string, RequestInit] => [
  `/v1/score/batch${query}`,
  { method: 'POST', headers: { 'content-type': type }, body },
]

const results = async (res: Response) => (await ndjson(res)).map((line) => ResultSchema.parse(line))

const xlsxBytes = async (): Promise<Uint8Array<ArrayBuffer>> => {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('排查表')
  sheet.addRow(['双桥镇非法集资风险排查表'])
  sheet.addRow(['线索编号', '主体名称', '涉及人数', '集资金额（万元）', '是否逾期兑付'])
  sheet.addRow(['X-1', '某某牧业养殖合作社', 420, 1800, '是'])
  sheet.addRow(['X-2', '', 10, '', ''])
  return new Uint8Array(await workbook.xlsx.writeBuffer()) as Uint8Array<ArrayBuffer>
}

describe('POST /v1/score/batch', () => {
  it('a JSON array streams NDJSON: one result per element, in order, rejected elements included', async () => {
    const { app, scorer } = await makeApp()
    const res = await app.request(...post(JSON.stringify([BIG_LEAD, { id: 'bad' }, SMALL, BIG_LEAD]), 'application/json'))
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^application\/x-ndjson/)
    expect(res.headers.get('x-request-id')).toBeTruthy()
    const lines = await results(res)
    expect(lines.map((r) => [r.status, r.line, r.id])).toEqual([
      ['scored', 1, 'SQ-001'],
      ['rejected', 2, 'bad'],
      ['scored', 3, 'SQ-002'],
      ['rejected', 4, 'SQ-001'],
    ])
    expect(lines[0]).toEqual(await scorer.score(BIG_LEAD, { line: 1 }))
  })

  it('NDJSON in, NDJSON out; a line that is not JSON is a rejected row, blank lines are skipped', async () => {
    const { app } = await makeApp()
    const body = [JSON.stringify(BIG_LEAD), '{"id": "broken",', '', JSON.stringify(SMALL)].join('\n')
    const res = await app.request(...post(body, 'application/x-ndjson'))
    expect(res.status).toBe(200)
    const lines = await results(res)
    expect(lines.map((r) => [r.status, r.line])).toEqual([
      ['scored', 1],
      ['rejected', 2],
      ['scored', 4],
    ])
  })

  it('a CSV sheet (raw or multipart) gives the CLI’s rows: sheet line numbers, 万元 amounts, warnings, rejections', async () => {
    const { app, scorer } = await makeApp()
    const raw = await results(await app.request(...post(CSV, 'text/csv')))
    const form = new FormData()
    form.set('file', new File([CSV], '排查表.csv', { type: 'text/csv' }))
    const uploaded = await app.request('/v1/score/batch', { method: 'POST', body: form })
    expect(uploaded.status).toBe(200)
    expect(await results(uploaded)).toEqual(raw)

    expect(raw.map((r) => [r.status, r.line])).toEqual([
      ['scored', 2],
      ['rejected', 3],
      ['scored', 4],
      ['rejected', 6],
    ])
    const first = raw[0]!
    const expected = await scorer.score(
      {
        id: 'C-1',
        subject: { name: '某某牧业养殖合作社' },
        people: { total: 420 },
        money: { raised: 18_000_000 },
        stability: { overdue: true },
        text: { description: '以牛羊托管代养名义吸收群众资金' },
      },
      { line: 2 },
    )
    expect(first).toEqual(expected)
    const approx = raw[2]!
    expect(approx.status === 'scored' && approx.warnings.some((w) => w.field === 'people.total')).toBe(true)
  })

  it('an XLSX upload with a title row above the header is read like the CLI reads it', async () => {
    const { app } = await makeApp()
    const form = new FormData()
    form.set('file', new File([await xlsxBytes()], '排查表.xlsx'))
    const res = await app.request('/v1/score/batch', { method: 'POST', body: form })
    expect(res.status).toBe(200)
    const lines = await results(res)
    expect(lines.map((r) => [r.status, r.line, r.id])).toEqual([
      ['scored', 3, 'X-1'],
      ['rejected', 4, 'X-2'],
    ])
    expect(lines[0]!.status === 'scored' && lines[0]!.patterns).toEqual([])
  })

  it('a batch gives the same results as /v1/score one lead at a time', async () => {
    const { app } = await makeApp()
    const batch = Array.from({ length: 20 }, (_, i) => ({ ...BIG_LEAD, id: `B-${i}`, people: { total: i * 25 } }))
    const streamed = await results(await app.request(...post(JSON.stringify(batch), 'application/json')))
    for (const [i, lead] of batch.entries()) {
      const single = (await (await app.request('/v1/score', postJson(lead))).json()) as Record<string, unknown>
      expect(streamed[i]).toEqual({ ...single, line: i + 1 })
    }
  })

  it('400 before streaming when the file cannot be read at all', async () => {
    const { app } = await makeApp()
    for (const [body, type] of [
      ['not,a,sheet\n1,2,3', 'text/csv'],
      ['{"not": "an array"', 'application/json'],
    ] as const) {
      const res = await app.request(...post(body, type))
      expect(res.status).toBe(400)
      expect(ErrorBodySchema.parse(await res.json()).error.code).toBe('UNREADABLE_INPUT')
    }
  })

  it('a CSV whose quote never closes streams the rows before it, then one located error line', async () => {
    // As the CLI keeps them: once a quote is open no reader can know where rows resume, so the rows
    // before it are scored and the stream ends with the error saying where.
    const { app } = await makeApp()
    const body = [CSV.split('\r\n')[0], 'Q-1,某某商贸有限公司,12,,,', 'Q-2,"某某合作社,40,,,', 'Q-3,某某公司,5,,,'].join('\r\n')
    const res = await app.request(...post(body, 'text/csv'))
    expect(res.status).toBe(200)
    const lines = await ndjson(res)
    expect(lines).toHaveLength(2)
    expect(ResultSchema.parse(lines[0])).toMatchObject({ id: 'Q-1', line: 2, status: 'scored' })
    const { error } = ErrorBodySchema.parse(lines[1])
    expect(error.code).toBe('UNREADABLE_INPUT')
    expect(error.details).toEqual([
      expect.objectContaining({
        code: 'unclosed-quote',
        file: 'batch.csv',
        line: 3,
        column: 2,
        message: expect.stringContaining('引号没有闭合：第3行第2列以英文双引号'),
        messageEn: expect.stringContaining('unclosed quote: field 2 on line 3 opens with a double quote'),
      }),
    ])
  })

  it('400 for a multipart body without a file, or that is not multipart at all', async () => {
    const { app } = await makeApp()
    const form = new FormData()
    form.set('sheet', 'x')
    const noFile = await app.request('/v1/score/batch', { method: 'POST', body: form })
    expect(noFile.status).toBe(400)
    expect(ErrorBodySchema.parse(await noFile.json()).error.code).toBe('USAGE')
    const broken = await app.request(...post('garbage', 'multipart/form-data; boundary=xyz'))
    expect(broken.status).toBe(400)
    expect(ErrorBodySchema.parse(await broken.json()).error.code).toBe('MALFORMED_BODY')
  })

  it('400 USAGE for an encoding it does not know', async () => {
    const { app } = await makeApp()
    const res = await app.request(...post(CSV, 'text/csv', '?encoding=ebcdic'))
    expect(res.status).toBe(400)
    expect(ErrorBodySchema.parse(await res.json()).error.code).toBe('USAGE')
  })

  it('415 for a media type it does not read', async () => {
    const { app } = await makeApp()
    const res = await app.request(...post('<leads/>', 'application/xml'))
    expect(res.status).toBe(415)
    const error = ErrorBodySchema.parse(await res.json()).error
    expect(error.details).toMatchObject({ accepted: expect.arrayContaining(['text/csv', 'multipart/form-data']) })
  })

  it('has its own, larger limit (32 MiB by default), enforced on chunked bodies too', async () => {
    const { app } = await makeApp()
    // 1.5 MiB: over the one-lead limit, well under the batch limit.
    const many = Array.from({ length: 3000 }, (_, i) => ({ ...SMALL, id: `M-${i}`, notes: 'x'.repeat(500) }))
    const body = JSON.stringify(many)
    expect(body.length).toBeGreaterThan(1024 * 1024)
    const res = await app.request(...post(body, 'application/json'))
    expect(res.status).toBe(200)
    expect(await ndjson(res)).toHaveLength(3000)

    const { app: small } = await makeApp({ limits: { batchBytes: 50_000 } })
    const chunked = await small.request('/v1/score/batch', {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson' },
      body: chunkedBody(1000, 1024),
      duplex: 'half',
    } as RequestInit)
    expect(chunked.status).toBe(413)
  })
})
