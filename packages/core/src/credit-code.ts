/*
 * 统一社会信用代码 (unified social credit code), GB 32100-2015: 18 characters from a 31-letter alphabet,
 * the last one a check character over the first 17.
 */

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

/** Upper-cases, converts full-width characters and drops spaces and hyphens. */
export const normaliseCreditCode = (code: string): string => code.normalize('NFKC').toUpperCase().replace(/[\s-]/gu, '')

/** The check character for the first 17 characters, or undefined when one is outside the alphabet. */
export const creditCodeCheckChar = (first17: string): string | undefined => {
  if (first17.length !== 17) return undefined
  let sum = 0
  for (let i = 0; i < 17; i++) {
    const value = ALPHABET.indexOf(first17[i]!)
    if (value < 0) return undefined
    sum += value * WEIGHTS[i]!
  }
  return ALPHABET[(31 - (sum % 31)) % 31]
}

/**
 * True when a (normalised) code has 18 characters of the alphabet and the right check character.
 *
 * @example isValidCreditCode('91340422MA2TXXXX0X') // false unless the check character matches
 */
export const isValidCreditCode = (code: string): boolean => {
  const c = normaliseCreditCode(code)
  return c.length === 18 && creditCodeCheckChar(c.slice(0, 17)) === c[17]
}
