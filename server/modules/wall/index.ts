import { defineModule } from '../module'
import { attachWall } from './live'
import { wallPolicies } from './policies'
import { WALL_PUBLIC_ROUTES, wallRoutes } from './routes'

export { wallPolicies } from './policies'

/**
 * The live wall dashboard (issue #15): `GET /api/wall` (one branch's snapshot: lessons now and
 * next per room with attendance, the day's visits and takings against a week before, open red
 * flags, passes running out, room occupancy, visits per hour), wall tokens for a screen with no
 * keyboard (`/wall?token=…`, read-only, one branch or all, revocable), and the live push on the
 * Socket.IO namespace `/wall` (domain/wall.ts): each committed change computed once for every wall
 * of its branch. The Dashboard page shows the same for the signed-in user's branches.
 */
export const wall = defineModule({
  name: 'wall',
  routes: [wallRoutes],
  publicRoutes: WALL_PUBLIC_ROUTES,
  policies: Object.values(wallPolicies),
  audit: [{ area: 'settings', commands: ['wall.'] }],
  liveParts: [attachWall],
})
