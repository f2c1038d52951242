import { and, eq, isNull, sql } from 'drizzle-orm'
import { queryRows, type Queryable } from '../../../db/client'
import { alerts, branches } from '../../../db/schema/index'
import type { EventMap } from '../../events/bus'
import type { AlertKind } from '../../contracts/alerts'
import { legacyAlertMessage, renderAlertMessage, renderAlertMessages, type AlertMessage } from '../../../domain/alerts/messages'

/** An alert kind's name as stored (`room_clash`); the kind itself is declared by its area (server/contracts/alerts.ts). */
export type AlertKindName = string

const kindName = (k: AlertKindName | AlertKind): string => (typeof k === 'string' ? k : k.kind)

export type AlertEvent =
  { name: 'alert.raised'; payload: EventMap['alert.raised'] } | { name: 'alert.cleared'; payload: EventMap['alert.cleared'] }

export interface RaiseInput {
  /** The kind, as its area declared it (severity and audience come with it). */
  kind: AlertKind
  subject: string
  /** The message as kind + parameters (rendered for each reader in their language); a text is stored as `alerts.legacy`. */
  message: AlertMessage | string
  /** The English text stored beside it (logs, old readers); by default the message rendered in English. */
  text?: string
  details?: unknown
  branchId?: string | null
  by?: string | null
}

/** The columns a raise writes about its message. */
function messageColumns(input: RaiseInput) {
  const m = typeof input.message === 'string' ? legacyAlertMessage(input.message) : input.message
  const params = m.params ?? {}
  return { message: input.text ?? renderAlertMessage('en', m.id, params), messageId: m.id, params }
}

/** The `alert.raised` event of a new row: the English text, the kind + parameters, and the text in every language. */
function raisedEvent(a: {
  id: string | number
  kind: string
  subject: string
  severity: string
  message: string
  messageId: string
  params: unknown
  branchId?: string | null
  raisedAt?: Date | string | null
}): AlertEvent {
  return {
    name: 'alert.raised',
    payload: {
      id: String(a.id),
      kind: a.kind,
      subject: a.subject,
      severity: a.severity,
      message: a.message,
      messageId: a.messageId,
      params: a.params,
      messages: renderAlertMessages(a.messageId, a.params, a.message),
      // its branch and time: the alerts panel and the wall place it without a refetch
      branchId: a.branchId ?? null,
      ...(a.raisedAt ? { raisedAt: new Date(a.raisedAt).toISOString() } : {}),
    },
  }
}

/** Gives the raised events of a branch its time zone (one query for all of them). */
async function zoned(tx: Queryable, events: AlertEvent[]): Promise<AlertEvent[]> {
  const ids = [...new Set(events.flatMap((e) => (e.name === 'alert.raised' && e.payload.branchId ? [e.payload.branchId] : [])))]
  if (!ids.length) return events
  const zones = await queryRows<{ id: string; timezone: string }>(
    tx,
    sql`select id, timezone from ${branches} where id in (${sql.join(
      ids.map((id) => sql`${id}::uuid`),
      sql`, `,
    )})`,
  )
  const byId = new Map(zones.map((z) => [z.id, z.timezone]))
  for (const e of events) {
    const tz = e.name === 'alert.raised' && e.payload.branchId ? byId.get(e.payload.branchId) : undefined
    if (tz && e.name === 'alert.raised') e.payload.timeZone = tz
  }
  return events
}

/**
 * Raises the alert for a cause (kind + subject) unless one is open — then only its message and
 * details are refreshed. Never two open alerts for one cause (a partial unique index enforces it).
 * Returns the event to publish after commit when the alert is new.
 */
export async function raiseAlert(tx: Queryable, input: RaiseInput): Promise<AlertEvent | null> {
  const spec = input.kind
  const inserted = await tx
    .insert(alerts)
    .values({
      kind: input.kind.kind,
      subject: input.subject,
      severity: spec.severity,
      roles: [...spec.roles],
      ...messageColumns(input),
      details: input.details ?? null,
      branchId: input.branchId ?? null,
      raisedBy: input.by ?? null,
    })
    .onConflictDoNothing()
    .returning()
  if (inserted.length) return (await zoned(tx, [raisedEvent(inserted[0])]))[0]
  await tx
    .update(alerts)
    .set({ ...messageColumns(input), details: input.details ?? null })
    .where(and(eq(alerts.kind, input.kind.kind), eq(alerts.subject, input.subject), isNull(alerts.clearedAt)))
  return null
}

/** Clears the open alert of a cause, if any; returns the event to publish after commit. */
export async function clearAlert(
  tx: Queryable,
  kind: AlertKindName,
  subject: string,
  by?: string | null,
): Promise<AlertEvent | null> {
  const cleared = await tx
    .update(alerts)
    .set({ clearedAt: sql`now()`, clearedBy: by ?? null })
    .where(and(eq(alerts.kind, kind), eq(alerts.subject, subject), isNull(alerts.clearedAt)))
    .returning({ id: alerts.id, branchId: alerts.branchId })
  if (!cleared.length) return null
  return { name: 'alert.cleared', payload: { id: String(cleared[0].id), kind, subject, branchId: cleared[0].branchId } }
}

/** Raise when `condition`, clear otherwise. */
export async function setAlert(tx: Queryable, condition: boolean, input: RaiseInput): Promise<AlertEvent | null> {
  return condition ? raiseAlert(tx, input) : clearAlert(tx, input.kind.kind, input.subject, input.by)
}

// ── batches: one statement for many causes (projections re-check hundreds of lessons at once) ──

/**
 * `raiseAlert` for many causes at once: one INSERT for the new ones (a cause already open is left
 * to the partial unique index: never two open alerts for one cause), then one UPDATE refreshing the
 * message and details of those that were open, where they changed. Causes repeated in `inputs`
 * count once (the last wins). Returns the events of the alerts it opened.
 */
export async function raiseAlerts(tx: Queryable, inputs: RaiseInput[]): Promise<AlertEvent[]> {
  const byCause = new Map<string, RaiseInput>()
  for (const i of inputs) byCause.set(`${i.kind.kind}|${i.subject}`, i)
  const list = [...byCause.values()]
  if (list.length === 0) return []
  const events: AlertEvent[] = []
  const opened = new Set<string>()
  for (let i = 0; i < list.length; i += 1000) {
    const inserted = await tx
      .insert(alerts)
      .values(
        list.slice(i, i + 1000).map((input) => {
          const spec = input.kind
          return {
            kind: input.kind.kind,
            subject: input.subject,
            severity: spec.severity,
            roles: [...spec.roles],
            ...messageColumns(input),
            details: input.details ?? null,
            branchId: input.branchId ?? null,
            raisedBy: input.by ?? null,
          }
        }),
      )
      .onConflictDoNothing()
      .returning({
        id: alerts.id,
        kind: alerts.kind,
        subject: alerts.subject,
        severity: alerts.severity,
        message: alerts.message,
        messageId: alerts.messageId,
        params: alerts.params,
        branchId: alerts.branchId,
        raisedAt: alerts.raisedAt,
      })
    for (const a of inserted) {
      opened.add(`${a.kind}|${a.subject}`)
      events.push(raisedEvent(a))
    }
  }
  await zoned(tx, events)
  const open = list.filter((i) => !opened.has(`${i.kind.kind}|${i.subject}`))
  if (open.length) {
    const rows = JSON.stringify(
      open.map((i) => ({ kind: i.kind.kind, subject: i.subject, ...messageColumns(i), details: i.details ?? null })),
    )
    await tx.execute(sql`update alerts a set message = v.message, message_id = v."messageId", params = v.params, details = v.details
      from jsonb_to_recordset(${rows}::jsonb) as v(kind text, subject text, message text, "messageId" text, params jsonb, details jsonb)
      where a.kind = v.kind and a.subject = v.subject and a.cleared_at is null
        and (a.message is distinct from v.message or a.message_id is distinct from v."messageId" or a.params is distinct from v.params or a.details is distinct from v.details)`)
  }
  return events
}

/** `clearAlert` for many causes at once (one UPDATE); returns the events of the alerts it cleared. */
export async function clearAlerts(
  tx: Queryable,
  causes: Array<{ kind: AlertKindName | AlertKind; subject: string }>,
  by?: string | null,
): Promise<AlertEvent[]> {
  if (causes.length === 0) return []
  const rows = JSON.stringify(causes.map((c) => ({ kind: kindName(c.kind), subject: c.subject })))
  const cleared = await queryRows<{ id: string | number; kind: string; subject: string; branch_id: string | null }>(
    tx,
    sql`update alerts a set cleared_at = now(), cleared_by = ${by ?? null}
      from (select distinct kind, subject from jsonb_to_recordset(${rows}::jsonb) as x(kind text, subject text)) v
      where a.kind = v.kind and a.subject = v.subject and a.cleared_at is null
      returning a.id, a.kind, a.subject, a.branch_id`,
  )
  return cleared.map((a) => ({
    name: 'alert.cleared',
    payload: { id: String(a.id), kind: a.kind, subject: a.subject, branchId: a.branch_id },
  }))
}

/**
 * `raiseAlerts` and `clearAlerts` in ONE statement (a projection's alerts in one round trip): new
 * causes inserted (an open one is left to the partial unique index), the message and details of
 * open ones refreshed where they changed, the `clear` causes cleared. Causes repeated count once;
 * a cause both raised and cleared is raised. Returns the events of the alerts opened and cleared.
 */
export async function applyAlerts(
  tx: Queryable,
  raise: RaiseInput[],
  clearCauses: Array<{ kind: AlertKindName | AlertKind; subject: string }>,
  by?: string | null,
): Promise<AlertEvent[]> {
  const byCause = new Map<string, RaiseInput>()
  for (const i of raise) byCause.set(`${i.kind.kind}|${i.subject}`, i)
  // (one statement must not both refresh and clear one row)
  const clear = clearCauses.filter((c) => !byCause.has(`${kindName(c.kind)}|${c.subject}`))
  if (byCause.size === 0 && clear.length === 0) return []
  const raiseRows = JSON.stringify(
    [...byCause.values()].map((i) => ({
      kind: i.kind.kind,
      subject: i.subject,
      severity: i.kind.severity,
      roles: i.kind.roles,
      ...messageColumns(i),
      details: i.details ?? null,
      branch_id: i.branchId ?? null,
      raised_by: i.by ?? null,
    })),
  )
  const clearRows = JSON.stringify(clear.map((c) => ({ kind: kindName(c.kind), subject: c.subject })))
  const rows = await queryRows<{
    what: 'raised' | 'cleared'
    id: string | number
    kind: string
    subject: string
    severity: string | null
    message: string | null
    message_id: string | null
    params: unknown
    branch_id: string | null
    raised_at: string | Date | null
  }>(
    tx,
    sql`with r as (select * from jsonb_to_recordset(${raiseRows}::jsonb) as x(kind text, subject text, severity text, roles text[], message text, "messageId" text, params jsonb, details jsonb, branch_id uuid, raised_by uuid)),
      c as (select distinct kind, subject from jsonb_to_recordset(${clearRows}::jsonb) as x(kind text, subject text)),
      ins as (insert into alerts (kind, subject, severity, roles, message, message_id, params, details, branch_id, raised_by)
        select kind, subject, severity, roles, message, "messageId", params, details, branch_id, raised_by from r
        on conflict do nothing returning id, kind, subject, severity, message, message_id, params, branch_id, raised_at),
      upd as (update alerts a set message = r.message, message_id = r."messageId", params = r.params, details = r.details from r
        where a.kind = r.kind and a.subject = r.subject and a.cleared_at is null
          and (a.message is distinct from r.message or a.message_id is distinct from r."messageId" or a.params is distinct from r.params or a.details is distinct from r.details) returning a.id),
      clr as (update alerts a set cleared_at = now(), cleared_by = ${by ?? null} from c
        where a.kind = c.kind and a.subject = c.subject and a.cleared_at is null returning a.id, a.kind, a.subject, a.branch_id)
      select 'raised' as what, id, kind, subject, severity, message, message_id, params, branch_id, raised_at from ins
      union all select 'cleared', id, kind, subject, null, null, null, null, branch_id, null from clr`,
  )
  const events: AlertEvent[] = rows.map((a) =>
    a.what === 'raised'
      ? // a raised row always has them (the columns are not null)
        raisedEvent({
          id: a.id,
          kind: a.kind,
          subject: a.subject,
          severity: String(a.severity),
          message: String(a.message),
          messageId: String(a.message_id),
          params: typeof a.params === 'string' ? (JSON.parse(a.params) as unknown) : a.params,
          branchId: a.branch_id,
          raisedAt: a.raised_at,
        })
      : { name: 'alert.cleared', payload: { id: String(a.id), kind: a.kind, subject: a.subject, branchId: a.branch_id } },
  )
  return zoned(tx, events)
}
