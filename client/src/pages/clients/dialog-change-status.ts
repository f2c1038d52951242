import { LitElement, css, html, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { fireEvent } from '../../common/fire-event'
import {
  CLIENT_STATUSES,
  type ClientListItem,
  type ClientStatus,
  LEAVE_REASONS,
  type LeaveReason,
  changeClientStatus,
  leaveReasonLabel,
  statusLabel,
} from '../../data/clients'
import { baseStyles } from '../../resources/styles'
import { dialogForm, field } from '../../components/dialog-form'
import { FormController } from '../../controllers/form-controller'

/**
 * "Change status": lead → trial → active → paused → left, with a reason (required) on leaving
 * and an optional note otherwise. Open while `client` is set; the page decides what to do after.
 * @example html`<crm-dialog-change-status .client=${this.changing} .onSaved=${() => this.load()} .onClosed=${() => (this.changing = null)}></crm-dialog-change-status>`
 */
@customElement('crm-dialog-change-status')
export class CrmDialogChangeStatus extends LitElement {
  @property({ attribute: false }) client: Pick<ClientListItem, 'id' | 'name' | 'status'> | null = null
  @property({ attribute: false }) onSaved: (status: ClientStatus) => void = () => {}
  @property({ attribute: false }) onClosed: () => void = () => {}
  @state() private pending: ClientStatus | '' = ''
  private form = new FormController(this, { fields: ['status', 'reason', 'note'], fallback: 'Could not change the status.' })

  static styles = [
    baseStyles,
    css`
      .alert,
      p.now {
        margin-bottom: 12px;
      }
    `,
  ]

  protected willUpdate(changed: Map<string, unknown>) {
    if (changed.has('client') && this.client) {
      this.pending = this.client.status as ClientStatus
      this.form.clear()
    }
  }

  render() {
    const c = this.client
    const fe = this.form.fieldErrors
    return dialogForm(
      {
        heading: 'Change status',
        open: c !== null,
        state: this.form,
        submitLabel: 'Change status',
        onSubmit: this.submit,
        onClose: () => this.onClosed(),
      },
      c
        ? html`<p class="now muted">${c.name} is now <strong>${statusLabel(c.status)}</strong>.</p>
            ${field(
              'new-status',
              'New status',
              html`<select
                id="new-status"
                name="status"
                @change=${(e: Event) => (this.pending = (e.target as HTMLSelectElement).value as ClientStatus)}
              >
                ${CLIENT_STATUSES.map((s) => html`<option value=${s} ?selected=${s === this.pending}>${statusLabel(s)}</option>`)}
              </select>`,
            )}
            ${
              this.pending === 'left'
                ? field(
                    'leave-reason',
                    'Why did they leave?',
                    html`<select id="leave-reason" name="reason" aria-invalid=${this.form.invalid('reason')}>
                      <option value="">Choose a reason…</option>
                      ${LEAVE_REASONS.map((r) => html`<option value=${r}>${leaveReasonLabel(r)}</option>`)}
                    </select>`,
                    { error: fe.reason },
                  )
                : field(
                    'status-note',
                    html`Note <span class="muted">(optional)</span>`,
                    html`<input id="status-note" name="note" autocomplete="off" />`,
                  )
            }`
        : nothing,
    )
  }

  private submit = (data: FormData) => {
    const c = this.client
    if (!c || this.form.busy) return
    const status = String(data.get('status')) as ClientStatus
    const reason = String(data.get('reason') ?? '') as LeaveReason | ''
    const note = String(data.get('note') ?? '').trim()
    if (status === 'left' && !reason) {
      this.form.refuse({ reason: 'Say why the client left' })
      return
    }
    void this.form.send(async () => {
      await changeClientStatus(c.id, { status, ...(reason ? { reason } : {}), ...(note ? { note } : {}) })
      fireEvent(this, 'crm-toast', { message: `Status changed to ${statusLabel(status)}.`, kind: 'success' })
      this.onSaved(status)
      this.onClosed()
    })
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-dialog-change-status': CrmDialogChangeStatus
  }
}
