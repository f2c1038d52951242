import { defineModule } from '../module'
import { authRoutes } from './routes'

/** Signing in and out, sessions, one's own password. */
export const auth = defineModule({
  name: 'auth',
  routes: [authRoutes],
  publicRoutes: ['POST /api/auth/login'],
})
