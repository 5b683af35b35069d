/*
 * Regenerates rules/schema.json (the editor schema of rule packs) from the zod schemas in @chufei/core.
 * Run after changing rule-pack-schema.ts, facts.ts, operators.ts or vocabulary.ts:
 *
 *   npx tsx scripts/generate-rule-schema.mts          # write rules/schema.json
 *   npx tsx scripts/generate-rule-schema.mts --check  # exit 1 when rules/schema.json is out of date
 *
 * packages/core/src/analyst/editor-schema.test.ts fails while the file is out of date.
 */
import { readFile, writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { renderRulePackJsonSchema } from '../packages/core/src/analyst/editor-schema'

const target = fileURLToPath(new URL('../rules/schema.json', import.meta.url))
const text = renderRulePackJsonSchema()

if (process.argv.includes('--check')) {
  const current = await readFile(target, 'utf8').catch(() => '')
  if (current !== text) {
    console.error('rules/schema.json 已过期，请运行 npx tsx scripts/generate-rule-schema.mts / rules/schema.json is out of date')
    process.exit(1)
  }
  console.log('rules/schema.json 是最新的 / is up to date')
} else {
  await writeFile(target, text)
  console.log(`已生成 / wrote ${target}`)
}
