import { api, withQuery } from './api'
import type { OpenAlert } from './alerts'
import type { LiveEvent, LiveEvents } from './live-events'
import { newLessonId } from './timetable'

/**
 * Passes and payments (issue #15, server/modules/passes): plans, sales, payments (idempotent),
 * refunds, freezes, check-ins, a client's account, the cash desk, debtors and the tax report.
 * The only code of the area that fetches. Amounts are integers in the center currency's minor
 * unit (domain/money.ts), dates `YYYY-MM-DD` in the branch's time zone.
 */

export type PaymentMethod = 'cash' | 'card' | 'transfer'
export const PAYMENT_METHODS: readonly PaymentMethod[] = ['cash', 'card', 'transfer']

export interface TaxRate {
  id: string
  name: string
  /** Basis points: 20 % = 2000. */
  rateBp: number
  mode: 'included' | 'added' | 'exempt'
  archived?: boolean
}

export interface PlanPrice {
  from: string
  price: number
}

export interface PassPlan {
  id: string
  name: string
  activityIds: string[]
  /** null: unlimited within its validity. */
  sessions: number | null
  validDays: number | null
  validUntil?: string | null
  /** The price effective today (null before its first price). */
  price: number | null
  taxRateId: string | null
  taxRate?: TaxRate | null
  prices?: PlanPrice[]
  burnsUnexcused?: boolean
  freezeMaxDays?: number
  freezeMaxTimes?: number
  siblingDiscountBp?: number
  multiActivityDiscountBp?: number
  branchId?: string | null
  archived?: boolean
}

export interface PlanInput {
  name: string
  activityIds: string[]
  sessions: number | null
  validDays: number
  price: number
  taxRateId?: string
  burnsUnexcused?: boolean
  freezeMaxDays?: number
  freezeMaxTimes?: number
  siblingDiscountBp?: number
  multiActivityDiscountBp?: number
}

/** A pass as the account and the pass lists give it. */
export interface Pass {
  id: string
  clientId?: string
  planId?: string
  /** The plan's name as sold. */
  name?: string
  planName?: string
  activityIds?: string[]
  sessionsTotal?: number | null
  sessionsUsed?: number
  /** null: unlimited. */
  sessionsLeft: number | null
  startsOn?: string
  validUntil: string
  /** active | frozen | used_up | expired | ended (the server's word). */
  status: string
  invoiceId?: string | null
  branchId?: string
  frozen?: boolean
  /** The open flag, when the server says it (pass_running_out | pass_used_up | pass_expired). */
  alert?: string | null
  /** Its colour as the server sees it now (from the open flag). */
  colour?: 'red' | 'amber' | null
  frozenUntil?: string | null
}

export interface InvoiceSummary {
  id: string
  /** As printed: `CEN-2026-000123`. */
  number: number | string
  seq?: number
  year?: number
  total: number
  paid: number
  due: number
  net?: number
  tax?: number
  discount?: number
  issuedOn?: string
  dueOn?: string
  cancelled?: boolean
  cancelledAt?: string | null
  status?: string
  payerName?: string | null
  description?: string
  lines?: Array<{ passId?: string | null; description: string; net: number; tax: number; gross: number; discount?: number; discountReason?: string | null }>
  payments?: Payment[]
  refunds?: Refund[]
}

export interface Payment {
  id: string
  invoiceId: string
  amount: number
  credit?: number
  method: string
  at: string
  day?: string
  by?: string | null
  byName?: string | null
}

export interface Refund {
  id: string
  invoiceId: string
  passId?: string | null
  amount: number
  sessions?: number | null
  method: string
  at: string
}

export interface AccountVisit {
  id: string | number
  on: string
  at?: string
  passId: string | null
  owed: boolean
  source: string
  sign?: number
  lessonId?: string | null
  activityId?: string | null
  activity?: string | null
  planName?: string | null
}

/** GET /api/clients/{id}/account */
export interface Account {
  debt: number
  credit?: number
  /** The family's debt (a child's, shown on the paying guardian too), and each member's. */
  familyDebt?: number | null
  family?: Array<{ clientId: string; name: string; debt: number }>
  payer?: { name: string; phone?: string | null; debt?: number } | null
  invoices: InvoiceSummary[]
  passes: Pass[]
  payments: Payment[]
  refunds: Refund[]
  visits: AccountVisit[]
  makeUpCredits: MakeUpCredit[]
}

/** An open make-up credit (from a lesson cancelled offering make-up; usable once, same activity, another group). */
export interface MakeUpCredit {
  id: number
  activityId?: string | null
  activity?: string | null
  fromLessonId?: string | null
  /** The cancelled lesson it came from: `on` (YYYY-MM-DD) and `time` (HH:MM) in its branch's `timezone`. */
  fromLesson?: {
    id: string
    branchId: string | null
    timezone: string | null
    startsAt: string | null
    on: string | null
    time: string | null
    groupId: string | null
    group: string | null
  } | null
  createdAt?: string
}

/** A client who may come to a lesson with a make-up credit, and those credits (GET /api/lessons/{id}/make-up-candidates). */
export interface MakeUpCandidate {
  clientId: string
  name: string
  credits: MakeUpCredit[]
}

export interface SaleResult {
  pass: Pass
  invoice: InvoiceSummary
}

export interface PaymentResult {
  payment: Payment
  invoice: InvoiceSummary
}

export interface CheckInResult {
  visit: { id: string | number; passId: string | null; owed: boolean; lessonId?: string | null; source?: string }
  attendance?: string | null
  pass?: Pass | null
}

// ——— reading what the server sent (tolerant of fields it adds or leaves out) ———

const arr = <T>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : [])
const numOr = (v: unknown, d: number): number => (typeof v === 'number' && Number.isFinite(v) ? v : d)

/** A pass with `sessionsLeft` and `name` filled in from what the server sent. */
export function normalisePass(p: Pass & Record<string, unknown>): Pass {
  const total = p.sessionsTotal ?? (typeof p.sessions === 'number' ? p.sessions : null)
  const left =
    p.sessionsLeft !== undefined ? p.sessionsLeft : total === null || total === undefined ? null : total - numOr(p.sessionsUsed, 0)
  const plan = p.plan as { name?: string } | undefined
  return { ...p, sessionsLeft: left, name: p.name ?? p.planName ?? plan?.name ?? '' }
}

/** An invoice with paid and due filled in. */
export function normaliseInvoice(i: InvoiceSummary & Record<string, unknown>): InvoiceSummary {
  const paid = numOr(i.paid, 0) - numOr(i.refunded, 0)
  const discount = i.discount ?? (Array.isArray(i.lines) ? i.lines.reduce((a, l) => a + numOr(l.discount, 0), 0) : undefined)
  return {
    ...i,
    paid,
    discount,
    due: numOr(i.due, Math.max(0, numOr(i.total, 0) - paid)),
    cancelled: i.cancelled ?? (!!i.cancelledAt || i.status === 'cancelled'),
  }
}

const byTimeDesc = (a: { at?: string | null }, b: { at?: string | null }) => ((a.at ?? '') < (b.at ?? '') ? 1 : (a.at ?? '') > (b.at ?? '') ? -1 : 0)

/**
 * The account as GET /api/clients/{id}/account sends it: payments and refunds come inside their
 * invoices (flattened here, newest first); a pass is named by its invoice line when the passes
 * list (with names and flags) is not at hand.
 */
export function normaliseAccount(r: Record<string, unknown>, passViews?: Pass[] | null): Account {
  const invoices = arr<InvoiceSummary & Record<string, unknown>>(r.invoices).map(normaliseInvoice)
  const lineName = new Map(invoices.flatMap((i) => (i.lines ?? []).filter((l) => l.passId).map((l) => [l.passId as string, l.description])))
  const family = r.familyDebt && typeof r.familyDebt === 'object' ? (r.familyDebt as { total?: unknown; members?: unknown }) : null
  const passes = (passViews ?? arr<Pass & Record<string, unknown>>(r.passes).map(normalisePass)).map((p) => ({
    ...p,
    name: p.name || lineName.get(p.id) || '',
  }))
  return {
    debt: numOr(r.debt, 0),
    credit: numOr(r.credit, 0),
    familyDebt: typeof r.familyDebt === 'number' ? r.familyDebt : family ? numOr(family.total, 0) : null,
    family: family ? arr<{ clientId: string; name: string; debt: number }>(family.members) : [],
    payer: (r.payer as Account['payer']) ?? null,
    invoices,
    passes,
    payments: [...arr<Payment>(r.payments), ...invoices.flatMap((i) => i.payments ?? [])].sort(byTimeDesc),
    refunds: [...arr<Refund>(r.refunds), ...invoices.flatMap((i) => i.refunds ?? [])].sort(byTimeDesc),
    visits: arr<AccountVisit>(r.visits),
    makeUpCredits: arr<MakeUpCredit>(r.makeUpCredits),
  }
}

const enc = encodeURIComponent

// ——— plans and tax rates ———

export const fetchPlans = (opts: { archived?: boolean; branchId?: string } = {}) =>
  api<{ items: PassPlan[] }>('GET', withQuery('/api/pass-plans', { archived: opts.archived ? 'true' : undefined, branchId: opts.branchId })).then(
    (r) => r.items,
  )
export const createPlan = (input: PlanInput) => api<{ plan: PassPlan }>('POST', '/api/pass-plans', input).then((r) => r.plan)
/** A new price from a day on (past sales keep theirs). */
export const changePlanPrice = (id: string, input: { price: number; from: string }) =>
  api<unknown>('POST', `/api/pass-plans/${enc(id)}/prices`, input)
export const archivePlan = (id: string) => api<{ plan: PassPlan }>('PATCH', `/api/pass-plans/${enc(id)}`, { archived: true }).then((r) => r.plan)
export const fetchTaxRates = () => api<{ items: TaxRate[] }>('GET', '/api/tax-rates').then((r) => r.items)
export const createTaxRate = (input: { name: string; rateBp: number; mode: TaxRate['mode'] }) =>
  api<{ taxRate: TaxRate }>('POST', '/api/tax-rates', input).then((r) => r.taxRate)

// ——— a client's passes and account ———

export const fetchClientPasses = (clientId: string) =>
  api<{ items?: Pass[]; passes?: Pass[] }>('GET', `/api/clients/${enc(clientId)}/passes`).then((r) =>
    arr<Pass & Record<string, unknown>>(r.items ?? r.passes).map(normalisePass),
  )
/** The account, with the passes as the passes list gives them (names, flags, frozen) when it answers. */
/** A client's passes, one request for all the roster rows asking at once (kept 3 s unless `fresh`). */
const sharedPasses = new Map<string, { at: number; p: Promise<Pass[]> }>()
export function fetchClientPassesShared(clientId: string, fresh = false): Promise<Pass[]> {
  const hit = sharedPasses.get(clientId)
  if (hit && !fresh && Date.now() - hit.at < 3000) return hit.p
  const p = fetchClientPasses(clientId)
  sharedPasses.set(clientId, { at: Date.now(), p })
  p.catch(() => sharedPasses.delete(clientId))
  if (sharedPasses.size > 500) sharedPasses.delete(sharedPasses.keys().next().value as string)
  return p
}

export const fetchAccount = async (clientId: string): Promise<Account> => {
  const [account, passes] = await Promise.all([
    api<Record<string, unknown>>('GET', `/api/clients/${enc(clientId)}/account`),
    fetchClientPasses(clientId).catch(() => null),
  ])
  return normaliseAccount(account, passes)
}

export const sellPass = (clientId: string, input: { planId: string; startsOn?: string }) =>
  api<{ pass: Pass & Record<string, unknown>; invoice: InvoiceSummary & Record<string, unknown> }>(
    'POST',
    `/api/clients/${enc(clientId)}/passes`,
    input,
  ).then((r): SaleResult => ({ pass: normalisePass(r.pass), invoice: normaliseInvoice(r.invoice) }))

export const freezePass = (id: string, input: { from: string; days: number; reason?: string }) =>
  api<{ pass: Pass }>('POST', `/api/passes/${enc(id)}/freeze`, input)
export const resumePass = (id: string) => api<{ pass: Pass }>('POST', `/api/passes/${enc(id)}/resume`, {})

/** The invoice as PDF, in the reader's language. */
export const invoicePdfUrl = (invoiceId: string) => `/api/invoices/${enc(invoiceId)}.pdf`
export const receiptPdfUrl = (paymentId: string) => `/api/payments/${enc(paymentId)}/receipt.pdf`

// ——— payments: one key per attempt, the same key on a retry or a double click ———

export interface PaymentInput {
  invoiceId: string
  amount: number
  method: PaymentMethod
  /** The part above what is due is kept as the client's credit (only when chosen explicitly). */
  overpay?: boolean
}

export const postPayment = (input: PaymentInput & { idempotencyKey: string }) =>
  api<{ payment: Payment; invoice: InvoiceSummary & Record<string, unknown> }>('POST', '/api/payments', input).then(
    (r): PaymentResult => ({ payment: r.payment, invoice: normaliseInvoice(r.invoice) }),
  )

/** A fresh idempotency key (a UUID; random bytes where randomUUID needs a secure context). */
export const newIdempotencyKey = (): string => newLessonId()

/**
 * One payment attempt (a payment dialog holds one): the first `pay` makes a key; a second click
 * while the first is under way gets the same answer; a retry after a failure (the network dropped,
 * the server did not answer) sends the same key, so the server charges at most once. Changing the
 * amount, method or invoice makes it another payment, with a new key.
 * @example const attempt = new PaymentAttempt(); await attempt.pay({ invoiceId, amount: 5000, method: 'cash' })
 */
export class PaymentAttempt<I extends object = PaymentInput, R = PaymentResult> {
  private key: string | null = null
  private sig: string | null = null
  private inflight: Promise<R> | null = null

  constructor(
    private readonly send: (input: I & { idempotencyKey: string }) => Promise<R> = postPayment as unknown as (
      input: I & { idempotencyKey: string },
    ) => Promise<R>,
    private readonly makeKey: () => string = newIdempotencyKey,
  ) {}

  /** The key the next `pay` of the same input sends. */
  get currentKey(): string | null {
    return this.key
  }

  pay(input: I): Promise<R> {
    const sig = JSON.stringify(input)
    if (this.inflight && sig === this.sig) return this.inflight
    if (this.key === null || sig !== this.sig) {
      this.key = this.makeKey()
      this.sig = sig
    }
    const p = this.send({ ...input, idempotencyKey: this.key }).finally(() => {
      if (this.inflight === p) this.inflight = null
    })
    this.inflight = p
    return p
  }
}

// ——— refunds ———

export interface RefundInput {
  /** The invoice, or the pass (one of them). */
  invoiceId?: string
  passId?: string
  /** Pro rata to the pass's unused sessions, or an amount. */
  mode: 'unused' | 'amount'
  amount?: number
  method: PaymentMethod
  reason?: string
}

export const postRefund = (input: RefundInput & { idempotencyKey: string }) =>
  api<{ refund: Refund; invoice?: InvoiceSummary }>('POST', '/api/refunds', input)

// ——— check-in ———

export interface CheckInInput {
  clientId: string
  lessonId?: string
  /** Overrides the automatic choice. */
  passId?: string
  makeUpCreditId?: number
}

export const checkIn = (input: CheckInInput) =>
  api<CheckInResult & { pass?: (Pass & Record<string, unknown>) | null }>('POST', '/api/check-ins', input).then(
    (r): CheckInResult => ({ ...r, pass: r.pass ? normalisePass(r.pass) : null }),
  )

// ——— make-up credits ———

/** The clients holding an open make-up credit usable for the lesson (same activity, another group, its branch). */
export const fetchMakeUpCandidates = (lessonId: string) =>
  api<{ clients: MakeUpCandidate[] }>('GET', `/api/lessons/${enc(lessonId)}/make-up-candidates`).then((r) => r.clients)

/** The lesson panel's make-up: the client comes to the lesson with the credit (used, visit written off, roster marked). */
export const addMakeUp = (lessonId: string, input: { clientId: string; creditId: number }) =>
  api<CheckInResult & { pass?: (Pass & Record<string, unknown>) | null }>('POST', `/api/lessons/${enc(lessonId)}/make-up`, input).then(
    (r): CheckInResult => ({ ...r, pass: r.pass ? normalisePass(r.pass) : null }),
  )

/**
 * The pass the server will choose when none is picked (issue #15: covers the activity, valid on
 * the day, not ended, sessions left; earliest expiry first). Shown beside the choice so the desk
 * sees it before checking in; the server decides.
 */
export function automaticPass(passes: readonly Pass[], activityId: string | null, day: string): Pass | null {
  const usable = passes.filter(
    (p) =>
      p.status !== 'ended' &&
      p.status !== 'frozen' &&
      !p.frozen &&
      (p.startsOn ?? '') <= day &&
      p.validUntil >= day &&
      (p.sessionsLeft === null || p.sessionsLeft > 0) &&
      (!activityId || !p.activityIds || p.activityIds.includes(activityId)),
  )
  usable.sort((a, b) => (a.validUntil < b.validUntil ? -1 : a.validUntil > b.validUntil ? 1 : a.id < b.id ? -1 : 1))
  return usable[0] ?? null
}

// ——— cash desk, debtors, tax report ———

export interface CashTotals {
  cash: number
  card: number
  transfer: number
  /** Paid from the client's credit (no money in the till). */
  credit: number
  refunds: number
  /** Cash, card and transfer taken, less refunds. */
  net: number
  payments: number
}

export interface CashDesk {
  branchId: string
  day: string
  closed: boolean
  closedAt: string | null
  closedBy: string | null
  totals: CashTotals
  byUser: Array<{ userId: string; name: string } & CashTotals>
}

type Methods = { cash?: number; card?: number; transfer?: number; credit?: number }

/** One line of the day (the whole branch, or one user): what was taken per method, refunds, net. */
export function cashTotals(taken: Methods | undefined, refunds: Methods | undefined, payments?: number): CashTotals {
  const t = taken ?? {}
  const r = refunds ?? {}
  const cash = numOr(t.cash, 0)
  const card = numOr(t.card, 0)
  const transfer = numOr(t.transfer, 0)
  const out = numOr(r.cash, 0) + numOr(r.card, 0) + numOr(r.transfer, 0)
  return { cash, card, transfer, credit: numOr(t.credit, 0), refunds: out, net: cash + card + transfer - out, payments: numOr(payments, 0) }
}

export function normaliseCashDesk(d: Record<string, unknown>): CashDesk {
  const totals = cashTotals(d.taken as Methods, d.refunds as Methods, d.payments as number)
  if (typeof d.net === 'number') totals.net = d.net
  return {
    branchId: String(d.branchId ?? ''),
    day: String(d.day ?? ''),
    closed: d.closed === true,
    closedAt: (d.closedAt as string | null) ?? null,
    closedBy: (d.closedBy as string | null) ?? null,
    totals,
    byUser: arr<Record<string, unknown>>(d.byUser).map((u) => ({
      userId: String(u.userId ?? ''),
      name: String(u.name ?? ''),
      ...cashTotals(u.taken as Methods, u.refunds as Methods, u.payments as number),
    })),
  }
}

export const fetchCashDesk = (branchId: string, day: string) =>
  api<Record<string, unknown>>('GET', withQuery('/api/cash-desk', { branchId, day })).then((r) =>
    normaliseCashDesk((r.day && typeof r.day === 'object' ? r.day : r) as Record<string, unknown>),
  )
export const closeCashDesk = (branchId: string, day: string) => api<unknown>('POST', '/api/cash-desk/close', { branchId, day })

export type AgeingBucket = '0-30' | '31-60' | '60+'

export interface Debtor {
  clientId: string
  name: string
  phone: string | null
  payerName: string | null
  payerPhone: string | null
  branchId: string | null
  debt: number
  invoices: number
  oldestDueOn: string | null
  daysOverdue: number
  /** By the oldest unpaid invoice's days past due. */
  bucket: AgeingBucket
}

export const fetchDebtors = (branchId?: string) => api<{ items: Debtor[] }>('GET', withQuery('/api/debtors', { branchId })).then((r) => r.items)
export const debtorsCsvUrl = (branchId?: string) => withQuery('/api/debtors.csv', { branchId })

/** The debtors' debt summed per ageing bucket. */
export function ageingTotals(items: readonly Pick<Debtor, 'debt' | 'bucket'>[]): Record<AgeingBucket | 'total', number> {
  const out = { '0-30': 0, '31-60': 0, '60+': 0, total: 0 }
  for (const d of items) {
    out[d.bucket] += d.debt
    out.total += d.debt
  }
  return out
}

type Amounts = { net: number; tax: number; gross: number }

export interface TaxReportRow extends Amounts {
  rateBp: number
  mode: string
  sales?: Amounts
  refunds?: Amounts
}

export interface TaxReport {
  from: string
  to: string
  rows: TaxReportRow[]
  total: Amounts
}

export const fetchTaxReport = (q: { from: string; to: string; branchId?: string }) =>
  api<TaxReport>('GET', withQuery('/api/tax-report', q))

// ——— live: changes and the colour of a pass ———

/** The entity types whose change means an account, a pass list or a desk may show something else. */
export const PASS_ENTITY_TYPES = ['pass', 'invoice', 'payment', 'visit', 'refund', 'plan', 'cash_day'] as const

/**
 * Calls `onChange` (at most once per `delayMs`) when a pass, invoice, payment or visit changes (of
 * `clientId`, when the event names its client; of `branchIds` when given), and after a reconnect
 * that may have missed events. Returns a disposer.
 */
export function subscribePassChanges(
  live: Pick<LiveEvents, 'on' | 'onResync'> | null | undefined,
  onChange: () => void,
  opts: { clientId?: string; types?: readonly string[]; delayMs?: number } = {},
): () => void {
  if (!live) return () => {}
  const types = opts.types ?? PASS_ENTITY_TYPES
  let timer: ReturnType<typeof setTimeout> | null = null
  const soon = () => {
    if (timer) return
    timer = setTimeout(() => {
      timer = null
      onChange()
    }, opts.delayMs ?? 150)
  }
  const offChange = live.on('entity.changed', (e) => {
    if (!types.includes(e.type)) return
    const client = (e as { clientId?: string | null }).clientId
    if (opts.clientId && client && client !== opts.clientId) return
    soon()
  })
  const offResync = live.onResync(soon)
  return () => {
    offChange()
    offResync()
    if (timer) clearTimeout(timer)
  }
}

/** red: used up, expired, a visit owed, an invoice overdue; amber: running out, a debt. */
export type Tone = 'red' | 'amber' | null

export const PASS_FLAG_KINDS = ['pass_running_out', 'pass_used_up', 'pass_expired'] as const
export const CLIENT_FLAG_KINDS = ['visit_owed', 'debt', 'invoice_overdue'] as const
const FLAG_KINDS: readonly string[] = [...PASS_FLAG_KINDS, ...CLIENT_FLAG_KINDS]
const RED = new Set(['pass_used_up', 'pass_expired', 'visit_owed', 'invoice_overdue'])

/** The roles the pass flags are sent to (server/modules/passes/alert-kinds.ts). */
export const PASS_FLAG_ROLES = ['owner', 'manager', 'receptionist'] as const

export const toneOfKinds = (kinds: Iterable<string>): Tone => {
  let tone: Tone = null
  for (const k of kinds) {
    if (RED.has(k)) return 'red'
    if (k === 'pass_running_out' || k === 'debt') tone = 'amber'
  }
  return tone
}

/**
 * The colour a pass has for someone who does not receive its alerts (an accountant): from the
 * state the server sent. Where alerts reach the user, the open alert decides (PassFlags).
 */
export function toneOfStatus(p: Pick<Pass, 'status' | 'alert' | 'colour'>): Tone {
  if (p.colour !== undefined) return p.colour
  if (p.alert) return toneOfKinds([p.alert])
  if (p.status === 'used_up' || p.status === 'expired') return 'red'
  if (p.status === 'running_out') return 'amber'
  return null
}

type Raised = LiveEvent<'alert.raised'>
type Cleared = LiveEvent<'alert.cleared'>

/** What PassFlags listens to (LiveEvents, or a fake in tests). */
export interface FlagFeed {
  on(event: 'alert.raised', listener: (a: Raised) => void): () => void
  on(event: 'alert.cleared', listener: (a: Cleared) => void): () => void
  onResync(listener: () => void): () => void
}

/** Open alerts of one kind (the list's maximum page). */
const fetchOpenOfKind = (kind: string) =>
  api<{ items: OpenAlert[] }>('GET', withQuery('/api/alerts', { open: 'true', kind, limit: 500 })).then((r) => r.items)

export const fetchOpenFlags = async (): Promise<Array<Pick<OpenAlert, 'id' | 'kind' | 'subject'>>> =>
  (await Promise.all(FLAG_KINDS.map((k) => fetchOpenOfKind(k).catch(() => [] as OpenAlert[])))).flat()

/**
 * The open pass and client flags, kept current from the live feed: the colour of a pass (by
 * `pass:<id>`) and of a client (`client:<id>`: an owed visit, a debt, an overdue invoice), the same
 * on every screen at the same moment (the alert raised or cleared in the transaction that caused
 * it). A fetch that answers from before an event heard meanwhile does not undo the event.
 * @example
 * const flags = passFlags(live); const off = flags.subscribe(() => this.requestUpdate())
 * flags.passTone(pass.id) // 'red' | 'amber' | null
 */
export class PassFlags {
  /** subject → alert id → kind */
  private bySubject = new Map<string, Map<string, string>>()
  private gone = new Set<string>()
  private heard = new Map<string, { kind: string; subject: string }>()
  private listeners = new Set<() => void>()
  private offs: Array<() => void> = []
  private fetching = 0
  private closed = false
  ready = false

  constructor(
    feed: FlagFeed | null | undefined,
    private readonly fetch: () => Promise<Array<Pick<OpenAlert, 'id' | 'kind' | 'subject'>>> = fetchOpenFlags,
  ) {
    if (feed) {
      this.offs.push(
        feed.on('alert.raised', (a) => {
          if (!FLAG_KINDS.includes(a.kind)) return
          this.heard.set(a.id, { kind: a.kind, subject: a.subject })
          this.put(a.id, a.kind, a.subject)
          this.emit()
        }),
        feed.on('alert.cleared', (a) => {
          if (!FLAG_KINDS.includes(a.kind)) return
          this.gone.add(a.id)
          this.heard.delete(a.id)
          this.drop(a.id, a.subject)
          this.emit()
        }),
        feed.onResync(() => void this.reload()),
      )
    }
    void this.reload()
  }

  /** Fetches the open flags again; events heard while it ran win over its answer. */
  async reload(): Promise<void> {
    const mine = ++this.fetching
    this.heard.clear()
    let items: Array<Pick<OpenAlert, 'id' | 'kind' | 'subject'>>
    try {
      items = await this.fetch()
    } catch {
      return
    }
    if (this.closed || mine !== this.fetching) return
    const next = new Map<string, Map<string, string>>()
    this.bySubject = next
    for (const a of items) if (!this.gone.has(a.id)) this.put(a.id, a.kind, a.subject)
    for (const [id, a] of this.heard) this.put(id, a.kind, a.subject)
    this.ready = true
    this.emit()
  }

  private put(id: string, kind: string, subject: string) {
    let m = this.bySubject.get(subject)
    if (!m) this.bySubject.set(subject, (m = new Map()))
    m.set(id, kind)
  }

  private drop(id: string, subject: string) {
    const m = this.bySubject.get(subject)
    if (!m) return
    m.delete(id)
    if (!m.size) this.bySubject.delete(subject)
  }

  /** The open flags' kinds on a subject (`pass:<id>`, `client:<id>`). */
  kinds(subject: string): string[] {
    return [...(this.bySubject.get(subject)?.values() ?? [])]
  }

  passTone(passId: string): Tone {
    return toneOfKinds(this.kinds(`pass:${passId}`))
  }

  clientTone(clientId: string): Tone {
    return toneOfKinds(this.kinds(`client:${clientId}`))
  }

  /** The pass's flag kind (for its label), if one is open. */
  passFlag(passId: string): string | null {
    const k = this.kinds(`pass:${passId}`)
    return k.find((x) => RED.has(x)) ?? k[0] ?? null
  }

  hasOwedVisit(clientId: string): boolean {
    return this.kinds(`client:${clientId}`).includes('visit_owed')
  }

  /** Calls `listener` on every change; returns the disposer. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => void this.listeners.delete(listener)
  }

  private emit() {
    for (const l of [...this.listeners]) l()
  }

  close() {
    this.closed = true
    for (const off of this.offs) off()
    this.offs = []
    this.listeners.clear()
  }
}

/** One PassFlags per live connection, shared by every screen that colours passes (kept while used). */
const shared = new WeakMap<object, { flags: PassFlags; users: number }>()
const NO_LIVE = {}

/**
 * The shared flags of this connection, and a release: the account tab, the check-in, the roster
 * colour from the same store, so they change at the same moment.
 */
export function usePassFlags(live: LiveEvents | null | undefined): { flags: PassFlags; release: () => void } {
  const key = live ?? NO_LIVE
  let entry = shared.get(key)
  if (!entry) {
    entry = { flags: new PassFlags(live ?? null), users: 0 }
    shared.set(key, entry)
  }
  entry.users++
  const e = entry
  let released = false
  return {
    flags: e.flags,
    release: () => {
      if (released) return
      released = true
      if (--e.users === 0) {
        e.flags.close()
        shared.delete(key)
      }
    },
  }
}
