import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startServer, type RunningServer } from '../src/server'
import { openStore, type OpenedStore } from '../src/store-open'
import { createApiClient } from './_browser'

/*
 * The server the console's store browser tests drive: the real one (port 0) with the bundled rules, over an
 * embedded PGlite store in a temp folder opened as `npm run serve` opens it on a first run (the town 芮集镇 and
 * its administrator), and the administrator's token, signed in with the password that first run prints.
 */

/** The bundled rule pack (`rules/`). */
export const BUNDLED_RULES = fileURLToPath(new URL('../../../rules', import.meta.url))

/** A running server over a fresh store. */
export interface TownServer {
  /** The store's folder (a test may write its files there too: it goes with the store). */
  readonly dataDir: string
  readonly store: OpenedStore
  readonly server: RunningServer
  readonly adminToken: string
  /** Stops the server, closes the store and removes its folder. */
  close(): Promise<void>
}

/** Opens a fresh store in a temp folder named from `prefix` and starts the server over it. */
export const startTownServer = async (prefix: string): Promise<TownServer> => {
  const dataDir = await mkdtemp(join(tmpdir(), prefix))
  let store: OpenedStore | undefined
  let server: RunningServer | undefined
  const close = async () => {
    await server?.close()
    await store?.db.close()
    await rm(dataDir, { recursive: true, force: true })
  }
  try {
    store = await openStore({ dataDir }, '芮集镇', () => {})
    const admin = store.firstAdmin!
    const running = await startServer({ rulesDir: BUNDLED_RULES, port: 0, hostname: '127.0.0.1', watch: false, logger: () => {}, store: { db: store.db } })
    server = running
    const { postJson } = createApiClient(() => running.url)
    const adminToken = (await postJson<{ token: string }>('/v1/tokens', { login: admin.login, password: admin.password })).token
    return { dataDir, store, server: running, adminToken, close }
  } catch (error) {
    await close()
    throw error
  }
}
