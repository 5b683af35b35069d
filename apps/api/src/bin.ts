import { ChufeiError, formatIssue } from '@chufei/core'
import { readServerConfig, readStoreConfig, removedVariableNotices } from './config'
import { readyNotice } from './ready-notice'
import { createJsonLogger } from './logger'
import { handleSignals, startServer } from './server'
import { firstRunNotice, openStore, type OpenedStore } from './store-open'

/*
 * `chufei-api` / `npm run serve`: starts the server from the environment. The only place that calls
 * process.exit: 0 after a graceful shutdown, 1 when it cannot start, 2 on a bad environment variable.
 * The case store is opened (and on its first run given an administrator) before the server listens, unless
 * CHUFEI_STORE=0.
 */

const main = async (): Promise<void> => {
  let config
  let storeConfig
  try {
    config = readServerConfig(process.env, process.cwd())
    storeConfig = readStoreConfig(process.env, process.cwd())
  } catch (error) {
    process.stderr.write(`chufei-api: ${error instanceof Error ? error.message : String(error)}\n`)
    process.exit(2)
  }
  for (const notice of removedVariableNotices(process.env)) process.stderr.write(`chufei-api: ${notice}\n`)
  let store: OpenedStore | undefined
  try {
    const logger = createJsonLogger()
    if (storeConfig !== null) {
      store = await openStore(storeConfig.options, storeConfig.town, logger)
      if (store.firstAdmin !== null) {
        process.stdout.write(firstRunNotice(store.firstAdmin))
        logger({ level: 'warn', msg: 'first run: the administrator was created; its password and token were printed to stdout once', login: store.firstAdmin.login })
      }
    }
    const db = store?.db
    const running = await startServer({ ...config, logger, ...(db === undefined || storeConfig === null ? {} : { store: { db, sessionSeconds: storeConfig.sessionSeconds } }) })
    process.stderr.write(readyNotice(running.url, db !== undefined))
    // The store is closed after the last request has finished, so PGlite writes its folder whole.
    handleSignals(running, (code) => void (db?.close() ?? Promise.resolve()).finally(() => process.exit(code)))
  } catch (error) {
    if (error instanceof ChufeiError) {
      process.stderr.write(`chufei-api: ${error.message}\n`)
      for (const issue of error.issues) process.stderr.write(`  ${formatIssue(issue)}\n`)
    } else {
      process.stderr.write(`chufei-api: ${error instanceof Error ? error.message : String(error)}\n`)
    }
    await store?.db.close().catch(() => {})
    process.exit(1)
  }
}

void main()
