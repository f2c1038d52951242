import type { Tx } from '../../db/client'
import type { Locale } from '../../domain/i18n/locales'
import type { Actor } from '../../domain/roles'
import type { CommandContext } from '../http/command'
import type { DocWriter } from '../http/context'
import type { Logger } from '../logger'
import type { Hooks } from './hooks'

/**
 * The demo's live documents while it is seeded: edits are stored in the seed's transaction with
 * their author and described changes, exactly as the document hub stores them.
 */
export interface SeedDocs extends DocWriter {
  applyAsUser(docName: string, actor: Pick<Actor, 'id'> | null, fn: (doc: import('yjs').Doc) => void): Promise<void>
  /**
   * Projects what was written into a document since its last projection, with its type's
   * projector (the rows, flags and alerts the hub's projection would write a moment after the edit).
   */
  project(docName: string): Promise<void>
}

/**
 * The demo center is seeded on first start by the modules' seed steps, in the order the modules
 * are listed, in one transaction. Each step makes its part through the modules' real commands,
 * acting as the demo staff (`as('manager')`), so every row has its author and its audit row; it
 * reads what earlier steps made from the context and adds its own ids to it.
 */
/**
 * The demo staff's places: one per role (their logins are the same in every language) and six
 * more teachers, whose logins follow their names. The areas' demo data names staff by these
 * places; `SeedContext.staff` gives their logins.
 */
export type DemoStaffKey =
  | 'owner'
  | 'manager'
  | 'reception'
  | 'reception2'
  | 'teacher'
  | 'teacher2'
  | 'storekeeper'
  | 'accountant'
  | 'auditor'
  /** English (and dance) at Central. */
  | 'languages'
  | 'sports'
  | 'music'
  /** Painting and chess. */
  | 'art'
  | 'swimming'
  | 'dance'

export interface SeedContext {
  /** The demo's language and place (SEED_LOCALE): each step feeds its data set of this language to the commands. */
  locale: Locale
  branchIds: Record<string, string>
  userIds: Record<string, string>
  /** The demo staff's logins by their place, once their accounts exist. */
  staff: Partial<Record<DemoStaffKey, string>>
  roomIds: Record<string, string>
  /** The demo clients' ids, in the order they were registered. */
  clientIds: string[]
  /** The demo staff as actors, by login, once their accounts exist (the first owner exists before any step). */
  actors: Record<string, Actor>
  /**
   * Acting as a demo user: their actor and a command context on the seed's transaction (a
   * command's own transaction nests in it as a savepoint), so its audit row names them.
   */
  as(login: string): { ctx: CommandContext; actor: Actor }
  /** The demo's live documents (client files, timetable weeks), written in the seed's transaction. */
  docs: SeedDocs
  /** The modules' hooks, as the server runs them (a lesson marked done writes off passes and stock). */
  hooks: Hooks
  logger: Logger
  /** Anything else a later step needs from an earlier one. */
  extra: Record<string, unknown>
}

export type SeedStep = (tx: Tx, ctx: SeedContext) => Promise<void>
