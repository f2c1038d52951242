import { eq } from 'drizzle-orm'
import { clientGuardians, clients, clientStatusHistory } from '../../../../db/schema/index'
import { guardianMap, guardiansOf, profileOf } from '../../../../domain/docs/client-file'
import { phoneDigits, registrationProblems, requiredFieldsFor, todayIso } from '../../../../domain/clients/rules'
import type { CLIENT_STATUSES, LEAD_SOURCES } from '../../../../domain/clients/vocabulary'
import type { Actor } from '../../../../domain/roles'
import { AppError, ValidationError } from '../../../errors'
import { runCommand, type CommandContext } from '../../../http/command'
import type { DocWriter } from '../../../http/context'
import { searchTextOf } from '../search'
import { findDuplicates } from '../queries'
import { getRegistrationSettings } from '../settings'
import { editClientFile } from './client-file'

export interface GuardianInput {
  name: string
  relation: string
  phone: string
  email?: string | null
  canPickUp?: boolean
}

export interface RegisterClientInput {
  firstName?: string
  lastName?: string
  birthDate?: string | null
  phone?: string | null
  email?: string | null
  guardians: GuardianInput[]
  consent?: boolean
  status?: (typeof CLIENT_STATUSES)[number]
  source?: (typeof LEAD_SOURCES)[number] | null
  /** What they said about it ("a friend, Anna"), kept as typed. */
  sourceNote?: string | null
  branchId?: string | null
  /** Set after the user has seen the duplicate warning and chose to register anyway. */
  confirmNotDuplicate?: boolean
}

/**
 * Registers a client: the center's mandatory fields and a guardian under 18 (422), a possible
 * duplicate unless confirmed (409), then the row, its guardians and first status in one
 * transaction (`clients.create`), then the client's live file. When the file cannot be written
 * the registration is taken back (`clients.create_undone`): no client exists without its file.
 */
export async function registerClient(ctx: CommandContext, docs: DocWriter | undefined, actor: Actor, input: RegisterClientInput) {
  const settings = await getRegistrationSettings(ctx.db)
  const today = todayIso()
  // the mandatory fields of the client's age category (by the birth date given), else the center's
  const problems = registrationProblems(input, requiredFieldsFor(settings, input.birthDate, today), today)
  if (Object.keys(problems).length) throw ValidationError(problems)
  if (!input.confirmNotDuplicate) {
    const duplicates = await findDuplicates(ctx.db, {
      firstName: input.firstName,
      lastName: input.lastName,
      birthDate: input.birthDate,
      phoneDigits: [phoneDigits(input.phone) ?? ''],
    })
    if (duplicates.length) {
      throw new AppError(409, 'possible_duplicate', 'errors.clients.possibleDuplicate', undefined, undefined, { duplicates })
    }
  }
  const status = input.status ?? 'lead'
  const guardianRows = input.guardians.map((g) => ({
    ...g,
    key: crypto.randomUUID(),
    phoneDigits: phoneDigits(g.phone) ?? '',
    email: g.email || null,
    canPickUp: g.canPickUp ?? true,
  }))
  const created = await runCommand(ctx, 'clients.create', async (tx) => {
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
        sourceNote: input.sourceNote?.trim() || null,
        consent: input.consent === true,
        branchId: input.branchId ?? null,
        searchText: searchTextOf(input.firstName ?? null, input.lastName ?? null, input.phone ?? null, guardianRows),
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
      after: { ...row, guardians: guardianRows },
      events: [{ name: 'entity.changed', payload: { type: 'client', id: row.id, action: 'create', branchId: row.branchId } }],
    }
  })
  try {
    await editClientFile(docs, created.id, actor, (doc) => {
      const p = profileOf(doc)
      p.set('firstName', input.firstName ?? '')
      p.set('lastName', input.lastName ?? '')
      p.set('birthDate', input.birthDate || null)
      p.set('phone', input.phone || null)
      p.set('email', input.email || null)
      p.set('status', status)
      p.set('source', input.source ?? null)
      p.set('sourceNote', input.sourceNote?.trim() || null)
      p.set('consent', input.consent === true)
      p.set('branchId', input.branchId ?? null)
      for (const g of guardianRows) guardiansOf(doc).set(g.key, guardianMap(g))
    })
  } catch (err) {
    // the file (a separate store) could not be written: the registration is taken back, so no
    // client exists without its file (an empty file would later project over the row)
    await runCommand(ctx, 'clients.create_undone', async (tx) => {
      await tx.delete(clients).where(eq(clients.id, created.id))
      return {
        result: null,
        entity: 'client',
        entityId: created.id,
        // why, as a code (the audit page names the action in the reader's language)
        after: { reason: 'file_not_written' },
        events: [{ name: 'entity.changed', payload: { type: 'client', id: created.id, action: 'erase' } }],
      }
    })
    throw err
  }
  return { client: created, settings, today }
}
