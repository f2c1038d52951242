import type { APIRequestContext, Locator, Page } from '@playwright/test'
import { expect } from '@playwright/test'
import type { MessageId, MessageParams } from '../../domain/i18n/catalogue'
import { CATALOGUES } from '../../domain/i18n/catalogues'
import { formatDateEntry } from '../../domain/i18n/date-entry'
import type { Locale } from '../../domain/i18n/locales'
import { translatorFor } from '../../domain/i18n/translator'
import { overflowing } from './languages-support'
import { PASSWORD } from './support'
import { todaysLessons } from './timetable-support'

/**
 * Helpers of morning-languages.spec.ts: a receptionist's whole morning in her language. The checks
 * every screen of that morning must pass (no message id, no English catalogue text, nothing cut,
 * no date field in the browser's language), and the timetable helpers of timetable-support.ts
 * with the labels in the language shown (those read English).
 */

/** What a message id looks like when it shows instead of its text (as languages.spec.ts). */
export const RAW_ID = /\b[a-z]+\.[a-z]+\.[a-zA-Z.]+\b/
/** What must not overflow its box on these screens (clients-languages.spec.ts and timetable-languages.spec.ts). */
export const OVERFLOW =
  'h1, h2, h3, th, td, dt, dd, [role="columnheader"], [role="cell"], [role="tab"], button, a.button, label, legend, .head .day, .when, .numbers span'

const squash = (s: string) => s.replace(/\s+/g, ' ').trim()

/**
 * The English catalogue's texts a reader of `lang` must never see: every message of at least two
 * words without an ICU argument whose text in `lang` is another (a text the same in both, a
 * product name, is nobody's leak). Names and data ("Central", "Art Studio") are not in it.
 */
export function englishTexts(lang: Locale): Array<{ id: MessageId; text: string }> {
  const en = translatorFor('en')
  const own = translatorFor(lang)
  const out: Array<{ id: MessageId; text: string }> = []
  for (const [id, source] of Object.entries(CATALOGUES.en) as Array<[MessageId, string]>) {
    if (source.includes('{')) continue
    const text = squash(en.t(id))
    if (text.split(' ').length < 2) continue
    if (squash(own.t(id)) === text) continue
    out.push({ id, text })
  }
  return out
}

const ENGLISH = new Map<Locale, Array<{ id: MessageId; text: string }>>()
const IDS = Object.keys(CATALOGUES.en)
/** The catalogue's first segments (`clients`, `passes`, …): a dotted word of another (a login such as `reception.status.abc`) is data, not an id. */
const NAMESPACES = new Set(IDS.map((id) => id.split('.')[0]))

/** What is wrong with the language of a screen: the lists must be empty. */
export interface LanguageProblems {
  /** Message ids shown instead of their text. */
  rawIds: string[]
  /** English catalogue texts shown to a reader of another language (`id: text`). */
  english: string[]
  /** Elements whose text is wider than their box. */
  overflow: string[]
  /** Date and time fields the browser draws in its own language (an en-US browser: 12/03/2026, 04:30 PM). */
  browserDates: string[]
  /** A lesson block's badges wider than the block, cut at its left edge ("…флікт ✓ проведено"). */
  clippedBadges: string[]
}

/**
 * The language problems of what the page shows now (its shell, page, dialogs and toasts, shadow
 * roots and read attributes included).
 */
export async function languageProblems(page: Page, lang: Locale): Promise<LanguageProblems> {
  let english = ENGLISH.get(lang)
  if (!english) ENGLISH.set(lang, (english = englishTexts(lang)))
  const text = squash(await renderedText(page))
  const rawIds = [
    ...new Set([
      ...(text.match(new RegExp(RAW_ID.source, 'g')) ?? []).filter((m) => NAMESPACES.has(m.split('.')[0])),
      ...IDS.filter((id) => new RegExp(`(^|[^\\w.])${id.replace(/\./g, '\\.')}($|[^\\w.])`).test(text)),
    ]),
  ]
  return {
    rawIds,
    english: english.filter((e) => text.includes(e.text)).map((e) => `${e.id}: ${e.text}`),
    overflow: await overflowing(page, OVERFLOW),
    browserDates: await browserDateFields(page),
    clippedBadges: await clippedBadges(page),
  }
}

/**
 * The timetable's lesson blocks whose badges (clash, owes, done) stick out of the block: the row of
 * badges sits at the block's bottom right and grows to the left, where the block cuts it off.
 */
export function clippedBadges(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = []
    const walk = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll('*')) {
        if (el.shadowRoot) walk(el.shadowRoot)
        if (!(el instanceof HTMLElement) || !el.matches('.lesson .badges')) continue
        const lesson = el.closest('.lesson') as HTMLElement
        const inner = lesson.getBoundingClientRect()
        const r = el.getBoundingClientRect()
        if (r.left < inner.left + lesson.clientLeft - 0.5)
          out.push(
            `${lesson.dataset.id ?? ''} “${el.innerText.replace(/\s+/g, ' ').trim()}” ${r.width.toFixed(0)}>${lesson.clientWidth}`,
          )
      }
    }
    walk(document)
    return out
  })
}

/**
 * The text the page renders, as languages-support.ts's shownText, but as a browser composes it: a
 * shadow host shows its shadow root, and its own children only where a slot takes them (a host's
 * leftover children, such as index.html's boot text inside <crm-app>, are not on the screen);
 * elements not displayed are skipped. Read attributes (placeholder, title, aria-label, heading) count.
 */
export function renderedText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const parts: string[] = []
    const walk = (node: Node) => {
      if (node.nodeType === Node.TEXT_NODE) {
        parts.push(node.textContent ?? '')
        return
      }
      if (node instanceof Element) {
        if (['STYLE', 'SCRIPT', 'TEMPLATE'].includes(node.tagName)) return
        if (node instanceof HTMLElement && (node.hidden || getComputedStyle(node).display === 'none')) return
        for (const a of ['placeholder', 'title', 'aria-label', 'heading'])
          if (node.getAttribute(a)) parts.push(node.getAttribute(a) ?? '')
        if (node instanceof HTMLSlotElement) {
          const assigned = node.assignedNodes({ flatten: true })
          for (const c of assigned.length ? assigned : node.childNodes) walk(c)
          return
        }
        if (node.shadowRoot) {
          for (const c of node.shadowRoot.childNodes) walk(c)
          return
        }
      }
      for (const c of node.childNodes) walk(c)
    }
    walk(document.body)
    return parts.join(' ')
  })
}

/**
 * The date and time fields shown that the browser draws in the machine's language, not the app's:
 * visible `<input type="date|time|datetime-local">` that are not the hidden picker behind
 * components/date-input.ts's text field. Each as `tag#id (type)`.
 */
export function browserDateFields(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = []
    const walk = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll('*')) {
        if (el.shadowRoot) walk(el.shadowRoot)
        if (!(el instanceof HTMLInputElement) || !['date', 'time', 'datetime-local'].includes(el.type)) continue
        if (el.getAttribute('aria-hidden') === 'true' || el.offsetParent === null) continue
        const host = (el.getRootNode() as ShadowRoot).host?.localName ?? 'document'
        out.push(`${host} input#${el.id} (${el.type})`)
      }
    }
    walk(document)
    return out
  })
}

/**
 * A message of `lang` as a pattern: its words as they are, each of `args` anything (an argument this
 * test cannot know exactly, such as a formatted time). Plural or select arguments go in `fixed`.
 */
export function messagePattern(lang: Locale, id: MessageId, args: string[], fixed: MessageParams = {}): RegExp {
  const marks = Object.fromEntries(args.map((a, i) => [a, `\uE000${i}\uE000`]))
  const text = translatorFor(lang).t(id, { ...fixed, ...marks })
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\uE000\d+\uE000/g, '.+')
  return new RegExp(escaped)
}

/**
 * A staff account of the spec's own working in one branch only (createStaffAccount's accounts work
 * in every branch), made by the owner; a second run against the same server finds it there (409).
 */
export async function createBranchAccount(
  request: APIRequestContext,
  account: { login: string; name: string; password: string; roles: string[]; branch: string },
): Promise<void> {
  expect((await request.post('/api/auth/login', { data: { login: 'owner', password: PASSWORD } })).status()).toBe(200)
  const branches = (await (await request.get('/api/branches')).json()) as { items: Array<{ id: string; name: string }> }
  const { branch, ...data } = account
  const created = await request.post('/api/users', {
    data: { ...data, branchIds: [branches.items.find((b) => b.name === branch)!.id] },
  })
  expect([201, 409], await created.text()).toContain(created.status())
}

/**
 * Types a date into a date field: the browser's own (`type="date"`: ISO) or the app's text field
 * in the language shown (components/date-input.ts: "04.05.2018"), which reads it on leaving.
 */
export async function fillDate(field: Locator, iso: string, lang: Locale) {
  if ((await field.getAttribute('type')) === 'date') await field.fill(iso)
  else {
    await field.fill(formatDateEntry(iso, lang))
    await field.blur()
  }
}

/**
 * A room free today over every one of `spans` (minutes after midnight), trying `rooms` in order:
 * timetable.spec.ts's freeSlot, for spans of this spec's choosing.
 */
export async function freeRoom(
  page: Page,
  where: { branchId: string; today: string; timeZone: string },
  spans: Array<[number, number]>,
  rooms: Array<{ id: string; name: string }>,
): Promise<{ id: string; name: string } | null> {
  const lessons = await todaysLessons(page, where.branchId, where.today, where.timeZone)
  const busy = (roomId: string, [from, to]: [number, number]) =>
    lessons.some((l) => l.roomId === roomId && l.from < to && l.to > from)
  return rooms.find((r) => spans.every((s) => !busy(r.id, s))) ?? null
}
