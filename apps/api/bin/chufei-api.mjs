#!/usr/bin/env node
// chufei-api: the chufei HTTP service. Built by `npm ci` (root prepare script); see apps/api/README.md.
import '../dist/bin.js'
