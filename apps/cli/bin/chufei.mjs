#!/usr/bin/env node
// chufei — batch-score investigation sheets (排查表) into a risk ledger (风险台账).
// Built by `npm ci` (root `prepare` runs the build); see apps/cli/src/bin.ts.
import '../dist/bin.js'
