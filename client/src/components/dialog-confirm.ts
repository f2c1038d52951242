import { html, nothing } from 'lit'
import { customElement } from 'lit/decorators.js'
import { LocaleController } from '../i18n/locale-controller'
import { t } from '../i18n/locale'
import { baseStyles } from '../resources/styles'
import './crm-dialog'
import { dialogConfirmStyles } from './dialog-confirm.styles'
import { CrmDialogElement, showDialog } from './dialogs'

export interface ConfirmParams {
  heading: string
  /** The question in words: what will happen. */
  text: string
  confirmLabel: string
  cancelLabel?: string
  /** 'danger' for a step that cannot be undone. */
  tone?: 'primary' | 'danger'
}

/**
 * A yes/no question in a dialog (HA's show-dialog-box). Resolves true when confirmed.
 * @example if (await confirmDialog(this, { heading: 'Remove Eva?', text: '…', confirmLabel: 'Remove guardian', tone: 'danger' })) …
 */
export async function confirmDialog(origin: HTMLElement, params: ConfirmParams): Promise<boolean> {
  return (await showDialog(origin, 'crm-dialog-confirm', params)) === true
}

@customElement('crm-dialog-confirm')
export class CrmDialogConfirm extends CrmDialogElement<ConfirmParams, true> {
  private readonly locale = new LocaleController(this)
  static styles = [baseStyles, dialogConfirmStyles]

  render() {
    const p = this.params
    if (!p) return nothing
    return html`<crm-dialog heading=${p.heading} open @crm-dialog-closed=${() => this.close()}>
      <p class="question">${p.text}</p>
      <div class="form-actions">
        <button type="button" @click=${() => this.close()}>${p.cancelLabel ?? t('common.cancel')}</button>
        <button type="button" class=${p.tone ?? 'primary'} @click=${() => this.close(true)}>${p.confirmLabel}</button>
      </div>
    </crm-dialog>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-dialog-confirm': CrmDialogConfirm
  }
}
