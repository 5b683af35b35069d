/*
 * Peak memory of a child process, for tests that bound it: the child is started with
 * `--import PEAK_RSS_IMPORT`, which prints the kernel's high-water mark of its resident set
 * (getrusage ru_maxrss, what `/usr/bin/time -v` reports) on stderr as it exits. A memory figure is
 * deterministic enough to assert; a time would not be.
 */

const REPORT = "process.on('exit',()=>process.stderr.write('\\npeak-rss-kib='+process.resourceUsage().maxRSS+'\\n'))"

/** A `--import` argument for `node` that makes the process report its peak RSS on exit. */
export const PEAK_RSS_IMPORT = `data:text/javascript,${encodeURIComponent(REPORT)}`

/** The peak RSS, in MiB, a child started with {@link PEAK_RSS_IMPORT} reported on `stderr`. */
export const peakRssMiB = (stderr: string): number => {
  const match = /peak-rss-kib=(\d+)/.exec(stderr)
  if (match === null) throw new Error(`the child did not report its peak RSS; stderr:\n${stderr.slice(-2000)}`)
  return Number(match[1]) / 1024
}
