/*
 * A small JSON Schema (draft-07) checker for the keywords the editor schema uses, so its tests can prove
 * that the schema accepts real pack files and rejects the mistakes editors should underline.
 * Test support only; editors use their own validators.
 */

type Json = Record<string, unknown>

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)

const typeOk = (type: string, v: unknown): boolean => {
  switch (type) {
    case 'object':
      return isObject(v)
    case 'array':
      return Array.isArray(v)
    case 'integer':
      return Number.isInteger(v)
    case 'number':
      return typeof v === 'number'
    case 'null':
      return v === null
    default:
      return typeof v === type
  }
}

/** Errors of `value` against `schema` (pointer: reason); empty when it conforms. */
export const checkJsonSchema = (root: Json, value: unknown): string[] => {
  const resolve = (ref: string): Json => ref.slice(2).split('/').reduce<Json>((n, k) => n[k] as Json, root)
  const check = (schema: unknown, v: unknown, at: string): string[] => {
    if (schema === true || schema === undefined) return []
    if (schema === false) return [`${at}: not allowed`]
    const s = schema as Json
    const errors: string[] = []
    if (typeof s.$ref === 'string') errors.push(...check(resolve(s.$ref), v, at))
    if (s.type !== undefined) {
      const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string]
      if (!types.some((t) => typeOk(t, v))) return [...errors, `${at}: expected ${types.join('|')}`]
    }
    if (s.const !== undefined && v !== s.const) errors.push(`${at}: expected ${JSON.stringify(s.const)}`)
    if (Array.isArray(s.enum) && !s.enum.includes(v)) errors.push(`${at}: not one of the enum`)
    if (typeof v === 'number') {
      if (typeof s.minimum === 'number' && v < s.minimum) errors.push(`${at}: below minimum`)
      if (typeof s.maximum === 'number' && v > s.maximum) errors.push(`${at}: above maximum`)
    }
    if (typeof v === 'string') {
      if (typeof s.minLength === 'number' && [...v].length < s.minLength) errors.push(`${at}: too short`)
      if (typeof s.maxLength === 'number' && [...v].length > s.maxLength) errors.push(`${at}: too long`)
      if (typeof s.pattern === 'string' && !new RegExp(s.pattern, 'u').test(v)) errors.push(`${at}: pattern`)
    }
    if (Array.isArray(v)) {
      if (typeof s.minItems === 'number' && v.length < s.minItems) errors.push(`${at}: too few items`)
      if (s.items !== undefined) v.forEach((x, i) => errors.push(...check(s.items, x, `${at}/${i}`)))
    }
    if (isObject(v)) {
      const props = (s.properties ?? {}) as Json
      for (const r of (s.required ?? []) as string[]) if (!Object.hasOwn(v, r)) errors.push(`${at}: missing ${r}`)
      for (const [k, x] of Object.entries(v)) {
        if (Object.hasOwn(props, k)) errors.push(...check(props[k], x, `${at}/${k}`))
        else if (s.additionalProperties !== undefined) errors.push(...check(s.additionalProperties, x, `${at}/${k}`))
        if (s.propertyNames !== undefined) errors.push(...check(s.propertyNames, k, `${at}/${k} (name)`))
      }
    }
    if (Array.isArray(s.allOf)) for (const sub of s.allOf) errors.push(...check(sub, v, at))
    if (Array.isArray(s.anyOf) && !s.anyOf.some((sub) => check(sub, v, at).length === 0)) errors.push(`${at}: matches none of anyOf`)
    if (Array.isArray(s.oneOf) && s.oneOf.filter((sub) => check(sub, v, at).length === 0).length !== 1) errors.push(`${at}: must match exactly one of oneOf`)
    if (s.if !== undefined) {
      const branch = check(s.if, v, at).length === 0 ? s.then : s.else
      errors.push(...check(branch, v, at))
    }
    return errors
  }
  return check(root, value, '')
}
