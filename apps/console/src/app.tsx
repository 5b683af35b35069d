import { useEffect, useRef, useState } from 'preact/hooks'
import { LangContext, saveLang, savedLang, translate, useT, type Lang, type MessageKey } from './i18n'
import { errorText } from './load-status'
import type { ComponentChildren } from 'preact'
import { CasePage } from './pages/case-page'
import { CasesPage } from './pages/cases-page'
import { PacksPage } from './pages/packs-page'
import { EditorLoader } from './pages/editor-loader'
import { SignInForm, SignInPage } from './pages/sign-in-page'
import { RulesPage } from './pages/rules-page'
import { TryPage } from './pages/try-page'
import { HomePage } from './pages/home-page'
import { ReportPage } from './pages/report-page'
import { UploadPage } from './pages/upload-page'
import { isDefaultHash, routeHref, useRoute, type Route } from './route'
import { SessionProvider, useSession } from './session'

const NAV: ReadonlyArray<{ route: Route; label: MessageKey }> = [
  { route: { page: 'rules' }, label: 'navRules' },
  { route: { page: 'try' }, label: 'navTry' },
  { route: { page: 'editor' }, label: 'navEditor' },
  { route: { page: 'cases' }, label: 'navCases' },
  { route: { page: 'packs' }, label: 'navPacks' },
]

/** The staff pages home, upload and report: in the navigation once someone is signed in. */
const STAFF_NAV: ReadonlyArray<{ route: Route; label: MessageKey }> = [
  { route: { page: 'home' }, label: 'navHome' },
  { route: { page: 'upload' }, label: 'navUpload' },
  { route: { page: 'report' }, label: 'navReport' },
]

/** The staff pages' links, for a signed-in user; and the address with no page opens home for them. */
const StaffNav = ({ current }: { current: Route['page'] }) => {
  const { state } = useSession()
  const { t } = useT()
  const signedIn = state.status === 'signed-in'
  useEffect(() => {
    // Replace, not push: the back button should not return to the empty address only to be sent here again.
    if (signedIn && isDefaultHash(location.hash)) location.replace('#/home')
  }, [signedIn])
  if (!signedIn) return null
  return (
    <>
      {STAFF_NAV.map((item) => (
        <a key={item.label} href={routeHref(item.route)} aria-current={item.route.page === current ? 'page' : undefined}>
          {t(item.label)}
        </a>
      ))}
    </>
  )
}

/** The staff pages need a session: until there is one they show the sign-in form in their place. */
const SignedIn = ({ children, note = 'signInNeeded' }: { children: ComponentChildren; note?: MessageKey }) => {
  const { state } = useSession()
  const { t } = useT()
  if (state.status === 'unknown') {
    return (
      <p class="muted" role="status">
        {t('loading')}
      </p>
    )
  }
  return state.status === 'signed-in' ? <>{children}</> : <SignInForm note={note} />
}

/** Who is signed in and 退出, or a link to sign in. */
const Account = () => {
  const { state, signOut } = useSession()
  const { t, lang } = useT()
  const [failed, setFailed] = useState<unknown>(undefined)
  if (state.status === 'unknown') return null
  if (state.status === 'none') {
    return (
      <a class="button" href="#/signin">
        {t('navSignIn')}
      </a>
    )
  }
  const user = state.session.user
  return (
    <div class="account" role="group" aria-label={t('userNav')}>
      <span>
        <span class="muted">{t('signedInAs')}：</span>
        <strong data-user={user.login}>{user.displayName}</strong>
      </span>
      <button
        type="button"
        onClick={() => {
          setFailed(undefined)
          signOut().then(() => (location.hash = '#/signin'), setFailed)
        }}
      >
        {t('signOut')}
      </button>
      {failed !== undefined && <span role="alert">{errorText(failed, lang)}</span>}
    </div>
  )
}

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
      <SessionProvider>
      <a class="skip" href="#main">
        {lang === 'zh' ? '跳到正文' : 'Skip to content'}
      </a>
      <header class="top">
        <div class="brand">
          <strong>{t('title')}</strong>
          <span class="muted">{t('subtitle')}</span>
        </div>
        <nav aria-label={t('mainNav')}>
          <StaffNav current={route.page} />
          {NAV.map((item) => (
            <a key={item.label} href={routeHref(item.route)} aria-current={item.route.page === route.page || (item.route.page === 'cases' && route.page === 'case') ? 'page' : undefined}>
              {t(item.label)}
            </a>
          ))}
        </nav>
        <Account />
        <button type="button" class="lang" onClick={switchLang} aria-label={t('switchLangLabel')} lang={lang === 'zh' ? 'en' : 'zh-CN'}>
          {t('switchLang')}
        </button>
      </header>
      <main id="main">
        {route.page === 'rules' && <RulesPage />}
        {route.page === 'try' && <TryPage key={route.leadId ?? 0} {...(route.leadId === undefined ? {} : { leadId: route.leadId })} />}
        {route.page === 'editor' && <EditorLoader ruleId={route.ruleId} />}
        {route.page === 'signin' && <SignInPage />}
        {route.page === 'cases' && (
          <SignedIn>
            <CasesPage />
          </SignedIn>
        )}
        {route.page === 'case' && (
          <SignedIn>
            <CasePage key={route.caseId} caseId={route.caseId} />
          </SignedIn>
        )}
        {(route.page === 'home' || route.page === 'upload' || route.page === 'report') && (
          <SignedIn note="signInNeededPage">
            {route.page === 'home' && <HomePage />}
            {route.page === 'upload' && <UploadPage />}
            {route.page === 'report' && <ReportPage />}
          </SignedIn>
        )}
        {route.page === 'packs' && (
          <SignedIn note="packsNeedSignIn">
            <PacksPage />
          </SignedIn>
        )}
        {route.page === 'missing' && (
          <h1 tabIndex={-1}>
            {t('notFound')}：#{route.hash}
          </h1>
        )}
      </main>
      </SessionProvider>
    </LangContext.Provider>
  )
}
