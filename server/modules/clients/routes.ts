import { createRoute, z } from '@hono/zod-openapi'
import { alias } from 'drizzle-orm/pg-core'
import { and, asc, desc, eq, inArray, isNull, ne, sql } from 'drizzle-orm'
import * as Y from 'yjs'
import {
  alerts,
  attachments,
  clientGuardians,
  clientRecords,
  clients,
  clientStatusHistory,
  settings,
  users,
} from '../../../db/schema/index'
import { CLIENT_STATUSES, LEAD_SOURCES, LEAVE_REASONS } from '../../../db/schema/clients'
import {
  encodeClientDocName,
  guardianMap,
  guardiansOf,
  initClientFile,
  observationMap,
  observationsOf,
  profileOf,
} from '../../../domain/docs/client-file'
import { AppError, NotFoundError, ValidationError } from '../../errors'
import { authorize } from '../../http/authorize'
import { toCsv } from '../../http/csv'
import { runCommand } from '../../http/command'
import type { AppDeps } from '../../http/context'
import { IdParam, createRouter, jsonBody, responses, security } from '../../http/openapi'
import { isRealDate } from '../../../domain/calendar'
import { Uuid } from '../../http/values'
import type { Actor } from '../../policies/permissions'
import { presentAlert } from '../alerts/routes'
import { ClientListItem, presentClientListItem } from './presenters'
import { findDuplicates, listClients, type ClientListParams } from './queries'
import { clientProgress } from './progress'
import { REQUIRABLE_FIELDS, ageOn, phoneDigits, registrationProblems, todayIso } from '../../../domain/clients/rules'
import { REGISTRATION_SETTINGS_KEY, getRegistrationSettings } from './settings'
import './doc-types'

const q = (name: string) => ({ param: { name, in: 'query' as const } })

export const GuardianInput = z.object({
  name: z.string().trim().max(200),
  relation: z.string().trim().max(60),
  phone: z.string().trim().max(40),
  email: z.string().trim().max(320).nullable().optional(),
  canPickUp: z.boolean().optional(),
})

export const ClientCreate = z
  .object({
    firstName: z.string().trim().max(100).optional(),
    lastName: z.string().trim().max(100).optional(),
    birthDate: z.string().trim().max(20).nullable().optional(),
    phone: z.string().trim().max(40).nullable().optional(),
    email: z.string().trim().max(320).nullable().optional(),
    guardians: z.array(GuardianInput).max(6).default([]),
    consent: z.boolean().optional(),
    status: z.enum(CLIENT_STATUSES).optional(),
    source: z.enum(LEAD_SOURCES).nullable().optional(),
    branchId: Uuid.nullable().optional(),
    /** Set after the user has seen the duplicate warning and chose to register anyway. */
    confirmNotDuplicate: z.boolean().optional(),
  })
  .openapi('ClientCreate')

const ListQuery = z.object({
  q: z.string().trim().max(100).optional().openapi(q('q')),
  status: z.enum(CLIENT_STATUSES).optional().openapi(q('status')),
  ageCategory: z.string().max(40).optional().openapi(q('ageCategory')),
  flagged: z.enum(['true', 'false']).optional().openapi(q('flagged')),
  birthdayThisMonth: z.enum(['true', 'false']).optional().openapi(q('birthdayThisMonth')),
  activityId: Uuid.optional().openapi({
    param: { name: 'activityId', in: 'query', description: 'Current member of a group of this activity' },
  }),
  groupId: Uuid.optional().openapi({ param: { name: 'groupId', in: 'query', description: 'Current member of this group' } }),
  teacherId: Uuid.optional().openapi({
    param: { name: 'teacherId', in: 'query', description: 'Current member of a group this teacher teaches or assists' },
  }),
  owing: z
    .enum(['true', 'false'])
    .optional()
    .openapi({
      param: {
        name: 'owing',
        in: 'query',
        description: 'Owes (unpaid pass, invoice, loan…), by the one owing rule; for the activity when activityId is given',
      },
    }),
  sort: z.enum(['name', 'newest']).default('name').openapi(q('sort')),
  cursor: z.string().max(8000).optional().openapi(q('cursor')),
  limit: z.coerce.number().int().min(1).max(500).default(50).openapi(q('limit')),
})

function listParams(p: z.infer<typeof ListQuery>): ClientListParams {
  return { ...p, flagged: p.flagged === 'true', birthdayThisMonth: p.birthdayThisMonth === 'true', owing: p.owing === 'true' }
}

const DuplicatesQuery = z.object({
  firstName: z.string().max(100).optional().openapi(q('firstName')),
  lastName: z.string().max(100).optional().openapi(q('lastName')),
  birthDate: z.string().max(20).optional().openapi(q('birthDate')),
  phone: z.string().max(40).optional().openapi(q('phone')),
  guardianPhone: z.string().max(40).optional().openapi(q('guardianPhone')),
})

const DuplicateSchema = z
  .object({
    id: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    birthDate: z.string().nullable(),
    phone: z.string().nullable(),
  })
  .openapi('PossibleDuplicate')
const KnownGuardianSchema = z
  .object({
    name: z.string(),
    relation: z.string(),
    phone: z.string(),
    email: z.string().nullable(),
    child: z.object({ id: z.string(), name: z.string() }),
  })
  .openapi('KnownGuardian')

const StatusInput = z
  .object({ status: z.enum(CLIENT_STATUSES), reason: z.enum(LEAVE_REASONS).optional(), note: z.string().max(1000).optional() })
  .openapi('ClientStatusChange')

const ObservationInput = z
  .object({ text: z.string().trim().min(1, 'Write the observation').max(5000), activity: z.string().trim().max(100).optional() })
  .openapi('ObservationInput')

const SettingsInput = z
  .object({
    requiredFields: z.array(z.enum(REQUIRABLE_FIELDS)).optional(),
    ageCategories: z
      .array(
        z.object({
          key: z.string().min(1).max(40),
          label: z.string().min(1).max(40),
          min: z.number().int().min(0).max(120),
          max: z.number().int().min(0).max(120).nullable(),
        }),
      )
      .min(1)
      .max(20)
      .optional(),
  })
  .openapi('RegistrationSettings')

/** Writes into a client's document as the actor; commands call this after their transaction commits. */
export async function editClientFile(deps: AppDeps, clientId: string, actor: Actor, fn: (doc: Y.Doc) => void) {
  if (!deps.docs) throw new Error('document server not attached')
  await deps.docs.applyAsUser(encodeClientDocName(clientId), actor, (doc) => {
    initClientFile(doc)
    fn(doc)
  })
}

async function loadClient(deps: AppDeps, id: string) {
  const [row] = await deps.database.db
    .select()
    .from(clients)
    .where(and(eq(clients.id, id), isNull(clients.erasedAt)))
    .limit(1)
  if (!row) throw NotFoundError('Client')
  return row
}

const randomKey = () => crypto.randomUUID()

export const clientRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/clients',
      tags: ['clients'],
      summary: 'Client list: search by name, phone or guardian; filters; keyset paging',
      security,
      request: { query: ListQuery },
      responses: responses(200, z.object({ items: z.array(ClientListItem), nextCursor: z.string().nullable() })),
    }),
    async (c) => {
      authorize(c.var.actor, 'read', 'clients')
      const db = c.var.deps.database.db
      const s = await getRegistrationSettings(db)
      const today = todayIso()
      const { rows, nextCursor } = await listClients(
        db,
        listParams(c.req.valid('query')),
        s.ageCategories,
        today,
        c.var.deps.registry.owing,
      )
      return c.json({ items: rows.map((r) => presentClientListItem(r, s.ageCategories, today)), nextCursor }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/clients/export.csv',
      tags: ['clients'],
      summary: 'The current list (same filters) as CSV (owner, manager: a bulk export of personal data)',
      security,
      request: { query: ListQuery.omit({ cursor: true, limit: true }) },
      responses: { 200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } } },
    }),
    async (c) => {
      // a bulk export of personal data: owners and managers only
      authorize(c.var.actor, 'read', 'exports')
      const db = c.var.deps.database.db
      const s = await getRegistrationSettings(db)
      const today = todayIso()
      const { rows } = await listClients(
        db,
        { ...listParams({ ...c.req.valid('query'), limit: 100_000 }), limit: 100_000 },
        s.ageCategories,
        today,
        c.var.deps.registry.owing,
      )
      const ids = rows.map((r) => r.id)
      const guardians = ids.length ? await db.select().from(clientGuardians).where(inArray(clientGuardians.clientId, ids)) : []
      const byClient = new Map<string, string[]>()
      for (const g of guardians)
        byClient.set(g.clientId, [...(byClient.get(g.clientId) ?? []), `${g.name} (${g.relation}) ${g.phone}`])
      const csv = toCsv(
        ['Last name', 'First name', 'Birth date', 'Age', 'Age category', 'Status', 'Phone', 'Email', 'Guardians', 'Flags'],
        rows.map((r) => {
          const item = presentClientListItem(r, s.ageCategories, today)
          return [
            item.lastName,
            item.firstName,
            item.birthDate ?? '',
            item.age ?? '',
            item.ageCategory ?? '',
            item.status,
            r.phone ?? '',
            r.email ?? '',
            (byClient.get(r.id) ?? []).join('; '),
            item.flags.join(' '),
          ]
        }),
      )
      return c.body(csv, 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="clients-${today}.csv"`,
      })
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/clients/duplicates',
      tags: ['clients'],
      summary: 'Possible duplicates of a registration (same name and birth date, or same phone) and known guardians',
      security,
      request: { query: DuplicatesQuery },
      responses: responses(200, z.object({ duplicates: z.array(DuplicateSchema), knownGuardians: z.array(KnownGuardianSchema) })),
    }),
    async (c) => {
      authorize(c.var.actor, 'read', 'clients')
      const p = c.req.valid('query')
      const db = c.var.deps.database.db
      // a birth date still being typed (or no real date) does not narrow the search
      const duplicates = await findDuplicates(db, {
        firstName: p.firstName,
        lastName: p.lastName,
        birthDate: p.birthDate && isRealDate(p.birthDate) ? p.birthDate : undefined,
        phoneDigits: [phoneDigits(p.phone) ?? ''],
      })
      const gp = phoneDigits(p.guardianPhone)
      const knownGuardians = gp ? await knownGuardiansByPhone(db, [gp]) : []
      return c.json({ duplicates, knownGuardians }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/clients',
      tags: ['clients'],
      summary: 'Register a client (mandatory fields; a guardian under 18; duplicate warning)',
      security,
      request: jsonBody(ClientCreate),
      responses: {
        ...responses(201, z.object({ id: z.string().uuid(), client: ClientListItem })),
        409: { description: 'Possible duplicate: confirm with confirmNotDuplicate' },
      },
    }),
    async (c) => {
      const actor = authorize(c.var.actor, 'create', 'clients')
      const input = c.req.valid('json')
      const deps = c.var.deps
      const db = deps.database.db
      const s = await getRegistrationSettings(db)
      const today = todayIso()
      const problems = registrationProblems(input, s.requiredFields, today)
      if (Object.keys(problems).length) throw ValidationError(problems)
      if (!input.confirmNotDuplicate) {
        const duplicates = await findDuplicates(db, {
          firstName: input.firstName,
          lastName: input.lastName,
          birthDate: input.birthDate,
          phoneDigits: [phoneDigits(input.phone) ?? ''],
        })
        if (duplicates.length) {
          const e = new AppError(
            409,
            'possible_duplicate',
            'A client with the same name and birth date, or the same phone, exists',
            undefined,
            undefined,
            { duplicates },
          )
          throw e
        }
      }
      const status = input.status ?? 'lead'
      const guardianRows = input.guardians.map((g) => ({
        ...g,
        key: randomKey(),
        phoneDigits: phoneDigits(g.phone) ?? '',
        email: g.email || null,
        canPickUp: g.canPickUp ?? true,
      }))
      const created = await runCommand(c.var.ctx, 'clients.create', async (tx) => {
        const [row] = await tx
          .insert(clients)
          .values({
            firstName: input.firstName ?? '',
            lastName: input.lastName ?? '',
            birthDate: input.birthDate || null,
            phone: input.phone || null,
            phoneDigits: phoneDigits(input.phone),
            email: input.email || null,
            status,
            source: input.source ?? null,
            consent: input.consent === true,
            branchId: input.branchId ?? null,
            searchText: [
              input.firstName,
              input.lastName,
              input.phone,
              phoneDigits(input.phone),
              ...guardianRows.flatMap((g) => [g.name, g.phone, g.phoneDigits]),
            ]
              .filter(Boolean)
              .join(' ')
              .toLowerCase(),
            createdBy: actor.id,
            updatedBy: actor.id,
          })
          .returning()
        if (guardianRows.length) {
          await tx.insert(clientGuardians).values(
            guardianRows.map((g) => ({
              clientId: row.id,
              key: g.key,
              name: g.name,
              relation: g.relation,
              phone: g.phone,
              phoneDigits: g.phoneDigits,
              email: g.email,
              canPickUp: g.canPickUp,
            })),
          )
        }
        await tx.insert(clientStatusHistory).values({ clientId: row.id, toStatus: status, by: actor.id })
        return {
          result: row,
          entity: 'client',
          entityId: row.id,
          after: { ...row, guardians: guardianRows.map(({ key, ...g }) => ({ key, ...g })) },
          events: [{ name: 'entity.changed', payload: { type: 'client', id: row.id, action: 'create', branchId: row.branchId } }],
        }
      })
      try {
        await editClientFile(deps, created.id, actor, (doc) => {
          const p = profileOf(doc)
          p.set('firstName', input.firstName ?? '')
          p.set('lastName', input.lastName ?? '')
          p.set('birthDate', input.birthDate || null)
          p.set('phone', input.phone || null)
          p.set('email', input.email || null)
          p.set('status', status)
          p.set('source', input.source ?? null)
          p.set('consent', input.consent === true)
          p.set('branchId', input.branchId ?? null)
          for (const g of guardianRows) guardiansOf(doc).set(g.key, guardianMap(g))
        })
      } catch (err) {
        // the file (a separate store) could not be written: the registration is taken back, so no
        // client exists without its file (an empty file would later project over the row)
        await runCommand(c.var.ctx, 'clients.create_undone', async (tx) => {
          await tx.delete(clients).where(eq(clients.id, created.id))
          return {
            result: null,
            entity: 'client',
            entityId: created.id,
            after: { reason: 'the client file could not be written' },
            events: [{ name: 'entity.changed', payload: { type: 'client', id: created.id, action: 'erase' } }],
          }
        })
        throw err
      }
      return c.json({ id: created.id, client: presentClientListItem(created, s.ageCategories, today) }, 201)
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/clients/{id}',
      tags: ['clients'],
      summary: 'A client: row, guardians, family, status history, records, documents, open alerts',
      security,
      request: { params: IdParam },
      responses: responses(200, z.object({ client: z.any() })),
    }),
    async (c) => {
      authorize(c.var.actor, 'read', 'clients')
      const { id } = c.req.valid('param')
      const deps = c.var.deps
      const db = deps.database.db
      // everything at once: opening a client file waits for this answer (bench/clients/client-file.ts)
      const [row, s, guardians, history, records, docs, openAlerts, family, progress] = await Promise.all([
        loadClient(deps, id),
        getRegistrationSettings(db),
        db.select().from(clientGuardians).where(eq(clientGuardians.clientId, id)),
        db
          .select({ h: clientStatusHistory, by: users.name })
          .from(clientStatusHistory)
          .leftJoin(users, eq(users.id, clientStatusHistory.by))
          .where(eq(clientStatusHistory.clientId, id))
          .orderBy(asc(clientStatusHistory.at)),
        db.select().from(clientRecords).where(eq(clientRecords.clientId, id)).orderBy(desc(clientRecords.date)),
        db
          .select({
            id: attachments.id,
            recordId: attachments.recordId,
            fileName: attachments.fileName,
            mime: attachments.mime,
            size: attachments.size,
            sha256: attachments.sha256,
            createdAt: attachments.createdAt,
          })
          .from(attachments)
          .where(eq(attachments.clientId, id)),
        db
          .select()
          .from(alerts)
          .where(and(eq(alerts.subject, `client:${id}`), isNull(alerts.clearedAt))),
        familyOfClient(db, id),
        clientProgress(db, id),
      ])
      // the browser opens the file's live document next: have it in memory by then
      if (!row.erasedAt) deps.docs?.preload?.(`client:${id}`)
      const today = todayIso()
      const age = row.birthDate ? ageOn(row.birthDate, today) : null
      return c.json(
        {
          client: {
            ...presentClientListItem(row, s.ageCategories, today),
            email: row.email,
            source: row.source,
            leaveReason: row.leaveReason,
            consent: row.consent,
            branchId: row.branchId,
            minor: age !== null && age < 18,
            createdAt: row.createdAt.toISOString(),
            guardians: guardians.map(({ clientId: _c, phoneDigits: _p, ...g }) => g),
            family: family.map((f) => presentClientListItem(f, s.ageCategories, today)),
            statusHistory: history.map(({ h, by }) => ({
              from: h.fromStatus,
              to: h.toStatus,
              reason: h.reason,
              at: h.at.toISOString(),
              by,
            })),
            records: records.map((r) => ({
              ...r,
              createdAt: r.createdAt.toISOString(),
              documents: docs.filter((d) => d.recordId === r.id).map((d) => ({ ...d, createdAt: d.createdAt.toISOString() })),
            })),
            documents: docs.map((d) => ({ ...d, createdAt: d.createdAt.toISOString() })),
            alerts: openAlerts.map(presentAlert),
            /** The electronic journal per activity: attendance rate, average grade, last comments. */
            progress,
            document: encodeClientDocName(id),
          },
        },
        200,
      )
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/clients/{id}/status',
      tags: ['clients'],
      summary: 'Change status (lead → trial → active → paused → left, with a reason on leaving)',
      security,
      request: { params: IdParam, ...jsonBody(StatusInput) },
      responses: responses(200, z.object({ client: ClientListItem })),
    }),
    async (c) => {
      const actor = authorize(c.var.actor, 'update', 'clients')
      const { id } = c.req.valid('param')
      const input = c.req.valid('json')
      if (input.status === 'left' && !input.reason) throw ValidationError({ reason: 'Say why the client left' })
      const deps = c.var.deps
      const before = await loadClient(deps, id)
      const row = await runCommand(c.var.ctx, 'clients.status', async (tx) => {
        const [r] = await tx
          .update(clients)
          .set({
            status: input.status,
            leaveReason: input.status === 'left' ? input.reason : null,
            updatedAt: sql`now()`,
            updatedBy: actor.id,
          })
          .where(eq(clients.id, id))
          .returning()
        await tx.insert(clientStatusHistory).values({
          clientId: id,
          fromStatus: before.status,
          toStatus: input.status,
          reason: input.status === 'left' ? (input.reason ?? null) : (input.note ?? null),
          by: actor.id,
        })
        return {
          result: r,
          entity: 'client',
          entityId: id,
          before: { status: before.status },
          after: { status: input.status, reason: input.reason ?? null },
          events: [{ name: 'entity.changed', payload: { type: 'client', id, action: 'update' } }],
        }
      })
      await editClientFile(deps, id, actor, (doc) => {
        profileOf(doc).set('status', input.status)
        profileOf(doc).set('leaveReason', input.status === 'left' ? (input.reason ?? null) : null)
      })
      const s = await getRegistrationSettings(deps.database.db)
      return c.json({ client: presentClientListItem(row, s.ageCategories) }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/clients/{id}/observations',
      tags: ['clients'],
      summary: 'Add a dated observation (teachers and staff); stamped with its author',
      security,
      request: { params: IdParam, ...jsonBody(ObservationInput) },
      responses: responses(201, z.object({ id: z.string() })),
    }),
    async (c) => {
      const actor = authorize(c.var.actor, 'create', 'observations')
      const { id } = c.req.valid('param')
      const input = c.req.valid('json')
      const deps = c.var.deps
      await loadClient(deps, id)
      const obsId = randomKey()
      const observation = {
        at: new Date().toISOString(),
        authorId: actor.id,
        authorName: actor.name,
        activity: input.activity ?? null,
        text: input.text,
      }
      // the observation lives in the client's document (its update is stored with its author); the
      // audit row follows only once that write is stored: a failed write leaves no row claiming it
      await editClientFile(deps, id, actor, (doc) => observationsOf(doc).set(obsId, observationMap(observation)))
      await runCommand(c.var.ctx, 'clients.observe', async () => ({
        result: null,
        entity: 'client',
        entityId: id,
        after: { observationId: obsId, ...observation },
      }))
      return c.json({ id: obsId }, 201)
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/settings/registration',
      tags: ['clients'],
      summary: 'Mandatory registration fields and age categories',
      security,
      responses: responses(200, SettingsInput),
    }),
    async (c) => {
      authorize(c.var.actor, 'read', 'clients')
      return c.json(await getRegistrationSettings(c.var.deps.database.db), 200)
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/settings/registration',
      tags: ['clients'],
      summary: 'Configure mandatory registration fields and age categories (owner, manager)',
      security,
      request: jsonBody(SettingsInput),
      responses: responses(200, SettingsInput),
    }),
    async (c) => {
      const actor = authorize(c.var.actor, 'manage', 'clients')
      const input = c.req.valid('json')
      const db = c.var.deps.database.db
      const before = await getRegistrationSettings(db)
      const next = { ...before, ...input }
      await runCommand(c.var.ctx, 'settings.update', async (tx) => {
        await tx
          .insert(settings)
          .values({ key: REGISTRATION_SETTINGS_KEY, value: next, updatedBy: actor.id })
          .onConflictDoUpdate({ target: settings.key, set: { value: next, updatedAt: sql`now()`, updatedBy: actor.id } })
        return { result: null, entity: 'settings', entityId: REGISTRATION_SETTINGS_KEY, before, after: next }
      })
      return c.json(next, 200)
    },
  )

/** Other clients sharing a guardian phone with this client's guardians (one query): the family. */
async function familyOfClient(db: AppDeps['database']['db'], clientId: string) {
  const mine = alias(clientGuardians, 'mine')
  const theirs = alias(clientGuardians, 'theirs')
  const linked = db
    .selectDistinct({ id: theirs.clientId })
    .from(theirs)
    .innerJoin(mine, and(eq(mine.phoneDigits, theirs.phoneDigits), eq(mine.clientId, clientId), ne(mine.phoneDigits, '')))
    .where(ne(theirs.clientId, clientId))
  return db
    .select()
    .from(clients)
    .where(and(inArray(clients.id, linked), isNull(clients.erasedAt)))
    .orderBy(asc(clients.birthDate))
}

async function knownGuardiansByPhone(db: AppDeps['database']['db'], phones: string[]) {
  const rows = await db
    .select({
      name: clientGuardians.name,
      relation: clientGuardians.relation,
      phone: clientGuardians.phone,
      email: clientGuardians.email,
      clientId: clientGuardians.clientId,
      firstName: clients.firstName,
      lastName: clients.lastName,
    })
    .from(clientGuardians)
    .innerJoin(clients, eq(clients.id, clientGuardians.clientId))
    .where(and(inArray(clientGuardians.phoneDigits, phones), isNull(clients.erasedAt)))
    .limit(10)
  return rows.map((r) => ({
    name: r.name,
    relation: r.relation,
    phone: r.phone,
    email: r.email,
    child: { id: r.clientId, name: `${r.firstName} ${r.lastName}` },
  }))
}
