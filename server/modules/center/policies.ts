import { ROLES } from '../../../domain/roles'
import { policy } from '../../policies/policy'

/** The center's own settings: its default language and its currency. */
export const centerPolicies = {
  read: policy({
    verb: 'center.read',
    description: 'See the center’s settings (default language, currency)',
    roles: ROLES,
    writes: false,
  }),
  configure: policy({
    verb: 'center.configure',
    description: 'Change the center’s default language and currency',
    roles: ['owner'],
    writes: true,
    refusal: 'errors.center.ownerOnly',
  }),
}
