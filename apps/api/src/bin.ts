import { ChufeiError, formatIssue } from '@chufei/core'
import { readServerConfig, removedVariableNotices } from './config'
import { handleSignals, startServer } from './server'

/*
 * `chufei-api` / `npm run serve`: starts the server from the environment. The only place that calls
 * process.exit: 0 after a graceful shutdown, 1 when it cannot start, 2 on a bad environment variable.
 */

const main = async (): Promise<void> => {
  let config
  try {
    config = readServerConfig(process.env, process.cwd())
  } catch (error) {
    process.stderr.write(`chufei-api: ${error instanceof Error ? error.message : String(error)}\n`)
    process.exit(2)
  }
  for (const notice of removedVariableNotices(process.env)) process.stderr.write(`chufei-api: ${notice}\n`)
  try {
    const running = await startServer(config)
    handleSignals(running, (code) => process.exit(code))
  } catch (error) {
    if (error instanceof ChufeiError) {
      process.stderr.write(`chufei-api: ${error.message}\n`)
      for (const issue of error.issues) process.stderr.write(`  ${formatIssue(issue)}\n`)
    } else {
      process.stderr.write(`chufei-api: ${error instanceof Error ? error.message : String(error)}\n`)
    }
    process.exit(1)
  }
}

void main()
