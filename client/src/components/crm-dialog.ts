import { LitElement, css, html } from 'lit'
import { customElement, property, query } from 'lit/decorators.js'
import { baseStyles } from '../resources/styles'

/**
 * A modal dialog on the native <dialog> (focus trap, Escape, top layer for free).
 * The content is slotted, so it keeps the styles of the page that renders it.
 * @example html`<crm-dialog heading="New user" .open=${this.creating} @crm-dialog-closed=${() => (this.creating = false)}>…</crm-dialog>`
 */
@customElement('crm-dialog')
export class CrmDialog extends LitElement {
  @property() heading = ''
  @property({ type: Boolean, reflect: true }) open = false
  @query('dialog') private dialog!: HTMLDialogElement

  static styles = [
    baseStyles,
    css`
      dialog {
        border: 1px solid var(--crm-border);
        border-radius: 12px;
        padding: 0;
        width: min(480px, calc(100vw - 32px));
        max-height: calc(100vh - 48px);
        color: var(--crm-text);
        background: var(--crm-surface);
        box-shadow: 0 20px 50px rgb(16 24 40 / 25%);
      }
      dialog::backdrop {
        background: rgb(16 24 40 / 40%);
      }
      header {
        display: flex;
        align-items: center;
        justify-content: space-between;
        padding: 16px 20px 8px;
      }
      .body {
        padding: 8px 20px 20px;
      }
    `,
  ]

  render() {
    return html`<dialog aria-labelledby="title" @close=${this.onClose}>
      <header>
        <h2 id="title">${this.heading}</h2>
        <button class="icon" aria-label="Close" @click=${() => (this.open = false)}>✕</button>
      </header>
      <div class="body"><slot></slot></div>
    </dialog>`
  }

  protected updated() {
    if (this.open && !this.dialog.open) this.dialog.showModal()
    else if (!this.open && this.dialog.open) this.dialog.close()
  }

  private onClose() {
    if (this.open) this.open = false
    this.dispatchEvent(new CustomEvent('crm-dialog-closed', { bubbles: true, composed: true }))
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-dialog': CrmDialog
  }
}
