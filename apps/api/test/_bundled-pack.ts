import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repo's rules folder, which the server tests serve. */
export const BUNDLED_RULES = fileURLToPath(new URL('../../../rules/', import.meta.url))

/**
 * The bundled pack's version, read from rules/pack.json. Tests that spelled it out broke with every release of
 * the pack (round 10: a stale 2024.7.0; round 11: 2024.8.0 in three store tests), so they read it here.
 */
export const BUNDLED_VERSION: string = (JSON.parse(readFileSync(join(BUNDLED_RULES, 'pack.json'), 'utf8')) as { version: string }).version

/** A version after the bundled one (its minor number plus one), as an analyst would name the next release. */
export const NEXT_VERSION: string = BUNDLED_VERSION.replace(/^(\d+)\.(\d+)\..*$/, (_, major: string, minor: string) => `${major}.${Number(minor) + 1}.0`)
