import type { Database } from '../../db/client'
import type { Registry } from '../boot/registry'
import type { Config } from '../env'
import type { EventBus } from '../events/bus'
import type { Logger } from '../logger'
import type { Actor } from '../../domain/roles'
import type { Locale } from '../../domain/i18n/locales'
import type { SessionStore } from '../contracts/sessions'
import type { CommandContext } from './command'
import type { Runtime } from './runtime'
import type { MessageId } from '../../domain/i18n/catalogue'

/** Long-lived services the app is built from. */
export interface AppDeps {
  database: Database
  config: Config
  logger: Logger
  events: EventBus
  /** What the modules declare (routes, policies, document types, hooks…), put together at boot. */
  registry: Registry
  /** Sessions: who is behind a token (the auth module's, handed over at boot). */
  sessions: SessionStore
  /** Server-side document edits on behalf of a user (set once the document server is attached). */
  docs?: DocWriter
  /** How this instance is running: health, metrics, the instances (server/ops; a started server has it). */
  runtime?: Runtime
}

/** What commands need from the document server. */
export interface DocWriter {
  /** Applies `fn` to the document as `actor`: persisted, described and broadcast like any edit. */
  applyAsUser(docName: string, actor: Actor, fn: (doc: import('yjs').Doc) => void): Promise<void>
  /**
   * Drops a document from memory and closes its connections (after its history was replaced),
   * telling them why as a catalogue message id (their screens word it).
   */
  evict?(docName: string, reason: MessageId): Promise<void>
  /**
   * Starts loading a document into memory (no connection, no access granted) because someone is
   * about to open it; it unloads again after the idle time if nobody does. Never throws.
   */
  preload?(docName: string): void
}

/** Per-request variables on the Hono context. */
export interface AppEnv {
  Variables: {
    requestId: string
    actor: Actor | null
    sessionHash: string | null
    ctx: CommandContext
    deps: AppDeps
    /** The request's language: its Accept-Language if we speak one of them, else the center's default. */
    locale: Locale
  }
}
