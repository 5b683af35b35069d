import { useEffect, useRef, useState } from 'preact/hooks'
import { LangContext, saveLang, savedLang, translate, type Lang, type MessageKey } from './i18n'
import { EditorLoader } from './pages/editor-loader'
import { RulesPage } from './pages/rules-page'
import { TryPage } from './pages/try-page'
import { routeHref, useRoute, type Route } from './route'

const NAV: ReadonlyArray<{ route: Route; label: MessageKey }> = [
  { route: { page: 'rules' }, label: 'navRules' },
  { route: { page: 'try' }, label: 'navTry' },
  { route: { page: 'editor' }, label: 'navEditor' },
]

/** The console: a header with the pages and the language switch, and the page the URL names. */
export const App = () => {
  const [lang, setLang] = useState<Lang>(savedLang)
  const route = useRoute()
  const t = (key: MessageKey) => translate(lang, key)

  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en'
    document.title = t('title')
  }, [lang])

  // After a page change (not on first load), move focus to the new page's heading, so keyboard and
  // screen-reader users land on what changed.
  const first = useRef(true)
  useEffect(() => {
    if (first.current) {
      first.current = false
      return
    }
    document.querySelector<HTMLElement>('main h1')?.focus()
  }, [route.page])

  const switchLang = () => {
    const next = lang === 'zh' ? 'en' : 'zh'
    saveLang(next)
    setLang(next)
  }

  return (
    <LangContext.Provider value={lang}>
      <a class="skip" href="#main">
        {lang === 'zh' ? '跳到正文' : 'Skip to content'}
      </a>
      <header class="top">
        <div class="brand">
          <strong>{t('title')}</strong>
          <span class="muted">{t('subtitle')}</span>
        </div>
        <nav aria-label={t('mainNav')}>
          {NAV.map((item) => (
            <a key={item.label} href={routeHref(item.route)} aria-current={item.route.page === route.page ? 'page' : undefined}>
              {t(item.label)}
            </a>
          ))}
        </nav>
        <button type="button" class="lang" onClick={switchLang} aria-label={t('switchLangLabel')} lang={lang === 'zh' ? 'en' : 'zh-CN'}>
          {t('switchLang')}
        </button>
      </header>
      <main id="main">
        {route.page === 'rules' && <RulesPage />}
        {route.page === 'try' && <TryPage />}
        {route.page === 'editor' && <EditorLoader ruleId={route.ruleId} />}
        {route.page === 'missing' && (
          <h1 tabIndex={-1}>
            {t('notFound')}：#{route.hash}
          </h1>
        )}
      </main>
    </LangContext.Provider>
  )
}
