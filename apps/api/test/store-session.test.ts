import { LOCAL_ADMIN, addUser, getCase } from '@chufei/store'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SessionBody } from '../src/routes/store-session'
import { CaseBody, UserBody } from '../src/routes/_store-schemas'
import { jsonRequest, openStoreFixture, type StoreFixture } from './_store'

// The console's session: sign in with a password → an HttpOnly cookie and a CSRF value; changes made with
// the cookie need the value; bearer tokens are unchanged; sign-out ends the session.

let fx: StoreFixture
beforeAll(async () => {
  fx = await openStoreFixture()
  await addUser(fx.db, LOCAL_ADMIN, { login: 'session-town', role: 'town-admin', unit: fx.town.townId, password: 'password-of-town' })
})
afterAll(() => fx?.db.close())

const signIn = async (login = 'session-town', password = 'password-of-town', url = 'http://localhost/v1/session') => {
  const res = await fx.app.request(url, jsonRequest('POST', { login, password }))
  const setCookie = res.headers.get('set-cookie') ?? ''
  const cookie = setCookie.split(';')[0]!
  return { res, setCookie, cookie, text: await res.text() }
}

const patchCase = async (headers: Record<string, string>) => {
  const current = await getCase(fx.db, LOCAL_ADMIN, fx.caseA.id)
  return fx.app.request(`/v1/cases/${current.id}`, jsonRequest('PATCH', { version: current.version, notes: `会话跟进 ${current.version}` }, headers))
}

describe('console sessions', () => {
  it('POST /v1/session sets an HttpOnly, SameSite=Strict, Path=/ cookie (Secure only over https) and answers the user and a CSRF value', async () => {
    const { res, setCookie, cookie, text } = await signIn()
    expect(res.status, text).toBe(201)
    expect(res.headers.get('cache-control')).toBe('no-store')
    const body = SessionBody.parse(JSON.parse(text))
    expect(body.user!.login).toBe('session-town')
    expect(body.user!.role).toBe('town-admin')
    expect(body.csrf).toMatch(/^[\w-]{20,}$/)
    expect(cookie).toMatch(/^chufei_session=cft_\d+_[\w-]+$/)
    const attributes = setCookie.split(';').map((a) => a.trim())
    expect(attributes).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Strict', 'Path=/']))
    expect(attributes).not.toContain('Secure')
    // The token is in the cookie only, never in the body the page's script reads.
    expect(text).not.toContain(cookie.split('=')[1]!)
    const https = await signIn(undefined, undefined, 'https://localhost/v1/session')
    expect(https.setCookie.split(';').map((a) => a.trim())).toContain('Secure')
    const proxied = await fx.app.request('/v1/session', jsonRequest('POST', { login: 'session-town', password: 'password-of-town' }, { 'x-forwarded-proto': 'https' }))
    expect(proxied.headers.get('set-cookie')).toMatch(/; Secure/)
  })

  it('GET /v1/session and GET /v1/me with the cookie say who is signed in; the CSRF value is the session’s', async () => {
    const first = await signIn()
    const { csrf } = SessionBody.parse(JSON.parse(first.text))
    const session = SessionBody.parse(await (await fx.app.request('/v1/session', { headers: { cookie: first.cookie } })).json())
    expect(session.csrf).toBe(csrf)
    expect(UserBody.parse(await (await fx.app.request('/v1/me', { headers: { cookie: `lang=zh; ${first.cookie}` } })).json()).login).toBe('session-town')
    // Another session of the same user has its own value.
    const second = await signIn()
    expect(SessionBody.parse(JSON.parse(second.text)).csrf).not.toBe(csrf)
    // A bearer request has no CSRF value to give.
    expect(SessionBody.parse(await (await fx.app.request('/v1/session', { headers: fx.auth.town })).json()).csrf).toBeNull()
  })

  it('a change made with the cookie is 403 without X-CSRF-Token or with another session’s, and 200 with its own', async () => {
    const mine = await signIn()
    const other = await signIn()
    const csrf = SessionBody.parse(JSON.parse(mine.text)).csrf!
    const otherCsrf = SessionBody.parse(JSON.parse(other.text)).csrf!
    const without = await patchCase({ cookie: mine.cookie })
    expect(without.status).toBe(403)
    expect(((await without.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('X-CSRF-Token') })
    expect((await patchCase({ cookie: mine.cookie, 'x-csrf-token': otherCsrf })).status).toBe(403)
    expect((await patchCase({ cookie: mine.cookie, 'x-csrf-token': `${csrf}x` })).status).toBe(403)
    const ok = await patchCase({ cookie: mine.cookie, 'x-csrf-token': csrf })
    expect(ok.status, await ok.clone().text()).toBe(200)
    expect(CaseBody.parse(await ok.json()).notes).toMatch(/^会话跟进/)
    // Reads need no CSRF value.
    expect((await fx.app.request(`/v1/cases/${fx.caseA.id}`, { headers: { cookie: mine.cookie } })).status).toBe(200)
  })

  it('bearer tokens work as before, with no CSRF value, even beside a cookie', async () => {
    expect((await patchCase(fx.auth.town)).status).toBe(200)
    const { cookie } = await signIn()
    expect((await patchCase({ ...fx.auth.town, cookie })).status).toBe(200)
    expect((await fx.app.request('/v1/cases', { headers: { authorization: 'Bearer cft_1_AAAAAAAAAAAAAAAAAAAAAAAA', cookie } })).status).toBe(401)
  })

  it('DELETE /v1/session revokes the session’s token and clears the cookie; the old cookie is 401 after', async () => {
    const { cookie, text } = await signIn()
    const { csrf } = SessionBody.parse(JSON.parse(text))
    expect((await fx.app.request('/v1/session', { method: 'DELETE', headers: { cookie } })).status).toBe(403)
    const out = await fx.app.request('/v1/session', { method: 'DELETE', headers: { cookie, 'x-csrf-token': csrf! } })
    expect(out.status).toBe(204)
    const cleared = out.headers.get('set-cookie') ?? ''
    expect(cleared).toMatch(/^chufei_session=;/)
    expect(cleared).toMatch(/Max-Age=0/)
    expect(cleared).toMatch(/HttpOnly/)
    expect((await fx.app.request('/v1/me', { headers: { cookie } })).status).toBe(401)
    expect((await fx.app.request('/v1/cases', { headers: { cookie } })).status).toBe(401)
    expect(SessionBody.parse(await (await fx.app.request('/v1/session', { headers: { cookie } })).json()).user).toBeNull()
    // Other sessions and tokens of the user live on.
    expect((await fx.app.request('/v1/me', { headers: fx.auth.town })).status).toBe(200)
  })

  it('a session ends 12 hours after sign-in: the cookie says so and the token stops working then', async () => {
    const { setCookie, cookie } = await signIn()
    expect(setCookie.split(';').map((a) => a.trim())).toContain('Max-Age=43200')
    const tokenId = Number(/^chufei_session=cft_(\d+)_/.exec(cookie)![1])
    const left = await fx.db.query<{ left: number }>('SELECT extract(epoch FROM expires_at - created_at)::integer AS left FROM api_tokens WHERE id = $1', [tokenId])
    expect(left.rows[0]!.left).toBe(43_200)
    expect((await fx.app.request('/v1/me', { headers: { cookie } })).status).toBe(200)
    // Twelve hours later (moved in the table: the server checks the database's clock).
    await fx.db.query("UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE id = $1", [tokenId])
    const me = await fx.app.request('/v1/me', { headers: { cookie } })
    expect(me.status).toBe(401)
    expect(((await me.json()) as { error: { message: string } }).error.message).toContain('已过期')
    expect(SessionBody.parse(await (await fx.app.request('/v1/session', { headers: { cookie } })).json())).toEqual({ user: null, csrf: null })
    // Bearer tokens issued without an end keep working.
    expect((await fx.app.request('/v1/me', { headers: fx.auth.town })).status).toBe(200)
  })

  it('a wrong password and an unknown login get the same 401 and no cookie; no credential at all is 401', async () => {
    const wrong = await signIn('session-town', 'not-the-password')
    const unknown = await signIn('nobody-here', 'not-the-password')
    for (const r of [wrong, unknown]) {
      expect(r.res.status).toBe(401)
      expect(r.setCookie).toBe('')
    }
    const a = (JSON.parse(wrong.text) as { error: { code: string; message: string; messageEn: string } }).error
    const b = (JSON.parse(unknown.text) as { error: { code: string; message: string; messageEn: string } }).error
    expect(a).toEqual(b)
    expect(a.code).toBe('UNAUTHORIZED')
    expect(a.message).toBe('登录名或密码不正确')
    // GET /v1/session is how the console asks who is signed in: nobody, not an error.
    const callers: Array<Record<string, string>> = [{}, { cookie: 'chufei_session=cft_1_AAAAAAAAAAAAAAAAAAAAAAAA' }, { authorization: 'Bearer nonsense' }]
    for (const headers of callers) {
      const res = await fx.app.request('/v1/session', { headers })
      expect(res.status).toBe(200)
      expect(SessionBody.parse(await res.json())).toEqual({ user: null, csrf: null })
    }
    expect((await fx.app.request('/v1/me', { headers: { cookie: 'chufei_session=cft_1_AAAAAAAAAAAAAAAAAAAAAAAA' } })).status).toBe(401)
  })

  it('five wrong passwords pause the login for 15 minutes, on sign-in and on POST /v1/tokens alike; other logins go on', async () => {
    await addUser(fx.db, LOCAL_ADMIN, { login: 'guessed', role: 'town-admin', unit: fx.town.townId, password: 'password-of-guessed' })
    for (let i = 0; i < 5; i++) expect((await signIn('guessed', `wrong-${i}`)).res.status).toBe(401)
    for (const url of ['/v1/session', '/v1/tokens']) {
      const res = await fx.app.request(url, jsonRequest('POST', { login: 'Guessed', password: 'password-of-guessed' }))
      expect(res.status).toBe(429)
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(14 * 60)
      expect(((await res.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringContaining('登录失败次数过多') })
    }
    expect((await signIn()).res.status).toBe(201)
  })

  it('a sign-in form posted from another site is refused (only JSON is read)', async () => {
    const res = await fx.app.request('/v1/session', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'login=session-town&password=password-of-town',
    })
    expect(res.status).toBe(415)
    expect(res.headers.get('set-cookie')).toBeNull()
  })
})
