/*
 * The legal basis (法律依据) of a rule, read from its description: packs write it inline, as in
 * "…应当依法追究刑事责任（法释〔2022〕5号第三条第一款第（二）项）". The console lists the references so an
 * analyst sees at a glance what a rule rests on; the full description stays one click away.
 */

const NUM = '[一二三四五六七八九十百零〇0-9]+'
const ARTICLE = `(?:第${NUM}条(?:第${NUM}款)?(?:第（${NUM}）项)?)?`

const REFERENCE = new RegExp(
  [
    `法释〔\\d{4}〕\\d+号${ARTICLE}`,
    `《[^》]{2,60}》${ARTICLE}`,
    `条例第${NUM}条(?:第${NUM}款)?`,
    `国务院令第\\d+号`,
    `实施方案${NUM}（${NUM}）`,
  ].join('|'),
  'gu',
)

/**
 * The legal references in a rule's description, in order of first appearance, each once. A reference that
 * another one found contains (法释〔2022〕5号 inside 法释〔2022〕5号第三条) is left out.
 *
 * @example legalBasis('非法吸收公众存款对象150人以上的（法释〔2022〕5号第三条第一款第（二）项）') // ['法释〔2022〕5号第三条第一款第（二）项']
 */
export const legalBasis = (description: string | undefined): string[] => {
  if (description === undefined) return []
  const found: string[] = []
  for (const match of description.matchAll(REFERENCE)) {
    const ref = match[0]
    if (!found.includes(ref)) found.push(ref)
  }
  return found.filter((ref) => !found.some((other) => other !== ref && other.startsWith(ref)))
}
