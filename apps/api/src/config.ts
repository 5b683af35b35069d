import { resolve } from 'node:path'
import { ChufeiError } from '@chufei/core'
import { DEFAULT_XLSX_LIMITS, XLSX_LIMIT_SETTINGS } from '@chufei/sheets'
import { dbOptionsFromEnv, type OpenDbOptions } from '@chufei/store'
import { DEFAULT_LIMITS } from './app'
import { DEFAULT_PARSE_GATE } from './parse-gate'
import { DEFAULT_SESSION_SECONDS } from './middleware/session'
import { DEFAULT_PACK_POLL_MS, type ServerOptions } from './server'

/*
 * The server's environment variables (环境变量), read in one place and checked: a bad value is a usage
 * error naming the variable, never a silent default.
 */

/** Defaults of the rate limit when CHUFEI_RATE_LIMIT is not set: requests per second per client, and burst. */
export const DEFAULT_RATE = { ratePerSecond: 50, burst: 100 }

type Env = Readonly<Record<string, string | undefined>>

const MIB = 1024 * 1024

const integer = (env: Env, name: string, fallback: number, min: number, max: number): number => {
  const raw = env[name]
  if (raw === undefined || raw.trim() === '') return fallback
  const value = Number(raw.trim())
  if (!/^\d+$/.test(raw.trim()) || value < min || value > max) {
    throw new ChufeiError(
      'USAGE',
      `环境变量 ${name} 应为 ${min} 到 ${max} 之间的整数，实际为 “${raw.slice(0, 50)}” / ${name} must be an integer from ${min} to ${max}, got "${raw.slice(0, 50)}"`,
    )
  }
  return value
}

const flag = (env: Env, name: string, fallback: boolean): boolean => {
  const raw = env[name]?.trim().toLowerCase()
  if (raw === undefined || raw === '') return fallback
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true
  if (['0', 'false', 'no', 'off'].includes(raw)) return false
  throw new ChufeiError('USAGE', `环境变量 ${name} 应为 1 或 0 / ${name} must be 1 or 0`)
}

/**
 * Variables earlier versions read that no longer do anything, each with what to tell the operator.
 * CHUFEI_BATCH_THREADS chose worker threads for large batches; the pool was removed (it was slower on the
 * 2-core machines the server runs on, docs/performance.md), so every batch is scored in the server's thread.
 */
const REMOVED_VARIABLES: Readonly<Record<string, string>> = {
  CHUFEI_BATCH_THREADS:
    'CHUFEI_BATCH_THREADS 已不再使用，批量评分在服务线程中进行（工作线程池已移除） / CHUFEI_BATCH_THREADS is no longer used: batches are scored in the server thread (the worker pool was removed)',
}

/** A notice for each removed variable that is still set (the server starts anyway and ignores it). */
export const removedVariableNotices = (env: Env): string[] =>
  Object.keys(REMOVED_VARIABLES).flatMap((name) => (env[name] === undefined ? [] : [REMOVED_VARIABLES[name]!]))

/**
 * Server options from the environment (`process.env`), relative paths resolved against `cwd`.
 *
 * @throws {ChufeiError} `USAGE` naming the variable whose value is wrong
 */
export const readServerConfig = (env: Env, cwd: string): ServerOptions => {
  const rate = integer(env, 'CHUFEI_RATE_LIMIT', DEFAULT_RATE.ratePerSecond, 0, 1_000_000)
  const burst = integer(env, 'CHUFEI_RATE_BURST', Math.max(rate * 2, 1), 1, 1_000_000)
  const token = env.CHUFEI_API_TOKEN?.trim()
  return {
    rulesDir: resolve(cwd, env.CHUFEI_RULES?.trim() || 'rules'),
    port: integer(env, 'PORT', 8787, 0, 65_535),
    hostname: env.HOST?.trim() || '127.0.0.1',
    token: token === '' ? undefined : token,
    limits: {
      singleBytes: integer(env, 'CHUFEI_MAX_BODY_BYTES', DEFAULT_LIMITS.singleBytes, 1, 2 ** 30),
      batchBytes: integer(env, 'CHUFEI_MAX_BATCH_BYTES', DEFAULT_LIMITS.batchBytes, 1, 2 ** 31),
    },
    rateLimit: rate === 0 ? false : { ratePerSecond: rate, burst },
    watch: flag(env, 'CHUFEI_WATCH', true),
    shutdownTimeoutMs: integer(env, 'CHUFEI_SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000),
    packPollMs: 1000 * integer(env, 'CHUFEI_PACK_POLL_SECONDS', DEFAULT_PACK_POLL_MS / 1000, 0, 86_400),
    batchGate: {
      concurrent: integer(env, 'CHUFEI_BATCH_PARSERS', DEFAULT_PARSE_GATE.concurrent, 1, 256),
      queue: integer(env, 'CHUFEI_BATCH_QUEUE', DEFAULT_PARSE_GATE.queue, 0, 10_000),
    },
    xlsxLimits: {
      partBytes: MIB * integer(env, XLSX_LIMIT_SETTINGS.part.env, DEFAULT_XLSX_LIMITS.partBytes / MIB, 1, 4096),
      sharedStringsBytes:
        MIB * integer(env, XLSX_LIMIT_SETTINGS['shared-strings'].env, DEFAULT_XLSX_LIMITS.sharedStringsBytes / MIB, 1, 4096),
    },
  }
}

/** The case store the server opens: where, and the town the first run creates. */
export interface StoreConfig {
  readonly options: OpenDbOptions
  readonly town: string
  /** How long a console session lasts, in seconds (CHUFEI_SESSION_HOURS, default 12 hours). */
  readonly sessionSeconds: number
}

/** The town the first run creates when CHUFEI_TOWN is not set. */
export const DEFAULT_TOWN = '本镇'

/**
 * The case store from the environment: DATABASE_URL (a PostgreSQL server), else the embedded store in
 * CHUFEI_DATA (relative to `cwd`; default `~/.chufei/store`); null when CHUFEI_STORE=0 turns it off (the
 * scoring routes only, no database opened).
 *
 * @throws {ChufeiError} `USAGE` naming the variable whose value is wrong
 */
export const readStoreConfig = (env: Env, cwd: string): StoreConfig | null => {
  if (!flag(env, 'CHUFEI_STORE', true)) return null
  const options = dbOptionsFromEnv(env)
  const town = env.CHUFEI_TOWN?.trim() || DEFAULT_TOWN
  if (town.length > 100 || town.includes('/')) {
    throw new ChufeiError('USAGE', `环境变量 CHUFEI_TOWN 应为不超过 100 字、不含 / 的镇名 / CHUFEI_TOWN must be a town name of at most 100 characters without /`)
  }
  const sessionSeconds = 3600 * integer(env, 'CHUFEI_SESSION_HOURS', DEFAULT_SESSION_SECONDS / 3600, 1, 24 * 30)
  return { options: options.dataDir === undefined || options.dataDir.startsWith('memory://') ? options : { dataDir: resolve(cwd, options.dataDir) }, town, sessionSeconds }
}
