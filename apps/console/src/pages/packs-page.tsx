import { useState } from 'preact/hooks'
import { IssueList } from '../editor/issue-list'
import { useT } from '../i18n'
import { LoadStatus, errorText } from '../load-status'
import { useSession } from '../session'
import { fetchPacks, rollbackPack, type PackVersionView, type Published } from '../store-client'
import { useAsync } from '../use-async'

/*
 * 规则包版本 (#/packs): every published version — who, when, why, version, hash, what it replaced — newest first,
 * and 回滚 (with a reason) for a town office or the administrator: the earlier version is published again as a
 * new row and served at once.
 */

const when = (iso: string) => iso.replace('T', ' ').slice(0, 16)

/** The history page. */
export const PacksPage = () => {
  const { t } = useT()
  const [state, reload] = useAsync(fetchPacks)
  const [done, setDone] = useState<Published | undefined>()
  return (
    <section aria-labelledby="packs-title">
      <h1 id="packs-title" tabIndex={-1}>
        {t('packsTitle')}
      </h1>
      {done !== undefined && (
        <p role="status" data-testid="rolled-back">
          ✓ {t('rolledBack').replace('{v}', done.rulePack.version)}
        </p>
      )}
      {state.status !== 'done' ? (
        <LoadStatus error={state.status === 'failed' ? state.error : undefined} retry={reload} />
      ) : (
        <>
          {state.value.serving !== null && (
            <p>
              {t('packsServing')}：<strong data-testid="serving-version">{state.value.serving.version}</strong> <code class="small">{state.value.serving.hash.slice(7, 19)}</code>
            </p>
          )}
          {state.value.versions.length === 0 ? (
            <p class="muted">{t('packsNone')}</p>
          ) : (
            <PackTable
              versions={state.value.versions}
              onRolledBack={(published) => {
                setDone(published)
                reload()
              }}
            />
          )}
        </>
      )}
    </section>
  )
}

const PackTable = ({ versions, onRolledBack }: { versions: PackVersionView[]; onRolledBack: (p: Published) => void }) => {
  const { t } = useT()
  const { state } = useSession()
  const role = state.status === 'signed-in' ? state.session.user.role : undefined
  const canRollBack = role === 'town-admin' || role === 'admin'
  const [open, setOpen] = useState<number | undefined>()
  // Rolling back to the rules being served would change nothing (the store refuses it): no button there.
  const currentHash = versions.find((v) => v.current)?.hash
  return (
    <table class="packs" data-testid="pack-history">
      <caption class="sr-only">{t('packsTitle')}</caption>
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">{t('colVersion')}</th>
          <th scope="col">{t('colHash')}</th>
          <th scope="col">{t('colWho')}</th>
          <th scope="col">{t('colWhen')}</th>
          <th scope="col">{t('colWhy')}</th>
          <th scope="col">{t('colReplaced')}</th>
          {canRollBack && <th scope="col">{t('colActions')}</th>}
        </tr>
      </thead>
      <tbody>
        {versions.map((v) => (
          <tr key={v.id} data-version={v.version} aria-current={v.current ? 'true' : undefined}>
            <td>{v.id}</td>
            <td>
              <strong>{v.version}</strong>
              {v.current && <span class="flag">{t('currentBadge')}</span>}
              {v.rollbackOf !== null && <div class="muted small">{t('rollbackOf').replace('{n}', String(v.rollbackOf))}</div>}
            </td>
            <td>
              <code class="small" title={v.hash}>
                {v.hash.slice(7, 19)}
              </code>
            </td>
            <td>{v.publishedBy}</td>
            <td>{when(v.publishedAt)}</td>
            <td>{v.reason}</td>
            <td>{v.replaced === null ? '—' : v.replaced.version}</td>
            {canRollBack && (
              <td>
                {v.hash !== currentHash &&
                  (open === v.id ? (
                    <RollbackForm version={v} onCancel={() => setOpen(undefined)} onDone={onRolledBack} />
                  ) : (
                    <button type="button" onClick={() => setOpen(v.id)} aria-label={t('rollbackTo').replace('{v}', `${v.version}（#${v.id}）`)}>
                      {t('rollback')}
                    </button>
                  ))}
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  )
}

const RollbackForm = ({ version, onCancel, onDone }: { version: PackVersionView; onCancel: () => void; onDone: (p: Published) => void }) => {
  const { t, lang } = useT()
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>()
  return (
    <form
      class="rollback"
      aria-label={t('rollbackTo').replace('{v}', version.version)}
      onSubmit={(e) => {
        e.preventDefault()
        if (reason.trim() === '') return
        setBusy(true)
        setError(undefined)
        rollbackPack(version.id, reason).then(onDone, (failure: unknown) => {
          setError(failure)
          setBusy(false)
        })
      }}
    >
      <label>
        {t('rollbackReason')}
        <input name="reason" required maxLength={2000} value={reason} onInput={(e) => setReason(e.currentTarget.value)} ref={(el) => el?.focus()} />
      </label>
      <button type="submit" class="primary" disabled={busy || reason.trim() === ''}>
        {busy ? t('rollingBack') : t('confirmRollback')}
      </button>
      <button type="button" onClick={onCancel}>
        {t('cancel')}
      </button>
      {error !== undefined && (
        <div class="problem" role="alert">
          <p>{errorText(error, lang)}</p>
          <IssueList error={error} />
        </div>
      )}
    </form>
  )
}
