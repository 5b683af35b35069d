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
// The reader of stdout went away (`chufei explain x | head`): stop quietly, as `score` does, like any Unix filter.
// Unhandled, the write error of the pipe ends the process with a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error
  controller.abort()
  process.exit(1)
})

const code = await run(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  signal: controller.signal,
})
process.exitCode = code
if (process.stdout.writableNeedDrain) process.stdout.once('drain', () => process.exit(code))
else process.exit(code)
