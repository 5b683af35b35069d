/*
 * Keys for recognising the same lead in two sweeps: id, then 统一社会信用代码, then the subject's name as
 * people type it (spaces, full-width letters, brackets and punctuation vary between sheets).
 */

/** A credit code for matching: upper case, no spaces; null when too short to identify anyone. */
export const creditCodeKey = (code: string | null): string | null => {
  if (code === null) return null
  const k = code.normalize('NFKC').replace(/\s+/g, '').toUpperCase()
  return k.length >= 15 ? k : null
}

// Punctuation people add or drop around a name: brackets, quotes, dots, dashes (one class, linear).
const NAME_NOISE = /[\s()（）[\]【】「」『』"'“”‘’·•.,，。、:：;；\-—_]+/gu

/** A subject name for matching: NFKC, lower case, without spaces and punctuation; null when empty. */
export const nameKey = (name: string | null): string | null => {
  if (name === null) return null
  const k = name.normalize('NFKC').toLowerCase().replace(NAME_NOISE, '')
  return k === '' ? null : k
}

/** An id for matching: trimmed, NFKC, upper case (SQ-001 and sq-001 are the same lead). */
export const idKey = (id: string | null): string | null => {
  if (id === null) return null
  const k = id.normalize('NFKC').trim().toUpperCase()
  return k === '' ? null : k
}
