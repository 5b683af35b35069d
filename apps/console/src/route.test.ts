import { describe, expect, it } from 'vitest'
import { parseRoute, routeHref } from './route'

describe('routes', () => {
  it('reads each page from the fragment, the rules page by default', () => {
    expect(parseRoute('')).toEqual({ page: 'rules' })
    expect(parseRoute('#/rules')).toEqual({ page: 'rules' })
    expect(parseRoute('#/try')).toEqual({ page: 'try' })
    expect(parseRoute('#/editor')).toEqual({ page: 'editor' })
    expect(parseRoute('#/editor/scale-people-150')).toEqual({ page: 'editor', ruleId: 'scale-people-150' })
    expect(parseRoute('#/nowhere')).toEqual({ page: 'missing', hash: 'nowhere' })
  })

  it('writes a fragment that reads back as the same route', () => {
    for (const route of [{ page: 'rules' }, { page: 'try' }, { page: 'editor' }, { page: 'editor', ruleId: 'a.b-1' }] as const) {
      expect(parseRoute(routeHref(route))).toEqual(route)
    }
  })
})
