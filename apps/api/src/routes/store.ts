import type { BodyLimits } from '../app'
import type { StoreRoute } from './_store'
import { BACKTEST_ROUTES } from './store-backtest'
import { CASE_ROUTES } from './store-cases'
import { LEAD_ROUTES } from './store-leads'
import { LEDGER_ROUTES } from './store-ledger'
import { OVERVIEW_ROUTES } from './store-overview'
import { PACK_ROUTES } from './store-packs'
import { PEOPLE_ROUTES } from './store-people'
import { SAMPLE_ROUTES } from './store-samples'
import { SESSION_ROUTES } from './store-session'
import { SWEEP_LEDGER_ROUTES } from './store-sweep-ledger'
import { SWEEP_ROUTES } from './store-sweeps'
import { TREND_ROUTES } from './store-trend'

/*
 * The route table of the case store (案件库): every store route of the API, in one list. The app serves it,
 * the OpenAPI document states it, the scoring API key leaves its paths alone, and the role-matrix test walks
 * it — a route added here cannot be left out of any of them.
 */

/** Every store route, as the limits state them. */
export const storeRoutes = (limits: BodyLimits): readonly StoreRoute[] => [
  ...SWEEP_ROUTES(limits),
  ...SWEEP_LEDGER_ROUTES,
  ...LEAD_ROUTES,
  ...CASE_ROUTES,
  ...LEDGER_ROUTES(limits),
  ...TREND_ROUTES,
  ...OVERVIEW_ROUTES,
  ...SAMPLE_ROUTES,
  ...PEOPLE_ROUTES,
  ...SESSION_ROUTES,
  ...PACK_ROUTES,
  ...BACKTEST_ROUTES,
]

/** The first path segments under /v1 that belong to the store (`cases`, `sweeps`, …). */
export const storePathRoots = (table: readonly StoreRoute[]): ReadonlySet<string> =>
  new Set(table.map((r) => r.route.path.split('/')[2]!))

/** Whether a request path is a store route's (the scoring API key does not guard those: the store's tokens do). */
export const isStorePath = (roots: ReadonlySet<string>, path: string): boolean => path.startsWith('/v1/') && roots.has(path.split('/')[2] ?? '')
