import { removeLiveTempFiles } from './live-temp-files'
import { run } from './run'

/*
 * The `chufei` executable: the only place that touches process.exit. SIGINT aborts the run, which removes
 * its temp file and returns 130; a second Ctrl-C exits at once (temp files are still removed on exit).
 */

const controller = new AbortController()
process.on('SIGINT', () => {
  if (controller.signal.aborted) {
    removeLiveTempFiles()
    process.exit(130)
  }
  controller.abort()
})
process.on('exit', removeLiveTempFiles)

const code = await run(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  signal: controller.signal,
})
process.exitCode = code
if (process.stdout.writableNeedDrain) process.stdout.once('drain', () => process.exit(code))
else process.exit(code)
