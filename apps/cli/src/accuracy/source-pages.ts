import type { CaseSet } from './case-expectations'

/*
 * Which page each case comes from (出处页面), and which subject it is about. A held-out set is evidence about cases
 * the rules have never seen only if its reports are new to the corpus: a page already behind an earlier case (the
 * same scheme, often the same words), or the same subject reported again elsewhere, is not unseen. Source ids are
 * given in the order sources were collected (S001, S002 … S1000), so the earlier of two cases is the one with the
 * lower number.
 *
 * Round 17 found 25 cases in eight held-out sets (held-out-12 … held-out-24) on pages already in the corpus when
 * their set was collected, two more in held-out-25 before its commit was merged, and three more about a subject an
 * earlier case had already named from another page. fixtures/cases/first-contact.json lists them per set
 * (`seenBefore`) with the set's figures without them; the tests recompute the list from SOURCES.md and the sheets
 * so it cannot drift.
 */

/** The web addresses in each source row of SOURCES.md, by source id (a row may cite more than one page). */
export const listSourceAddresses = (markdown: string): Map<string, string[]> => {
  const out = new Map<string, string[]>()
  for (const m of markdown.matchAll(/^\|\s*([SM]\d{3,4})\s*\|(.*)$/gm)) {
    // An address ends at a space, a table bar, a bracket or the first non-ASCII character (（转载） follows some).
    out.set(m[1]!, [...m[2]!.matchAll(/https?:\/\/[^\s|)\u0080-\uffff]+/g)].map((u) => u[0].replace(/\/$/, '')))
  }
  return out
}

/** A case whose source page or subject was already the source or subject of an earlier case in another set. */
export interface SeenBefore {
  readonly id: string
  readonly source: string
  /** The shared page, or `主体：<name>` when the earlier case is the same subject reported on another page. */
  readonly page: string
  /** The earlier case: its set, id and source. */
  readonly earlier: { readonly set: string; readonly id: string; readonly source: string }
}

const order = (source: string): number => Number(source.slice(1))

/**
 * A subject's name as a key: without bracketed notes and the placeholder 某; undefined when too little is left to
 * name one subject (某某公司, 某合作社).
 */
export const subjectKey = (name: string): string | undefined => {
  const key = name.replace(/[（(][^）)]*[）)]/g, '').replace(/某/g, '').replace(/\s/g, '')
  return key.length >= 5 ? key : undefined
}

/**
 * The cases of `set` on a page that an earlier source of another set already cites, or (with `subjects`, each
 * set's published cases' subject names by `set/id`) about a subject an earlier published case already named
 * (published sources `S…` and clean-lead prototypes `M…` are numbered apart, so only like is compared with like).
 */
export const findSeenBefore = (
  set: CaseSet,
  others: readonly CaseSet[],
  addresses: ReadonlyMap<string, readonly string[]>,
  subjects: ReadonlyMap<string, string> = new Map(),
): SeenBefore[] => {
  const byPage = new Map<string, { set: string; id: string; source: string }[]>()
  const subjectPage = (setName: string, c: CaseSet['cases'][number]): string[] => {
    const name = c.kind === 'published' ? subjects.get(`${setName}/${c.id}`) : undefined
    const key = name === undefined ? undefined : subjectKey(name)
    return key === undefined ? [] : [`主体：${key}`]
  }
  for (const other of others) {
    if (other.set === set.set) continue
    for (const c of other.cases) for (const page of [...(addresses.get(c.source) ?? []), ...subjectPage(other.set, c)]) byPage.set(page, [...(byPage.get(page) ?? []), { set: other.set, id: c.id, source: c.source }])
  }
  const found: SeenBefore[] = []
  for (const c of set.cases) {
    for (const page of [...(addresses.get(c.source) ?? []), ...subjectPage(set.set, c)]) {
      const earlier = (byPage.get(page) ?? [])
        .filter((e) => e.source[0] === c.source[0] && order(e.source) < order(c.source))
        .sort((a, b) => order(a.source) - order(b.source))[0]
      if (earlier && !found.some((f) => f.id === c.id)) found.push({ id: c.id, source: c.source, page, earlier })
    }
  }
  return found
}
