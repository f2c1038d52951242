import { html, nothing } from 'lit'
import { customElement } from 'lit/decorators.js'
import { fireEvent } from '../../common/fire-event'
import { dialogForm } from '../../components/dialog-form'
import { CrmDialogElement } from '../../components/dialogs'
import { field } from '../../components/field'
import { FormController } from '../../controllers/form-controller'
import { type ClientListItem, eraseClient } from '../../data/clients'
import { t } from '../../i18n/locale'
import { baseStyles } from '../../resources/styles'
import { dialogEraseClientStyles } from './dialog-erase-client.styles'

export interface EraseClientParams {
  client: Pick<ClientListItem, 'id' | 'name'>
  /** Called just before the request (the page closes the live document the server is about to evict). */
  beforeErase?: () => void
  /** Called when the erase failed after beforeErase. */
  onFailed?: () => void
}

/**
 * "Erase…" (owner only): asks for the reason (e.g. the request reference) and erases
 * (anonymises) the client. Resolves true once the client is erased.
 * @example if (await showDialog(this, 'crm-dialog-erase-client', { client }, () => import('./dialog-erase-client'))) navigate('/clients')
 */
@customElement('crm-dialog-erase-client')
export class CrmDialogEraseClient extends CrmDialogElement<EraseClientParams, true> {
  private form = new FormController(this, { fields: ['reason'], fallback: t('clients.erase.error') })

  static styles = [baseStyles, dialogEraseClientStyles]

  render() {
    const c = this.params?.client
    if (!c) return nothing
    return dialogForm(
      {
        heading: t('clients.erase.heading', { name: c.name }),
        state: this.form,
        submitLabel: t('clients.erase.submit'),
        busyLabel: t('clients.erase.busy'),
        tone: 'danger',
        onSubmit: this.submit,
        onClose: () => this.close(),
      },
      html`<p class="alert warning">${t('clients.erase.warning')}</p>
        ${field(
          'erase-reason',
          t('clients.erase.reason'),
          html`<textarea
            id="erase-reason"
            name="reason"
            rows="2"
            placeholder=${t('clients.erase.reasonPlaceholder')}
            aria-invalid=${this.form.invalid('reason')}
          ></textarea>`,
          { error: this.form.fieldErrors.reason },
        )}`,
    )
  }

  private submit = (data: FormData) => {
    const p = this.params
    if (!p || this.form.busy) return
    const reason = String(data.get('reason') ?? '').trim()
    if (reason.length < 3) {
      this.form.refuse({ reason: t('clients.erase.reasonRequired') })
      return
    }
    void this.form.send(async () => {
      p.beforeErase?.()
      try {
        await eraseClient(p.client.id, reason)
      } catch (err) {
        p.onFailed?.()
        throw err
      }
      fireEvent(this, 'crm-toast', { message: t('clients.erase.erased', { name: p.client.name }), kind: 'success' })
      this.close(true)
    })
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-dialog-erase-client': CrmDialogEraseClient
  }
}
