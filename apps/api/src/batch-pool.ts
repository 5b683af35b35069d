import { availableParallelism } from 'node:os'
import type { Scorer } from '@chufei/core'
import { createScorerPool, type ScorerPool } from '@chufei/core/node'

/*
 * Worker threads for large batches (批量评分线程池), one pool per rule pack being served. The pool of a
 * pack starts with the first large batch that pack scores; after a reload, the previous pack's pool is
 * closed as soon as the batches still using it have finished, so a batch never sees its pool vanish.
 */

/** Options of {@link createBatchPools}. */
export interface BatchPoolOptions {
  /** Worker threads per pool; 0 turns pooling off (every batch is scored in the request's thread). */
  readonly threads: number
  /** Batches whose body is smaller than this many bytes are scored in-process. Default 1 MiB. */
  readonly minBytes?: number
}

/**
 * Worker threads per pool when none are configured: one fewer than the cores on 4 cores or more, none
 * below. On 2 cores the threads did not pay (docs/performance.md): the request's thread reads and
 * parses the batch and the results cross threads by structured clone, which costs about as much as
 * scoring them.
 */
export const defaultBatchThreads = (cores = availableParallelism()): number => (cores >= 4 ? cores - 1 : 0)

/** A pool lent to one batch; `release` when the batch is done. */
export interface PoolLease {
  readonly pool: ScorerPool
  release(): void
}

/** The pools the batch route borrows from. */
export interface BatchPools {
  readonly threads: number
  readonly minBytes: number
  /** The pool of `scorer`'s pack, or undefined when pooling is off or workers cannot start. */
  acquire(scorer: Scorer): Promise<PoolLease | undefined>
  /** Closes every pool once its batches are done. */
  close(): Promise<void>
}

interface Entry {
  readonly scorer: Scorer
  readonly pool: Promise<ScorerPool | undefined>
  users: number
  retired: boolean
}

/** Creates the pools; nothing starts until the first large batch. */
export const createBatchPools = (options: BatchPoolOptions): BatchPools => {
  const { threads } = options
  const minBytes = options.minBytes ?? 1024 * 1024
  let current: Entry | undefined
  const closing = new Set<Promise<void>>()
  let closed = false

  const closeEntry = (entry: Entry) => {
    const done = entry.pool.then((pool) => pool?.close()).catch(() => {})
    closing.add(done)
    void done.then(() => closing.delete(done))
  }
  const retire = (entry: Entry) => {
    entry.retired = true
    if (entry.users === 0) closeEntry(entry)
  }

  return {
    threads,
    minBytes,
    async acquire(scorer) {
      if (threads <= 0 || closed) return undefined
      if (current?.scorer !== scorer) {
        if (current) retire(current)
        // A pool that cannot start workers would score in-process anyway: then the route does it itself.
        const pool = createScorerPool(scorer.pack, { threads }).then(
          (p) => (p.mode === 'workers' ? p : (void p.close(), undefined)),
          () => undefined,
        )
        current = { scorer, pool, users: 0, retired: false }
      }
      const entry = current
      entry.users++
      const pool = await entry.pool
      let released = false
      const release = () => {
        if (released) return
        released = true
        entry.users--
        if (entry.retired && entry.users === 0) closeEntry(entry)
      }
      if (!pool) {
        release()
        return undefined
      }
      return { pool, release }
    },
    async close() {
      closed = true
      if (current) retire(current)
      current = undefined
      await Promise.all([...closing])
    },
  }
}
