import { LitElement, css, html } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import { fireEvent } from '../../common/fire-event'
import { type ClientListItem, eraseClient } from '../../data/clients'
import { baseStyles } from '../../resources/styles'
import { dialogForm, field } from '../../components/dialog-form'
import { FormController } from '../../controllers/form-controller'

/**
 * "Erase…" (owner only): asks for the reason (e.g. the request reference) and erases
 * (anonymises) the client. Open while `client` is set.
 */
@customElement('crm-dialog-erase-client')
export class CrmDialogEraseClient extends LitElement {
  @property({ attribute: false }) client: Pick<ClientListItem, 'id' | 'name'> | null = null
  /** Called just before the request (the page closes the live document the server is about to evict). */
  @property({ attribute: false }) beforeErase: () => void = () => {}
  /** Called when the erase failed after beforeErase. */
  @property({ attribute: false }) onFailed: () => void = () => {}
  @property({ attribute: false }) onErased: () => void = () => {}
  @property({ attribute: false }) onClosed: () => void = () => {}
  private form = new FormController(this, { fields: ['reason'], fallback: 'Could not erase the client.' })

  static styles = [
    baseStyles,
    css`
      .alert {
        margin-bottom: 12px;
      }
    `,
  ]

  protected willUpdate(changed: Map<string, unknown>) {
    if (changed.has('client') && this.client) this.form.clear()
  }

  render() {
    const c = this.client
    return dialogForm(
      {
        heading: c ? `Erase ${c.name}?` : 'Erase client?',
        open: c !== null,
        state: this.form,
        submitLabel: 'Erase client',
        busyLabel: 'Erasing…',
        tone: 'danger',
        onSubmit: this.submit,
        onClose: () => this.onClosed(),
      },
      html`<p class="alert warning">
          This cannot be undone. Personal data, guardians, documents, records and the file’s history are removed. Export the data
          first if the person asked for a copy.
        </p>
        ${field(
          'erase-reason',
          'Reason',
          html`<textarea
            id="erase-reason"
            name="reason"
            rows="2"
            placeholder="e.g. Erasure request of 3 March, ref. 2026-014"
            aria-invalid=${this.form.invalid('reason')}
          ></textarea>`,
          { error: this.form.fieldErrors.reason },
        )}`,
    )
  }

  private submit = (data: FormData) => {
    const c = this.client
    if (!c || this.form.busy) return
    const reason = String(data.get('reason') ?? '').trim()
    if (reason.length < 3) {
      this.form.refuse({ reason: 'Say why (e.g. the request reference)' })
      return
    }
    void this.form.send(async () => {
      this.beforeErase()
      try {
        await eraseClient(c.id, reason)
        fireEvent(this, 'crm-toast', { message: `${c.name} was erased.`, kind: 'success' })
        this.onErased()
      } catch (err) {
        this.onFailed()
        throw err
      }
    })
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-dialog-erase-client': CrmDialogEraseClient
  }
}
