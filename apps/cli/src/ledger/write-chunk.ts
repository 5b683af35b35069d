import type { Writable } from 'node:stream'

/** Writes a chunk and waits for `drain` when the stream asks for it, so big ledgers do not pile up in memory. */
export const writeChunk = (stream: Writable, chunk: string | Uint8Array): Promise<void> => {
  if (stream.destroyed || stream.writableEnded) return Promise.reject(new Error('output stream closed'))
  if (stream.write(chunk)) return Promise.resolve()
  return new Promise<void>((resolve, reject) => {
    const onDrain = () => {
      stream.off('error', onError)
      resolve()
    }
    const onError = (e: unknown) => {
      stream.off('drain', onDrain)
      reject(e)
    }
    stream.once('drain', onDrain)
    stream.once('error', onError)
  })
}
