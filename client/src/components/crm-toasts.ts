import { LitElement, css, html } from 'lit'
import { customElement, state } from 'lit/decorators.js'
import type { CrmEvents } from '../common/fire-event'

interface Toast {
  id: number
  message: string
  kind: 'info' | 'error' | 'success'
}

/** Short messages fired anywhere with `fireEvent(el, 'crm-toast', { message })`; they fade after a few seconds. */
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
    }
    section {
      display: flex;
      flex-direction: column;
      gap: 8px;
    }
    div {
      padding: 10px 14px;
      border-radius: var(--crm-radius);
      background: #1f2a28;
      color: #fff;
      box-shadow: 0 8px 24px rgb(16 24 40 / 25%);
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
  }

  disconnectedCallback() {
    super.disconnectedCallback()
    window.removeEventListener('crm-toast', this.onToast as EventListener)
  }

  render() {
    return html`<section aria-live="polite">${this.toasts.map((t) => html`<div class=${t.kind} role=${t.kind === 'error' ? 'alert' : 'status'}>${t.message}</div>`)}</section>`
  }

  private onToast = (e: CustomEvent<CrmEvents['crm-toast']>) => {
    const toast = { id: ++this.seq, message: e.detail.message, kind: e.detail.kind ?? 'info' }
    this.toasts = [...this.toasts, toast]
    setTimeout(() => (this.toasts = this.toasts.filter((t) => t.id !== toast.id)), 4500)
  }
}
