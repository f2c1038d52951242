import { defineModule } from '../module'
import { branchRoutes } from './routes'

/** The center's branches and their rooms. */
export const branches = defineModule({
  name: 'branches',
  routes: [branchRoutes],
})
