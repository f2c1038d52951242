import { defineModule } from '../module'
import { authPolicies } from './policies'
import { authRoutes } from './routes'

export { authPolicies } from './policies'
export { changeOwnLocale } from './commands/change-locale'
export { UserSchema, presentUser } from './presenters'
export { hashPassword } from './passwords'
export { findUser, type UserRow } from './queries'
export { destroyUserSessions, sessionStore, toActor } from './sessions'

/** Signing in and out, sessions, one's own password. */
export const auth = defineModule({
  name: 'auth',
  routes: [authRoutes],
  publicRoutes: ['POST /api/auth/login'],
  policies: Object.values(authPolicies),
  audit: [{ area: 'access', commands: ['auth.'] }],
})
