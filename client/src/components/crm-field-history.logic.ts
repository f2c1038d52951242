import { formatDate } from '../../../domain/i18n/format'
import { formatDateTime } from '../common/dates'
import type { DocChange } from '../data/doc-history'
import type { FieldHistoryItem } from '../data/docs-authors'
import { currentLocale, t } from '../i18n/locale'

/** Words for a stored value the page knows better than the dialog (a teacher's name for an id); undefined: the plain words. */
export type ValueText = (value: unknown) => string | undefined

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/
const MAX = 120

const cut = (s: string) => (s.length > MAX ? s.slice(0, MAX) + '…' : s)

/** A stored value in plain words: dates and times in the branch's zone, yes/no, "(empty)". */
export function valueWords(value: unknown, zone: string, valueText?: ValueText): string {
  const known = valueText?.(value)
  if (known !== undefined) return known
  if (value === null || value === undefined || value === '') return t('fieldHistory.emptyValue')
  if (typeof value === 'boolean') return t(value ? 'fieldHistory.yes' : 'fieldHistory.no')
  if (typeof value === 'number') return String(value)
  if (typeof value === 'string') {
    if (ISO_DATE.test(value)) return formatDate(new Date(value + 'T12:00:00Z'), currentLocale(), 'UTC')
    if (ISO_DATE_TIME.test(value) && !Number.isNaN(Date.parse(value))) return formatDateTime(value, zone)
    return cut(value)
  }
  if (Array.isArray(value)) return cut(value.map((v) => valueWords(v, zone, valueText)).join(', '))
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>
    const name = o.name ?? o.text ?? o.title
    if (typeof name === 'string') return cut(name)
    return (
      cut(
        Object.values(o)
          .filter((v) => v !== null && v !== '' && typeof v !== 'object')
          .map(String)
          .join(', '),
      ) || t('fieldHistory.emptyValue')
    )
  }
  return t('fieldHistory.unknown')
}

/** One change of the field in plain words: "Stone → Fielding", "Set to …", "Cleared (was …)", "Wrote “…”". */
export function changeWords(c: DocChange, zone: string, valueText?: ValueText): string {
  const w = (v: unknown) => valueWords(v, zone, valueText)
  if (c.kind === 'insert') return t('fieldHistory.wrote', { text: cut(String(c.after ?? '')) })
  if (c.kind === 'remove') return t('fieldHistory.deletedText', { text: cut(String(c.before ?? '')) })
  const empty = (v: unknown) => v === null || v === undefined || v === ''
  if (empty(c.before) && !empty(c.after)) return t('fieldHistory.set', { after: w(c.after) })
  if (!empty(c.before) && empty(c.after)) return t('fieldHistory.cleared', { before: w(c.before) })
  return t('fieldHistory.changed', { before: w(c.before), after: w(c.after) })
}

export interface FieldHistoryRow {
  key: string
  at: string
  who: string
  changes: DocChange[]
}

const FOLD_MS = 2 * 60_000
/** One value replaced by another (a keystroke); a field set for the first time (registration) stays its own row. */
const oneUpdate = (i: FieldHistoryItem) => i.changes.length === 1 && i.changes[0].kind === 'update'

/**
 * Rows as shown, newest first: one person typing a short field (a change per keystroke) within two
 * minutes folds into one row, from the first value before to the last value after.
 */
export function foldFieldHistory(items: FieldHistoryItem[]): FieldHistoryRow[] {
  const rows: Array<FieldHistoryRow & { actorId: string | null; oldestAt: string; foldable: boolean }> = []
  for (const i of items) {
    const last = rows[rows.length - 1]
    if (
      last &&
      last.foldable &&
      oneUpdate(i) &&
      last.actorId === (i.actor?.id ?? null) &&
      last.changes[0].path === i.changes[0].path &&
      Date.parse(last.oldestAt) - Date.parse(i.at) <= FOLD_MS &&
      JSON.stringify(i.changes[0].after) === JSON.stringify(last.changes[0].before)
    ) {
      last.changes = [{ ...last.changes[0], before: i.changes[0].before }]
      last.oldestAt = i.at
      continue
    }
    rows.push({
      key: String(i.seq),
      at: i.at,
      oldestAt: i.at,
      who: i.actor ? i.actor.name || i.actor.login : t('fieldHistory.byNobody'),
      actorId: i.actor?.id ?? null,
      changes: i.changes,
      foldable: oneUpdate(i),
    })
  }
  return rows.map(({ key, at, who, changes }) => ({ key, at, who, changes }))
}
