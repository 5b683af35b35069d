import type { IncomingMessage } from 'node:http'
import type { Context } from 'hono'
import type { AppEnv } from './_env'
import { incomingOf, requestHeader } from './_incoming'
import { apiFailure } from './errors'

/*
 * Request bodies: media types, a byte limit that holds for chunked bodies too (the bytes are counted
 * as they arrive, not taken from Content-Length), and strict UTF-8 JSON.
 */

/** The media type of a request, lower-cased, without parameters (`application/json`). */
export const mediaType = (c: Context<AppEnv>): string => {
  const header = requestHeader(c, 'content-type')
  if (header === undefined) return ''
  const semicolon = header.indexOf(';')
  return (semicolon < 0 ? header : header.slice(0, semicolon)).trim().toLowerCase()
}

/** Throws 415 unless the request's media type is one of `accepted`. */
export const requireMediaType = (c: Context<AppEnv>, accepted: readonly string[]): string => {
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

const cutOff = () =>
  apiFailure({
    code: 'MALFORMED_BODY',
    message: '请求体读取中断',
    messageEn: 'The request body was cut off',
  })

/** The chunks as one fresh buffer of its own (never a view into a shared pool). */
const joinChunks = (chunks: readonly Uint8Array[], size: number): Uint8Array<ArrayBuffer> => {
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return bytes
}

/**
 * Node's request stream, read directly. Over the limit, reading stops and the rest is left to
 * @hono/node-server, which drains a bounded amount after the 413 is sent and then closes the socket.
 */
const readIncoming = (incoming: IncomingMessage, limit: number): Promise<Uint8Array<ArrayBuffer>> =>
  new Promise((resolve, reject) => {
    if (incoming.readableEnded) {
      resolve(new Uint8Array(0))
      return
    }
    const chunks: Buffer[] = []
    let size = 0
    const done = () => {
      incoming.off('data', onData)
      incoming.off('end', onEnd)
      incoming.off('error', onFail)
      incoming.off('close', onClose)
    }
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength
      if (size > limit) {
        done()
        incoming.pause()
        chunks.length = 0
        reject(tooLarge(limit))
        return
      }
      chunks.push(chunk)
    }
    const onEnd = () => {
      done()
      resolve(joinChunks(chunks, size))
    }
    const onFail = () => {
      done()
      reject(cutOff())
    }
    const onClose = () => {
      if (!incoming.readableEnded) onFail()
    }
    incoming.on('data', onData)
    incoming.on('end', onEnd)
    incoming.on('error', onFail)
    incoming.on('close', onClose)
  })

/** A WHATWG body stream (under `app.request()`), read the same way. */
const readWebStream = async (body: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array<ArrayBuffer>> => {
  const reader = body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>
    try {
      chunk = await reader.read()
    } catch {
      throw cutOff()
    }
    if (chunk.done) break
    size += chunk.value.byteLength
    if (size > limit) {
      await reader.cancel().catch(() => {})
      throw tooLarge(limit)
    }
    chunks.push(chunk.value)
  }
  return joinChunks(chunks, size)
}

/**
 * Reads the whole body, failing with 413 as soon as more than `limit` bytes have arrived (or at once
 * when Content-Length already says so), so a huge or endless chunked body is never buffered.
 */
export const readBody = async (c: Context<AppEnv>, limit: number): Promise<Uint8Array<ArrayBuffer>> => {
  const declared = requestHeader(c, 'content-length')
  if (declared !== undefined && /^\d+$/.test(declared) && Number(declared) > limit) throw tooLarge(limit)
  const incoming = incomingOf(c)
  if (incoming !== undefined) return readIncoming(incoming, limit)
  const body = c.req.raw.body
  return body ? readWebStream(body, limit) : new Uint8Array(0)
}

const malformedJson = (reason: string) =>
  apiFailure({
    code: 'MALFORMED_JSON',
    message: '请求体不是有效的 JSON',
    messageEn: 'The request body is not valid JSON',
    details: { reason },
  })

// Stateless between calls (no `stream: true`), so one decoder serves every request.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true })

/** Decodes strict UTF-8 (a BOM is allowed) and parses JSON; 400 MALFORMED_JSON otherwise. */
export const parseJson = (bytes: Uint8Array): unknown => {
  let text: string
  try {
    text = strictUtf8.decode(bytes)
  } catch {
    throw malformedJson('invalid UTF-8')
  }
  try {
    return JSON.parse(text) as unknown
  } catch (error) {
    if (text.trim() === '') throw malformedJson('empty body')
    throw malformedJson(error instanceof SyntaxError ? error.message : 'unparseable')
  }
}

/** Requires a JSON content type, reads at most `limit` bytes and parses them. */
export const readJson = async (c: Context<AppEnv>, limit: number): Promise<unknown> => {
  requireMediaType(c, JSON_TYPES)
  return parseJson(await readBody(c, limit))
}

/** Media types accepted as one JSON document. */
export const JSON_TYPES: readonly string[] = ['application/json']
