/*
 * The child process of the kill -9 test: opens the embedded store in argv[2], imports the sheet argv[3] as
 * the local administrator, and writes `writing-leads` to stdout when the first batch of leads is being
 * inserted — inside the import's transaction — so the parent kills it mid-import.
 */
import { readFile } from 'node:fs/promises'
import { LOCAL_ADMIN } from './actor'
import { openDb, type Db } from './db'
import { importSweep } from './import-sweep'
import { bundledScorer } from './_test-store'

const [dataDir, sheet] = process.argv.slice(2) as [string, string]
const db = await openDb({ dataDir })
let told = false
const tell = (tx: Db): Db => ({
  ...tx,
  async query(sql, params) {
    const result = await tx.query(sql, params)
    if (!told && sql.startsWith('INSERT INTO leads')) {
      told = true
      process.stdout.write('writing-leads\n')
      // Hold the transaction open until the parent's SIGKILL arrives.
      await new Promise(() => {})
    }
    return result as never
  },
  transaction: (fn) => tx.transaction((inner) => fn(tell(inner))),
})
await importSweep(tell(db), LOCAL_ADMIN, { bytes: await readFile(sheet), fileName: 'kill.csv', unit: '芮集镇', date: '2024-06-30', scorer: await bundledScorer() })
process.stdout.write('finished\n')
