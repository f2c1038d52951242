import { sql } from 'drizzle-orm'
import { queryRows, type Queryable } from '../../../db/client'
import { addDays, localDateTime, zonedDateTime } from '../../../domain/docs/timetable-week'
import { formatDateTime, formatDay, formatMoney, formatNumber, type Currency } from '../../../domain/i18n/format'
import type { Locale } from '../../../domain/i18n/locales'
import { translatorFor } from '../../../domain/i18n/translator'
import { renderTablePdf } from '../../pdf/table'

/**
 * A branch's stock over a period, for the month's document package (issue #20): every movement of
 * the ledger in its stores, and each inventory count posted, with its differences and their value.
 * Read in one query each, in the order of the ledger.
 */

export interface PeriodMovement {
  id: number
  at: Date
  documentId: string
  kind: string
  reversal: boolean
  store: string
  product: string
  sku: string
  unit: string
  quantity: number
  unitCost: number
}

export interface InventoryResult {
  documentId: string
  store: string
  postedAt: Date
  postedBy: string | null
  lines: Array<{ product: string; sku: string; unit: string; difference: number; unitCost: number }>
  /** Σ difference × unit cost (minor units). */
  value: number
}

/** The instants a branch's local days [from, to] span. */
function span(from: string, to: string, timeZone: string) {
  return { start: zonedDateTime(from, '00:00', timeZone), end: zonedDateTime(addDays(to, 1), '00:00', timeZone) }
}

/** The ledger's movements in a branch's stores during its local days [from, to], oldest first. */
export async function stockMovementsOfPeriod(
  db: Queryable,
  branchId: string,
  from: string,
  to: string,
  timeZone: string,
): Promise<PeriodMovement[]> {
  const { start, end } = span(from, to, timeZone)
  const rows = await queryRows<{
    id: string
    at: Date | string
    document_id: string
    kind: string
    reverses: string | null
    store: string
    product: string
    sku: string
    unit: string
    quantity: number
    unit_cost: string
  }>(
    db,
    sql`select m.id, m.at, m.document_id, d.kind, d.reverses, s.name as store, p.name as product, p.sku, p.unit, m.quantity, m.unit_cost
        from stock_movements m
        join stores s on s.id = m.store_id
        join stock_documents d on d.id = m.document_id
        join products p on p.id = m.product_id
        where s.branch_id = ${branchId}::uuid and m.at >= ${start}::timestamptz and m.at < ${end}::timestamptz
        order by m.at, m.id`,
  )
  return rows.map((r) => ({
    id: Number(r.id),
    at: new Date(r.at),
    documentId: r.document_id,
    kind: r.kind,
    reversal: r.reverses !== null,
    store: r.store,
    product: r.product,
    sku: r.sku,
    unit: r.unit,
    quantity: Number(r.quantity),
    unitCost: Number(r.unit_cost),
  }))
}

/** The inventory counts posted in a branch's stores during its local days [from, to], with their differences. */
export async function inventoryResultsOfPeriod(
  db: Queryable,
  branchId: string,
  from: string,
  to: string,
  timeZone: string,
): Promise<InventoryResult[]> {
  const { start, end } = span(from, to, timeZone)
  const rows = await queryRows<{
    document_id: string
    store: string
    posted_at: Date | string
    posted_by: string | null
    product: string | null
    sku: string | null
    unit: string | null
    quantity: number | null
    unit_cost: string | null
  }>(
    db,
    sql`select d.id as document_id, s.name as store, d.posted_at, u.name as posted_by, p.name as product, p.sku, p.unit, m.quantity, m.unit_cost
        from stock_documents d
        join stores s on s.id = d.store_id
        left join users u on u.id = d.posted_by
        left join stock_movements m on m.document_id = d.id
        left join products p on p.id = m.product_id
        where s.branch_id = ${branchId}::uuid and d.kind = 'count' and d.status = 'posted' and d.reverses is null
          and d.posted_at >= ${start}::timestamptz and d.posted_at < ${end}::timestamptz
        order by d.posted_at, d.id, p.name, m.id`,
  )
  const out = new Map<string, InventoryResult>()
  for (const r of rows) {
    let c = out.get(r.document_id)
    if (!c)
      out.set(
        r.document_id,
        (c = {
          documentId: r.document_id,
          store: r.store,
          postedAt: new Date(r.posted_at),
          postedBy: r.posted_by,
          lines: [],
          value: 0,
        }),
      )
    if (r.product === null || r.quantity === null) continue
    const line = {
      product: r.product,
      sku: r.sku ?? '',
      unit: r.unit ?? '',
      difference: Number(r.quantity),
      unitCost: Number(r.unit_cost),
    }
    c.lines.push(line)
    c.value += line.difference * line.unitCost
  }
  return [...out.values()]
}

const kindWord = (t: ReturnType<typeof translatorFor>['t'], kind: string) => t(`stock.kind.${kind as 'receipt'}`)

/** The period's stock movements as PDF in the reader's language: when, document, store, product, ± quantity, unit cost and value. */
export function stockMovementsPdf(
  rows: readonly PeriodMovement[],
  head: { branch: string; from: string; to: string; timeZone: string; currency: Currency },
  locale: Locale,
): Promise<Buffer> {
  const { t } = translatorFor(locale)
  const money = (n: number) => formatMoney(n, head.currency, locale)
  const signed = (n: number) => (n > 0 ? `+${formatNumber(n, locale)}` : formatNumber(n, locale))
  const inQty = rows.reduce((n, r) => n + Math.max(0, r.quantity), 0)
  const outQty = rows.reduce((n, r) => n + Math.min(0, r.quantity), 0)
  const value = rows.reduce((n, r) => n + r.quantity * r.unitCost, 0)
  return renderTablePdf(locale, {
    title: t('docPackage.stock.movementsTitle'),
    lines: [head.branch, t('docPackage.period', { from: formatDay(head.from, locale), to: formatDay(head.to, locale) })],
    columns: [
      { label: t('docPackage.col.when'), weight: 1.5 },
      { label: t('docPackage.col.document'), weight: 1.6 },
      { label: t('docPackage.stock.store'), weight: 1.3 },
      { label: t('docPackage.stock.product'), weight: 2.2 },
      { label: t('docPackage.stock.quantity'), align: 'right', weight: 0.8 },
      { label: t('docPackage.stock.unitCost'), align: 'right' },
      { label: t('docPackage.stock.value'), align: 'right' },
    ],
    rows: rows.map((r) => [
      formatDateTime(r.at, locale, head.timeZone),
      r.reversal ? t('docPackage.stock.reversal', { kind: kindWord(t, r.kind) }) : kindWord(t, r.kind),
      r.store,
      `${r.product} (${r.sku})`,
      signed(r.quantity),
      money(r.unitCost),
      money(r.quantity * r.unitCost),
    ]),
    totals: [t('passes.pdf.total'), '', '', '', signed(inQty + outQty), '', money(value)],
    empty: t('docPackage.stock.noMovements'),
    summary: [
      [t('docPackage.stock.in'), signed(inQty)],
      [t('docPackage.stock.out'), signed(outQty)],
    ],
  })
}

/** An inventory count's result as PDF in the reader's language: the store, when and by whom, each difference and its value. */
export function inventoryResultPdf(
  c: InventoryResult,
  head: { branch: string; timeZone: string; currency: Currency },
  locale: Locale,
): Promise<Buffer> {
  const { t } = translatorFor(locale)
  const money = (n: number) => formatMoney(n, head.currency, locale)
  const signed = (n: number) => (n > 0 ? `+${formatNumber(n, locale)}` : formatNumber(n, locale))
  return renderTablePdf(locale, {
    title: t('docPackage.stock.countTitle', {
      store: c.store,
      day: formatDay(localDateTime(head.timeZone, c.postedAt).date, locale),
    }),
    lines: [
      head.branch,
      t('docPackage.stock.countPosted', { at: formatDateTime(c.postedAt, locale, head.timeZone), who: c.postedBy ?? '' }),
    ],
    columns: [
      { label: t('docPackage.stock.product'), weight: 3 },
      { label: t('docPackage.stock.difference'), align: 'right' },
      { label: t('docPackage.stock.unitCost'), align: 'right' },
      { label: t('docPackage.stock.value'), align: 'right' },
    ],
    rows: c.lines.map((l) => [
      `${l.product} (${l.sku})`,
      signed(l.difference),
      money(l.unitCost),
      money(l.difference * l.unitCost),
    ]),
    totals: [t('passes.pdf.total'), signed(c.lines.reduce((n, l) => n + l.difference, 0)), '', money(c.value)],
    empty: t('docPackage.stock.noDifferences'),
  })
}
