import { mkdtemp, readdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fc, test } from '@fast-check/vitest'
import { describe, expect } from 'vitest'
import { createSpoolFile, type SpoolPlace } from './spool-file'

describe('createSpoolFile', () => {
  // The law the key-lead sheet relies on: reading by place gives back exactly the values written there,
  // in whatever order the places are asked for (multi-byte text included), and leaves no scratch file.
  test.prop([fc.array(fc.record({ id: fc.string(), text: fc.string({ unit: 'grapheme' }), n: fc.integer() }), { minLength: 1, maxLength: 40 }), fc.infiniteStream(fc.nat())])(
    'reads values back by place, in the order asked, then removes the file',
    async (values, picks) => {
      const dir = await mkdtemp(join(tmpdir(), 'chufei-spool-'))
      const tracked: string[] = []
      const spool = createSpoolFile<(typeof values)[number]>(dir, 'key', { track: (p) => tracked.push(p), untrack: (p) => tracked.splice(tracked.indexOf(p), 1) })
      const places: SpoolPlace[] = []
      for (const v of values) places.push(await spool.write(v))
      const order = [...values.keys()].sort((a, b) => (picks.next().value % 3) - 1 || a - b)
      const read = []
      for await (const v of spool.readAll(order.map((i) => places[i]!))) read.push(v)
      expect(read).toEqual(order.map((i) => ({ ...values[i] })))
      expect(await readdir(dir)).toEqual([])
      expect(tracked).toEqual([])
    },
  )
})
