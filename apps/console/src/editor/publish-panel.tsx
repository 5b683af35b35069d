import { useState } from 'preact/hooks'
import { useT } from '../i18n'
import { errorText } from '../load-status'
import { useSession } from '../session'
import { publishPack, type Published } from '../store-client'
import { IssueList } from './issue-list'

/*
 * 发布: the edited pack as a new version (version, reason, a confirmation), for a signed-in town office or the
 * administrator. The server validates it, records who, when and why, and scores with it at once.
 */

type Step = { status: 'idle' } | { status: 'publishing' } | { status: 'done'; published: Published } | { status: 'failed'; error: unknown }

/** The publish panel of the editor; `files` is the edited pack, undefined while it is not valid. */
export const PublishPanel = ({ files }: { files: Record<string, string> | undefined }) => {
  const { t, lang } = useT()
  const { state } = useSession()
  const [version, setVersion] = useState('')
  const [reason, setReason] = useState('')
  const [confirmed, setConfirmed] = useState(false)
  const [step, setStep] = useState<Step>({ status: 'idle' })
  const role = state.status === 'signed-in' ? state.session.user.role : undefined
  const body =
    state.status !== 'signed-in' ? (
      <p class="note">
        {t('needSignInStore')}{' '}
        <a href="#/signin">{t('navSignIn')}</a>
      </p>
    ) : role !== 'town-admin' && role !== 'admin' ? (
      <p class="note">{t('onlyTownPublishes')}</p>
    ) : (
      <form
        onSubmit={(e) => {
          e.preventDefault()
          if (files === undefined || !confirmed || reason.trim() === '') return
          setStep({ status: 'publishing' })
          publishPack(files, reason, version).then(
            (published) => {
              setStep({ status: 'done', published })
              setConfirmed(false)
            },
            (error: unknown) => setStep({ status: 'failed', error }),
          )
        }}
      >
        <p class="muted">{t('publishHint')}</p>
        <label>
          {t('versionLabel')}
          <input name="version" maxLength={50} value={version} onInput={(e) => setVersion(e.currentTarget.value)} />
        </label>
        <label>
          {t('reasonLabel')}
          <textarea name="reason" required maxLength={2000} rows={2} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
        </label>
        <label class="check">
          <input type="checkbox" name="confirm" checked={confirmed} onChange={(e) => setConfirmed(e.currentTarget.checked)} />
          {t('confirmPublish')}
        </label>
        <button type="submit" class="primary" disabled={files === undefined || !confirmed || reason.trim() === '' || step.status === 'publishing'}>
          {step.status === 'publishing' ? t('publishing') : t('publishButton')}
        </button>
        {files === undefined && <p class="muted">{t('fixFirst')}</p>}
      </form>
    )
  return (
    <section class="panel" aria-labelledby="publish-title">
      <h2 id="publish-title">{t('publishTitle')}</h2>
      {body}
      {step.status === 'done' && (
        <p role="status" data-testid="published">
          ✓ {t('publishedAs').replace('{v}', step.published.rulePack.version)} <a href="#/packs">{t('navPacks')}</a>
        </p>
      )}
      {step.status === 'failed' && (
        <div class="problem" role="alert">
          <p>
            {t('publishFailed')}：{errorText(step.error, lang)}
          </p>
          <IssueList error={step.error} />
        </div>
      )}
    </section>
  )
}
