import { readFile, readdir, stat } from 'node:fs/promises'
import { join, relative, sep } from 'node:path'
import { ChufeiError } from '../errors'
import type { SafeResult } from '../errors'
import { parseRulePack } from '../rule-pack'
import type { RulePack } from '../rule-pack'
import { messageFor } from '../_messages'

/** Largest rule-pack file read (a pack is hand-edited JSON; anything bigger is a mistake or an attack). */
const MAX_FILE_BYTES = 8 * 1024 * 1024
const MAX_FILES = 500

const fail = (code: 'RULE_PACK_NOT_FOUND', dir: string, detail: string): ChufeiError => {
  const text = messageFor('file-unreadable', { detail })
  return new ChufeiError(code, `无法读取规则包 ${dir}：${detail} / cannot read rule pack ${dir}: ${detail}`, {
    issues: [{ code: 'file-unreadable', severity: 'error', ...text, file: dir }],
  })
}

/**
 * Reads every JSON file of a rule-pack folder (recursively, `tests/` included) as text, by path relative
 * to the folder with `/` separators.
 *
 * @throws {ChufeiError} `RULE_PACK_NOT_FOUND` when the folder cannot be read
 */
export const readRulePackFiles = async (dir: string): Promise<Record<string, string>> => {
  const info = await stat(dir).catch(() => undefined)
  if (!info?.isDirectory()) throw fail('RULE_PACK_NOT_FOUND', dir, '文件夹不存在 / no such folder')
  const files: Record<string, string> = {}
  let count = 0
  const walk = async (folder: string): Promise<void> => {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const full = join(folder, entry.name)
      if (entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules') await walk(full)
      else if (entry.isFile() && entry.name.endsWith('.json')) {
        if (++count > MAX_FILES) throw fail('RULE_PACK_NOT_FOUND', dir, `文件过多（超过 ${MAX_FILES} 个）`)
        const size = (await stat(full)).size
        if (size > MAX_FILE_BYTES) throw fail('RULE_PACK_NOT_FOUND', dir, `${entry.name} 超过 8 MiB`)
        files[relative(dir, full).split(sep).join('/')] = await readFile(full, 'utf8')
      }
    }
  }
  await walk(dir)
  return files
}

/**
 * Loads and validates the rule pack in a folder.
 *
 * @throws {ChufeiError} `RULE_PACK_NOT_FOUND`, or `INVALID_RULE_PACK` with every problem (file, pointer, line)
 * @example
 * ```ts
 * const pack = await loadRulePack('rules')
 * ```
 */
export const loadRulePack = async (dir: string): Promise<RulePack> => parseRulePack(await readRulePackFiles(dir))

/** {@link loadRulePack} without throwing: `{ success, data | error }`. */
export const safeLoadRulePack = async (dir: string): Promise<SafeResult<RulePack>> => {
  try {
    return { success: true, data: await loadRulePack(dir) }
  } catch (error) {
    if (error instanceof ChufeiError) return { success: false, error }
    throw error
  }
}
