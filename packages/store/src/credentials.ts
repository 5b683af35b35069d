import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto'

/*
 * Passwords and API tokens are kept as scrypt hashes (node:crypto): `scrypt$N$r$p$salt$hash`, base64. A
 * token is `cft_<id>_<secret>`: the id finds its row, the secret is checked against the hash, so a stolen
 * database yields no usable token.
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

/** A new random token secret (URL-safe). */
export const newTokenSecret = (): string => randomBytes(24).toString('base64url')

/** `cft_<id>_<secret>` parsed; null when it is not shaped like a token. */
export const parseToken = (token: string): { id: number; secret: string } | null => {
  const m = /^cft_(\d{1,9})_([A-Za-z0-9_-]{16,64})$/.exec(token.trim())
  return m === null ? null : { id: Number(m[1]), secret: m[2]! }
}
