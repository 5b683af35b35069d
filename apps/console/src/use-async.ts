import { useCallback, useEffect, useState } from 'preact/hooks'

/** The state of a load: pending, its value, or its error. */
export type AsyncState<T> = { status: 'pending' } | { status: 'done'; value: T } | { status: 'failed'; error: unknown }

/** Runs `load` on mount (and on `reload()`); a result that arrives after a newer load started is dropped. */
export const useAsync = <T,>(load: () => Promise<T>): [AsyncState<T>, () => void] => {
  const [state, setState] = useState<AsyncState<T>>({ status: 'pending' })
  const [round, setRound] = useState(0)
  useEffect(() => {
    let live = true
    setState({ status: 'pending' })
    load().then(
      (value) => live && setState({ status: 'done', value }),
      (error: unknown) => live && setState({ status: 'failed', error }),
    )
    return () => {
      live = false
    }
    // `load` is a new closure on every render; `round` is what asks for a new load.
  }, [round])
  return [state, useCallback(() => setRound((r) => r + 1), [])]
}
