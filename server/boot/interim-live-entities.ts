import type { Role } from '../../domain/roles'
import type { LiveEntity } from '../modules/module'
import { policy } from '../policies/policy'

/**
 * Entity types of areas still to come (passes and payments, stock), so that Socket.IO keeps
 * answering about their subject rooms as it did before the modules declared their own: who may join
 * `pass:<id>`, `payment:<id>`, `stock-doc:<id>`, by role (everyone else: `forbidden`, not
 * `unknown_room`). The registry adds the types no module declares (a module's own declaration of a
 * type replaces its entry here); each entry goes when its area declares the type in its manifest. These
 * stand-in policies are not in docs/PERMISSIONS.md: the areas will name their own.
 */
const comingArea = (verb: string, roles: readonly Role[]) =>
  policy({ verb, description: `${verb} (area to come)`, roles, writes: false })

export const INTERIM_LIVE_ENTITIES: Readonly<Record<string, LiveEntity>> = {
  pass: { read: comingArea('passes.read', ['owner', 'manager', 'receptionist', 'accountant', 'auditor']) },
  payment: { read: comingArea('payments.read', ['owner', 'manager', 'receptionist', 'accountant', 'auditor']) },
  'stock-doc': { read: comingArea('stock.read', ['owner', 'manager', 'receptionist', 'storekeeper', 'accountant', 'auditor']) },
}
