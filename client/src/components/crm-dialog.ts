import { LitElement, html } from 'lit'
import { customElement, property, query } from 'lit/decorators.js'
import { LocaleController } from '../i18n/locale-controller'
import { t } from '../i18n/locale'
import { baseStyles } from '../resources/styles'
import { crmDialogStyles } from './crm-dialog.styles'

/** The first field of the content, focused when the dialog opens. */
const FIELD = '[autofocus], input:not([type="hidden"]):not([disabled]), select:not([disabled]), textarea:not([disabled])'

/**
 * A modal dialog on the native <dialog> (focus trap, Escape, top layer for free). The content is
 * slotted, so it keeps the styles of the element that renders it. Opening focuses the content's
 * first field (else the browser's choice: the ✕). Dialog components render one of these and are
 * opened through the dialog manager (dialogs.ts).
 * @example html`<crm-dialog heading="New user" open @crm-dialog-closed=${() => this.close()}>…</crm-dialog>`
 */
@customElement('crm-dialog')
export class CrmDialog extends LitElement {
  @property() heading = ''
  @property({ type: Boolean, reflect: true }) open = false
  @query('dialog') private dialog!: HTMLDialogElement
  private readonly locale = new LocaleController(this)

  static styles = [baseStyles, crmDialogStyles]

  render() {
    return html`<dialog aria-labelledby="title" @close=${this.onClose}>
      <header>
        <h2 id="title">${this.heading}</h2>
        <button class="icon" aria-label=${t('common.close')} @click=${() => (this.open = false)}>✕</button>
      </header>
      <div class="body"><slot></slot></div>
    </dialog>`
  }

  protected updated() {
    if (this.open && !this.dialog.open) {
      this.dialog.showModal()
      this.focusFirstField()
    } else if (!this.open && this.dialog.open) this.dialog.close()
  }

  private focusFirstField() {
    const slot = this.renderRoot.querySelector('slot')
    for (const el of slot?.assignedElements({ flatten: true }) ?? []) {
      const field = el.matches(FIELD) ? el : el.querySelector(FIELD)
      if (field instanceof HTMLElement) {
        field.focus()
        return
      }
    }
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
