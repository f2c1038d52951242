import { z } from '@hono/zod-openapi'
import type { clients } from '../../../db/schema/index'
import { encodeClientDocName } from '../../../domain/docs/client-file'
import {
  ADULT_AGE,
  DEFAULT_AGE_CATEGORIES,
  ageCategoryOf,
  ageOn,
  todayIso,
  type AgeCategory,
} from '../../../domain/clients/rules'
import { isMessageId, type MessageId } from '../../../domain/i18n/catalogue'
import { formatDay } from '../../../domain/i18n/format'
import type { Locale } from '../../../domain/i18n/locales'
import { translatorFor } from '../../../domain/i18n/translator'
import { toCsv } from '../../http/csv'
import { presentAlert } from '../alerts/index'
import type { ClientFileBundle, guardiansOfClients } from './file-queries'

export const ClientListItem = z
  .object({
    id: z.string().uuid(),
    name: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    birthDate: z.string().nullable(),
    age: z.number().nullable(),
    ageCategory: z.string().nullable(),
    status: z.string(),
    phone: z.string().nullable(),
    flags: z.array(z.string()),
  })
  .openapi('ClientListItem')

type ClientRow = typeof clients.$inferSelect

/** A client row as lists show it; age and category are computed, never stored. */
export function presentClientListItem(
  c: ClientRow,
  categories: AgeCategory[],
  today = todayIso(),
): z.infer<typeof ClientListItem> {
  const age = c.birthDate ? ageOn(c.birthDate, today) : null
  return {
    id: c.id,
    name: `${c.firstName} ${c.lastName}`.trim(),
    firstName: c.firstName,
    lastName: c.lastName,
    birthDate: c.birthDate,
    age,
    ageCategory: ageCategoryOf(age, categories)?.label ?? null,
    status: c.status,
    phone: c.phone,
    flags: c.flags,
  }
}

/** A client's page: the row, guardians, family, status history, records, documents, open alerts, progress. */
export function presentClient(b: ClientFileBundle, locale: Locale, today = todayIso()) {
  const { row, settings } = b
  const age = row.birthDate ? ageOn(row.birthDate, today) : null
  return {
    ...presentClientListItem(row, settings.ageCategories, today),
    email: row.email,
    source: row.source,
    sourceNote: row.sourceNote,
    leaveReason: row.leaveReason,
    consent: row.consent,
    branchId: row.branchId,
    minor: age !== null && age < ADULT_AGE,
    createdAt: row.createdAt.toISOString(),
    guardians: b.guardians.map(({ clientId: _c, phoneDigits: _p, ...g }) => g),
    family: b.family.map((f) => presentClientListItem(f, settings.ageCategories, today)),
    statusHistory: b.history.map(({ h, by }) => ({
      from: h.fromStatus,
      to: h.toStatus,
      reason: h.reason,
      note: h.note,
      at: h.at.toISOString(),
      by,
    })),
    records: b.records.map((r) => ({
      ...r,
      createdAt: r.createdAt.toISOString(),
      documents: b.documents.filter((d) => d.recordId === r.id).map((d) => ({ ...d, createdAt: d.createdAt.toISOString() })),
    })),
    documents: b.documents.map((d) => ({ ...d, createdAt: d.createdAt.toISOString() })),
    alerts: b.openAlerts.map((a) => presentAlert(a, locale)),
    /** The electronic journal per activity: attendance rate, average grade, last comments. */
    progress: b.progress,
    document: encodeClientDocName(row.id),
  }
}

/** The client list as CSV in the reader's language: one row per client, its guardians in one cell. */
export function clientListCsv(
  rows: ClientRow[],
  guardians: Awaited<ReturnType<typeof guardiansOfClients>>,
  categories: AgeCategory[],
  today: string,
  locale: Locale,
): string {
  const tr = translatorFor(locale)
  const t = (id: MessageId) => tr.t(id)
  /** A stored value's label from the catalogue (`clients.status.active`), else the value itself. */
  const label = (prefix: string, value: string) => {
    const id = `${prefix}.${value}`
    return isMessageId(id) ? t(id) : value
  }
  /** An age category the center kept as it was by default in the reader's language; one it named itself as named. */
  const categoryLabel = (c: AgeCategory | null) => {
    if (!c) return ''
    const id = `clients.ageCategory.${c.key}`
    const kept = DEFAULT_AGE_CATEGORIES.some((d) => d.key === c.key && d.label === c.label)
    return kept && isMessageId(id) ? t(id) : c.label
  }
  return toCsv(
    (
      [
        'exports.csv.lastName',
        'exports.csv.firstName',
        'exports.csv.birthDate',
        'exports.csv.age',
        'exports.csv.ageCategory',
        'exports.csv.status',
        'exports.csv.phone',
        'exports.csv.email',
        'exports.csv.guardians',
        'exports.csv.flags',
      ] as const
    ).map((id) => t(id)),
    rows.map((r) => {
      const item = presentClientListItem(r, categories, today)
      return [
        item.lastName,
        item.firstName,
        item.birthDate ? formatDay(item.birthDate, locale) : '',
        item.age ?? '',
        categoryLabel(ageCategoryOf(item.age, categories)),
        label('clients.status', item.status),
        r.phone ?? '',
        r.email ?? '',
        (guardians.get(r.id) ?? []).map((g) => `${g.name} (${label('clients.relation', g.relation)}) ${g.phone}`).join('; '),
        item.flags.map((f) => label('clients.flag', f)).join(', '),
      ]
    }),
    { bom: true },
  )
}
