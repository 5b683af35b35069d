import { z } from 'zod'

/*
 * The query parameters several store routes take, in one place so a date or a unit is read the same way on
 * every route (and says the same thing when it is wrong). Each route adds its own description with `.meta`.
 */

/** A day as YYYY-MM-DD (a sweep date, an `asOf`, a period's ends). */
export const isoDateParam = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '须写成 2024-06-30 的形式')

/** A unit given as digits (at most 9) is its id, anything else its name. */
export const unitParam = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .transform((v) => (/^\d{1,9}$/.test(v) ? Number(v) : v))
