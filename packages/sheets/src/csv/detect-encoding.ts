/*
 * Text encoding detection for sheets saved by Excel and WPS (编码识别): UTF-8 with or without BOM,
 * GB18030/GBK (the default of Chinese Excel's "CSV"), UTF-16 "Unicode text" with a BOM.
 * Everything here is linear in the sample and allocation-free except the strict UTF-8 check.
 */

/** The encodings a sheet can be decoded with; labels TextDecoder understands. */
export type TextEncodingLabel = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be'

/** The encoding a byte-order mark announces, with the mark's length; `null` when there is none. */
export const detectBom = (bytes: Uint8Array): { encoding: TextEncodingLabel; length: number } | null => {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 }
  return null
}

/**
 * UTF-16 without a BOM: ASCII delimiters, digits and line breaks put a zero byte in every other position.
 * UTF-8 and GB18030 text never contains NUL, so a sample where at least a tenth of the code units carry
 * a zero byte, nearly all on the same side, is UTF-16.
 */
export const detectBomlessUtf16 = (bytes: Uint8Array): TextEncodingLabel | null => {
  const units = bytes.length >> 1
  if (units < 2) return null
  let zeroHigh = 0
  let zeroLow = 0
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    if (bytes[i] === 0 && bytes[i + 1] !== 0) zeroLow++
    else if (bytes[i + 1] === 0 && bytes[i] !== 0) zeroHigh++
  }
  const zeros = zeroHigh + zeroLow
  if (zeros < units / 10) return null
  if (zeroHigh >= zeros * 0.9) return 'utf-16le'
  if (zeroLow >= zeros * 0.9) return 'utf-16be'
  return null
}

/** Index of the first byte ≥ 0x80, or -1 when the bytes are pure ASCII. */
export const firstNonAscii = (bytes: Uint8Array): number => {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) return i
  return -1
}

/**
 * How many bytes at the end of `bytes` are an incomplete UTF-8 sequence (0–3): the start of a character
 * the next chunk completes. Only the last three bytes can be such a prefix.
 */
export const incompleteUtf8Tail = (bytes: Uint8Array): number => {
  const end = bytes.length
  for (let back = 1; back <= Math.min(3, end); back++) {
    const b = bytes[end - back]!
    if (b < 0x80) return 0 // ASCII: nothing pending
    if (b >= 0xc0) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2
      return need > back ? back : 0
    }
    // continuation byte: keep looking back for the lead byte
  }
  return 0
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true })

/**
 * Whether `sample` is valid UTF-8. When the sample is a prefix of a longer input (`final` false), an
 * incomplete character at its end is not held against it: the sample was cut, not the file.
 */
export const isValidUtf8 = (sample: Uint8Array, final: boolean): boolean => {
  const body = final ? sample : sample.subarray(0, sample.length - incompleteUtf8Tail(sample))
  try {
    strictUtf8.decode(body)
    return true
  } catch {
    return false
  }
}

/**
 * Chooses UTF-8 or GB18030 for bytes that start with non-ASCII text: strict UTF-8 wins when the whole
 * sample validates (GBK text practically never does beyond a few characters), otherwise GB18030,
 * which decodes any GBK/GB2312 file too.
 */
export const chooseAsciiCompatibleEncoding = (sample: Uint8Array, final: boolean): TextEncodingLabel =>
  isValidUtf8(sample, final) ? 'utf-8' : 'gb18030'

const ALIASES: Record<string, TextEncodingLabel> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'utf-8-bom': 'utf-8',
  'utf-8-sig': 'utf-8',
  gb18030: 'gb18030',
  // gbk/gb2312/cp936 are subsets of GB18030; decoding them as GB18030 keeps 4-byte characters intact.
  gbk: 'gb18030',
  gb2312: 'gb18030',
  cp936: 'gb18030',
  'x-gbk': 'gb18030',
  'utf-16': 'utf-16le',
  'utf-16le': 'utf-16le',
  utf16le: 'utf-16le',
  'ucs-2': 'utf-16le',
  'utf-16be': 'utf-16be',
  utf16be: 'utf-16be',
}

/**
 * Normalises a user-given encoding name. Known Chinese and Unicode names map to a {@link TextEncodingLabel};
 * any other label TextDecoder accepts (e.g. `big5`) is passed through; an unknown one gives `null`.
 */
export const normaliseEncoding = (label: string): string | null => {
  const key = label.trim().toLowerCase()
  const known = ALIASES[key]
  if (known) return known
  try {
    return new TextDecoder(key).encoding
  } catch {
    return null
  }
}

/**
 * Offset of the first byte that cannot be UTF-8 (a stray continuation byte, a lead byte without its
 * continuations, a byte UTF-8 never uses), or -1. An incomplete sequence at the very end is not an error.
 * Used to say where a file stops being UTF-8; the strict decoder decides validity.
 */
export const firstInvalidUtf8 = (bytes: Uint8Array): number => {
  let i = 0
  while (i < bytes.length) {
    const b = bytes[i]!
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1
    if (need < 0) return i
    for (let k = 1; k <= need; k++) {
      if (i + k >= bytes.length) return -1
      const c = bytes[i + k]!
      if (c < 0x80 || c > 0xbf) return i
    }
    i += need + 1
  }
  return -1
}
