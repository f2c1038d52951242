import type { Role } from '../../domain/roles'

/**
 * An alert kind: declared by the area whose rule raises it, listed in its manifest. Raising takes
 * the kind itself, so a kind nobody declared cannot be raised.
 */
export interface AlertKind {
  /** Stored on the alert (`room_clash`). */
  kind: string
  severity: 'info' | 'warning' | 'critical'
  /** Roles the alert is addressed to (owners and managers see every alert anyway). */
  roles: readonly Role[]
}

/** Declares an alert kind (a typed identity: nothing is registered). */
export const alertKind = (def: AlertKind): AlertKind => def
