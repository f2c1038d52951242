import { defineModule } from '../module'
import { usersPolicies } from './policies'
import { userRoutes } from './routes'
import { seedStaff } from './seed'
import { tableLabels } from '../audit/index'
import { users as usersTable } from '../../../db/schema/index'

const userNames = tableLabels(usersTable, usersTable.id, usersTable.name)

export { DEMO_LOGINS, DEMO_PASSWORD } from './seed'
export { usersPolicies, removesLastOwner } from './policies'

/** Staff accounts: who they are, their roles and branches. */
export const users = defineModule({
  name: 'users',
  routes: [userRoutes],
  policies: Object.values(usersPolicies),
  audit: [{ area: 'access', commands: ['users.'], labels: { user: userNames }, names: userNames }],
  liveEntities: { user: { read: usersPolicies.read } },
  // the demo staff, after the branches they work in
  seed: seedStaff,
})
