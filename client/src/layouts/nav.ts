import type { MessageId } from '../../../domain/i18n/catalogue'
import type { Role } from '../data/roles'

/**
 * One area of the app: a sidebar entry and the page behind it. `roles` lists who sees it;
 * it mirrors what each role may read in docs/PERMISSIONS.md (the areas' policies). The server
 * still authorizes every call: hiding an entry is convenience, not security.
 */
export interface NavEntry {
  path: string
  /** The entry's name (a catalogue id: show it with `t(entry.label)`). */
  label: MessageId
  /** Short description, used by the "coming soon" placeholder and as the link title (a catalogue id). */
  description: MessageId
  /** 'everyone' or the roles that see this area. */
  roles: Role[] | 'everyone'
  /** `false` while the area is still to come: it is then shown to nobody (flip it when the page works). */
  ready?: false
  /** Custom element rendering the page, and how to load it. */
  tag: string
  load: () => Promise<unknown>
}

/** The sidebar, in order. */
export const NAV: NavEntry[] = [
  {
    path: '/workspace',
    label: 'nav.workspace.label',
    description: 'nav.workspace.description',
    roles: 'everyone',
    tag: 'crm-workspace-page',
    load: () => import('../pages/workspace/crm-workspace-page'),
  },
  {
    path: '/dashboard',
    label: 'nav.dashboard.label',
    description: 'nav.dashboard.description',
    roles: ['owner', 'manager', 'receptionist'],
    tag: 'crm-dashboard-page',
    load: () => import('../pages/dashboard/crm-dashboard-page'),
  },
  {
    path: '/timetable',
    label: 'nav.timetable.label',
    description: 'nav.timetable.description',
    roles: ['owner', 'manager', 'receptionist', 'teacher', 'auditor'],
    tag: 'crm-timetable-page',
    load: () => import('../pages/timetable/crm-timetable-page'),
  },
  {
    path: '/groups',
    label: 'setup.nav.groups.label',
    description: 'setup.nav.groups.description',
    roles: ['owner', 'manager', 'receptionist'],
    tag: 'crm-groups-page',
    load: () => import('../pages/groups/crm-groups-page'),
  },
  {
    path: '/clients',
    label: 'nav.clients.label',
    description: 'nav.clients.description',
    roles: ['owner', 'manager', 'receptionist', 'teacher', 'auditor'],
    tag: 'crm-clients-page',
    load: () => import('../pages/clients/crm-clients-page'),
  },
  {
    path: '/passes',
    label: 'nav.passes.label',
    description: 'nav.passes.description',
    roles: ['owner', 'manager', 'receptionist', 'accountant'],
    tag: 'crm-passes-page',
    load: () => import('../pages/passes/crm-passes-page'),
  },
  {
    path: '/stock',
    label: 'nav.stock.label',
    description: 'nav.stock.description',
    roles: ['owner', 'manager', 'storekeeper', 'accountant', 'auditor'],
    tag: 'crm-stock-page',
    load: () => import('../pages/stock/crm-stock-page'),
  },
  {
    path: '/outbox',
    label: 'outbox.nav.label',
    description: 'outbox.nav.description',
    roles: ['owner', 'manager', 'storekeeper'],
    tag: 'crm-outbox-page',
    load: () => import('../pages/outbox/crm-outbox-page'),
  },
  {
    path: '/sales',
    label: 'sales.nav.label',
    description: 'sales.nav.description',
    roles: ['owner', 'manager', 'receptionist', 'storekeeper', 'accountant', 'auditor'],
    tag: 'crm-sales-page',
    load: () => import('../pages/sales/crm-sales-page'),
  },
  {
    path: '/loans',
    label: 'nav.loans.label',
    description: 'nav.loans.description',
    roles: ['owner', 'manager', 'storekeeper', 'receptionist', 'accountant', 'auditor'],
    tag: 'crm-loans-page',
    load: () => import('../pages/loans/crm-loans-page'),
  },
  {
    path: '/staff',
    label: 'nav.staff.label',
    description: 'nav.staff.description',
    roles: ['owner', 'manager', 'accountant', 'auditor'],
    tag: 'crm-staff-page',
    load: () => import('../pages/staff/crm-staff-page'),
  },
  {
    path: '/checklists',
    label: 'nav.checklists.label',
    description: 'nav.checklists.description',
    roles: ['owner', 'manager', 'receptionist', 'teacher', 'storekeeper', 'accountant', 'auditor'],
    tag: 'crm-checklists-page',
    load: () => import('../pages/checklists/crm-checklists-page'),
  },
  {
    path: '/reports',
    label: 'nav.reports.label',
    description: 'nav.reports.description',
    roles: ['owner', 'manager', 'accountant', 'auditor'],
    tag: 'crm-reports-page',
    load: () => import('../pages/reports/crm-reports-page'),
  },
  {
    path: '/document-packages',
    label: 'nav.documentPackages.label',
    description: 'nav.documentPackages.description',
    roles: ['owner', 'manager', 'accountant', 'auditor'],
    tag: 'crm-document-package-page',
    load: () => import('../pages/document-package/crm-document-package-page'),
  },
  {
    path: '/audit',
    label: 'nav.audit.label',
    description: 'nav.audit.description',
    roles: ['owner', 'auditor'],
    tag: 'crm-audit-page',
    load: () => import('../pages/audit/crm-audit-page'),
  },
  {
    path: '/catalogue',
    label: 'setup.nav.catalogue.label',
    description: 'setup.nav.catalogue.description',
    roles: ['owner', 'manager'],
    tag: 'crm-catalogue-page',
    load: () => import('../pages/catalogue/crm-catalogue-page'),
  },
  {
    path: '/closures',
    label: 'setup.nav.closures.label',
    description: 'setup.nav.closures.description',
    roles: ['owner', 'manager'],
    tag: 'crm-closures-page',
    load: () => import('../pages/closures/crm-closures-page'),
  },
  {
    path: '/users',
    label: 'nav.users.label',
    description: 'nav.users.description',
    roles: ['owner', 'manager'],
    tag: 'crm-users-page',
    load: () => import('../pages/users/crm-users-page'),
  },
  {
    path: '/branches',
    label: 'nav.branches.label',
    description: 'nav.branches.description',
    roles: ['owner', 'manager'],
    tag: 'crm-branches-page',
    load: () => import('../pages/branches/crm-branches-page'),
  },
  {
    path: '/registration-settings',
    label: 'nav.registration.label',
    description: 'nav.registration.description',
    roles: ['owner', 'manager'],
    tag: 'crm-registration-settings-page',
    load: () => import('../pages/settings/crm-registration-settings-page'),
  },
  {
    path: '/calendar-feeds',
    label: 'nav.feeds.label',
    description: 'nav.feeds.description',
    roles: ['owner', 'manager', 'teacher'],
    tag: 'crm-calendar-feeds-page',
    load: () => import('../pages/settings/crm-calendar-feeds-page'),
  },
  {
    path: '/system',
    label: 'nav.system.label',
    description: 'nav.system.description',
    roles: ['owner'],
    tag: 'crm-system-page',
    load: () => import('../pages/system/crm-system-page'),
  },
  {
    path: '/backups',
    label: 'backups.nav.label',
    description: 'backups.nav.description',
    roles: ['owner'],
    tag: 'crm-backups-page',
    load: () => import('../pages/backups/crm-backups-page'),
  },
]

export const DEFAULT_PATH = '/workspace'

/** Does a user with these roles see this entry? Areas still to come are seen by nobody. */
export function canSee(entry: Pick<NavEntry, 'roles' | 'ready'>, roles: readonly string[]): boolean {
  if (entry.ready === false) return false
  return entry.roles === 'everyone' || entry.roles.some((r) => roles.includes(r))
}

/** The entries a user with these roles sees, in sidebar order. */
export const navFor = (roles: readonly string[]) => NAV.filter((e) => canSee(e, roles))

/**
 * The entry for a path (an area owns its sub-paths: /users/123 → /users), or null when the
 * path is unknown or the roles may not see it: both render the 404 page.
 */
export function resolveRoute(pathname: string, roles: readonly string[]): NavEntry | null {
  const clean = pathname.replace(/\/+$/, '') || '/'
  const entry = NAV.find((e) => clean === e.path || clean.startsWith(e.path + '/'))
  return entry && canSee(entry, roles) ? entry : null
}

/** Where to go after signing in: a same-app path from ?next=, else the workspace. */
export function nextPath(search: string): string {
  const next = new URLSearchParams(search).get('next')
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : DEFAULT_PATH
}
