import { describe, expect, it } from 'vitest'
import { createJsonLogger } from './logger'

const nextTurn = () => new Promise((resolve) => setImmediate(resolve))

describe('the JSON logger', () => {
  it('writes the entries of one turn together, in order, one JSON object per line', async () => {
    const writes: string[] = []
    const log = createJsonLogger((text) => writes.push(text))
    log({ level: 'info', msg: 'request', n: 1 })
    log({ level: 'warn', msg: 'request', n: 2 })
    log({ level: 'error', msg: 'unhandled error', n: 3 })
    expect(writes).toEqual([])
    await nextTurn()
    expect(writes).toHaveLength(1)
    const lines = writes[0]!.split('\n')
    expect(lines.pop()).toBe('')
    expect(lines.map((l) => JSON.parse(l) as { n: number; time: string })).toMatchObject([{ n: 1 }, { n: 2 }, { n: 3 }])
    expect(JSON.parse(lines[0]!).time).toMatch(/^\d{4}-\d\d-\d\dT/)
    log({ level: 'info', msg: 'later' })
    await nextTurn()
    expect(writes).toHaveLength(2)
  })

  it('writes at once when a turn has logged 64 KiB, so the buffer stays small', () => {
    const writes: string[] = []
    const log = createJsonLogger((text) => writes.push(text))
    for (let i = 0; i < 1000 && writes.length === 0; i++) log({ level: 'info', msg: 'x'.repeat(1000) })
    expect(writes).toHaveLength(1)
    expect(writes[0]!.length).toBeGreaterThanOrEqual(64 * 1024)
    expect(writes[0]!.endsWith('\n')).toBe(true)
  })
})
