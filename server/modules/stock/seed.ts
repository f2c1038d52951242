import { sql } from 'drizzle-orm'
import { queryRows, type Tx } from '../../../db/client'
import { stockDocuments, stockMovements } from '../../../db/schema/index'
import { seededRandom } from '../../../db/seeded-random'
import { addDays, localDateTime } from '../../../domain/docs/timetable-week'
import type { Locale } from '../../../domain/i18n/locales'
import type { ProductKind } from '../../../domain/stock/posting'
import type { SeedContext } from '../../contracts/seed'
import { runCommand, type CommandContext } from '../../http/command'
import type { Actor } from '../../../domain/roles'
import { centerSettingsOf } from '../center/index'
import { createProduct, createStore, createSupplier } from './commands/catalogue'
import { createStockDoc, lockBalances, postStockLines } from './commands/documents'
import { mailerOf } from './mail/transport'
import { openOrderReceipt, sendOrder } from './purchasing-send'

/**
 * The demo's stock (issue #18, "Demo"): a store per branch (and a shop at the first), three
 * suppliers with emails, a catalogue of textbooks, kits, goods for sale and the consumables the
 * activities' norms name (one product per norm, so a lesson marked done writes them off), four
 * months of receipts and a few write-offs dated in the past, and:
 * - one product just above its reorder point (the painting paper: the next painting lessons take
 *   it low, raising `stock_low` and a purchase request);
 * - one purchase order that went through the whole cycle today: a low posting asked for it, it was
 *   sent (no mail server in the demo: it waits in the outbox with its PDF) and half of it received.
 * Deterministic (a seeded random), quick (a few dozen documents); every row through the stock
 * commands as the storekeeper (the dated postings through a command of this step that writes the
 * movements at their day, as posting would have then).
 */

/** Prices in euro cents; each language's currency from them (AMD whole drams, RUB kopecks). */
type Item = [name: string, kind: ProductKind, unit: string, costCents: number, saleCents: number, supplier: 0 | 1 | 2]

const WORDS: Record<
  Locale,
  {
    store: string
    shop: string
    suppliers: Array<{ name: string; contact: string; phone: string; email: string }>
    items: Item[]
    reason: string
  }
> = {
  en: {
    store: 'Store',
    shop: 'Shop',
    suppliers: [
      { name: 'Buchhaus Lehrmittel', contact: 'Petra Vogel', phone: '+49 30 5550 1201', email: 'orders@buchhaus.example' },
      { name: 'Robokit GmbH', contact: 'Jonas Weber', phone: '+49 30 5550 3340', email: 'sales@robokit.example' },
      { name: 'Atelier Supplies', contact: 'Marie Klein', phone: '+49 30 5550 7781', email: 'shop@ateliersupplies.example' },
    ],
    items: [
      ['English for kids: Student’s book 1', 'textbook', 'pcs', 1400, 2200, 0],
      ['English for kids: Workbook 1', 'textbook', 'pcs', 700, 1200, 0],
      ['Chess primer', 'textbook', 'pcs', 900, 1500, 0],
      ['Piano method, book 1', 'textbook', 'pcs', 1200, 1900, 0],
      ['Robotics starter kit', 'kit', 'pcs', 6000, 9500, 1],
      ['Sensor pack', 'kit', 'pcs', 2500, 3900, 1],
      ['Watercolour set', 'kit', 'pcs', 800, 1400, 2],
      ['Club T-shirt', 'goods', 'pcs', 700, 1500, 2],
      ['Water bottle', 'goods', 'pcs', 300, 800, 2],
      ['Sketchbook A4', 'goods', 'pcs', 250, 600, 2],
      ['Swimming cap', 'goods', 'pcs', 300, 900, 2],
    ],
    reason: 'damaged',
  },
  ru: {
    store: 'Склад',
    shop: 'Магазин',
    suppliers: [
      { name: 'Учкнига', contact: 'Ольга Смирнова', phone: '+7 495 555-12-01', email: 'zakaz@uchkniga.example' },
      { name: 'Робокит', contact: 'Игорь Павлов', phone: '+7 495 555-33-40', email: 'sales@robokit.example' },
      { name: 'Мастерская красок', contact: 'Анна Кузнецова', phone: '+7 495 555-77-81', email: 'shop@kraski.example' },
    ],
    items: [
      ['Английский для детей: учебник 1', 'textbook', 'шт.', 1400, 2200, 0],
      ['Английский для детей: рабочая тетрадь 1', 'textbook', 'шт.', 700, 1200, 0],
      ['Шахматный букварь', 'textbook', 'шт.', 900, 1500, 0],
      ['Школа игры на фортепиано, ч. 1', 'textbook', 'шт.', 1200, 1900, 0],
      ['Набор «Робототехника. Старт»', 'kit', 'шт.', 6000, 9500, 1],
      ['Набор датчиков', 'kit', 'шт.', 2500, 3900, 1],
      ['Набор акварели', 'kit', 'шт.', 800, 1400, 2],
      ['Футболка клуба', 'goods', 'шт.', 700, 1500, 2],
      ['Бутылка для воды', 'goods', 'шт.', 300, 800, 2],
      ['Скетчбук A4', 'goods', 'шт.', 250, 600, 2],
      ['Шапочка для плавания', 'goods', 'шт.', 300, 900, 2],
    ],
    reason: 'damaged',
  },
  hy: {
    store: 'Պահեստ',
    shop: 'Խանութ',
    suppliers: [
      { name: 'Զանգակ գրատուն', contact: 'Անահիտ Սարգսյան', phone: '+374 10 555 120', email: 'orders@zangak.example' },
      { name: 'Ռոբոկիտ', contact: 'Արամ Պետրոսյան', phone: '+374 10 555 334', email: 'sales@robokit.example' },
      { name: 'Արվեստի պարագաներ', contact: 'Լիլիթ Հովհաննիսյան', phone: '+374 10 555 778', email: 'shop@artsupplies.example' },
    ],
    items: [
      ['Անգլերեն երեխաների համար․ դասագիրք 1', 'textbook', 'հատ', 1400, 2200, 0],
      ['Անգլերեն երեխաների համար․ աշխատանքային տետր 1', 'textbook', 'հատ', 700, 1200, 0],
      ['Շախմատի այբբենարան', 'textbook', 'հատ', 900, 1500, 0],
      ['Դաշնամուրի դասընթաց, գիրք 1', 'textbook', 'հատ', 1200, 1900, 0],
      ['Ռոբոտաշինության սկզբնական հավաքածու', 'kit', 'հատ', 6000, 9500, 1],
      ['Սենսորների հավաքածու', 'kit', 'հատ', 2500, 3900, 1],
      ['Ջրաներկի հավաքածու', 'kit', 'հատ', 800, 1400, 2],
      ['Ակումբի շապիկ', 'goods', 'հատ', 700, 1500, 2],
      ['Ջրի շիշ', 'goods', 'հատ', 300, 800, 2],
      ['Էսքիզների ալբոմ A4', 'goods', 'հատ', 250, 600, 2],
      ['Լողի գլխարկ', 'goods', 'հատ', 300, 900, 2],
    ],
    reason: 'damaged',
  },
}

/** Euro cents → the center's currency's minor units, rounded as a shop would price. */
function priceIn(locale: Locale, cents: number): number {
  if (locale === 'hy') return Math.max(10, Math.round((cents * 4.2) / 10) * 10) // drams, to 10 ֏
  if (locale === 'ru') return Math.max(100, Math.round(cents) * 100) // kopecks, whole roubles
  return cents
}

/** Which supplier sells a consumable: batteries from the robotics one, the rest from the art shop. */
const consumableSupplier = (item: string): 1 | 2 => (/batter|батар|մարտկոց/iu.test(item) ? 1 : 2)

/** A consumable's price in euro cents by what it is measured in. */
const consumableCost = (unit: string): number => (/^(l|л|լ)$/u.test(unit) ? 900 : 20)

interface Line {
  productId: string
  quantity: number
  unitCost: number
}

/**
 * Posts a document at a past moment: a command like posting (its audit row `stock.docs.post`, the
 * balances locked in order), whose movements and posting carry the day they happened.
 */
function postDated(
  ctx: CommandContext,
  actor: Actor,
  input: { kind: 'receipt' | 'write_off'; storeId: string; supplierId?: string; at: Date },
  lines: readonly Line[],
) {
  return runCommand(ctx, 'stock.docs.post', async (tx) => {
    const [doc] = await tx
      .insert(stockDocuments)
      .values({
        kind: input.kind,
        storeId: input.storeId,
        supplierId: input.supplierId ?? null,
        status: 'posted',
        postedBy: actor.id,
        postedAt: input.at,
        createdAt: input.at,
        createdBy: actor.id,
      })
      .returning()
    await lockBalances(
      tx,
      lines.map((l) => [l.productId, input.storeId] as const),
    )
    const sign = input.kind === 'write_off' ? -1 : 1
    const movements = lines.map((l, i) => ({
      productId: l.productId,
      storeId: input.storeId,
      quantity: sign * l.quantity,
      unitCost: l.unitCost,
      documentId: doc.id,
      lineKey: `l${i + 1}`,
      at: input.at,
      authorId: actor.id,
    }))
    await tx.insert(stockMovements).values(movements)
    return {
      result: doc.id,
      entity: 'stock_doc',
      entityId: doc.id,
      before: { status: 'draft' },
      after: { status: 'posted', kind: input.kind, storeId: input.storeId, movements },
    }
  })
}

/**
 * The whole units of a consumable the branch's past lessons will have used by their norms once the
 * staff step marks them done (`ctx.extra.pastLessons`, the timetable's; the stock's step of "done"
 * writes them off): their group lessons still planned then, with a teacher.
 */
async function pastUse(tx: Tx, ctx: SeedContext, branchId: string, item: string): Promise<number> {
  const past = ctx.extra.pastLessons as { from: string; to: string } | undefined
  if (!past || !item) return 0
  const [row] = await queryRows<{ used: string | null }>(
    tx,
    sql`select sum((c->>'quantity')::numeric)::text as used
          from lessons l join branches b on b.id = l.branch_id join activities a on a.id = l.activity_id,
               jsonb_array_elements(coalesce(a.consumables, '[]'::jsonb)) c
         where l.branch_id = ${branchId} and l.group_id is not null and l.teacher_id is not null and not l.deleted
           and l.valid and l.status = 'planned' and lower(c->>'item') = lower(${item})
           and (l.starts_at at time zone b.timezone)::date between ${past.from}::date and ${past.to}::date`,
  )
  return Math.floor(Number(row?.used ?? 0))
}

export async function seedStock(tx: Tx, ctx: SeedContext): Promise<void> {
  const words = WORDS[ctx.locale]
  const keeperLogin = ctx.staff.storekeeper ?? 'storekeeper'
  if (!ctx.actors[keeperLogin]) return
  // the storekeeper keeps the first branch; the manager the others (the storekeeper works in one)
  const keeper = ctx.as(keeperLogin)
  const manager = ctx.as(ctx.staff.manager ?? 'manager')
  const rand = seededRandom(18)
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1))
  const branches = await queryRows<{ id: string; tz: string }>(
    tx,
    sql`select id, timezone as tz from branches order by created_at, name`,
  )
  if (!branches.length) return
  const tz = branches[0].tz
  const today = localDateTime(tz, new Date()).date
  /** A past day at a plausible hour (10:00–17:59 UTC), as a moment. */
  const at = (daysAgo: number) =>
    new Date(`${addDays(today, -daysAgo)}T${String(int(7, 14)).padStart(2, '0')}:${String(int(0, 59)).padStart(2, '0')}:00Z`)
  const priceFrom = addDays(today, -150)

  const suppliers: string[] = []
  for (const s of words.suppliers) suppliers.push((await createSupplier(keeper.ctx, keeper.actor, s)).id)

  // a store per branch; the first branch also has a shop (the store, made first, is where lessons' consumables come from)
  const storesOf: Array<{ id: string; branchId: string; who: typeof keeper; shop: boolean }> = []
  for (const [i, b] of branches.entries()) {
    const who = i === 0 ? keeper : manager
    storesOf.push({
      ...(await createStore(who.ctx, who.actor, { branchId: b.id, name: words.store })),
      branchId: b.id,
      who,
      shop: false,
    })
  }
  const shop = {
    ...(await createStore(keeper.ctx, keeper.actor, { branchId: branches[0].id, name: words.shop })),
    branchId: branches[0].id,
    who: keeper,
    shop: true,
  }
  // made after the store (the same transaction gives both the same moment): the store stays the branch's first
  await tx.execute(sql`update stores set created_at = created_at + interval '1 second' where id = ${shop.id}`)
  storesOf.push(shop)

  let sku = 0
  const nextSku = (prefix: string) => `${prefix}-${String(++sku).padStart(3, '0')}`
  type Made = { id: string; kind: ProductKind; cost: number; supplier: number; point: number; quantity: number; item?: string }
  const made: Made[] = []
  for (const [name, kind, unit, costCents, saleCents, supplier] of words.items) {
    const point = kind === 'goods' ? 5 : 3
    const quantity = kind === 'goods' ? 30 : kind === 'kit' ? 6 : 10
    const p = await createProduct(keeper.ctx, keeper.actor, {
      name,
      kind,
      sku: nextSku(kind === 'textbook' ? 'TB' : kind === 'kit' ? 'KIT' : 'GD'),
      barcode: `4006381${String(333000 + sku).padStart(6, '0')}`,
      unit,
      reorderPoint: point,
      reorderQuantity: quantity,
      preferredSupplierId: suppliers[supplier],
      salePrice: priceIn(ctx.locale, saleCents),
      cost: priceIn(ctx.locale, costCents),
      priceFrom,
    })
    made.push({ id: p.id, kind, cost: priceIn(ctx.locale, costCents), supplier, point, quantity })
  }
  // the consumables the activities' norms name: one product per item, tied to its activity
  const norms = await queryRows<{ activity_id: string; item: string; unit: string }>(
    tx,
    sql`select distinct on (lower(c->>'item')) a.id as activity_id, c->>'item' as item, coalesce(c->>'unit', '') as unit
          from activities a, jsonb_array_elements(coalesce(a.consumables, '[]'::jsonb)) c
         where a.active and c->>'item' is not null
         order by lower(c->>'item'), a.created_at`,
  )
  const consumables: Made[] = []
  for (const n of norms) {
    const cents = consumableCost(n.unit)
    const supplier = consumableSupplier(n.item)
    // sheets of paper come in hundreds: a higher reorder point
    const sheets = /sheet|лист|թերթ/iu.test(n.unit)
    const point = sheets ? 40 : 10
    const quantity = sheets ? 200 : 50
    const p = await createProduct(keeper.ctx, keeper.actor, {
      name: n.item,
      kind: 'consumable',
      sku: nextSku('CON'),
      unit: n.unit || 'pcs',
      reorderPoint: point,
      reorderQuantity: quantity,
      preferredSupplierId: suppliers[supplier],
      activityId: n.activity_id,
      salePrice: priceIn(ctx.locale, Math.round(cents * 1.5)),
      cost: priceIn(ctx.locale, cents),
      priceFrom,
    })
    consumables.push({ id: p.id, kind: 'consumable', cost: priceIn(ctx.locale, cents), supplier, point, quantity, item: n.item })
  }

  // four months of receipts and a few write-offs, per store, dated in the past
  const onHand = new Map<string, number>()
  const add = (p: string, s: string, q: number) => onHand.set(`${p}@${s}`, (onHand.get(`${p}@${s}`) ?? 0) + q)
  for (const store of storesOf) {
    const here = store.shop
      ? made.filter((m) => m.kind === 'goods')
      : [...made.filter((m) => m.kind !== 'goods' || store.branchId !== branches[0].id), ...consumables]
    for (const daysAgo of [120, 85, 50, 20]) {
      for (let s = 0; s < suppliers.length; s++) {
        const mine = here.filter((m) => m.supplier === s)
        if (!mine.length) continue
        const lines = mine.map((m) => ({
          productId: m.id,
          quantity: Math.max(1, Math.round((m.quantity * int(6, 10)) / 10)),
          unitCost: m.cost,
        }))
        await postDated(
          store.who.ctx,
          store.who.actor,
          { kind: 'receipt', storeId: store.id, supplierId: suppliers[s], at: at(daysAgo + s) },
          lines,
        )
        for (const l of lines) add(l.productId, store.id, l.quantity)
      }
      // now and then something is damaged, lost or used up
      const broken = here[int(0, here.length - 1)]
      const left = onHand.get(`${broken.id}@${store.id}`) ?? 0
      if (left > broken.point + 3) {
        const q = int(1, 2)
        await postDated(store.who.ctx, store.who.actor, { kind: 'write_off', storeId: store.id, at: at(daysAgo - 5) }, [
          { productId: broken.id, quantity: q, unitCost: broken.cost },
        ])
        add(broken.id, store.id, -q)
      }
    }
  }

  // one product just above its reorder point: the first branch's painting paper (sheets), two above
  // once the past lessons are done (the staff step marks them: the norms' sheets are written off then)
  const paper = consumables.find((c) => c.point === 40)
  const firstStore = storesOf[0]
  if (paper) {
    const left = onHand.get(`${paper.id}@${firstStore.id}`) ?? 0
    const toUse = await pastUse(tx, ctx, firstStore.branchId, paper.item ?? '')
    const down = left - (paper.point + 2 + toUse)
    if (down > 0)
      await postDated(keeper.ctx, keeper.actor, { kind: 'write_off', storeId: firstStore.id, at: at(2) }, [
        { productId: paper.id, quantity: down, unitCost: paper.cost },
      ])
  }

  // an order through its whole cycle today: a write-off takes the sensor packs low (a request on the
  // robotics supplier's draft order), the order is sent (into the outbox: no mail server in the demo),
  // and half of it has come in, which takes the stock back above its point
  const sensors = made[5]
  if (sensors) {
    const left = onHand.get(`${sensors.id}@${firstStore.id}`) ?? 0
    if (left > sensors.point) {
      const doc = await createStockDoc(
        keeper.ctx,
        keeper.actor,
        { kind: 'write_off', storeId: firstStore.id },
        firstStore.branchId,
      )
      await postStockLines(
        keeper.ctx,
        keeper.actor,
        doc.id,
        [{ key: 'l1', productId: sensors.id, quantity: left - sensors.point }],
        today,
      )
      const [order] = await queryRows<{ id: string }>(
        tx,
        sql`select order_id as id from purchase_requests where product_id = ${sensors.id} and status = 'open' limit 1`,
      )
      if (order?.id) {
        const center = await centerSettingsOf(tx)
        await sendOrder(
          keeper.ctx,
          keeper.actor,
          order.id,
          { locale: center.defaultLocale, currency: center.currency },
          mailerOf({}),
        )
        const receipt = await openOrderReceipt(keeper.ctx, keeper.actor, order.id, { storeId: firstStore.id, day: today })
        const half = receipt.lines.map((l, i) => ({
          key: `l${i + 1}`,
          productId: l.productId,
          quantity: Math.ceil(l.quantity / 2),
          unitCost: l.unitCost,
        }))
        await postStockLines(keeper.ctx, keeper.actor, receipt.doc.id, half, today)
      }
    }
  }
}
