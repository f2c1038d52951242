import { LitElement } from 'lit'
import { state } from 'lit/decorators.js'
import { fireEvent } from '../common/fire-event'
import { LOCATION_CHANGED } from '../common/navigate'
import { t } from '../i18n/locale'

/**
 * The one dialog manager (HA's make-dialog-manager): a page asks for a dialog component by tag,
 * the manager loads it, mounts it at the app's root (crm-app, see `provideDialogRoot`), hands
 * it its params and resolves with its result once it closes (`undefined`: cancelled, Escape or
 * ✕). Focus goes back to where it was. A dialog still open when the location changes or the
 * user signs out is closed as cancelled.
 *
 * A dialog component extends `CrmDialogElement<Params, Result>` and renders a `<crm-dialog>`
 * (heading, ✕, Escape, focus trap and the first field focused), usually through `dialogForm()`.
 * @example
 * const saved = await showDialog(this, 'crm-dialog-user', { user, branches }, () => import('./dialog-user'))
 * if (saved) await this.load()
 */

/** What the manager needs from a dialog component. */
export interface DialogElement<P, R> extends HTMLElement {
  /** Opens with these params; the dialog calls `close(result)` once, when it is done (no result: cancelled). */
  showDialog(params: P, close: (result?: R) => void): void
}

/** Tags of the dialog components (each registers itself in HTMLElementTagNameMap). */
export type DialogTag = {
  [K in keyof HTMLElementTagNameMap]: HTMLElementTagNameMap[K] extends DialogElement<never, unknown> ? K : never
}[keyof HTMLElementTagNameMap]
export type DialogParams<K extends DialogTag> = HTMLElementTagNameMap[K] extends DialogElement<infer P, unknown> ? P : never
export type DialogResult<K extends DialogTag> = HTMLElementTagNameMap[K] extends DialogElement<never, infer R> ? R : never

/** Fired (bubbling, composed) from the page that opens a dialog; the dialog root mounts `detail.element`. */
const SHOW_DIALOG = 'crm-show-dialog'

const open = new Set<() => void>()

/**
 * Opens the dialog component `tag` with `params` and resolves with its result (undefined when
 * cancelled). `load` imports the component the first time (lazy dialogs; without it the component
 * must be defined already). A component that cannot be loaded is said in a toast and counts as
 * cancelled.
 */
export async function showDialog<K extends DialogTag>(
  origin: HTMLElement,
  tag: K,
  params: DialogParams<K>,
  load?: () => Promise<unknown>,
): Promise<DialogResult<K> | undefined> {
  const restore = deepActiveElement()
  try {
    await load?.()
  } catch {
    fireEvent(origin, 'crm-toast', {
      message: t('common.error.dialogLoad'),
      kind: 'error',
    })
    return undefined
  }
  await customElements.whenDefined(tag)
  const element = document.createElement(tag) as HTMLElement as DialogElement<DialogParams<K>, DialogResult<K>>
  return new Promise((resolve) => {
    const close = (result?: DialogResult<K>) => {
      if (!open.delete(cancel)) return
      window.removeEventListener(LOCATION_CHANGED, cancel)
      window.removeEventListener('popstate', cancel)
      element.remove()
      if (restore?.isConnected) restore.focus({ preventScroll: true })
      resolve(result)
    }
    const cancel = () => close()
    open.add(cancel)
    window.addEventListener(LOCATION_CHANGED, cancel)
    window.addEventListener('popstate', cancel)
    origin.dispatchEvent(new CustomEvent(SHOW_DIALOG, { bubbles: true, composed: true, detail: { element } }))
    // no dialog root above the origin (a detached page, a test): the document's body will do
    if (!element.isConnected) document.body.append(element)
    element.showDialog(params, close)
  })
}

/** Closes every open dialog as cancelled (signing out). */
export function closeAllDialogs(): void {
  for (const cancel of [...open]) cancel()
}

/**
 * Makes `host` the place where dialogs opened below it are mounted (crm-app, with its shadow
 * root). Returns a disposer.
 */
export function provideDialogRoot(host: HTMLElement, root: ParentNode = host.shadowRoot ?? host): () => void {
  const onShow = (e: Event) => {
    e.stopPropagation()
    root.append((e as CustomEvent<{ element: HTMLElement }>).detail.element)
  }
  host.addEventListener(SHOW_DIALOG, onShow)
  return () => host.removeEventListener(SHOW_DIALOG, onShow)
}

/** The focused element, looking into open shadow roots. */
function deepActiveElement(): HTMLElement | null {
  let el = document.activeElement
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement
  return el instanceof HTMLElement && el !== document.body ? el : null
}

/**
 * Base of the dialog components: `params` is set when the manager opens it; `close(result)` ends
 * it (no result: cancelled). Render a `<crm-dialog open …>` (or `dialogForm({ … })`)
 * whose `crm-dialog-closed` calls `close()`.
 * @example
 * class CrmDialogRename extends CrmDialogElement<{ name: string }, string> {
 *   render() { return this.params ? dialogForm({ heading: 'Rename', onClose: () => this.close(), … }, …) : nothing }
 * }
 */
export abstract class CrmDialogElement<P, R = true> extends LitElement implements DialogElement<P, R> {
  /** The params the dialog was opened with (null before). */
  @state() protected params: P | null = null
  private closeWith?: (result?: R) => void

  showDialog(params: P, close: (result?: R) => void): void {
    this.params = params
    this.closeWith = close
  }

  /** Ends the dialog with `result` (undefined: cancelled). Only the first call counts. */
  protected close(result?: R): void {
    const close = this.closeWith
    this.closeWith = undefined
    close?.(result)
  }
}
