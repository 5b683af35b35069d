import { parseJsonSource } from '@chufei/core'

/*
 * The version string of a published pack (规则包版本号). The analyst may give one; else it is derived from
 * the version in the edited pack.json: kept when it is new (the analyst bumped it in the JSON), otherwise
 * `<base>+<n>`, the n-th published edit of release <base> — SemVer's build metadata, which says "the same
 * release line, another build": `2024.2.0` edited once is `2024.2.0+1`, again `2024.2.0+2`. It is always a
 * new string, so a version names one content and `/v1/score`'s `rulePack.version` says which rules scored.
 */

/** The version the edited files carry in pack.json, if it can be read. */
export const filesVersion = (files: Readonly<Record<string, string>>): string | undefined => {
  const text = files['pack.json']
  if (text === undefined) return undefined
  try {
    const value = (JSON.parse(text) as { version?: unknown }).version
    return typeof value === 'string' ? value : undefined
  } catch {
    return undefined
  }
}

/**
 * The version to publish under when the analyst gave none: the files' own when no published or served
 * version has it, else the next `<base>+<n>`.
 */
export const deriveVersion = (fromFiles: string, taken: readonly string[]): string => {
  if (!taken.includes(fromFiles)) return fromFiles
  const base = fromFiles.split('+')[0]!
  let n = 0
  for (const v of taken) {
    const m = v.startsWith(`${base}+`) ? /^\d{1,9}$/.exec(v.slice(base.length + 1)) : null
    if (m) n = Math.max(n, Number(m[0]))
  }
  return `${base}+${n + 1}`
}

/**
 * The files with pack.json's top-level `version` set to `version`, changing only that string's text so
 * every other line and column the editor showed stays where it was. Unchanged when pack.json is missing,
 * not JSON, or has no string version there (the loader then reports the pack as it is).
 */
export const withVersion = (files: Readonly<Record<string, string>>, version: string): Record<string, string> => {
  const text = files['pack.json']
  const out = { ...files }
  if (text === undefined || filesVersion(files) === undefined) return out
  const parsed = parseJsonSource(text)
  if (!parsed.ok) return out
  const at = parsed.source.locate('/version')
  if (at === undefined) return out
  const lines = text.split('\n')
  const line = lines[at.line - 1]!
  const start = at.column - 1
  const literal = /^"(?:[^"\\]|\\.)*"/.exec(line.slice(start))
  if (literal === null) return out
  lines[at.line - 1] = line.slice(0, start) + JSON.stringify(version) + line.slice(start + literal[0].length)
  out['pack.json'] = lines.join('\n')
  return out
}
