import { EventEmitter } from 'node:events'
import type { LiveEventPayloads } from '../../domain/live-events'

/** Event names and payloads published after a command or projection commits. */
export interface EventMap {
  'entity.changed': { type: string; id: string; action: string; branchId?: string | null }
  'alert.raised': {
    id: string
    kind: string
    subject: string
    severity: string
    /** The English text; `messageId` + `params` are the message, `messages` it in each language (the live feed picks the reader's). */
    message: string
    messageId?: string
    params?: unknown
    messages?: Partial<Record<'hy' | 'ru' | 'en', string>>
    /** The alert's branch (null: the whole center), when it was raised (ISO) and the time zone it is read in: no refetch needed. */
    branchId?: string | null
    raisedAt?: string
    timeZone?: string
  }
  /** The same payloads as the live feed's (domain/live-events.ts): the socket server passes them on. */
  'alert.cleared': LiveEventPayloads['alert.cleared']
  'alert.acknowledged': LiveEventPayloads['alert.acknowledged']
  'session.ended': LiveEventPayloads['session.ended']
  /**
   * A user's access changed: sessions ended (signed out, deactivated, password changed) or roles
   * or branches changed. Every live connection of the user re-checks its session; with
   * `reconnect`, every one of them is closed so that it comes back with the new access.
   */
  'user.access_changed': { userId: string; active: boolean; roles: string[]; reconnect?: boolean }
  /** Who is in an open document now (the whole list, not a diff); published by the document hub. */
  'doc.presence': { doc: string; users: Array<{ id: string; name: string; colour: string }> }
  /** A wall token was revoked: the wall screens signed in with it are signed out (server/modules/wall). */
  'wall.token_revoked': { id: string }
}
export type EventName = keyof EventMap

/** The in-process bus; Socket.IO and the document hub listen here. */
export class EventBus {
  private emitter = new EventEmitter()
  constructor() {
    this.emitter.setMaxListeners(100)
  }
  emit<K extends EventName>(name: K, payload: EventMap[K]) {
    this.emitter.emit(name, payload)
  }
  on<K extends EventName>(name: K, fn: (payload: EventMap[K]) => void): () => void {
    this.emitter.on(name, fn)
    return () => this.emitter.off(name, fn)
  }
}
