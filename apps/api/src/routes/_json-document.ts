/*
 * A batch body that is one whole JSON document but not a lead array: an object (`{"leads": […]}`, a
 * single lead), a pretty-printed array sent as NDJSON, a bare number. Read line by line as NDJSON, every
 * line of it was "not valid JSON"; read as a JSON array, it said only that a `[` was expected. Said once,
 * with what was sent and what to send instead.
 */

/** What a body is when it parses as one JSON document: an array, an object, or another value. */
export type JsonDocumentKind = 'array' | 'object' | 'value'

const kindOf = (value: unknown): JsonDocumentKind =>
  Array.isArray(value) ? 'array' : typeof value === 'object' && value !== null ? 'object' : 'value'

/**
 * The kind of `text` when it is a single JSON document that the batch reader would not take as meant:
 * for NDJSON, a document over several lines or one line that is not an object; for a JSON array, anything
 * but an array. Null when the body is what the format expects (or is not one valid document at all, which
 * the sheet reader reports by line and column).
 */
export const misplacedJsonDocument = (text: string, format: 'json' | 'jsonl'): JsonDocumentKind | null => {
  const body = text.replace(/^\uFEFF/, '').trim()
  if (body === '') return null
  // One line holding an object is NDJSON of one lead.
  if (format === 'jsonl' && body[0] === '{' && !body.includes('\n')) return null
  let value: unknown
  try {
    value = JSON.parse(body)
  } catch {
    return null
  }
  const kind = kindOf(value)
  return format === 'json' && kind === 'array' ? null : kind
}

/** The JSON format of a batch input: the media type's, else the uploaded file's extension. */
export const jsonFormatOf = (format: string | undefined, name: string): 'json' | 'jsonl' | null => {
  const f = format ?? (/\.json$/i.test(name) ? 'json' : /\.(jsonl|ndjson)$/i.test(name) ? 'jsonl' : null)
  return f === 'json' || f === 'jsonl' ? f : null
}

const SENT: Readonly<Record<JsonDocumentKind, { zh: string; en: string }>> = {
  array: { zh: '一个 JSON 数组', en: 'one JSON array' },
  object: { zh: '一个 JSON 对象', en: 'one JSON object' },
  value: { zh: '一个 JSON 值', en: 'one JSON value' },
}

/** The message for a misplaced document: what was sent and what the batch route takes. */
export const misplacedJsonMessage = (kind: JsonDocumentKind, format: 'json' | 'jsonl'): { message: string; messageEn: string } => {
  const sent = SENT[kind]
  const asNdjson = format === 'jsonl'
  return {
    message:
      `请求体是完整的${sent.zh}，${asNdjson ? '不是每行一条线索的 NDJSON' : '不是线索数组'}。` +
      (kind === 'array'
        ? '线索数组请以 Content-Type: application/json 发送'
        : '批量评分请发送线索数组 [线索, …]（application/json）或每行一条线索（application/x-ndjson）；单条线索请用 POST /v1/score'),
    messageEn:
      `The body is ${sent.en}, ${asNdjson ? 'not NDJSON with one lead per line' : 'not an array of leads'}. ` +
      (kind === 'array'
        ? 'Send a lead array as Content-Type: application/json'
        : 'Send an array of leads [lead, …] (application/json) or one lead per line (application/x-ndjson); score a single lead with POST /v1/score'),
  }
}

/**
 * The 400 message for a batch body (raw with its media type's format, or an upload by its file name) that
 * is one JSON document the batch reader would not take as meant; null for anything else.
 */
export const misplacedJsonBody = (bytes: Uint8Array, format: string | undefined, name: string): { message: string; messageEn: string } | null => {
  const json = jsonFormatOf(format, name)
  if (json === null) return null
  const kind = misplacedJsonDocument(new TextDecoder().decode(bytes), json)
  return kind === null ? null : misplacedJsonMessage(kind, json)
}
