import { LitElement, html, nothing } from 'lit'
import { customElement, state } from 'lit/decorators.js'
import { repeat } from 'lit/directives/repeat.js'
import type { CrmEvents } from '../common/fire-event'
import { LocaleController } from '../i18n/locale-controller'
import { t } from '../i18n/locale'
import { toastsStyles } from './crm-toasts.styles'

interface Toast {
  id: number
  key: string | null
  /** A function is called on each render: the text follows the language shown. */
  message: string | (() => string)
  kind: 'info' | 'error' | 'success'
  timer: ReturnType<typeof setTimeout> | undefined
}

/** How long a toast stays when its sender does not say. */
export const TOAST_MS = 4500

/**
 * Short messages fired anywhere with `fireEvent(el, 'crm-toast', { message })`; they fade after a few seconds.
 * A toast with a `key` replaces the open toast of that key instead of stacking a second one, and
 * `fireEvent(el, 'crm-toast-dismiss', { key })` takes it away early (an alert that cleared).
 *
 * Toasts float over the page (bottom right) without taking its clicks: the stack and the toasts
 * let the pointer through to what is underneath; only a toast's own close button is clickable.
 */
@customElement('crm-toasts')
export class CrmToasts extends LitElement {
  @state() private toasts: Toast[] = []
  private seq = 0
  private readonly locale = new LocaleController(this)

  static styles = toastsStyles

  connectedCallback() {
    super.connectedCallback()
    window.addEventListener('crm-toast', this.onToast as EventListener)
    window.addEventListener('crm-toast-dismiss', this.onDismiss as EventListener)
  }

  disconnectedCallback() {
    super.disconnectedCallback()
    window.removeEventListener('crm-toast', this.onToast as EventListener)
    window.removeEventListener('crm-toast-dismiss', this.onDismiss as EventListener)
    for (const t of this.toasts) clearTimeout(t.timer)
  }

  render() {
    return html`<section aria-live="polite">
      ${repeat(
        this.toasts,
        (toast) => toast.id,
        (toast) =>
          html`<div class=${toast.kind} role=${toast.kind === 'error' ? 'alert' : 'status'} data-key=${toast.key ?? nothing}>
            <span>${typeof toast.message === 'function' ? toast.message() : toast.message}</span
            ><button
              type="button"
              aria-label=${t('common.dismiss')}
              title=${t('common.dismiss')}
              @click=${() => this.drop(toast.id)}
            >
              ×
            </button>
          </div>`,
      )}
    </section>`
  }

  private onToast = (e: CustomEvent<CrmEvents['crm-toast']>) => {
    const { message, kind = 'info', key = null, duration = TOAST_MS } = e.detail
    const old = key ? this.toasts.find((t) => t.key === key) : undefined
    if (old) clearTimeout(old.timer)
    const toast: Toast = { id: old?.id ?? ++this.seq, key, message, kind, timer: undefined }
    if (duration > 0) toast.timer = setTimeout(() => this.drop(toast.id), duration)
    this.toasts = old ? this.toasts.map((t) => (t === old ? toast : t)) : [...this.toasts, toast]
  }

  private onDismiss = (e: CustomEvent<CrmEvents['crm-toast-dismiss']>) => {
    const t = this.toasts.find((x) => x.key === e.detail.key)
    if (t) this.drop(t.id)
  }

  private drop(id: number) {
    const t = this.toasts.find((x) => x.id === id)
    if (!t) return
    clearTimeout(t.timer)
    this.toasts = this.toasts.filter((x) => x !== t)
  }
}
