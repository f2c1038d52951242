import type { Hono } from 'hono'
import type { Server as SocketServer } from 'socket.io'
import type { Queryable } from '../../db/client'
import type { Locale } from '../../domain/i18n/locales'
import type { Actor } from '../../domain/roles'
import type { AlertKind } from '../contracts/alerts'
import type { HookHandler, HookName } from '../contracts/hooks'
import type { OwingCheckDef } from '../contracts/owing'
import type { SeedStep } from '../contracts/seed'
import type { AppDeps, AppEnv } from '../http/context'
import type { createRouter } from '../http/openapi'
import type { JobDef } from '../jobs/index'
import type { Policy } from '../policies/policy'
import type { AnyDocType } from '../realtime/collab/doc-registry'

/** A router of /api routes (zod-validated, in the OpenAPI document). */
export type ApiRoutes = ReturnType<typeof createRouter>

/**
 * What an entity type's live events need: who may read it (its subject room `<type>:<id>` and its
 * `entity.changed` events), and whether it belongs to one branch (then its changes reach only
 * that branch's people).
 */
export interface LiveEntity {
  /** Who may join its subject room `<type>:<id>` (by role). Without it, it has no subject room. */
  read?: Policy<never> | Policy
  branchScoped?: boolean
  /**
   * The live document whose room also hears its changes, when its id names it (a re-projected week
   * `<branchId>:<YYYY-Www>` → `timetable:<branchId>:<YYYY-Www>`): whoever has it open, in any branch.
   */
  docOf?: (id: string, branchId: string) => string | null
  /** The same, when it must be looked up (a lesson's week); the socket server remembers answers for a minute. */
  findDoc?: (db: Queryable, id: string) => Promise<string | null>
}

/**
 * One area of the center (clients, timetable, passes, …): a folder under `server/modules/<area>/`
 * whose `index.ts` exports one of these. The boot (`server/modules/index.ts` lists them, and
 * `server/boot/registry.ts` reads them) is the only place that puts the parts together; nothing
 * registers itself when imported. A new area is a new folder and one line in that list.
 */
export interface Module {
  /** The area's name, as in its folder. */
  name: string
  /** Its /api routes, mounted under /api. */
  routes?: readonly ApiRoutes[]
  /** Routes outside /api (a calendar feed), mounted at the root. */
  siteRoutes?: readonly Hono<AppEnv>[]
  /** Routes reachable without a session (`POST /api/auth/login`). */
  publicRoutes?: readonly string[]
  /** Routes that take file uploads (a larger body limit). */
  uploadRoutes?: readonly RegExp[]
  /** Its policies, in the center's verbs; docs/PERMISSIONS.md is generated from them. */
  policies?: readonly (Policy<never> | Policy)[]
  /** The document types it owns (what people edit together): shape, access, describer, projector. */
  docTypes?: readonly AnyDocType[]
  /** The alert kinds its rules raise. */
  alertKinds?: readonly AlertKind[]
  /** Its reasons a group member owes (a red line on the timetable). */
  owingChecks?: readonly OwingCheckDef[]
  /** Its steps inside other areas' commands (`lesson.done` → write a session off each pass). */
  hooks?: { readonly [H in HookName]?: HookHandler<H> }
  /** Entity types it publishes live events about (Socket.IO subject rooms, `entity.changed`). */
  liveEntities?: Readonly<Record<string, LiveEntity>>
  /** Its live parts on Socket.IO beside the app's connection (the wall's namespace). */
  liveParts?: readonly LivePart[]
  /** Its work that comes from the clock (a nightly backup): run by the scheduler, once across instances. */
  jobs?: readonly JobDef[]
  /**
   * How its commands and documents appear in the audit (issue #16): one entry per audit area it
   * owns (the clients area owns "clients" and "medical"). A change no area claims is in "other".
   */
  audit?: readonly AuditArea[]
  /** Its step of the demo center's seed, run on first start in module order. */
  seed?: SeedStep
  /**
   * The center's default language (the area that keeps the center's settings declares it; it
   * caches): what a request without a language we speak is answered in.
   */
  defaultLocale?: (db: Queryable) => Promise<Locale>
}

/** Labels for subjects or values of one kind, by id, in the reader's language (ids it does not know are left out). */
export type AuditLabeler = (db: Queryable, ids: readonly string[], locale: Locale) => Promise<ReadonlyMap<string, string>>

/**
 * One area of the audit (server/modules/audit): which trail rows are its, how they are named, and
 * who may see their content. Declared in the owning module's manifest; the audit knows no area list.
 */
export interface AuditArea {
  /** Its name in the feed and its filter (`clients`, `medical`, `timetable`, `money`, `access`…); the client words it (audit.area.<name>). */
  area: string
  /** Its commands: audit_log actions, exact (`auth.login`) or prefixes ending in a dot (`clients.`). */
  commands?: readonly string[]
  /** Its documents: document types (`client`, `timetable`). */
  docTypes?: readonly string[]
  /** The views of medical data (medical_views) are this area's items ("viewed"). */
  medicalViews?: boolean
  /** Commands that change money (exact actions or prefixes): the feed's money filter. */
  moneyAffecting?: readonly string[]
  /**
   * Whether this reader may see what its changes were. When not, an item says only that the subject
   * changed, by whom and when (a medical file changed by X), with no before or after.
   */
  contentVisibleTo?: (actor: Actor) => boolean
  /** Subject labels by subject type (a command's entity, a document's type; for a document the id is its key). */
  labels?: Readonly<Record<string, AuditLabeler>>
  /** Names for ids that appear in values (a teacher's id → their name): asked for every id-like value of a page. */
  names?: AuditLabeler
}

/**
 * A live part of an area's own on the app's Socket.IO server (a namespace of its own, such as the
 * wall's `/wall`), started once Socket.IO is attached and closed before it.
 */
export type LivePart = (io: SocketServer, deps: AppDeps) => { close(): Promise<void> }

/** Declares a module (a typed identity). */
export const defineModule = (m: Module): Module => m
