/*
 * The one HTML escaper (HTML 转义): every value from a sheet, a ledger or a rule pack is untrusted (a
 * village clerk's cell can hold `<script>`), so text put into HTML or SVG goes through here.
 */

const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/** Text for HTML/SVG content and attribute values (quoted with " or '). */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!)
