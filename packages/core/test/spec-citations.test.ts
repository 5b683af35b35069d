import { readdir, readFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

/*
 * The code cites the product specification as `docs/spec.md §n`, a file of this repository, never a
 * document outside it. Every cited section must be a heading of docs/spec.md, so a renumbered or removed
 * section shows here rather than as a dangling reference.
 */

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const SOURCE_DIRS = ['packages', 'apps', 'scripts']
const SOURCE_FILE = /\.(?:[cm]?[jt]s|tsx)$/
const SKIPPED_DIRS = new Set(['node_modules', 'dist', '.turbo'])

const sourceFiles = async (): Promise<string[]> => {
  const files: string[] = []
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) await walk(join(dir, entry.name))
      } else if (SOURCE_FILE.test(entry.name)) files.push(join(dir, entry.name))
    }
  }
  for (const dir of SOURCE_DIRS) await walk(join(ROOT, dir))
  return files
}

/** Section numbers of docs/spec.md's headings: `## 4. The result` → `4`, `### 2.1 …` → `2.1`. */
const specSections = (markdown: string): Set<string> =>
  new Set([...markdown.matchAll(/^#{2,6} (\d+(?:\.\d+)*)\.?\s/gm)].map((m) => m[1]!))

/** Every `docs/spec.md §n` cited in a text, with its 1-based line. */
const specCitations = (text: string): Array<{ section: string; line: number }> =>
  text.split('\n').flatMap((line, i) => [...line.matchAll(/docs\/spec\.md §(\d+(?:\.\d+)*)/g)].map((m) => ({ section: m[1]!, line: i + 1 })))

describe('citations of docs/spec.md', () => {
  it('reads section numbers and citations as written', () => {
    expect([...specSections('# title\n## 1. The lead\ntext\n### 2.1 Headers\n## Notes\n')]).toEqual(['1', '2.1'])
    expect(specCitations('a\n// the lead of docs/spec.md §1 and docs/spec.md §3.\n')).toEqual([
      { section: '1', line: 2 },
      { section: '3', line: 2 },
    ])
  })

  it('every section the code cites is a heading of docs/spec.md', async () => {
    const sections = specSections(await readFile(join(ROOT, 'docs/spec.md'), 'utf8'))
    expect(sections.size).toBeGreaterThan(0)
    const files = await sourceFiles()
    const cited: string[] = []
    const missing: string[] = []
    for (const file of files) {
      for (const { section, line } of specCitations(await readFile(file, 'utf8'))) {
        const where = `${relative(ROOT, file)}:${line} §${section}`
        cited.push(where)
        if (!sections.has(section)) missing.push(where)
      }
    }
    // The code does cite the spec (so this walk found the sources), and every citation resolves.
    expect(cited.length).toBeGreaterThan(10)
    expect(missing).toEqual([])
  })

  it('the code names the spec by its path, not as a bare "SPEC §n"', async () => {
    const bare: string[] = []
    for (const file of await sourceFiles()) {
      const lines = (await readFile(file, 'utf8')).split('\n')
      lines.forEach((line, i) => {
        // The editor schema's descriptions (rules/schema.json, generated) say "SPEC §1 格式" to pack authors;
        // they are data shown in an editor, not citations in the code.
        if (/\bSPEC §\d/.test(line) && !/description/.test(line)) bare.push(`${relative(ROOT, file)}:${i + 1}`)
      })
    }
    expect(bare).toEqual([])
  })
})
