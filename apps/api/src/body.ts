import type { Context } from 'hono'
import { apiFailure } from './errors'

/*
 * Request bodies: media types, a byte limit that holds for chunked bodies too (the bytes are counted
 * as they arrive, not taken from Content-Length), and strict UTF-8 JSON.
 */

/** The media type of a request, lower-cased, without parameters (`application/json`). */
export const mediaType = (c: Context): string => (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase()

/** Throws 415 unless the request's media type is one of `accepted`. */
export const requireMediaType = (c: Context, accepted: readonly string[]): string => {
  const type = mediaType(c)
  if (!accepted.includes(type)) {
    throw apiFailure({
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message: `不支持的内容类型 ${type === '' ? '（未设置 Content-Type）' : type}，应为：${accepted.join('、')}`,
      messageEn: `Unsupported content type ${type === '' ? '(no Content-Type)' : type}; expected one of: ${accepted.join(', ')}`,
      details: { received: type === '' ? null : type, accepted },
    })
  }
  return type
}

const tooLarge = (limit: number) =>
  apiFailure({
    code: 'PAYLOAD_TOO_LARGE',
    message: `请求体超过上限 ${limit} 字节`,
    messageEn: `Request body exceeds the limit of ${limit} bytes`,
    details: { limitBytes: limit },
  })

/**
 * Reads the whole body, failing with 413 as soon as more than `limit` bytes have arrived (or at once
 * when Content-Length already says so), so a huge or endless chunked body is never buffered.
 */
export const readBody = async (c: Context, limit: number): Promise<Uint8Array<ArrayBuffer>> => {
  const declared = c.req.header('content-length')
  if (declared !== undefined && /^\d+$/.test(declared) && Number(declared) > limit) throw tooLarge(limit)
  const body = c.req.raw.body
  if (!body) return new Uint8Array(0)
  const reader = body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>
    try {
      chunk = await reader.read()
    } catch {
      throw apiFailure({
        code: 'MALFORMED_BODY',
        message: '请求体读取中断',
        messageEn: 'The request body was cut off',
      })
    }
    if (chunk.done) break
    size += chunk.value.byteLength
    if (size > limit) {
      await reader.cancel().catch(() => {})
      throw tooLarge(limit)
    }
    chunks.push(chunk.value)
  }
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return bytes
}

const malformedJson = (reason: string) =>
  apiFailure({
    code: 'MALFORMED_JSON',
    message: '请求体不是有效的 JSON',
    messageEn: 'The request body is not valid JSON',
    details: { reason },
  })

/** Decodes strict UTF-8 (a BOM is allowed) and parses JSON; 400 MALFORMED_JSON otherwise. */
export const parseJson = (bytes: Uint8Array): unknown => {
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw malformedJson('invalid UTF-8')
  }
  if (text.trim() === '') throw malformedJson('empty body')
  try {
    return JSON.parse(text) as unknown
  } catch (error) {
    throw malformedJson(error instanceof SyntaxError ? error.message : 'unparseable')
  }
}

/** Requires a JSON content type, reads at most `limit` bytes and parses them. */
export const readJson = async (c: Context, limit: number): Promise<unknown> => {
  requireMediaType(c, JSON_TYPES)
  return parseJson(await readBody(c, limit))
}

/** Media types accepted as one JSON document. */
export const JSON_TYPES: readonly string[] = ['application/json']
