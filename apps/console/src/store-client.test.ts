import { describe, expect, it } from 'vitest'
import { caseQueryString, ledgerDownloadHref } from './store-client'

describe('the ledger page’s addresses', () => {
  it('a ledger query names every filter and the order, and leaves out what is not set', () => {
    expect(caseQueryString({})).toBe('limit=50&offset=0')
    const query = caseQueryString({ tier: 'red', disposition: 'report-police', pattern: 'guaranteed-return', sort: 'deadline', search: ' 合作社 ', offset: 50 })
    expect(Object.fromEntries(new URLSearchParams(query))).toEqual({
      tier: 'red',
      search: '合作社',
      disposition: 'report-police',
      pattern: 'guaranteed-return',
      sort: 'deadline',
      limit: '50',
      offset: '50',
    })
  })

  it('the export link is GET /v1/ledger of the unit, in the format, as of a date and in English when asked', () => {
    expect(ledgerDownloadHref({ format: 'xlsx', lang: 'zh' })).toBe('../v1/ledger?format=xlsx')
    expect(ledgerDownloadHref({ unit: '12', format: 'csv', asOf: '2024-06-30', lang: 'en' })).toBe('../v1/ledger?unit=12&format=csv&asOf=2024-06-30&lang=en')
  })
})
