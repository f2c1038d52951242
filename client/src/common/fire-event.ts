import type { User } from '../data/types'

/** Every crm-* event name and its detail type. */
export interface CrmEvents {
  'crm-signed-in': { user: User }
  'crm-sign-out': { reason?: string }
  /**
   * A short message (crm-toasts). `message` as a function is rendered again when the language
   * changes; `key`: replaces the open toast of that key; `duration` ms (0: until dismissed).
   */
  'crm-toast': { message: string | (() => string); kind?: 'info' | 'error' | 'success'; key?: string; duration?: number }
  /** Takes the toast of this key away (its cause went away). */
  'crm-toast-dismiss': { key: string }
  /** The server says the session is over (live document closed 4001, Socket.IO session.ended). */
  'crm-session-ended': Record<string, never>
}

/**
 * Fires a typed event that bubbles out of shadow roots.
 * @example fireEvent(this, 'crm-signed-in', { user })
 */
export function fireEvent<K extends keyof CrmEvents>(
  node: EventTarget,
  type: K,
  detail: CrmEvents[K],
): CustomEvent<CrmEvents[K]> {
  const event = new CustomEvent(type, { detail, bubbles: true, composed: true })
  node.dispatchEvent(event)
  return event
}

declare global {
  interface HTMLElementEventMap {
    'crm-signed-in': CustomEvent<CrmEvents['crm-signed-in']>
    'crm-sign-out': CustomEvent<CrmEvents['crm-sign-out']>
    'crm-toast': CustomEvent<CrmEvents['crm-toast']>
    'crm-toast-dismiss': CustomEvent<CrmEvents['crm-toast-dismiss']>
    'crm-session-ended': CustomEvent<CrmEvents['crm-session-ended']>
  }
}
