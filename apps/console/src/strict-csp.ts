import { config } from 'zod'

/*
 * The console runs under a Content-Security-Policy without 'unsafe-eval'. zod (inside the core's pack
 * parser, used by the rule editor) probes `new Function` once to choose its fast path; the browser reports
 * that probe as a policy violation even though zod catches it. `jitless` skips the probe.
 */
config({ jitless: true })
