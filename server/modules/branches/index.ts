import { defineModule } from '../module'
import { branchesPolicies, roomsPolicies } from './policies'
import { branchRoutes } from './routes'
import { seedBranches } from './seed'

export { branchesPolicies, roomsPolicies } from './policies'
export { branchExists, knownBranchIds } from './queries'
export { DEMO_ROOMS } from './seed'

/** The center's branches and their rooms. */
export const branches = defineModule({
  name: 'branches',
  routes: [branchRoutes],
  policies: [...Object.values(branchesPolicies), ...Object.values(roomsPolicies)],
  liveEntities: {
    branch: { read: branchesPolicies.read },
    // a room is its branch's: its changes reach that branch's people only
    room: { read: roomsPolicies.read, branchScoped: true },
  },
  seed: seedBranches,
})
