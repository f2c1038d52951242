import { policy } from '../../policies/policy'

/** How the installation is running (version, database, backups, instances, errors): the owner's. */
export const systemPolicies = {
  read: policy({
    verb: 'system.read',
    description: 'See how Clubroom is running: version, database, last backup, instances and their recent errors',
    roles: ['owner'],
    writes: false,
    refusal: 'errors.system.ownerOnly',
  }),
}
