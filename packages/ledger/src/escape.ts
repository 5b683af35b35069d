import { escapeHtml } from '@chufei/core'

/*
 * Every value from a sheet or ledger is untrusted: a village clerk's cell can hold `<script>`. HTML and
 * SVG get entity-escaped text (core's one escaper); Markdown gets its table and inline syntax neutralised too.
 */

export { escapeHtml }

/** JSON that may sit inside a <script type="application/json"> without ending it. */
export const jsonForScript = (value: unknown): string =>
  JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')

/** Text for a Markdown table cell or paragraph: no raw HTML, no table breaks, no emphasis or links. */
export const escapeMarkdown = (text: string): string =>
  escapeHtml(text)
    .replace(/\r?\n/g, ' ')
    .replace(/([\\`*_[\]{}()#+!|~])/g, '\\$1')
    .replace(/^(\s*)([-=>]|\d+\.)/, '$1\\$2')
