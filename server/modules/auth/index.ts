import { defineModule } from '../module'
import { authPolicies } from './policies'
import { authRoutes } from './routes'

export { authPolicies } from './policies'
export { UserSchema, presentUser } from './presenters'
export { hashPassword, verifyPassword } from './passwords'
export { SESSION_COOKIE, destroyUserSessions, hashToken, sessionStore, toActor } from './sessions'

/** Signing in and out, sessions, one's own password. */
export const auth = defineModule({
  name: 'auth',
  routes: [authRoutes],
  publicRoutes: ['POST /api/auth/login'],
  policies: Object.values(authPolicies),
})
