import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto'

/*
 * Passwords are kept as scrypt hashes (node:crypto): `scrypt$N$r$p$salt$hash`, base64. A token is
 * `cft_<id>_<secret>`: the id finds its row, the secret is checked against the hash, so a stolen database
 * yields no usable token. A token's secret is 192 random bits, which no guessing reaches, so its hash is a
 * plain SHA-256 (`sha256$hash`): scrypt is there to slow the guessing of passwords people choose, and on a
 * token it cost ≈ 50 ms of CPU on every request the token or a console session made — the console's pages
 * make several at once, and anyone could make the server spend it with made-up tokens of a real id.
 * Tokens issued before keep their scrypt hash and still verify.
 */

const N = 16384
const R = 8
const P = 1
const KEY_LENGTH = 32
/** A password or token longer than this is refused before hashing: scrypt's work must not grow with input. */
export const MAX_SECRET_LENGTH = 1024

const derive = (secret: string, salt: Buffer, n: number, r: number, p: number) =>
  new Promise<Buffer>((resolve, reject) =>
    scrypt(secret.normalize('NFC'), salt, KEY_LENGTH, { N: n, r, p, maxmem: 64 * 1024 * 1024 }, (e, key) => (e ? reject(e) : resolve(key))),
  )

/** The scrypt hash of a secret, with a fresh salt. */
export const hashSecret = async (secret: string): Promise<string> => {
  const salt = randomBytes(16)
  const key = await derive(secret, salt, N, R, P)
  return ['scrypt', N, R, P, salt.toString('base64'), key.toString('base64')].join('$')
}

/** Whether `secret` matches `stored` (constant time in the hash). False for anything malformed. */
export const verifySecret = async (secret: string, stored: string): Promise<boolean> => {
  if (secret.length > MAX_SECRET_LENGTH) return false
  const [scheme, n, r, p, salt, hash] = stored.split('$')
  if (scheme !== 'scrypt' || salt === undefined || hash === undefined) return false
  const expected = Buffer.from(hash, 'base64')
  // Only the parameters this module writes: a row edited to huge ones must not spend the server's memory.
  if (Number(n) !== N || Number(r) !== R || Number(p) !== P || expected.length !== KEY_LENGTH) return false
  const key = await derive(secret, Buffer.from(salt, 'base64'), N, R, P)
  return timingSafeEqual(key, expected)
}

const sha256 = (secret: string): Buffer => createHash('sha256').update(secret, 'utf8').digest()

/** The hash a token's secret is kept as. */
export const hashTokenSecret = (secret: string): string => `sha256$${sha256(secret).toString('base64')}`

/** Whether a token's `secret` matches `stored`: a SHA-256 hash, or the scrypt hash of a token issued before. */
export const verifyTokenSecret = async (secret: string, stored: string): Promise<boolean> => {
  if (!stored.startsWith('sha256$')) return verifySecret(secret, stored)
  const expected = Buffer.from(stored.slice('sha256$'.length), 'base64')
  return expected.length === 32 && secret.length <= MAX_SECRET_LENGTH && timingSafeEqual(sha256(secret), expected)
}

/** A new random token secret (URL-safe). */
export const newTokenSecret = (): string => randomBytes(24).toString('base64url')

/** `cft_<id>_<secret>` parsed; null when it is not shaped like a token. */
export const parseToken = (token: string): { id: number; secret: string } | null => {
  const m = /^cft_(\d{1,9})_([A-Za-z0-9_-]{16,64})$/.exec(token.trim())
  return m === null ? null : { id: Number(m[1]), secret: m[2]! }
}
