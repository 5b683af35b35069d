import { useState } from 'preact/hooks'
import { useT, type MessageKey } from '../i18n'
import { errorText } from '../load-status'
import { useSession } from '../session'

/** The sign-in form: login and password; the server sets the session cookie. */
export const SignInForm = ({ note }: { note?: MessageKey }) => {
  const { t, lang } = useT()
  const { signIn } = useSession()
  const [login, setLogin] = useState('')
  const [password, setPassword] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(undefined)
  return (
    <form
      class="signin"
      aria-labelledby="signin-title"
      onSubmit={async (e) => {
        e.preventDefault()
        setBusy(true)
        setError(undefined)
        try {
          await signIn(login.trim(), password)
        } catch (failure) {
          setError(failure)
          setBusy(false)
        }
      }}
    >
      <h1 id="signin-title" tabIndex={-1}>
        {t('signInTitle')}
      </h1>
      {note !== undefined && <p class="note">{t(note)}</p>}
      <p class="muted">{t('signInHint')}</p>
      <label>
        {t('loginLabel')}
        <input name="login" autocomplete="username" required value={login} onInput={(e) => setLogin(e.currentTarget.value)} />
      </label>
      <label>
        {t('passwordLabel')}
        <input name="password" type="password" autocomplete="current-password" required value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
      </label>
      <button type="submit" class="primary" disabled={busy}>
        {busy ? t('signingIn') : t('signInButton')}
      </button>
      {error !== undefined && (
        <p class="problem" role="alert">
          {t('signInFailed')}：{errorText(error, lang)}
        </p>
      )}
    </form>
  )
}

/** 登录: the form, or who is signed in with a way on to the ledger. */
export const SignInPage = () => {
  const { t } = useT()
  const { state } = useSession()
  if (state.status === 'signed-in') {
    return (
      <section aria-labelledby="signin-title">
        <h1 id="signin-title" tabIndex={-1}>
          {t('signedInAs')}：{state.session.user.displayName}
        </h1>
        <a class="button" href="#/cases">
          {t('navCases')}
        </a>
      </section>
    )
  }
  return <SignInForm />
}
