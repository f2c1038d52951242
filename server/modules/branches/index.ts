import { defineModule } from '../module'
import { branchesPolicies, roomsPolicies } from './policies'
import { branchRoutes } from './routes'
import { seedBranches } from './seed'
import { tableLabels } from '../audit/index'
import { branches as branchesTable, rooms as roomsTable } from '../../../db/schema/index'

const branchNames = tableLabels(branchesTable, branchesTable.id, branchesTable.name)
const roomNames = tableLabels(roomsTable, roomsTable.id, roomsTable.name)

export { branchesPolicies, roomsPolicies } from './policies'
export { branchExists, knownBranchIds } from './queries'
export { DEMO_ROOMS } from './seed'

/** The center's branches and their rooms. */
export const branches = defineModule({
  name: 'branches',
  routes: [branchRoutes],
  policies: [...Object.values(branchesPolicies), ...Object.values(roomsPolicies)],
  audit: [
    {
      area: 'settings',
      commands: ['branches.', 'rooms.'],
      labels: { branch: branchNames, room: roomNames },
      names: async (db, ids, l) => new Map([...(await branchNames(db, ids, l)), ...(await roomNames(db, ids, l))]),
    },
  ],
  liveEntities: {
    branch: { read: branchesPolicies.read },
    // a room is its branch's: its changes reach that branch's people only
    room: { read: roomsPolicies.read, branchScoped: true },
  },
  seed: seedBranches,
})
