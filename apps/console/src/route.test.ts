import { describe, expect, it } from 'vitest'
import { isDefaultHash, parseRoute, routeHref } from './route'

describe('routes', () => {
  it('reads each page from the fragment, the rules page by default', () => {
    expect(parseRoute('')).toEqual({ page: 'rules' })
    expect(parseRoute('#/rules')).toEqual({ page: 'rules' })
    expect(parseRoute('#/try')).toEqual({ page: 'try' })
    expect(parseRoute('#/editor')).toEqual({ page: 'editor' })
    expect(parseRoute('#/editor/scale-people-150')).toEqual({ page: 'editor', ruleId: 'scale-people-150' })
    expect(parseRoute('#/nowhere')).toEqual({ page: 'missing', hash: 'nowhere' })
  })

  it('reads the staff pages: sign-in, the ledger and a case by number only', () => {
    expect(parseRoute('#/signin')).toEqual({ page: 'signin' })
    expect(parseRoute('#/cases')).toEqual({ page: 'cases' })
    expect(parseRoute('#/cases/42')).toEqual({ page: 'case', caseId: 42 })
    expect(parseRoute('#/cases/abc')).toEqual({ page: 'missing', hash: 'cases/abc' })
    expect(parseRoute('#/cases/0')).toEqual({ page: 'missing', hash: 'cases/0' })
    expect(parseRoute('#/packs')).toEqual({ page: 'packs' })
    expect(parseRoute('#/packs/3')).toEqual({ page: 'missing', hash: 'packs/3' })
    expect(parseRoute('#/try/lead/12')).toEqual({ page: 'try', leadId: 12 })
    for (const hash of ['#/try/lead/0', '#/try/lead/x', '#/try/12', '#/try/lead/1/2']) expect(parseRoute(hash).page, hash).toBe('missing')
  })

  it('reads the staff pages home, upload and report, and knows a fragment that names no page', () => {
    expect(parseRoute('#/home')).toEqual({ page: 'home' })
    expect(parseRoute('#/upload')).toEqual({ page: 'upload' })
    expect(parseRoute('#/report')).toEqual({ page: 'report' })
    expect(parseRoute('#/home/1')).toEqual({ page: 'home' })
    for (const hash of ['', '#', '#/']) expect(isDefaultHash(hash)).toBe(true)
    for (const hash of ['#/rules', '#/home', '#//']) expect(isDefaultHash(hash)).toBe(false)
  })

  it('writes a fragment that reads back as the same route', () => {
    for (const route of [{ page: 'rules' }, { page: 'try' }, { page: 'editor' }, { page: 'editor', ruleId: 'a.b-1' }, { page: 'signin' }, { page: 'cases' }, { page: 'case', caseId: 7 }, { page: 'home' }, { page: 'upload' }, { page: 'report' }, { page: 'packs' }, { page: 'try', leadId: 5 }] as const) {
      expect(parseRoute(routeHref(route))).toEqual(route)
    }
  })
})
