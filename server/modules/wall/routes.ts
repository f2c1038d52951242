import { createRoute, z } from '@hono/zod-openapi'
import { AuthenticationError, AuthorizationError, NotFoundError } from '../../errors'
import { IdParam, createRouter, jsonBody, noContent, responses, security } from '../../http/openapi'
import { Uuid } from '../../http/values'
import { branchesOf } from '../../policies/branches'
import { authorize, authorizeRole } from '../../policies/policy'
import { createWallToken, revokeWallToken } from './commands/tokens'
import { wallPolicies } from './policies'
import { WallSnapshotSchema, WallTokenSchema, presentWallToken } from './presenters'
import { listWallTokens, touchWallToken, wallBranchList, wallTokenById } from './queries'
import { wallSnapshot } from './snapshot'
import { viewerBranches, viewerOfToken, wallRefusal, type WallViewer } from './viewer'

/** The one route a wall token opens (a screen without a session): `app.ts` lets it through, this route checks. */
export const WALL_PUBLIC_ROUTES = ['GET /api/wall'] as const

const WallQuery = z.object({
  branchId: Uuid.optional().openapi({
    param: { name: 'branchId', in: 'query' },
    description: 'Default: the first branch the viewer may watch',
  }),
})

export const WallTokenInput = z
  .object({
    name: z.string().trim().min(1).max(100),
    branchId: Uuid.nullable().openapi({ description: 'The branch whose wall it shows; null: every branch' }),
  })
  .openapi('WallTokenInput')

const bearer = (header: string | undefined): string | null => {
  const m = header ? /^Bearer\s+(\S+)$/i.exec(header) : null
  return m ? m[1] : null
}

export const wallRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/wall',
      tags: ['wall'],
      summary: 'The live dashboard of a branch (a manager, receptionist or owner; or a wall token: Authorization: Bearer wall_…)',
      description:
        'A snapshot; live changes follow on Socket.IO (namespace `/wall`). A wall token is read-only and opens this route and the wall’s namespace only.',
      security: [...security, { wallToken: [] }],
      request: { query: WallQuery },
      responses: responses(200, WallSnapshotSchema),
    }),
    async (c) => {
      const db = c.var.deps.database.db
      let viewer: WallViewer | null
      if (c.var.actor) {
        authorizeRole(c.var.actor, wallPolicies.read)
        viewer = { kind: 'user', actor: c.var.actor }
      } else {
        viewer = await viewerOfToken(db, bearer(c.req.header('authorization')))
        if (!viewer) throw AuthenticationError()
        if (viewer.kind === 'token') await touchWallToken(db, viewer.tokenId)
      }
      const branches = await wallBranchList(db, viewerBranches(viewer))
      const { branchId: asked } = c.req.valid('query')
      const branchId = asked ?? branches[0]?.id
      if (!branchId) throw NotFoundError('errors.wall.noBranch')
      const refusal = wallRefusal(viewer, branchId)
      if (refusal) throw AuthorizationError(refusal)
      const snapshot = await wallSnapshot(db, branchId)
      if (!snapshot) throw NotFoundError('errors.notFound.branch')
      c.header('Cache-Control', 'no-store')
      return c.json({ ...snapshot, branches }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/wall-tokens',
      tags: ['wall'],
      summary: 'Wall tokens of the branches one works in (owner, manager)',
      security,
      responses: responses(200, z.object({ items: z.array(WallTokenSchema) })),
    }),
    async (c) => {
      const actor = authorizeRole(c.var.actor, wallPolicies.manageTokens)
      const rows = await listWallTokens(c.var.deps.database.db, branchesOf(actor))
      return c.json({ items: rows.map(presentWallToken) }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/wall-tokens',
      tags: ['wall'],
      summary: 'Create a wall token (owner, manager): shown once; a screen opens /wall?token=…',
      security,
      request: jsonBody(WallTokenInput),
      responses: responses(
        201,
        z.object({
          token: z.string().openapi({ description: 'The secret, shown this once (only its hash is kept)' }),
          url: z.string().openapi({ description: 'The wall’s address with the token' }),
          wallToken: WallTokenSchema,
        }),
      ),
    }),
    async (c) => {
      const input = c.req.valid('json')
      const actor = authorize(c.var.actor, wallPolicies.manageTokens, { branchId: input.branchId })
      const { token, row } = await createWallToken(c.var.ctx, actor, input)
      return c.json({ token, url: `/wall?token=${encodeURIComponent(token)}`, wallToken: presentWallToken(row) }, 201)
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/wall-tokens/{id}',
      tags: ['wall'],
      summary: 'Revoke a wall token (owner, manager): its screens are signed out within seconds',
      security,
      request: { params: IdParam },
      responses: noContent('Revoked'),
    }),
    async (c) => {
      const actor = authorizeRole(c.var.actor, wallPolicies.manageTokens)
      const { id } = c.req.valid('param')
      const row = await wallTokenById(c.var.deps.database.db, id)
      if (!row) throw NotFoundError('errors.wall.tokenNotFound')
      authorize(actor, wallPolicies.manageTokens, { branchId: row.branchId })
      await revokeWallToken(c.var.ctx, actor, row)
      return c.body(null, 204)
    },
  )

// a screen's token: `Authorization: Bearer wall_…` on GET /api/wall (and `auth.token` on the /wall namespace)
wallRoutes.openAPIRegistry.registerComponent('securitySchemes', 'wallToken', { type: 'http', scheme: 'bearer' })
