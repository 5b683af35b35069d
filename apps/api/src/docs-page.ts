/*
 * The /docs page (接口文档): one self-contained HTML page, inline CSS and JS, that fetches
 * ./openapi.json from this same server and renders routes, parameters, bodies, schemas and examples.
 * No CDN, no external font or script: chufei runs on closed networks. It builds the DOM with
 * createElement/textContent only, so nothing in the document can inject markup.
 */

const STYLE = `
:root { color-scheme: light dark; --fg: #1d232a; --muted: #5b6570; --bg: #fff; --panel: #f4f6f8; --line: #d8dee4;
  --get: #1a7f37; --post: #0b5cad; --accent: #b42318; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --muted: #9aa6b2; --bg: #0d1117; --panel: #161b22; --line: #30363d; } }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.55 system-ui, -apple-system, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif;
  color: var(--fg); background: var(--bg); display: grid; grid-template-columns: 270px 1fr; min-height: 100vh; }
nav { border-right: 1px solid var(--line); padding: 1rem; position: sticky; top: 0; height: 100vh; overflow: auto; background: var(--panel); }
nav a { display: block; color: inherit; text-decoration: none; padding: .15rem 0; font-size: 13px; }
nav h2 { font-size: 12px; text-transform: uppercase; color: var(--muted); margin: 1rem 0 .3rem; }
main { padding: 1.5rem 2.5rem; max-width: 1100px; }
h1 { margin: 0 0 .3rem; } h3 { margin: 1.2rem 0 .4rem; font-size: 14px; color: var(--muted); text-transform: uppercase; }
.op { border: 1px solid var(--line); border-radius: 8px; padding: 1rem 1.2rem; margin: 1.2rem 0; }
.method { font: 700 12px/1 ui-monospace, monospace; color: #fff; border-radius: 4px; padding: .3rem .5rem; margin-right: .5rem; text-transform: uppercase; }
.method.get { background: var(--get); } .method.post { background: var(--post); }
.path { font: 600 15px ui-monospace, SFMono-Regular, Menlo, monospace; }
.muted { color: var(--muted); } .req { color: var(--accent); font-size: 12px; margin-left: .3rem; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 13px; }
pre { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: .7rem; overflow: auto; max-height: 420px; }
table { border-collapse: collapse; width: 100%; margin: .3rem 0; }
td, th { border-top: 1px solid var(--line); padding: .35rem .5rem; vertical-align: top; text-align: left; font-size: 13px; }
th { color: var(--muted); font-weight: 600; }
.type { font-family: ui-monospace, monospace; color: var(--post); }
details > summary { cursor: pointer; }
.status { font: 700 13px ui-monospace, monospace; }
#error { color: var(--accent); }
`

const SCRIPT = `
'use strict';
const h = (tag, attrs, ...children) => {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') el.className = v; else el.setAttribute(k, v);
  }
  // Children may be nested lists of elements (a heading plus a list of content blocks): flatten them all.
  for (const c of children.flat(Infinity)) if (c !== undefined && c !== null && c !== false) el.append(c instanceof Node ? c : String(c));
  return el;
};
let components = {};
const refName = (ref) => ref.split('/').pop();
const anchor = (name) => 'schema-' + name.replace(/[^A-Za-z0-9_-]/g, '_');
const typeLabel = (s) => {
  if (!s || typeof s !== 'object') return 'any';
  if (s.$ref) return refName(s.$ref);
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(' | ');
  if (s.anyOf || s.oneOf) return (s.anyOf || s.oneOf).map(typeLabel).join(' | ');
  if (s.type === 'array') return 'array<' + typeLabel(s.items) + '>';
  if (Array.isArray(s.type)) return s.type.join(' | ');
  if (s.type === 'object' && !s.properties && s.additionalProperties) return 'map<string, ' + typeLabel(s.additionalProperties) + '>';
  return s.type || (s.properties ? 'object' : 'any');
};
const constraints = (s) => {
  const out = [];
  for (const k of ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength', 'maxLength', 'minItems', 'maxItems', 'pattern', 'format', 'default']) {
    if (s && s[k] !== undefined) out.push(k + ': ' + JSON.stringify(s[k]));
  }
  return out.join(', ');
};
const renderSchema = (schema, depth) => {
  if (!schema || typeof schema !== 'object') return h('span', { class: 'type' }, 'any');
  if (depth > 6) return h('span', { class: 'type' }, typeLabel(schema));
  if (schema.$ref) {
    const name = refName(schema.$ref);
    const link = h('a', { href: '#' + anchor(name), class: 'type' }, name);
    const target = components[name];
    if (!target || depth > 1) return link;
    return h('details', {}, h('summary', {}, link), renderSchema(target, depth + 1));
  }
  const alternatives = schema.anyOf || schema.oneOf;
  if (alternatives) {
    return h('div', {}, h('div', { class: 'muted' }, 'one of:'), h('ul', {}, alternatives.map((a) => h('li', {}, renderSchema(a, depth + 1)))));
  }
  if (schema.type === 'array') {
    return h('div', {}, h('span', { class: 'type' }, 'array of '), renderSchema(schema.items, depth + 1));
  }
  if (schema.properties) {
    const required = new Set(schema.required || []);
    const rows = Object.entries(schema.properties).map(([name, p]) => {
      const nested = p && (p.properties || p.anyOf || p.oneOf || (p.type === 'array' && p.items && (p.items.properties || p.items.$ref)));
      return h('tr', {},
        h('td', {}, h('code', {}, name), required.has(name) ? h('span', { class: 'req' }, 'required') : null),
        h('td', {}, nested ? h('details', {}, h('summary', { class: 'type' }, typeLabel(p)), renderSchema(p, depth + 1)) : h('span', { class: 'type' }, typeLabel(p))),
        h('td', {}, p && p.description ? p.description : '', constraints(p) ? h('div', { class: 'muted' }, constraints(p)) : null));
    });
    return h('table', {}, h('tr', {}, h('th', {}, 'field'), h('th', {}, 'type'), h('th', {}, 'description')), rows);
  }
  return h('span', {}, h('span', { class: 'type' }, typeLabel(schema)), schema.description ? ' — ' + schema.description : '',
    constraints(schema) ? h('span', { class: 'muted' }, ' (' + constraints(schema) + ')') : null);
};
const renderContent = (content) => Object.entries(content || {}).map(([type, media]) =>
  h('div', {}, h('p', {}, h('code', {}, type)), renderSchema(media.schema, 0),
    media.example !== undefined ? h('details', {}, h('summary', {}, 'example'), h('pre', {}, JSON.stringify(media.example, null, 2))) : null));
const renderOperation = (path, method, op, id) => h('section', { class: 'op', id },
  h('div', {}, h('span', { class: 'method ' + method }, method), h('span', { class: 'path' }, path)),
  h('p', {}, h('strong', {}, op.summary || '')),
  op.description ? h('p', {}, op.description) : null,
  op.security && op.security.length ? h('p', { class: 'muted' }, 'Authorization: Bearer <token>') : null,
  op.parameters && op.parameters.length ? [h('h3', {}, 'Parameters'), h('table', {},
    h('tr', {}, h('th', {}, 'name'), h('th', {}, 'in'), h('th', {}, 'type'), h('th', {}, 'description')),
    op.parameters.map((p) => h('tr', {}, h('td', {}, h('code', {}, p.name), p.required ? h('span', { class: 'req' }, 'required') : null),
      h('td', {}, p.in), h('td', { class: 'type' }, typeLabel(p.schema)), h('td', {}, p.description || (p.schema && p.schema.description) || ''))))] : null,
  op.requestBody ? [h('h3', {}, 'Request body'), renderContent(op.requestBody.content)] : null,
  h('h3', {}, 'Responses'),
  Object.entries(op.responses || {}).map(([status, res]) => h('div', {},
    h('p', {}, h('span', { class: 'status' }, status), ' ', res.description || ''),
    res.content ? h('details', {}, h('summary', {}, 'schema'), renderContent(res.content)) : null)));
const render = (doc) => {
  components = (doc.components && doc.components.schemas) || {};
  const nav = document.getElementById('nav');
  const main = document.getElementById('main');
  main.replaceChildren(h('h1', {}, doc.info.title, ' ', h('span', { class: 'muted' }, doc.info.version)),
    h('p', {}, doc.info.description || ''), h('p', { class: 'muted' }, 'OpenAPI ' + doc.openapi + ' — ', h('a', { href: './openapi.json' }, 'openapi.json')));
  nav.replaceChildren(h('h2', {}, 'Routes'));
  let n = 0;
  for (const [path, item] of Object.entries(doc.paths || {})) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
      const op = item[method];
      if (!op) continue;
      const id = 'op-' + n++;
      nav.append(h('a', { href: '#' + id }, method.toUpperCase() + ' ' + path));
      main.append(renderOperation(path, method, op, id));
    }
  }
  nav.append(h('h2', {}, 'Schemas'));
  main.append(h('h2', {}, 'Schemas'));
  for (const [name, schema] of Object.entries(components)) {
    nav.append(h('a', { href: '#' + anchor(name) }, name));
    main.append(h('section', { class: 'op', id: anchor(name) }, h('h3', {}, name), schema.description ? h('p', {}, schema.description) : null, renderSchema(schema, 2)));
  }
};
fetch('./openapi.json', { headers: { accept: 'application/json' } })
  .then((r) => { if (!r.ok) throw new Error('HTTP ' + r.status); return r.json(); })
  .then(render)
  .catch((e) => {
    const box = document.getElementById('error') || document.getElementById('main');
    box.append(h('p', { id: 'error' }, '无法加载接口文档 / cannot load openapi.json: ' + e.message));
  });
`

/** The inline script of the page (exported so a test can check that it compiles). */
export const DOCS_SCRIPT = SCRIPT

/** The /docs HTML; `nonce` authorises its one inline style and script under the page's CSP. */
export const renderDocsPage = (nonce: string): string => `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>chufei API 接口文档</title>
<style nonce="${nonce}">${STYLE}</style>
</head>
<body>
<nav id="nav"></nav>
<main id="main"><p id="loading">正在加载接口文档… Loading the API reference…</p></main>
<script nonce="${nonce}">${SCRIPT}</script>
</body>
</html>
`

/** The Content-Security-Policy of /docs: only its own inline code, and requests to this server. */
export const docsContentSecurityPolicy = (nonce: string): string =>
  [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src 'nonce-${nonce}'`,
    "connect-src 'self'",
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ')
