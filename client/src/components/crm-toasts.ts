import { LitElement, css, html, nothing } from 'lit'
import { customElement, state } from 'lit/decorators.js'
import { repeat } from 'lit/directives/repeat.js'
import type { CrmEvents } from '../common/fire-event'

interface Toast {
  id: number
  key: string | null
  message: string
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

  static styles = css`
    :host {
      position: fixed;
      right: 16px;
      bottom: 16px;
      z-index: 100;
      display: flex;
      flex-direction: column;
      gap: 8px;
      max-width: min(420px, calc(100vw - 32px));
      /* never in the way: a drag or click on the grid under a toast reaches the grid */
      pointer-events: none;
    }
    section {
      display: flex;
      flex-direction: column;
      gap: 8px;
    }
    div {
      display: flex;
      align-items: flex-start;
      gap: 10px;
      padding: 10px 8px 10px 14px;
      border-radius: var(--crm-radius);
      background: #1f2a28;
      color: #fff;
      box-shadow: 0 8px 24px rgb(16 24 40 / 25%);
      pointer-events: none;
    }
    span {
      flex: 1;
      min-width: 0;
      overflow-wrap: anywhere;
    }
    button {
      pointer-events: auto;
      flex: none;
      border: none;
      background: transparent;
      color: inherit;
      font: inherit;
      font-size: 1.125rem;
      line-height: 1;
      width: 26px;
      height: 26px;
      margin: -3px 0;
      border-radius: 50%;
      cursor: pointer;
      opacity: 0.85;
    }
    button:hover,
    button:focus-visible {
      opacity: 1;
      background: rgb(255 255 255 / 18%);
    }
    button:focus-visible {
      outline: 2px solid #fff;
    }
    .error {
      background: var(--crm-danger);
    }
    .success {
      background: var(--crm-success);
    }
  `

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
        (t) => t.id,
        (t) =>
          html`<div class=${t.kind} role=${t.kind === 'error' ? 'alert' : 'status'} data-key=${t.key ?? nothing}>
            <span>${t.message}</span
            ><button type="button" aria-label="Dismiss" title="Dismiss" @click=${() => this.drop(t.id)}>×</button>
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
