import { ChufeiError, type ErrorCode } from '@chufei/core'
import { messagesFor, type Messages } from './messages'

/**
 * A ChufeiError with one bilingual issue built from a message of {@link Messages}, so `run` can print it
 * in the user's language.
 */
export const fail = (
  code: ErrorCode,
  pick: (m: Messages) => string,
  where: { file?: string; line?: number; column?: number } = {},
  cause?: unknown,
): ChufeiError => {
  const message = pick(messagesFor('zh'))
  const messageEn = pick(messagesFor('en'))
  return new ChufeiError(code, message, {
    cause,
    issues: [{ code: code.toLowerCase().replaceAll('_', '-'), severity: 'error', message, messageEn, ...where }],
  })
}
