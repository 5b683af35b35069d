/*
 * Regenerates rules/schema.json (the editor schema of rule packs) from the zod schemas in @chufei/core.
 * Run after changing rule-pack-schema.ts, facts.ts, operators.ts or vocabulary.ts:
 *
 *   npx tsx scripts/generate-rule-schema.mts          # write rules/schema.json
 *   npx tsx scripts/generate-rule-schema.mts --check  # exit 1 when rules/schema.json is out of date
 *
 * packages/core/src/analyst/editor-schema.test.ts fails while the file is out of date.
 */
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { renderRulePackJsonSchema } from '../packages/core/src/analyst/editor-schema'
import { writeOrCheck } from './_write-or-check.mjs'

const target = fileURLToPath(new URL('../rules/schema.json', import.meta.url))
const text = renderRulePackJsonSchema()

await writeOrCheck({
  target,
  name: 'rules/schema.json',
  command: 'npx tsx scripts/generate-rule-schema.mts',
  current: await readFile(target, 'utf8').catch(() => ''),
  next: text,
})
