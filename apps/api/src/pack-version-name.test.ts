import { describe, expect, it } from 'vitest'
import { deriveVersion, filesVersion, withVersion } from './pack-version-name'

describe('pack version names', () => {
  it('keeps a new version, else counts builds of its release: 2024.2.0 → +1 → +2', () => {
    expect(deriveVersion('2024.3.0', ['2024.2.0'])).toBe('2024.3.0')
    expect(deriveVersion('2024.2.0', ['2024.2.0'])).toBe('2024.2.0+1')
    expect(deriveVersion('2024.2.0+1', ['2024.2.0', '2024.2.0+1'])).toBe('2024.2.0+2')
    expect(deriveVersion('2024.2.0', ['2024.2.0', '2024.2.0+1', '2024.2.0+9', '2024.2.1+20'])).toBe('2024.2.0+10')
  })

  it('sets pack.json’s version by changing that string only, so every other line stays where it was', () => {
    const text = '{\n  "$schema": "./schema.json",\n  "name": "default",\n  "version": "2024.2.0",\n  "patterns": [{ "id": "x", "version": "keep" }]\n}\n'
    const out = withVersion({ 'pack.json': text, 'a.json': '{}' }, '2024.2.0+1')
    expect(out['pack.json']).toBe(text.replace('"2024.2.0"', '"2024.2.0+1"'))
    expect(out['a.json']).toBe('{}')
    expect(filesVersion(out)).toBe('2024.2.0+1')
    // Not JSON, or no version: left for the loader to report.
    expect(withVersion({ 'pack.json': '{ "version": ' }, '1')).toEqual({ 'pack.json': '{ "version": ' })
    expect(filesVersion({ 'pack.json': '{}' })).toBeUndefined()
  })
})
