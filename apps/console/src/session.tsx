import { createContext, type ComponentChildren } from 'preact'
import { useContext, useEffect, useState } from 'preact/hooks'
import { fetchSession, onSessionEnded, signIn, signOut, type Session } from './store-client'

/*
 * Who is signed in, for every page: asked of the server once on load (the cookie is HttpOnly, so only the server
 * knows), then set by signing in and out. The staff pages need a session; the analyst pages do not.
 */

/** The session state: still asking, nobody, or a user. */
export type SessionState = { status: 'unknown' } | { status: 'none' } | { status: 'signed-in'; session: Session }

interface SessionApi {
  state: SessionState
  signIn: (login: string, password: string) => Promise<void>
  signOut: () => Promise<void>
}

const SessionContext = createContext<SessionApi>({ state: { status: 'unknown' }, signIn: async () => {}, signOut: async () => {} })

/** The session of the page. */
export const useSession = (): SessionApi => useContext(SessionContext)

/** Provides the session to the pages. */
export const SessionProvider = ({ children }: { children: ComponentChildren }) => {
  const [state, setState] = useState<SessionState>({ status: 'unknown' })
  useEffect(() => {
    fetchSession().then(
      (session) => setState(session === null ? { status: 'none' } : { status: 'signed-in', session }),
      // A server without the store, or down: the analyst pages still work, the staff pages offer sign-in.
      () => setState({ status: 'none' }),
    )
  }, [])
  // A session that ends while a page is open (12 hours after sign-in, or signed out elsewhere) shows the
  // sign-in form on the next request, as a reload would.
  useEffect(() => onSessionEnded(() => setState({ status: 'none' })), [])
  const api: SessionApi = {
    state,
    signIn: async (login, password) => setState({ status: 'signed-in', session: await signIn(login, password) }),
    signOut: async () => {
      await signOut()
      setState({ status: 'none' })
    },
  }
  return <SessionContext.Provider value={api}>{children}</SessionContext.Provider>
}
