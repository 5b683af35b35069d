import { watch, type FSWatcher } from 'node:fs'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { ChufeiError, createScorer, formatIssue, type RulePack, type RulePackFiles, type SafeResult } from '@chufei/core'
import { createPackValidator, readRulePackFiles } from '@chufei/core/node'
import { serve } from '@hono/node-server'
import { LOCAL_ADMIN, currentPackVersion, type Db } from '@chufei/store'
import { createApp, type AppDeps, type ChufeiApp } from './app'
import { createJsonLogger, type Logger } from './logger'
import { createRulePackHolder, type RulePackHolder } from './rule-pack-holder'

/*
 * The Node server: serves the app, loads the rule pack from a folder, reloads it on SIGHUP and when the
 * folder changes (validated in a worker thread while the last good pack keeps serving; an edit that does
 * not validate is refused and logged) — or, with a store, the newest published version, looked for every
 * packPollMs so a publish through another server on the same database is served here too — and shuts down
 * gracefully (in-flight requests finish).
 */

/** How to run the server. */
export interface ServerOptions extends Omit<AppDeps, 'rules' | 'logger'> {
  /** The rule-pack folder (CHUFEI_RULES). */
  rulesDir: string
  /** 0 picks a free port. Default 8787. */
  port?: number
  /** Default 127.0.0.1; set 0.0.0.0 to serve other machines. */
  hostname?: string
  /** Reload when the folder changes. Default true. */
  watch?: boolean
  /** Quiet time after the last change before reloading. Default 300 ms. */
  debounceMs?: number
  /** Longest wait for in-flight requests on shutdown before connections are cut. Default 10 s. */
  shutdownTimeoutMs?: number
  /**
   * With a store: how often to look for a pack published through another server on the same database
   * (CHUFEI_PACK_POLL_SECONDS). Default 30 s; 0 looks only at start and on SIGHUP.
   */
  packPollMs?: number
  logger?: Logger
  /**
   * Validates the files of a (re)load into a pack, and every pack the app validates. Default: one long-lived worker
   * thread (`createPackValidator`), so requests are answered with the last good pack while a reload validates.
   */
  validatePack?: (files: RulePackFiles) => Promise<SafeResult<RulePack>>
}

/** What a reload did. */
export type ReloadOutcome =
  | { status: 'loaded'; hash: string }
  | { status: 'unchanged'; hash: string }
  | { status: 'refused'; error: ChufeiError }

/** A started server. */
export interface RunningServer {
  readonly url: string
  readonly port: number
  readonly app: ChufeiApp
  readonly rules: RulePackHolder
  /** Reloads the pack now (what SIGHUP does). Reloads never overlap. */
  reload(reason?: string): Promise<ReloadOutcome>
  /** Stops accepting connections, lets in-flight requests finish, stops watching. */
  close(): Promise<void>
}

/** How often a server with a store looks for a pack published through another server (CHUFEI_PACK_POLL_SECONDS). */
export const DEFAULT_PACK_POLL_MS = 30_000

/** The newest published pack version's id, or null: what the poll compares. */
const latestPublishedId = async (db: Db): Promise<number | null> => (await db.query<{ id: number | null }>('SELECT max(id) AS id FROM pack_versions')).rows[0]?.id ?? null

/** How long an idle keep-alive socket stays open: longer than the usual client pools hold one (60 s). */
const KEEP_ALIVE_MS = 65_000

const describePack = (pack: RulePack) => ({ name: pack.name, version: pack.version, hash: pack.hash, rules: pack.rules.length })

const asChufeiError = (error: unknown): ChufeiError =>
  error instanceof ChufeiError
    ? error
    : new ChufeiError('RULE_PACK_NOT_FOUND', `无法读取规则包 / cannot read the rule pack: ${error instanceof Error ? error.message : String(error)}`)

/**
 * Starts the API on a port, with the rule pack of `rulesDir`. An invalid pack at start is logged and the
 * server starts not ready (`/readyz` 503) until a good edit arrives.
 *
 * @throws {ChufeiError} `RULE_PACK_NOT_FOUND` when the folder does not exist
 */
export const startServer = async (options: ServerOptions): Promise<RunningServer> => {
  const logger = options.logger ?? createJsonLogger()
  const { rulesDir } = options
  const rules = createRulePackHolder()

  const validator = options.validatePack === undefined ? createPackValidator() : undefined
  const validatePack = options.validatePack ?? validator!.validate
  const db = options.store?.db
  const load = async (reason: string): Promise<ReloadOutcome> => {
    let loaded
    let files: RulePackFiles | undefined
    // A pack published through the console (the newest row of the store's pack_versions) wins over the
    // folder: the folder serves only while nothing has been published (docs/store.md, "Rule pack versions").
    const published = db === undefined ? null : await currentPackVersion(db, LOCAL_ADMIN)
    if (published !== null) {
      const stored = await validatePack(published.files)
      if (stored.success) {
        const pack = stored.data
        if (rules.current()?.pack.hash === pack.hash) {
          if (reason !== 'start') logger({ level: 'warn', msg: 'a published rule pack is serving: the rules folder is not served until nothing is published', reason, published: published.id, dir: rulesDir })
          return { status: 'unchanged', hash: pack.hash }
        }
        rules.replace(createScorer(pack), published.files)
        logger({ level: 'info', msg: 'rules loaded', reason, source: `published #${published.id}`, ...describePack(pack) })
        return { status: 'loaded', hash: pack.hash }
      }
      // Published under an older release and no longer valid under this one: say so, serve the folder.
      logger({
        level: 'error',
        msg: 'the published rule pack does not validate; serving the rules folder instead',
        reason,
        published: published.id,
        version: published.version,
        issues: stored.error.issues.map((issue) => formatIssue(issue, 'en')),
      })
    }
    try {
      files = await readRulePackFiles(rulesDir)
      loaded = await validatePack(files)
    } catch (error) {
      loaded = { success: false as const, error: asChufeiError(error) }
    }
    if (!loaded.success) {
      const { error } = loaded
      logger({
        level: 'error',
        msg: rules.current() ? 'rules reload refused; the last good pack keeps serving' : 'rules not loaded; not ready',
        reason,
        dir: rulesDir,
        code: error.code,
        serving: rules.current()?.pack.hash ?? null,
        issues: error.issues.map((issue) => formatIssue(issue, 'en')),
      })
      return { status: 'refused', error }
    }
    const pack = loaded.data
    if (rules.current()?.pack.hash === pack.hash) return { status: 'unchanged', hash: pack.hash }
    rules.replace(createScorer(pack), files)
    logger({
      level: 'info',
      msg: 'rules loaded',
      reason,
      dir: rulesDir,
      ...describePack(pack),
      warnings: pack.warnings.map((issue) => formatIssue(issue, 'en')),
    })
    return { status: 'loaded', hash: pack.hash }
  }

  // Reloads, publishes and rollbacks run one after another, so an older read can never replace a newer pack.
  const reload = (reason = 'manual'): Promise<ReloadOutcome> => rules.exclusive(() => load(reason))

  const first = await reload('start')
  if (first.status === 'refused' && first.error.code === 'RULE_PACK_NOT_FOUND') throw first.error

  const app = createApp({ ...options, rules, logger, validatePack })
  const server = await new Promise<Server>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: options.port ?? 8787, hostname: options.hostname ?? '127.0.0.1' }, () =>
      resolve(s as Server),
    ) as Server
    s.once('error', reject)
  })
  // Node closes an idle keep-alive socket after 5 s. A client that reuses it just then (a pooled fetch, a
  // load balancer, a test on a busy machine) gets ECONNRESET for a request the server never saw. Hold idle
  // sockets longer than the usual client pools do (60 s), and keep the header timeout above it, as Node asks.
  server.keepAliveTimeout = KEEP_ALIVE_MS
  server.headersTimeout = KEEP_ALIVE_MS + 1_000
  const address = server.address() as AddressInfo
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address
  const url = `http://${host}:${address.port}`
  logger({ level: 'info', msg: 'listening', url, port: address.port, rules: rulesDir })

  let watcher: FSWatcher | undefined
  let timer: NodeJS.Timeout | undefined
  if (options.watch !== false) {
    const debounceMs = options.debounceMs ?? 300
    try {
      watcher = watch(rulesDir, { recursive: true }, () => {
        clearTimeout(timer)
        timer = setTimeout(() => void reload('folder changed'), debounceMs)
      })
      watcher.on('error', (error) => logger({ level: 'warn', msg: 'rules watch failed', dir: rulesDir, error: error.message }))
    } catch (error) {
      logger({ level: 'warn', msg: 'rules watch unavailable; reload with SIGHUP', error: error instanceof Error ? error.message : String(error) })
    }
  }

  // Several servers on one PostgreSQL (a county's offices) each hold the pack in memory: a publish or rollback
  // through one is seen by the others at their next look — one indexed max(id) a poll, a reload only when it moved.
  let poll: NodeJS.Timeout | undefined
  const pollMs = options.packPollMs ?? DEFAULT_PACK_POLL_MS
  if (db !== undefined && pollMs > 0) {
    let seen = await latestPublishedId(db)
    let looking = false
    poll = setInterval(() => {
      if (looking) return
      looking = true
      latestPublishedId(db)
        .then(async (id) => {
          if (id === seen) return
          seen = id
          await reload('published through another server')
        })
        .catch((error: unknown) => logger({ level: 'warn', msg: 'could not look for a newly published rule pack', error: error instanceof Error ? error.message : String(error) }))
        .finally(() => {
          looking = false
        })
    }, pollMs)
    poll.unref()
  }

  let closing: Promise<void> | undefined
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      clearInterval(poll)
      clearTimeout(timer)
      watcher?.close()
      logger({ level: 'info', msg: 'shutting down: finishing requests in flight' })
      // Keep-alive connections that fall idle while we wait are closed as soon as they do.
      const sweep = setInterval(() => server.closeIdleConnections(), 100)
      const deadline = setTimeout(() => {
        logger({ level: 'warn', msg: 'shutdown timeout: closing the remaining connections' })
        server.closeAllConnections()
      }, options.shutdownTimeoutMs ?? 10_000)
      server.close(() => {
        clearInterval(sweep)
        clearTimeout(deadline)
        void validator?.close()
        logger({ level: 'info', msg: 'stopped' })
        resolve()
      })
      server.closeIdleConnections()
    })
    return closing
  }

  return { url, port: address.port, app, rules, reload, close }
}

/**
 * Wires process signals: SIGHUP reloads the pack, SIGTERM and SIGINT shut down gracefully and then call
 * `exit` (the bin passes `process.exit`). Returns a function that removes the handlers.
 */
export const handleSignals = (running: RunningServer, exit: (code: number) => void): (() => void) => {
  const onHup = () => void running.reload('SIGHUP')
  const onStop = () => {
    void running.close().then(() => exit(0))
  }
  process.on('SIGHUP', onHup)
  process.on('SIGTERM', onStop)
  process.on('SIGINT', onStop)
  return () => {
    process.off('SIGHUP', onHup)
    process.off('SIGTERM', onStop)
    process.off('SIGINT', onStop)
  }
}
