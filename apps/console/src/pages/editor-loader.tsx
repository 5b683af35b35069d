import type { FunctionComponent } from 'preact'
import { useEffect, useState } from 'preact/hooks'
import { useT } from '../i18n'
import { LoadStatus } from '../load-status'

type EditorPageComponent = FunctionComponent<{ ruleId: string | undefined }>

let loaded: Promise<EditorPageComponent> | undefined

/**
 * The rule editor, loaded on first visit: CodeMirror and the in-page scorer are a separate chunk, so the
 * rules and try pages do not download them.
 */
export const EditorLoader = ({ ruleId }: { ruleId: string | undefined }) => {
  const { t } = useT()
  const [Page, setPage] = useState<EditorPageComponent | undefined>()
  const [error, setError] = useState<unknown>()
  const [round, setRound] = useState(0)
  useEffect(() => {
    loaded ??= import('./editor-page').then((m) => m.EditorPage)
    loaded.then(
      (component) => setPage(() => component),
      (e: unknown) => {
        loaded = undefined
        setError(e)
      },
    )
  }, [round])
  if (Page !== undefined) return <Page ruleId={ruleId} />
  return (
    <section>
      <h1 tabIndex={-1}>{t('editorTitle')}</h1>
      <LoadStatus error={error} retry={() => (setError(undefined), setRound((r) => r + 1))} />
    </section>
  )
}
