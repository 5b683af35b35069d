import { useEffect, useState } from 'preact/hooks'

/*
 * Pages are addressed by the URL fragment (#/rules, #/try, #/try/lead/<stored lead id>, #/editor/<rule id>, #/cases, #/cases/<id>,
 * #/signin, #/home, #/upload, #/report, #/packs): the server serves one index.html, and the back button and bookmarks work without any
 * server-side routing.
 */

/** A page of the console and its argument. */
export type Route =
  | { page: 'rules' }
  | { page: 'try'; leadId?: number }
  | { page: 'editor'; ruleId?: string }
  | { page: 'signin' }
  | { page: 'cases' }
  | { page: 'case'; caseId: number }
  // Staff: home, upload a sheet, the summary report.
  | { page: 'home' }
  | { page: 'upload' }
  | { page: 'report' }
  | { page: 'packs' }
  | { page: 'missing'; hash: string }

/** The page a fragment names; the rules page when there is none. */
export const parseRoute = (hash: string): Route => {
  const path = hash.replace(/^#\/?/, '')
  const [page, ...rest] = path.split('/')
  if (page === '' || page === 'rules') return { page: 'rules' }
  if (page === 'try') {
    if (rest.length === 0) return { page: 'try' }
    // #/try/lead/<id>: a stored lead, opened from its case page.
    if (rest.length === 2 && rest[0] === 'lead' && /^[1-9]\d{0,14}$/.test(rest[1]!)) return { page: 'try', leadId: Number(rest[1]) }
  }
  if (page === 'signin') return { page: 'signin' }
  if (page === 'home' || page === 'upload' || page === 'report') return { page }
  if (page === 'packs' && rest.length === 0) return { page: 'packs' }
  if (page === 'editor') {
    const id = rest.join('/')
    return id === '' ? { page: 'editor' } : { page: 'editor', ruleId: decodeURIComponent(id) }
  }
  if (page === 'cases') {
    const id = rest.join('/')
    if (id === '') return { page: 'cases' }
    // Only a case number is a case; anything else is no page (the server is never asked for it).
    if (/^[1-9]\d{0,14}$/.test(id)) return { page: 'case', caseId: Number(id) }
  }
  return { page: 'missing', hash: path }
}

/** The fragment of a route. */
export const routeHref = (route: Route): string => {
  switch (route.page) {
    case 'rules':
      return '#/rules'
    case 'try':
      return route.leadId === undefined ? '#/try' : `#/try/lead/${route.leadId}`
    case 'signin':
      return '#/signin'
    case 'cases':
      return '#/cases'
    case 'packs':
      return '#/packs'
    case 'case':
      return `#/cases/${route.caseId}`
    case 'home':
    case 'upload':
    case 'report':
      return `#/${route.page}`
    case 'editor':
      return route.ruleId === undefined ? '#/editor' : `#/editor/${encodeURIComponent(route.ruleId)}`
    case 'missing':
      return `#/${route.hash}`
  }
}

/**
 * Whether a fragment names no page: the address as typed or printed (`/console/`). There a signed-in staff user
 * lands on home (首页); everyone else on the rules page, as before.
 */
export const isDefaultHash = (hash: string): boolean => /^#?\/?$/.test(hash)

/** The current route, following hash changes. */
export const useRoute = (): Route => {
  const [route, setRoute] = useState(() => parseRoute(location.hash))
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(location.hash))
    addEventListener('hashchange', onChange)
    return () => removeEventListener('hashchange', onChange)
  }, [])
  return route
}
