import { resolve } from 'node:path'
import { parseRulePack, type Lang } from '@chufei/core'
import { listSweeps, sweepPackFiles, sweepResults, writeSweepLedger, type SweepView } from '@chufei/store'
import { EXIT_OK, type ExitCode } from '../exit-codes'
import type { CommandIO } from '../score-command'
import { ledgerFileKind, writeFileAtomically } from './ledger-store-file'
import { loadCheckedPack } from './rules-shared'
import { parseId, printJson, say, type StoreCommandOptions } from './store-commands'
import { withSession } from './store-session'

/*
 * `chufei sweep list` and `chufei sweep ledger` (排查批次): the sweeps in the store, and a sweep's risk ledger
 * (风险台账 — the total list with every lead, those without a case included) written from the stored results,
 * as `GET /v1/sweeps/{id}/ledger` writes it: byte for byte what `chufei score` wrote for the sheet on its day.
 */

const text = {
  zh: {
    none: '案件库中没有可查看的排查批次。',
    head: '批次  排查日期    单位          读取  评分  拒收  规则包                文件',
    row: (s: SweepView) =>
      `${String(s.id).padStart(4)}  ${s.date}  ${s.unit.padEnd(8, '　')}  ${String(s.counts.read).padStart(4)}  ${String(s.counts.scored).padStart(4)}  ${String(s.counts.rejected).padStart(4)}  ${`${s.pack.name}@${s.pack.version}`.padEnd(20)}  ${s.fileName}`,
    written: (s: SweepView, rows: number, file: string) => `已写出第 ${s.id} 批（${s.unit}，排查日期 ${s.date}）的风险台账：${rows} 条线索 → ${file}`,
    otherPack: (s: SweepView, used: string) =>
      `注意：为第 ${s.id} 批评分的规则包 ${s.pack.name}@${s.pack.version} 不在本机、也未在案件库发布，标签和说明按 ${used} 写出；分数、等级和处置为入库时的结果`,
  },
  en: {
    none: 'No sweep in the store that you may read.',
    head: 'sweep date        unit          read scored rejected pack                  file',
    row: (s: SweepView) =>
      `${String(s.id).padStart(5)} ${s.date}  ${s.unit.padEnd(12)}  ${String(s.counts.read).padStart(4)} ${String(s.counts.scored).padStart(6)} ${String(s.counts.rejected).padStart(8)} ${`${s.pack.name}@${s.pack.version}`.padEnd(20)}  ${s.fileName}`,
    written: (s: SweepView, rows: number, file: string) => `Wrote the risk ledger of sweep ${s.id} (${s.unit}, ${s.date}): ${rows} leads → ${file}`,
    otherPack: (s: SweepView, used: string) =>
      `Note: the pack that scored sweep ${s.id}, ${s.pack.name}@${s.pack.version}, is neither here nor published in the store; labels and notes follow ${used}; scores, tiers and dispositions are those stored at import`,
  },
} satisfies Record<Lang, unknown>

/** `chufei sweep list`: the sweeps the user may read, newest first. */
export const sweepListCommand = async (options: StoreCommandOptions, io: CommandIO): Promise<ExitCode> => {
  const t = text[options.lang]
  const sweeps = await withSession(options.env, options.token, ({ db, actor }) => listSweeps(db, actor))
  if (options.json === true) printJson(io, sweeps)
  else if (sweeps.length === 0) say(io, t.none)
  else for (const line of [t.head, ...sweeps.map(t.row)]) say(io, line)
  return EXIT_OK
}

/**
 * `chufei sweep ledger <批次> --out 风险台账.xlsx|.csv [--rules <dir>]`. Labels, tiers and 说明 come from the pack
 * that scored the sweep: `--rules` (default the bundled one) when its hash is the sweep's, else the version
 * published in the store with that hash, else `--rules` with a note.
 */
export const sweepLedgerCommand = async (options: StoreCommandOptions & { sweep: string; out: string; rules?: string }, io: CommandIO): Promise<ExitCode> => {
  const t = text[options.lang]
  const id = parseId(options.lang === 'zh' ? '批次号' : 'sweep', options.sweep)
  const path = resolve(io.cwd, options.out)
  const format = ledgerFileKind(path) // a bad extension is a usage error before the store is opened
  const { pack: local } = await loadCheckedPack(options.rules, io)
  const { bytes, rows, sweep, samePack, used } = await withSession(options.env, options.token, async ({ db, actor }) => {
    const results = await sweepResults(db, actor, id)
    const published = local.hash === results.sweep.pack.hash ? null : await sweepPackFiles(db, actor, id)
    const pack = published === null ? local : parseRulePack(published)
    const file = await writeSweepLedger(results, pack, { format, lang: options.lang })
    return { ...file, sweep: results.sweep, samePack: pack.hash === results.sweep.pack.hash, used: `${pack.name}@${pack.version}` }
  })
  await writeFileAtomically(path, bytes)
  if (options.json === true) printJson(io, { sweepId: sweep.id, file: options.out, rows, samePack })
  else {
    say(io, t.written(sweep, rows, options.out))
    if (!samePack) say(io, t.otherPack(sweep, used))
  }
  return EXIT_OK
}
