import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'

/**
 * Starts a worker thread (工作线程) running the module `file` (which starts its worker side when it sees its
 * marker in `workerData`): from the built package directly, from TypeScript sources (tests) through
 * tsx's loader.
 */
export const startModuleWorker = (file: string, workerData: unknown): Worker => {
  if (!/\.[cm]?ts$/.test(file)) return new Worker(file, { workerData })
  const boot = `import(${JSON.stringify(pathToFileURL(createRequire(file).resolve('tsx/esm/api')).href)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(pathToFileURL(file).href)}) })`
  return new Worker(boot, { workerData, eval: true })
}
