import { useState } from 'preact/hooks'
import { ApiError, setToken } from './api-client'
import { useT } from './i18n'

/** The message of a failed load, in the reader's language. */
export const errorText = (error: unknown, lang: 'zh' | 'en'): string => {
  if (error instanceof ApiError) return lang === 'zh' ? error.messageZh : error.messageEn
  return error instanceof Error ? error.message : String(error)
}

/**
 * A load in progress or failed. A 401 (the server sets CHUFEI_API_TOKEN) asks for the token, then retries.
 */
export const LoadStatus = ({ error, retry }: { error?: unknown; retry: () => void }) => {
  const { t, lang } = useT()
  const [token, setTokenText] = useState('')
  if (error === undefined) {
    return (
      <p class="muted" role="status">
        {t('loading')}
      </p>
    )
  }
  const unauthorized = error instanceof ApiError && error.status === 401
  return (
    <div class="problem" role="alert">
      <p>
        {t('loadFailed')}：{errorText(error, lang)}
      </p>
      {unauthorized ? (
        <form
          class="row"
          onSubmit={(e) => {
            e.preventDefault()
            setToken(token.trim())
            retry()
          }}
        >
          <label>
            {t('tokenLabel')}
            <input type="password" autocomplete="off" value={token} onInput={(e) => setTokenText(e.currentTarget.value)} />
          </label>
          <button type="submit">{t('tokenSave')}</button>
        </form>
      ) : (
        <button type="button" onClick={retry}>
          {t('retry')}
        </button>
      )}
    </div>
  )
}
