import {
  actionWords,
  areaWords,
  entityWords,
  lineSentence,
  plainLines,
  type PlainFormat,
  type PlainLine,
} from '../../../domain/audit/plain-change'
import type { MessageId, MessageParams } from '../../../domain/i18n/catalogue'
import { formatDateTime } from '../../../domain/i18n/format'
import type { Locale } from '../../../domain/i18n/locales'
import { translatorFor } from '../../../domain/i18n/translator'
import type { Actor } from '../../../domain/roles'
import type { Queryable } from '../../../db/client'
import { centerSettingsOf, centerTimeZone } from '../center/index'
import type { AuditAreas } from './areas'
import { presentItems, type FeedItem } from './feed'
import { readTrail, type FeedFilter } from './window'

/**
 * The words the audit's exports (the CSV and the PDF report) put on a change, the same as the
 * Audit screens say them: the area, the source, what was done, and each field's change in plain
 * words (domain/audit/plain-change), in the reader's language, times in the center's time zone.
 */

/** The reader's language, the center's time zone and currency, and the catalogue. */
export async function exportFormat(db: Queryable, locale: Locale): Promise<PlainFormat> {
  const tr = translatorFor(locale)
  const [timeZone, settings] = await Promise.all([centerTimeZone(db), centerSettingsOf(db)])
  return { t: (id: MessageId, p?: MessageParams) => tr.t(id, p), locale, timeZone, currency: settings.currency }
}

export const whatWord = actionWords
export const areaWord = areaWords
export const entityWord = entityWords

export const sourceWord = (source: FeedItem['source'], f: PlainFormat) => f.t(`auditReport.source.${source}`)

export const kindWord = (kind: PlainLine['kind'], f: PlainFormat) => f.t(`auditReport.kind.${kind}`)

export const markWord = (status: 'verified' | 'queried', f: PlainFormat) => f.t(`auditReport.mark.${status}`)

/** The change's subject as people say it: its label, else the kind of thing it is. */
export const subjectWord = (item: FeedItem, f: PlainFormat) => item.subject.label ?? entityWords(item.subject.type, f)

/** Who made it: their login, or "system". */
export const whoWord = (item: FeedItem, f: PlainFormat) => item.actor?.login || f.t('auditReport.system')

export const whenWord = (iso: string | Date, f: PlainFormat) => formatDateTime(new Date(iso), f.locale, f.timeZone)

/** The change's lines in plain words (one per field; a hidden medical change is one line with no content). */
export const linesOf = (item: FeedItem, f: PlainFormat): PlainLine[] => plainLines(item, f)

export const sentencesOf = (item: FeedItem, f: PlainFormat): string[] => linesOf(item, f).map((l) => lineSentence(l, f))

/** The CSV's columns, in order. */
export function csvHeader(f: PlainFormat): string[] {
  return (
    [
      'number',
      'when',
      'who',
      'area',
      'source',
      'what',
      'subject',
      'field',
      'before',
      'after',
      'kind',
      'markStatus',
      'markComment',
      'markAssignee',
    ] as const
  ).map((c) => f.t(`auditReport.csv.${c}`))
}

/** One CSV row per changed field (the change's columns repeated); a change with no field, one row. */
export function csvRows(item: FeedItem, f: PlainFormat): Array<Array<string | number>> {
  const common = [
    item.id,
    whenWord(item.at, f),
    whoWord(item, f),
    areaWord(item.area, f),
    sourceWord(item.source, f),
    whatWord(item, f),
    subjectWord(item, f),
  ]
  const mark = item.mark
    ? [markWord(item.mark.status, f), item.mark.comment ?? '', item.mark.assignee?.login ?? '']
    : ['', '', '']
  const lines = linesOf(item, f)
  if (!lines.length) return [[...common, '', '', '', '', ...mark]]
  return lines.map((l) => [...common, l.field, l.before ?? '', l.after ?? '', kindWord(l.kind, f), ...mark])
}

/**
 * Every change of the window and filter, oldest first, presented to this reader, in batches (the
 * trail read 500 rows at a time: a long window never sits in memory whole). Stops after `max`.
 */
export async function* trailBatches(
  db: Queryable,
  areas: AuditAreas,
  filter: FeedFilter,
  actor: Actor,
  locale: Locale,
  opts: { batch?: number; max?: number } = {},
): AsyncGenerator<FeedItem[]> {
  const batch = opts.batch ?? 500
  let left = opts.max ?? Number.POSITIVE_INFINITY
  let from: number | undefined
  while (left > 0) {
    const rows = await readTrail(db, areas, filter, { dir: 'asc', from }, Math.min(batch, left))
    if (!rows.length) return
    yield await presentItems(db, areas, rows, actor, locale)
    left -= rows.length
    from = rows[rows.length - 1].ts
    if (rows.length < Math.min(batch, left + rows.length)) return
  }
}
