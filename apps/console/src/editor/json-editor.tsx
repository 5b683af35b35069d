import { autocompletion, type Completion } from '@codemirror/autocomplete'
import { json } from '@codemirror/lang-json'
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint'
import { Annotation, EditorState } from '@codemirror/state'
import { EditorView } from '@codemirror/view'
import { basicSetup } from 'codemirror'
import { useEffect, useRef } from 'preact/hooks'
import { schemaCompletion } from './schema-completion'

/*
 * CodeMirror 6 as a Preact component. It lives in a shadow root: CodeMirror then styles itself with a
 * constructed stylesheet (adoptedStyleSheets), which the console's Content-Security-Policy allows, where
 * the <style> element it would add to the document is inline style and refused (style-src 'self').
 */

/** Props of {@link JsonEditor}. */
export interface JsonEditorProps {
  /** The text; when it changes from outside (the form), the editor shows the new text. */
  value: string
  onChange: (text: string) => void
  /** Problems to underline, by offset in `value`. */
  diagnostics: readonly Diagnostic[]
  /** The accessible name of the text area. */
  label: string
  /** Property name → values, from the pack's JSON schema. */
  completions: ReadonlyMap<string, readonly Completion[]>
}

const THEME = EditorView.theme({
  '&': { height: '100%', fontSize: '13px', backgroundColor: '#fff', color: '#1d232a' },
  '&.cm-focused': { outline: '2px solid #0b5cad' },
  '.cm-scroller': { fontFamily: 'ui-monospace, "Noto Sans Mono CJK SC", "DejaVu Sans Mono", monospace', overflow: 'auto' },
  '.cm-gutters': { backgroundColor: '#f4f6f8', borderRight: '1px solid #d8dee4' },
  '.cm-tooltip-autocomplete ul li[aria-selected]': { backgroundColor: '#0b5cad', color: '#fff' },
  '.cm-diagnosticText': { whiteSpace: 'pre-wrap' },
})

/** A JSON editor with syntax highlighting, brackets, search, schema completion and underlined problems. */
/**
 * Marks a transaction that puts the page's text into the editor. Its change is not reported back through
 * `onChange`: the page already has that text, and reporting it from inside the page's own render made the
 * editor and the rule form's boxes hand the text back and forth — with a keyword typed right after a new
 * line the page spun at 100% CPU and never answered again.
 */
const fromPage = Annotation.define<boolean>()

export const JsonEditor = ({ value, onChange, diagnostics, label, completions }: JsonEditorProps) => {
  const host = useRef<HTMLDivElement>(null)
  const view = useRef<EditorView | undefined>(undefined)
  const changed = useRef(onChange)
  changed.current = onChange

  useEffect(() => {
    const root = host.current!.shadowRoot ?? host.current!.attachShadow({ mode: 'open' })
    const mount = document.createElement('div')
    mount.className = 'mount'
    // Sized by the host (a CSS height on the light-DOM element); the mount fills it.
    const sheet = new CSSStyleSheet()
    sheet.replaceSync(':host { display: block; } .mount { height: 100%; }')
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet]
    root.append(mount)
    view.current = new EditorView({
      root,
      parent: mount,
      state: EditorState.create({
        doc: value,
        extensions: [
          basicSetup,
          json(),
          lintGutter(),
          EditorView.lineWrapping,
          autocompletion({ override: [schemaCompletion(completions)] }),
          THEME,
          EditorView.contentAttributes.of({ 'aria-label': label }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged && !update.transactions.some((tr) => tr.annotation(fromPage))) changed.current(update.state.doc.toString())
          }),
        ],
      }),
    })
    return () => {
      view.current?.destroy()
      view.current = undefined
      mount.remove()
    }
  }, [])

  useEffect(() => {
    const v = view.current
    if (v === undefined || v.state.doc.toString() === value) return
    v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value }, annotations: fromPage.of(true) })
  }, [value])

  useEffect(() => {
    const v = view.current
    if (v === undefined) return
    const length = v.state.doc.length
    const clamped = diagnostics.map((d) => ({ ...d, from: Math.min(d.from, length), to: Math.min(Math.max(d.to, d.from), length) }))
    v.dispatch(setDiagnostics(v.state, clamped))
  }, [diagnostics, value])

  return <div ref={host} class="json-editor" data-testid="json-editor" />
}
