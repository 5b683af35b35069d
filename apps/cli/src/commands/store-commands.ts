import { once } from 'node:events'
import { createReadStream } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { basename, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { randomBytes } from 'node:crypto'
import { ChufeiError, type Lang } from '@chufei/core'
import { localIsoDate } from '@chufei/ledger'
import {
  CASE_STATUSES,
  addUnit,
  addUser,
  caseHistory,
  caseLeads,
  dumpStore,
  getCase,
  importSweep,
  issueToken,
  listCases,
  migrate,
  overdueCases,
  restoreStore,
  updateCase,
  type CaseFilter,
  type CaseStatus,
  type Role,
  type UnitKind,
} from '@chufei/store'
import { EXIT_OK, type ExitCode } from '../exit-codes'
import type { CommandIO } from '../score-command'
import { createAtomicFile } from '../atomic-file'
import { loadCheckedPack } from './rules-shared'
import { usageError } from './command-options'
import { withSession } from './store-session'
import { storeTextFor } from './store-text'

/*
 * The case-store commands (案件库命令): import, case list/show/update, overdue, db migrate/dump/restore, unit
 * add, user add/token. Each opens the store, calls one store function as the actor, prints, and closes —
 * every access check is in the store, so the CLI and the API cannot differ.
 */

/** What every store command takes. */
export interface StoreCommandOptions {
  readonly lang: Lang
  readonly env: Record<string, string | undefined>
  readonly token?: string
  readonly json?: boolean
}

/** Writes a line to stdout. */
export const say = (io: CommandIO, text: string) => io.stdout.write(`${text}\n`)
/** Writes a value as indented JSON. */
export const printJson = (io: CommandIO, value: unknown) => say(io, JSON.stringify(value, null, 2))

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/
/** A YYYY-MM-DD option, or a USAGE error naming the flag. */
export const parseDate = (flag: string, value: string): string => {
  if (!ISO_DATE.test(value)) throw usageError(`${flag} 的取值“${value}”不是日期：请写成 2024-06-30 的形式`, `${flag} "${value}" is not a date: write 2024-06-30`)
  return value
}
/** A positive whole number, or a USAGE error naming what it is. */
export const parseId = (what: string, value: string): number => {
  if (!/^\d{1,15}$/.test(value)) throw usageError(`${what}“${value}”应为正整数`, `${what} "${value}" must be a positive whole number`)
  return Number(value)
}
const parseStatus = (value: string): CaseStatus => {
  if (!(CASE_STATUSES as readonly string[]).includes(value)) throw usageError(`状态“${value}”无效，应为：${CASE_STATUSES.join('、')}`, `invalid status "${value}": use ${CASE_STATUSES.join(', ')}`)
  return value as CaseStatus
}

/** The most rejected rows `import` lists; the rest are counted (all are stored). */
const REJECTED_SHOWN = 20

/** `chufei import <sheet> --unit <单位> --date <日期>`. */
export const importCommand = async (
  options: StoreCommandOptions & { sheet: string; unit: string; date: string; rules?: string; sheetName?: string; encoding?: string },
  io: CommandIO,
): Promise<ExitCode> => {
  const t = storeTextFor(options.lang)
  const date = parseDate('--date', options.date)
  const path = resolve(io.cwd, options.sheet)
  const bytes = await readFile(path).catch((e: unknown) => {
    throw new ChufeiError('UNREADABLE_INPUT', `无法读取排查表 ${options.sheet}：${(e as Error).message}`, { cause: e })
  })
  const { pack } = await loadCheckedPack(options.rules, io)
  const read = { ...(options.sheetName === undefined ? {} : { sheet: options.sheetName }), ...(options.encoding === undefined ? {} : { encoding: options.encoding }) }
  const outcome = await withSession(options.env, options.token, ({ db, actor }) =>
    importSweep(db, actor, { bytes, fileName: basename(path), unit: options.unit, date, scorer: { pack }, read }),
  )
  if (options.json === true) {
    printJson(io, outcome)
    return EXIT_OK
  }
  say(io, t.imported(outcome))
  for (const e of outcome.escalations) say(io, t.escalated(e.subject, e.caseId, e.from, e.to))
  for (const r of outcome.resurfacing) say(io, t.resurfacing(r))
  for (const r of outcome.rejected.slice(0, REJECTED_SHOWN)) say(io, t.rejected(r.line, r.reason))
  if (outcome.rejected.length > REJECTED_SHOWN) say(io, t.more(outcome.rejected.length - REJECTED_SHOWN))
  return EXIT_OK
}

/** `chufei case list`. */
export const caseListCommand = async (
  options: StoreCommandOptions & { unit?: string; status?: string; open?: boolean; escalated?: boolean; resurfacing?: boolean; search?: string },
  io: CommandIO,
): Promise<ExitCode> => {
  const t = storeTextFor(options.lang)
  const filter: CaseFilter = {
    ...(options.unit === undefined ? {} : { unit: options.unit }),
    ...(options.status === undefined ? {} : { status: [parseStatus(options.status)] }),
    ...(options.open === true ? { open: true } : {}),
    ...(options.escalated === true ? { escalated: true } : {}),
    ...(options.resurfacing === true ? { resurfacing: true } : {}),
    ...(options.search === undefined ? {} : { search: options.search }),
    limit: 10_000,
  }
  const cases = await withSession(options.env, options.token, ({ db, actor }) => listCases(db, actor, filter))
  if (options.json === true) printJson(io, cases)
  else {
    for (const c of cases) say(io, t.caseLine(c))
    say(io, cases.length === 0 ? t.none : t.count(cases.length))
  }
  return EXIT_OK
}

/** `chufei case show <id>`. */
export const caseShowCommand = async (options: StoreCommandOptions & { id: string }, io: CommandIO): Promise<ExitCode> => {
  const t = storeTextFor(options.lang)
  const id = parseId('案件编号', options.id)
  const shown = await withSession(options.env, options.token, async ({ db, actor }) => ({
    case: await getCase(db, actor, id),
    leads: (await caseLeads(db, actor, id)).map(({ input: _input, result: _result, ...lead }) => lead),
    history: await caseHistory(db, actor, id),
  }))
  if (options.json === true) {
    printJson(io, shown)
    return EXIT_OK
  }
  say(io, t.caseHead(shown.case))
  say(io, t.leadsHead)
  for (const l of shown.leads) say(io, t.leadLine(l.sweepDate, l.sweepId, l.line, l.tier, l.total))
  say(io, t.historyHead)
  for (const e of shown.history) say(io, t.eventLine(e))
  return EXIT_OK
}

/** `chufei case update <id> [--version n] [--status …] …`. */
export const caseUpdateCommand = async (
  options: StoreCommandOptions & { id: string; version?: string; status?: string; measures?: string; deadline?: string; plan?: string; notes?: string },
  io: CommandIO,
): Promise<ExitCode> => {
  const t = storeTextFor(options.lang)
  const id = parseId('案件编号', options.id)
  const fields = {
    ...(options.status === undefined ? {} : { status: parseStatus(options.status) }),
    ...(options.measures === undefined ? {} : { measures: options.measures }),
    ...(options.deadline === undefined ? {} : { deadline: options.deadline === '' ? null : parseDate('--deadline', options.deadline) }),
    ...(options.plan === undefined ? {} : { plan: options.plan }),
    ...(options.notes === undefined ? {} : { notes: options.notes }),
  }
  if (Object.keys(fields).length === 0) throw usageError('没有要修改的内容：请指定 --status、--measures、--deadline、--plan 或 --notes', 'nothing to change: give --status, --measures, --deadline, --plan or --notes')
  const updated = await withSession(options.env, options.token, async ({ db, actor }) => {
    const version = options.version === undefined ? (await getCase(db, actor, id)).version : parseId('--expect-version', options.version)
    return updateCase(db, actor, id, { version, ...fields })
  })
  if (options.json === true) printJson(io, updated)
  else say(io, t.updated(updated))
  return EXIT_OK
}

/** `chufei overdue [--today 日期] [--unit 单位]`. */
export const overdueCommand = async (options: StoreCommandOptions & { today?: string; unit?: string }, io: CommandIO): Promise<ExitCode> => {
  const t = storeTextFor(options.lang)
  const asOf = options.today === undefined ? localIsoDate(io.now()) : parseDate('--today', options.today)
  const list = await withSession(options.env, options.token, ({ db, actor }) => overdueCases(db, actor, { asOf, ...(options.unit === undefined ? {} : { unit: options.unit }) }))
  if (options.json === true) printJson(io, list)
  else {
    for (const c of list) say(io, t.overdueLine(c))
    say(io, list.length === 0 ? t.none : t.count(list.length))
  }
  return EXIT_OK
}

/** `chufei db migrate`: the embedded store or the server's schema up to this release. */
export const dbMigrateCommand = async (options: StoreCommandOptions, io: CommandIO): Promise<ExitCode> => {
  const t = storeTextFor(options.lang)
  await withSession(
    options.env,
    options.token,
    async ({ db, actor }) => {
      if (actor.role !== 'admin') throw new ChufeiError('FORBIDDEN', '只有本机管理员可以迁移案件库')
      const outcome = await migrate(db)
      say(io, t.migrated(outcome.from, outcome.to, db.location))
    },
    { skipMigrate: true },
  )
  return EXIT_OK
}

/** Writes lines to `path` atomically: the file appears whole or not at all. */
const writeLines = async (path: string, lines: AsyncIterable<string>): Promise<void> => {
  const file = await createAtomicFile(path)
  try {
    for await (const line of lines) {
      if (!file.stream.write(`${line}\n`)) await once(file.stream, 'drain')
    }
    await file.commit()
  } catch (e) {
    await file.abort()
    throw e
  }
}

/** `chufei db dump [--out file]`. */
export const dbDumpCommand = async (options: StoreCommandOptions & { out?: string }, io: CommandIO): Promise<ExitCode> => {
  const t = storeTextFor(options.lang)
  await withSession(options.env, options.token, async ({ db, actor }) => {
    if (options.out === undefined) {
      for await (const line of dumpStore(db, actor)) io.stdout.write(`${line}\n`)
      return
    }
    await writeLines(resolve(io.cwd, options.out), dumpStore(db, actor))
    io.stderr.write(`${t.dumped(options.out)}\n`)
  })
  return EXIT_OK
}

/** `chufei db restore <file>`. */
export const dbRestoreCommand = async (options: StoreCommandOptions & { file: string }, io: CommandIO): Promise<ExitCode> => {
  const t = storeTextFor(options.lang)
  const path = resolve(io.cwd, options.file)
  const stream = createReadStream(path, { encoding: 'utf8' })
  const opened = new Promise<void>((ok, fail) => stream.once('open', () => ok()).once('error', (e) => fail(new ChufeiError('UNREADABLE_INPUT', `无法读取备份文件 ${options.file}：${e.message}`, { cause: e }))))
  await opened
  const outcome = await withSession(options.env, options.token, ({ db, actor }) => restoreStore(db, actor, createInterface({ input: stream, crlfDelay: Infinity })))
  say(io, t.restored(outcome.rows))
  return EXIT_OK
}

/** `chufei unit add <名称> [--town 镇] [--kind village|department]`. */
export const unitAddCommand = async (options: StoreCommandOptions & { name: string; town?: string; kind?: string }, io: CommandIO): Promise<ExitCode> => {
  const t = storeTextFor(options.lang)
  if (options.kind !== undefined && options.kind !== 'village' && options.kind !== 'department') {
    throw usageError(`--kind 的取值“${options.kind}”无效，应为 village 或 department`, `invalid --kind "${options.kind}": use village or department`)
  }
  const kind: UnitKind = options.town === undefined ? 'town' : ((options.kind as UnitKind | undefined) ?? 'village')
  const unit = await withSession(options.env, options.token, ({ db, actor }) =>
    addUnit(db, actor, { name: options.name, kind, ...(options.town === undefined ? {} : { parent: options.town }) }),
  )
  if (options.json === true) printJson(io, unit)
  else say(io, t.unitAdded(unit.name, unit.id))
  return EXIT_OK
}

/** `chufei user add <登录名> --role <角色> [--unit 单位] [--name 名称]`: prints a one-time initial password. */
export const userAddCommand = async (options: StoreCommandOptions & { login: string; role: string; unit?: string; name?: string }, io: CommandIO): Promise<ExitCode> => {
  const t = storeTextFor(options.lang)
  const password = randomBytes(9).toString('base64url')
  const user = await withSession(options.env, options.token, ({ db, actor }) =>
    addUser(db, actor, { login: options.login, role: options.role as Role, password, ...(options.unit === undefined ? {} : { unit: options.unit }), ...(options.name === undefined ? {} : { displayName: options.name }) }),
  )
  if (options.json === true) printJson(io, { user, password })
  else say(io, t.userAdded(user.login, password))
  return EXIT_OK
}

/** `chufei user token <登录名> [--label 说明]`. */
export const userTokenCommand = async (options: StoreCommandOptions & { login: string; label?: string }, io: CommandIO): Promise<ExitCode> => {
  const t = storeTextFor(options.lang)
  const issued = await withSession(options.env, options.token, ({ db, actor }) => issueToken(db, actor, { login: options.login, ...(options.label === undefined ? {} : { label: options.label }) }))
  if (options.json === true) printJson(io, { token: issued.token, tokenId: issued.tokenId, user: issued.user })
  else {
    io.stderr.write(`${t.token(issued.user.login)}\n`)
    say(io, issued.token)
  }
  return EXIT_OK
}
