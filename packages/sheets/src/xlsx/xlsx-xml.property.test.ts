import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { attribute, createXmlScanner, decodeXmlText, type XmlHandler } from './xlsx-xml'

/** Every event the scanner reports, text decoded per element, for one way of cutting the input. */
const events = (pieces: readonly string[]): string[] => {
  const out: string[] = []
  let text = ''
  const h: XmlHandler = {
    wantText: true,
    stop: false,
    open: (name, attrs, selfClosing) => {
      if (text !== '') out.push(`text:${decodeXmlText(text)}`)
      text = ''
      out.push(`open:${name}:${attribute(attrs, 'r') ?? ''}:${selfClosing}`)
    },
    close: (name) => {
      if (text !== '') out.push(`text:${decodeXmlText(text)}`)
      text = ''
      out.push(`close:${name}`)
    },
    text: (raw) => (text += raw),
  }
  const scanner = createXmlScanner(h)
  for (const piece of pieces) scanner.push(piece)
  scanner.end()
  return out
}

const cut = (text: string, at: readonly number[]): string[] => {
  const points = [...new Set(at.map((p) => p % (text.length + 1)))].sort((a, b) => a - b)
  const pieces: string[] = []
  let from = 0
  for (const p of points) {
    pieces.push(text.slice(from, p))
    from = p
  }
  pieces.push(text.slice(from))
  return pieces
}

describe('the XLSX XML scanner', () => {
  it('reports the same events however the text is cut into chunks', () => {
    const value = fc.string({ unit: fc.constantFrom('a', '双', '𠀀', '&amp;', '&lt;', '&#x4e00;', '&#20013;', ' ', '>', "'"), maxLength: 8 })
    const cell = fc.tuple(value, value).map(([v, attr]) => `<x:c r="${attr.replaceAll('"', '&quot;')}" t="s"><v>${v.replaceAll('>', '&gt;')}</v></x:c>`)
    const doc = fc
      .array(fc.oneof(cell, fc.constant('<c r="B2"/>'), fc.constant('<!-- a > b --><![CDATA[<&>]]>'), fc.constant('<?pi x?>')), { maxLength: 8 })
      .map((cells) => `<?xml version="1.0"?><row r="1">${cells.join('')}</row>`)
    fc.assert(
      fc.property(doc, fc.array(fc.nat(), { maxLength: 10 }), (xml, at) => {
        expect(events(cut(xml, at))).toEqual(events([xml]))
      }),
    )
  })

  it('decodes entities, character references and CDATA, and strips namespace prefixes', () => {
    expect(events(['<x:si><t>A&amp;B &lt;1&gt; &#x4E2D;&#25991; &unknown; &</t><t><![CDATA[<&amp;>]]></t></x:si>'])).toEqual([
      'open:si::false',
      'open:t::false',
      'text:A&B <1> 中文 &unknown; &',
      'close:t',
      'open:t::false',
      'text:<&amp;>',
      'close:t',
      'close:si',
    ])
  })

  it('reads attributes with either quote, spaces around =, and values containing the other quote or a name', () => {
    expect(attribute(` name="a r='x'" r = 'B7'`, 'r')).toBe('B7')
    expect(attribute(` r:id="rId3" name="表&amp;一"`, 'name')).toBe('表&一')
    expect(attribute(` r:id="rId3"`, 'id')).toBeUndefined()
  })

  it('refuses a DOCTYPE (no entity expansion from a sheet)', () => {
    expect(() => events(['<!DOCTYPE x [<!ENTITY a "b">]><x/>'])).toThrow(/DOCTYPE/)
  })
})
