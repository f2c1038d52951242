import { eq, sql } from 'drizzle-orm'
import type { Db, Tx } from '../../../db/client'
import { clientGuardians, clientMedicalSummary, clients } from '../../../db/schema/index'
import type { ClientFileData } from '../../../domain/docs/client-file'
import { setAlert, type AlertEvent } from '../alerts/index'
import { clientAlerts, fileIncompleteMessage } from './alert-kinds'
import {
  phoneDigits,
  registrationProblems,
  requiredFieldsFor,
  todayIso,
  type RequirableField,
} from '../../../domain/clients/rules'
import { CLIENT_STATUSES } from '../../../domain/clients/vocabulary'
import { getRegistrationSettings } from './settings'
import { searchTextOf } from './search'

/** A file field as stored text: trimmed, and null when empty or not text. */
export const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null)

/** What the `clients` row and its guardians look like for a client file: pure, unit tested. */
export function clientRowFromFile(file: ClientFileData, required: readonly RequirableField[], today: string) {
  const p = file.profile
  const guardians = file.guardians.map((g) => ({
    key: g.key,
    name: str(g.name) ?? '',
    relation: str(g.relation) ?? '',
    phone: str(g.phone) ?? '',
    phoneDigits: phoneDigits(str(g.phone)) ?? '',
    email: str(g.email),
    canPickUp: g.canPickUp !== false,
  }))
  const problems = registrationProblems(
    {
      firstName: str(p.firstName),
      lastName: str(p.lastName),
      birthDate: str(p.birthDate),
      phone: str(p.phone),
      email: str(p.email),
      consent: p.consent === true,
      source: str(p.source),
      guardians: file.guardians.map((g) => ({
        name: str(g.name),
        relation: str(g.relation),
        phone: str(g.phone),
        email: str(g.email),
      })),
    },
    required,
    today,
  )
  const birth = str(p.birthDate)
  const row = {
    firstName: str(p.firstName) ?? '',
    lastName: str(p.lastName) ?? '',
    // an invalid date in the live file is kept in the document (flagged) but never projected
    birthDate: birth && !problems.birthDate ? birth : null,
    phone: str(p.phone),
    phoneDigits: phoneDigits(str(p.phone)),
    email: str(p.email),
    status: (CLIENT_STATUSES as readonly string[]).includes(String(p.status)) ? String(p.status) : 'lead',
    leaveReason: str(p.leaveReason),
    source: str(p.source),
    sourceNote: str(p.sourceNote)?.slice(0, 200) ?? null,
    consent: p.consent === true,
    searchText: searchTextOf(str(p.firstName), str(p.lastName), str(p.phone), guardians),
  }
  return { row, guardians, problems }
}

/**
 * Projects a client file into its `clients` row and guardian rows, sets the red flag and raises or
 * clears the `client_file_incomplete` alert — in one transaction. Returns the alert events to publish.
 */
export async function projectClientFile(
  db: Db,
  clientId: string,
  file: ClientFileData,
  by: string | null,
  markProjected?: (tx: Tx) => Promise<void>,
): Promise<AlertEvent[]> {
  // a file whose profile was never written (no field at all, not even an emptied one) says nothing
  // about the client: it must not blank the row's name and drop the guardians
  if (Object.keys(file.profile).length === 0) {
    if (markProjected) await db.transaction((tx) => markProjected(tx))
    return []
  }
  const settings = await getRegistrationSettings(db)
  const today = todayIso()
  const required = requiredFieldsFor(settings, str(file.profile.birthDate), today)
  const { row, guardians, problems } = clientRowFromFile(file, required, today)
  const incomplete = Object.keys(problems).length > 0
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select({ flags: clients.flags, status: clients.status, erasedAt: clients.erasedAt, branchId: clients.branchId })
      .from(clients)
      .where(eq(clients.id, clientId))
      .for('update')
    if (!current || current.erasedAt) return []
    const flags = new Set(current.flags)
    if (incomplete) flags.add('file_incomplete')
    else flags.delete('file_incomplete')
    // status and leave reason are owned by the status command (it keeps their history); the file only mirrors them
    const { status: _status, leaveReason: _reason, ...projected } = row
    await tx
      .update(clients)
      .set({ ...projected, flags: [...flags].sort(), updatedAt: sql`now()`, ...(by ? { updatedBy: by } : {}) })
      .where(eq(clients.id, clientId))
    await tx.delete(clientGuardians).where(eq(clientGuardians.clientId, clientId))
    if (guardians.length) await tx.insert(clientGuardians).values(guardians.map((g) => ({ ...g, clientId })))
    const event = await setAlert(tx, incomplete, {
      kind: clientAlerts.client_file_incomplete,
      subject: `client:${clientId}`,
      message: fileIncompleteMessage(`${row.firstName} ${row.lastName}`, problems),
      // each field's problem as a message id (the File tab shows it beside the field, in the reader's language)
      details: { problems },
      branchId: current.branchId,
      by,
    })
    // the document's projection watermark commits with the row (or not at all)
    if (markProjected) await markProjected(tx)
    return event ? [event] : []
  })
}

/** Projects the medical file: allergy flag and the summary teachers may see through the roster. */
export async function projectMedicalFile(
  db: Db,
  clientId: string,
  medical: Record<string, string>,
  markProjected?: (tx: Tx) => Promise<void>,
): Promise<void> {
  const allergies = (medical.allergies ?? '').trim()
  const emergency = (medical.emergencyInstructions ?? '').trim()
  await db.transaction(async (tx) => {
    const [current] = await tx
      .select({ flags: clients.flags, erasedAt: clients.erasedAt })
      .from(clients)
      .where(eq(clients.id, clientId))
      .for('update')
    if (!current || current.erasedAt) return
    const flags = new Set(current.flags)
    if (allergies) flags.add('allergy')
    else flags.delete('allergy')
    await tx
      .update(clients)
      .set({ flags: [...flags].sort() })
      .where(eq(clients.id, clientId))
    await tx
      .insert(clientMedicalSummary)
      .values({ clientId, allergies, emergencyInstructions: emergency })
      .onConflictDoUpdate({
        target: clientMedicalSummary.clientId,
        set: { allergies, emergencyInstructions: emergency, updatedAt: sql`now()` },
      })
    if (markProjected) await markProjected(tx)
  })
}
