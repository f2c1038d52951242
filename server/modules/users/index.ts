import { defineModule } from '../module'
import { userRoutes } from './routes'

/** Staff accounts: who they are, their roles and branches. */
export const users = defineModule({
  name: 'users',
  routes: [userRoutes],
})
