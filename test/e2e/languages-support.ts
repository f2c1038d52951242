import type { APIRequestContext, Page } from '@playwright/test'
import { expect } from '@playwright/test'
import type { Locale } from '../../domain/i18n/locales'
import { PASSWORD } from './support'

/** The languages every screen is checked in. */
export const LANGS: Locale[] = ['hy', 'ru', 'en']

/**
 * A staff account of the spec's own (the demo users are shared with the other specs, which read
 * English), made by the owner; working in every branch unless `roles` need none. A second worker
 * running the same `beforeAll` finds it there (409).
 */
export async function createStaffAccount(
  request: APIRequestContext,
  account: { login: string; name: string; password: string; roles: string[]; everyBranch?: boolean },
): Promise<void> {
  expect((await request.post('/api/auth/login', { data: { login: 'owner', password: PASSWORD } })).status()).toBe(200)
  const { everyBranch = true, ...data } = account
  const branches = (await (await request.get('/api/branches')).json()) as { items: Array<{ id: string }> }
  const created = await request.post('/api/users', {
    data: everyBranch ? { ...data, branchIds: branches.items.map((b) => b.id) } : data,
  })
  expect([201, 409], await created.text()).toContain(created.status())
}

/** The header's language picker. */
export const picker = (page: Page) => page.getByTestId('language')

/**
 * Signs `page` in as a demo account (the owner, shared with specs that read English) whose
 * language then changes in this tab only: the picker's PATCH /api/auth/me is answered here, the
 * profile stays as it is.
 */
export async function signInWithTabLanguage(page: Page, login: string): Promise<void> {
  expect((await page.request.post('/api/auth/login', { data: { login, password: PASSWORD } })).status()).toBe(200)
  const me = (await (await page.request.get('/api/auth/me')).json()) as { user: Record<string, unknown> }
  await page.route('**/api/auth/me', async (route) => {
    if (route.request().method() !== 'PATCH') return route.fallback()
    const { locale } = route.request().postDataJSON() as { locale: string }
    await route.fulfill({ json: { user: { ...me.user, locale } } })
  })
}

/** The text a page shows in `selector`, shadow roots and read attributes included (innerText stops at shadow roots). */
export function shownText(page: Page, selector: string): Promise<string> {
  return page.evaluate((sel) => {
    const parts: string[] = []
    const walk = (node: Node) => {
      if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? '')
      if (node instanceof Element && node.shadowRoot) walk(node.shadowRoot)
      if (node instanceof HTMLElement && (node.hidden || node.tagName === 'STYLE' || node.tagName === 'SCRIPT')) return
      for (const c of node.childNodes) walk(c)
      if (node instanceof HTMLElement) {
        for (const a of ['placeholder', 'title', 'aria-label', 'heading'])
          if (node.getAttribute(a)) parts.push(node.getAttribute(a) ?? '')
      }
    }
    const root = (function find(r: Document | ShadowRoot): Element | null {
      const hit = r.querySelector(sel)
      if (hit) return hit
      for (const el of r.querySelectorAll('*')) {
        const inner = el.shadowRoot ? find(el.shadowRoot) : null
        if (inner) return inner
      }
      return null
    })(document)
    if (root) walk(root)
    return parts.join(' ')
  }, selector)
}

/**
 * The elements matching `selectors` (shadow roots included) whose content is wider than their
 * box: visible, with a box of their own, not for screen readers only (a 1-px box on purpose).
 * Every select is checked too: its chosen option must fit inside it (beside the arrow).
 */
export function overflowing(page: Page, selectors: string): Promise<string[]> {
  return page.evaluate((sel) => {
    const out: string[] = []
    const measure = document.createElement('canvas').getContext('2d')!
    const range = document.createRange()
    const walk = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll('*')) {
        if (el.shadowRoot) walk(el.shadowRoot)
        if (!(el instanceof HTMLElement) || !(el.matches(sel) || el instanceof HTMLSelectElement)) continue
        if (el.offsetParent === null || getComputedStyle(el).display === 'inline' || el.clientWidth <= 1) continue
        if (el.closest('.visually-hidden')) continue
        const name = `${el.tagName.toLowerCase()}.${el.className} “${el.innerText.trim().slice(0, 50)}”`
        const style = getComputedStyle(el)
        // a cell cut on purpose with an ellipsis is fine when its whole text is in a tooltip (a long
        // client name in the list): the reader sees "…" and can read the rest
        const tooltip = el.matches('[title]') ? el : el.querySelector('[title]')
        if (style.textOverflow === 'ellipsis' && tooltip && tooltip.getAttribute('title')!.trim().length > 0) continue
        // right-aligned text overflows to the left, where scrollWidth does not count it: measure the text itself
        // (only the text people see: not a screen reader's text inside the box)
        let left = Infinity
        let right = -Infinity
        const texts = document.createTreeWalker(el, NodeFilter.SHOW_TEXT)
        for (let n = texts.nextNode(); n; n = texts.nextNode()) {
          const parent = n.parentElement
          if (!parent || parent.closest('.visually-hidden') || getComputedStyle(parent).position === 'absolute') continue
          range.selectNodeContents(n)
          const r = range.getBoundingClientRect()
          if (r.width === 0) continue
          left = Math.min(left, r.left)
          right = Math.max(right, r.right)
        }
        const textWidth = right > left ? right - left : 0
        const box =
          el.getBoundingClientRect().width -
          ['paddingLeft', 'paddingRight', 'borderLeftWidth', 'borderRightWidth'].reduce(
            (sum, p) => sum + parseFloat(style[p as 'paddingLeft']),
            0,
          )
        if (el.scrollWidth > el.clientWidth + 1) out.push(`${name} ${el.scrollWidth}>${el.clientWidth}`)
        // half a pixel is layout rounding (a table sizes a cell to its text within a few hundredths), not a cut glyph
        else if (!(el instanceof HTMLSelectElement) && textWidth > box + 0.5)
          out.push(`${name} text ${textWidth.toFixed(2)}>${box.toFixed(2)}`)
        else if (el instanceof HTMLSelectElement) {
          // a select shows its chosen option cut at its edge without growing its scrollWidth: measure the text
          const text = el.selectedOptions[0]?.text ?? ''
          measure.font = style.font
          const arrow = style.appearance === 'none' ? 0 : 20
          const room = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - arrow
          const width = Math.ceil(measure.measureText(text).width)
          if (width > room + 1) out.push(`select#${el.id} “${text}” ${width}>${room}`)
        }
      }
    }
    walk(document)
    return out
  }, selectors)
}
