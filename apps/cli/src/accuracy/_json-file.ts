import { readFile } from 'node:fs/promises'
import type { z } from 'zod'

/** What a file is, in the two languages its errors are written in: `{ zh: '预期文件', en: 'expectations file' }`. */
export interface FileKind {
  readonly zh: string
  readonly en: string
}

/** Validates a parsed value; throws an Error naming the file and the JSON pointer of each problem. */
export const validateJson = <S extends z.ZodType>(schema: S, value: unknown, file: string, kind: FileKind): z.infer<S> => {
  const parsed = schema.safeParse(value)
  if (parsed.success) return parsed.data
  const lines = parsed.error.issues.map((i) => `  ${file} /${i.path.join('/')}: ${i.message}`)
  throw new Error(`${kind.zh}无效（invalid ${kind.en}）${file}\n${lines.join('\n')}`)
}

/** Reads a UTF-8 JSON file (a BOM is allowed, as Windows editors write one) and validates it with `schema`. */
export const readJsonFile = async <S extends z.ZodType>(schema: S, file: string, kind: FileKind): Promise<z.infer<S>> => {
  const text = await readFile(file, 'utf8')
  let value: unknown
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (e) {
    throw new Error(`${kind.zh}不是有效的 JSON（not JSON）${file}: ${e instanceof Error ? e.message : String(e)}`)
  }
  return validateJson(schema, value, file, kind)
}
