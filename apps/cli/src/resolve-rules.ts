import { stat } from 'node:fs/promises'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ChufeiError } from '@chufei/core'
import { messagesFor } from './messages'

/*
 * Where the rule pack comes from: `--rules <dir>`, else `rules/` in the current folder (an office's own
 * tuned pack), else the pack bundled with chufei (the repo's `rules/`).
 */

/** The bundled pack: `<repo>/rules`, seen from `apps/cli/src/*.ts` and from `apps/cli/dist/*.js` alike. */
export const bundledRulesDir = (): string => fileURLToPath(new URL('../../../rules/', import.meta.url)).replace(/[\\/]$/, '')

const isDir = async (p: string) => (await stat(p).catch(() => null))?.isDirectory() === true

/** Resolves the rule-pack folder; `RULE_PACK_NOT_FOUND` when there is none. */
export const resolveRulesDir = async (explicit: string | undefined, cwd: string): Promise<string> => {
  if (explicit !== undefined) return resolve(cwd, explicit)
  const candidates = [resolve(cwd, 'rules'), bundledRulesDir()]
  for (const dir of candidates) if (await isDir(dir)) return dir
  const message = messagesFor('zh').rulesNotFound(candidates)
  const messageEn = messagesFor('en').rulesNotFound(candidates)
  throw new ChufeiError('RULE_PACK_NOT_FOUND', message, {
    issues: [{ code: 'rules-not-found', severity: 'error', message, messageEn }],
  })
}
