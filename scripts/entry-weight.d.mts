/** Bytes of one part of a browser bundle, and the packages whose code is in it. */
export interface EntryPart {
  readonly minified: number
  readonly gzip: number
  readonly packages: readonly string[]
}
export declare const SCORER_ENTRY_BUDGET: number
export declare const ENTRIES: Readonly<Record<'scorer' | 'main' | 'analyst', string>>
export declare const measureEntry: (contents: string) => Promise<{ static: EntryPart; lazy: EntryPart }>
