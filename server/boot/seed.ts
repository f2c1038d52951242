import * as Y from 'yjs'
import type { Db, Tx } from '../../db/client'
import { users } from '../../db/schema/index'
import type { Locale } from '../../domain/i18n/locales'
import type { Actor, Role } from '../../domain/roles'
import type { Hooks } from '../contracts/hooks'
import type { SeedContext, SeedDocs, SeedStep } from '../contracts/seed'
import { EventBus, type EventMap, type EventName } from '../events/bus'
import { runCommand, type CommandContext } from '../http/command'
import { createLogger, type Logger } from '../logger'
import { hashPassword, presentUser, toActor } from '../modules/auth/index'
import { configureCenter } from '../modules/center/index'
// the demo's own data (not an area's API): the center's language and currency
import { DEMO_CENTER } from '../modules/center/seed-data'
import { MODULES } from '../modules/index'
// the demo's own data (not an area's API): boot starts the demo with its first owner
import { DEMO_PASSWORD, demoOwner } from '../modules/users/seed'
import type { DocChange } from '../realtime/collab/describe'
import { DocTypes, type ResolvedDoc } from '../realtime/collab/doc-registry'
import { appendUpdates } from '../realtime/collab/persistence'
import { buildRegistry } from './registry'
import { markProjected } from '../realtime/collab/projection-watermarks'

/** The account a fresh center starts with: nobody exists yet to create it, so the system does. */
export interface FirstOwner {
  login: string
  name: string
  email?: string | null
  password: string
}

export interface SeedOptions {
  /** The demo's language and place (default hy: an Armenian center in Yerevan). */
  locale?: Locale
  /** The demo's first owner (default: the users area's demo owner). */
  firstOwner?: FirstOwner
  /** The document types the steps write (default: every module's). */
  docTypes?: DocTypes
  /** Where the seed's events go once it has committed (none at boot: nobody listens yet). */
  events?: EventBus
  logger?: Logger
  /** The modules' hooks (default: every module's, as the server's registry runs them). */
  hooks?: Hooks
}

/**
 * Seeds the demo center into an empty database, in one transaction: the first owner (made by the
 * system, as OWNER_LOGIN's owner is), then every module's seed step in the order the modules are
 * listed (branches, staff, clients, the timetable…). The steps make everything through the
 * modules' real commands acting as the demo staff, so each branch, room, account, client, group
 * and generation has its own audit row naming its author, and each document edit its stored
 * update; a last row (`system.seed_demo`, entity `center`) sums up what was made. A step that
 * fails leaves the database as empty as it was.
 */
export async function seedDemo(db: Db, steps: readonly SeedStep[], opts: SeedOptions = {}): Promise<SeedContext> {
  const locale = opts.locale ?? 'hy'
  const held = new HeldEvents()
  const docTypes = opts.docTypes ?? new DocTypes(MODULES.flatMap((m) => m.docTypes ?? []))
  const logger = opts.logger ?? createLogger('silent')
  const hooks = opts.hooks ?? buildRegistry(MODULES).hooks
  // one request id for the whole seed: the auditor sees its rows as one piece of work
  const requestId = `seed-demo-${crypto.randomUUID()}`
  const ctx = await db.transaction(async (tx) => {
    const command = (actor: Actor | null): CommandContext => ({ db: tx, events: held, actor, requestId, audited: false })
    const actors: Record<string, Actor> = {}
    const docs = new SeedDocWriter(tx, docTypes, held, logger)
    const ctx: SeedContext = {
      locale,
      branchIds: {},
      userIds: {},
      staff: {},
      roomIds: {},
      clientIds: [],
      actors,
      extra: {},
      docs,
      hooks,
      logger,
      as(login) {
        const actor = actors[login] as Actor | undefined
        if (!actor) throw new Error(`The demo seed has no user ${login} yet`)
        return { ctx: command(actor), actor }
      },
    }
    const owner = await createFirstOwner(command(null), opts.firstOwner ?? { ...demoOwner(locale), password: DEMO_PASSWORD })
    actors[owner.login] = owner
    ctx.staff.owner = owner.login
    ctx.userIds[owner.login] = owner.id
    // the owner's first act: the center's language and currency
    await configureCenter(command(owner), owner, DEMO_CENTER[locale])
    for (const step of steps) await step(tx, ctx)
    // whatever a step edited and did not project yet, the hub would project a moment later
    await docs.projectAll()
    await runCommand(command(null), 'system.seed_demo', async () => ({
      result: null,
      entity: 'center',
      after: {
        branches: Object.keys(ctx.branchIds).length,
        rooms: Object.keys(ctx.roomIds).length,
        staff: Object.keys(ctx.userIds).length,
        clients: ctx.clientIds.length,
        locale,
      },
    }))
    return ctx
  })
  // the commands' events were held until the whole seed committed
  if (opts.events) held.replay(opts.events)
  return ctx
}

/** The first owner of an empty center, made by the system (`system.create_owner`, no actor). */
async function createFirstOwner(ctx: CommandContext, input: FirstOwner): Promise<Actor> {
  const passwordHash = await hashPassword(input.password)
  return runCommand(ctx, 'system.create_owner', async (tx) => {
    const roles: Role[] = ['owner']
    const [row] = await tx
      .insert(users)
      .values({ login: input.login, name: input.name, email: input.email ?? null, roles, passwordHash })
      .returning()
    return { result: toActor(row), entity: 'user', entityId: row.id, after: presentUser(row) }
  })
}

/** A bus that keeps what is emitted until the seed's transaction has committed. */
class HeldEvents extends EventBus {
  private held: Array<{ name: EventName; payload: EventMap[EventName] }> = []
  override emit<K extends EventName>(name: K, payload: EventMap[K]) {
    this.held.push({ name, payload })
  }
  replay(to: EventBus) {
    for (const { name, payload } of this.held) to.emit(name, payload)
    this.held = []
  }
}

interface OpenDoc {
  resolved: ResolvedDoc
  doc: Y.Doc
  /** The last seq written. */
  seq: number
  /** Described changes written since the last projection, and the author of the latest. */
  changes: DocChange[]
  pending: boolean
  actorId: string | null
}

/**
 * The demo's documents, written the way the document hub writes a server-side edit: the edit is
 * applied to the document, described by its type's describer, and stored in `doc_updates` with
 * its author (here in the seed's transaction), and `project` runs its type's projector on the
 * same transaction. The seed starts from empty documents, so it keeps them in memory.
 */
class SeedDocWriter implements SeedDocs {
  private readonly open = new Map<string, OpenDoc>()

  constructor(
    private readonly tx: Tx,
    private readonly types: DocTypes,
    private readonly events: EventBus,
    private readonly logger: Logger,
  ) {}

  private get(name: string): OpenDoc {
    const found = this.open.get(name)
    if (found) return found
    const resolved = this.types.resolve(name)
    if (!resolved.ok) throw new Error(`The demo seed cannot write ${name}: ${resolved.reason}`)
    const doc = new Y.Doc({ gc: true })
    resolved.doc.def.init(doc)
    const d: OpenDoc = { resolved: resolved.doc, doc, seq: 0, changes: [], pending: false, actorId: null }
    this.open.set(name, d)
    return d
  }

  async applyAsUser(name: string, actor: Pick<Actor, 'id'> | null, fn: (doc: Y.Doc) => void): Promise<void> {
    const d = this.get(name)
    let changes: DocChange[] = []
    const updates: Uint8Array[] = []
    const describe = (txn: Y.Transaction) => (changes = d.resolved.def.describe(txn, d.doc))
    const collect = (update: Uint8Array) => updates.push(update)
    d.doc.on('afterTransaction', describe)
    d.doc.on('update', collect)
    try {
      d.doc.transact(() => fn(d.doc))
    } finally {
      d.doc.off('afterTransaction', describe)
      d.doc.off('update', collect)
    }
    if (updates.length === 0) return
    // the hub's own writer, on the seed's transaction: the seed is the log's only writer
    const update = updates.length === 1 ? updates[0] : Y.mergeUpdates(updates)
    await appendUpdates(this.tx, [{ doc: name, lastSeq: d.seq, rows: [{ userId: actor?.id ?? null, update, changes }] }], {
      verifySeq: false,
    })
    d.seq++
    d.changes.push(...changes)
    d.pending = true
    d.actorId = actor?.id ?? null
  }

  async project(name: string): Promise<void> {
    const d = this.open.get(name)
    if (!d?.pending) return
    const { def, key } = d.resolved
    const changes = d.changes
    d.changes = []
    d.pending = false
    // every change since the last run is in `changes`, and the document in memory holds every seq
    const run = { whole: true, upTo: d.seq, covered: [] }
    let marked = false
    const events = await def.project?.({
      db: this.tx,
      logger: this.logger,
      events: this.events,
      doc: d.doc,
      name,
      key,
      changes,
      changedKeys: new Set(changes.map((c) => c.path.split('.').slice(0, 2).join('.'))),
      actorId: d.actorId,
      rewrite: (fn) => this.applyAsUser(name, null, fn),
      upTo: run.upTo,
      markProjected: async (tx) => {
        await markProjected(tx, name, run)
        marked = true
      },
    })
    if (!marked) await markProjected(this.tx, name, run)
    for (const e of events ?? [{ type: def.type, id: d.resolved.rawKey, action: 'update' }]) this.events.emit('entity.changed', e)
  }

  /** Projects every document with edits not yet projected. */
  async projectAll(): Promise<void> {
    for (const name of this.open.keys()) await this.project(name)
  }
}
