import { ChufeiError } from '@chufei/core'
import { actorFromPassword, addUnit, addUser, issueToken, listUnits, listUsers, NewUnitSchema, NewUserSchema, revokeToken } from '@chufei/store'
import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { requestHeader } from '../_incoming'
import { jsonResponse } from '../middleware/request-context'
import { errorResponse, json } from './_openapi'
import { parseInput, readJsonInput, SIGN_IN_REFUSALS, STORE_SECURITY, storeErrorResponses, type StoreRoute } from './_store'
import { IssuedTokenBody, UnitBody, UserBody } from './_store-schemas'

/*
 * Units (单位), users (用户) and their tokens (令牌) over the store. The store decides who may add what: the
 * administrator adds towns, a town office adds its villages and their users, a user may issue a token for
 * itself; the routes only read the input and say who asks.
 */

const IdParams = z.object({ id: z.coerce.number().int().positive().max(2 ** 31 - 1) })

/** `POST /v1/tokens`: sign in with a password and get a token. */
const SignInSchema = z
  .object({ login: z.string().min(1).max(64), password: z.string().min(1).max(1024), label: z.string().max(100).optional() })
  .meta({ id: 'SignIn' })

const TokenRequestSchema = z.object({ label: z.string().max(100).optional() }).meta({ id: 'TokenRequest' })

const created = (requestId: string, value: unknown) => jsonResponse(requestId, value, 201)

/** The routes of units, users and tokens. */
export const PEOPLE_ROUTES: readonly StoreRoute[] = [
  {
    route: createRoute({
      method: 'get',
      path: '/v1/units',
      summary: '单位列表 Units',
      description: 'The units the token can read: every unit for the administrator, the town and its villages for a town office, its own unit otherwise.',
      tags: ['store'],
      security: STORE_SECURITY,
      responses: { 200: { description: 'Units, towns first', content: json(z.array(UnitBody)) }, ...storeErrorResponses() },
    }),
    handle: async (c, s) => jsonResponse(c.get('requestId'), await listUnits(s.db, s.actor)),
  },
  {
    route: createRoute({
      method: 'post',
      path: '/v1/units',
      summary: '新建单位 Add a unit',
      description: 'A town (administrator only), or a village or department under a town (its town office).',
      tags: ['store'],
      security: STORE_SECURITY,
      request: { body: { required: true, content: json(NewUnitSchema.meta({ id: 'NewUnit' }), { name: '芮集村', kind: 'village', parent: '芮集镇' }) } },
      responses: { 201: { description: 'The unit', content: json(UnitBody) }, ...storeErrorResponses() },
    }),
    handle: async (c, s) => created(c.get('requestId'), await addUnit(s.db, s.actor, await readJsonInput(c, s, NewUnitSchema))),
  },
  {
    route: createRoute({
      method: 'get',
      path: '/v1/users',
      summary: '用户列表 Users',
      description: 'The users the token manages: all for the administrator, its town’s for a town office, itself otherwise.',
      tags: ['store'],
      security: STORE_SECURITY,
      responses: { 200: { description: 'Users', content: json(z.array(UserBody)) }, ...storeErrorResponses() },
    }),
    handle: async (c, s) => jsonResponse(c.get('requestId'), await listUsers(s.db, s.actor)),
  },
  {
    route: createRoute({
      method: 'post',
      path: '/v1/users',
      summary: '新建用户 Add a user',
      description: 'A user of a unit with a role (town-admin 镇处非办, unit 村（社区）/部门, readonly 只读); the administrator may add administrators. The password is optional (tokens work without one).',
      tags: ['store'],
      security: STORE_SECURITY,
      request: { body: { required: true, content: json(NewUserSchema.meta({ id: 'NewUser' }), { login: 'ruiji', role: 'unit', unit: '芮集村' }) } },
      responses: { 201: { description: 'The user', content: json(UserBody) }, ...storeErrorResponses() },
    }),
    handle: async (c, s) => created(c.get('requestId'), await addUser(s.db, s.actor, await readJsonInput(c, s, NewUserSchema))),
  },
  {
    route: createRoute({
      method: 'get',
      path: '/v1/me',
      summary: '当前用户 Who the token is',
      description: 'The user of the token.',
      tags: ['store'],
      security: STORE_SECURITY,
      responses: { 200: { description: 'The user', content: json(UserBody) }, ...storeErrorResponses() },
    }),
    handle: async (c, s) => {
      const me = (await listUsers(s.db, s.actor)).find((u) => u.id === s.actor.userId)
      if (me === undefined) throw new ChufeiError('NOT_FOUND', '令牌的用户不存在')
      return jsonResponse(c.get('requestId'), me)
    },
  },
  {
    route: createRoute({
      method: 'post',
      path: '/v1/users/{id}/tokens',
      summary: '签发令牌 Issue a token for a user',
      description: 'For the token’s own user, or by whoever manages the user’s unit. The token is in the answer once; only its hash is kept.',
      tags: ['store'],
      security: STORE_SECURITY,
      request: { params: IdParams, body: { required: false, content: json(TokenRequestSchema) } },
      responses: { 201: { description: 'The token', content: json(IssuedTokenBody) }, ...storeErrorResponses() },
    }),
    handle: async (c, s) => {
      const { id } = parseInput(IdParams, c.req.param(), { zh: '地址参数', en: 'path' })
      const body = requestHeader(c, 'content-type') === undefined ? {} : await readJsonInput(c, s, TokenRequestSchema)
      // The store issues by login; a user the token cannot see is not named to it.
      const user = (await listUsers(s.db, s.actor)).find((u) => u.id === id)
      if (user === undefined) throw new ChufeiError('NOT_FOUND', `没有编号为 ${id} 的用户（或不在你的单位范围内）`)
      return created(c.get('requestId'), await issueToken(s.db, s.actor, { login: user.login, ...(body.label === undefined ? {} : { label: body.label }) }))
    },
  },
  {
    route: createRoute({
      method: 'delete',
      path: '/v1/tokens/{id}',
      summary: '吊销令牌 Revoke a token',
      description: 'Its owner, or whoever manages the owner’s unit.',
      tags: ['store'],
      security: STORE_SECURITY,
      request: { params: IdParams },
      responses: { 204: { description: 'Revoked' }, ...storeErrorResponses() },
    }),
    handle: async (c, s) => {
      const { id } = parseInput(IdParams, c.req.param(), { zh: '地址参数', en: 'path' })
      await revokeToken(s.db, s.actor, id)
      return c.body(null, 204)
    },
  },
  {
    public: true,
    route: createRoute({
      method: 'post',
      path: '/v1/tokens',
      summary: '登录 Sign in: a token for a login and password',
      description: 'The login and password of a store user → a new token for that user. The answer does not say whether the login or the password was wrong.',
      tags: ['store'],
      request: { body: { required: true, content: json(SignInSchema) } },
      responses: { 201: { description: 'The token', content: json(IssuedTokenBody) }, ...storeErrorResponses(true), 401: errorResponse('Wrong login or password (UNAUTHORIZED)'), ...SIGN_IN_REFUSALS },
    }),
    handle: async (c, s) => {
      const input = await readJsonInput(c, s, SignInSchema)
      const actor = await s.signIn.attempt(input.login, () => actorFromPassword(s.db, input.login, input.password))
      return created(c.get('requestId'), await issueToken(s.db, actor, { login: input.login, label: input.label ?? 'sign-in' }))
    },
  },
]
