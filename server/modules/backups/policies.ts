import { policy, inTheirBranch } from '../../policies/policy'

/** Backups hold everything the center keeps: only owners, and only an owner of the whole center. */
const WHOLE_CENTER = { branchId: null }

export const backupsPolicies = {
  read: policy<{ branchId: null }>({
    verb: 'backups.read',
    description: 'See the backups, their schedule and retention',
    roles: ['owner'],
    writes: false,
    rule: inTheirBranch,
    ruleText: 'whole center',
    refusal: 'errors.backups.ownerOnly',
  }),
  run: policy<{ branchId: null }>({
    verb: 'backups.run',
    description: 'Back up now',
    roles: ['owner'],
    writes: true,
    rule: inTheirBranch,
    ruleText: 'whole center',
    refusal: 'errors.backups.ownerOnly',
  }),
  configure: policy<{ branchId: null }>({
    verb: 'backups.configure',
    description: 'Change the backup schedule and retention',
    roles: ['owner'],
    writes: true,
    rule: inTheirBranch,
    ruleText: 'whole center',
    refusal: 'errors.backups.ownerOnly',
  }),
  download: policy<{ branchId: null }>({
    verb: 'backups.download',
    description: 'Download a backup file',
    roles: ['owner'],
    writes: false,
    rule: inTheirBranch,
    ruleText: 'whole center',
    refusal: 'errors.backups.ownerOnly',
  }),
}

/** The subject of every backups policy: the whole center. */
export const wholeCenter = (): { branchId: null } => WHOLE_CENTER
