import { html, nothing } from 'lit'
import { customElement, state } from 'lit/decorators.js'
import { fireEvent } from '../../common/fire-event'
import { dialogForm } from '../../components/dialog-form'
import { CrmDialogElement } from '../../components/dialogs'
import { field } from '../../components/field'
import { FormController } from '../../controllers/form-controller'
import {
  CLIENT_STATUSES,
  type ClientListItem,
  type ClientStatus,
  LEAVE_REASONS,
  type LeaveReason,
  changeClientStatus,
} from '../../data/clients'
import { t } from '../../i18n/locale'
import { baseStyles } from '../../resources/styles'
import { dialogChangeStatusStyles } from './dialog-change-status.styles'
import { leaveReasonLabel, statusLabel } from './labels'

export interface ChangeStatusParams {
  client: Pick<ClientListItem, 'id' | 'name' | 'status'>
}

/**
 * "Change status": lead → trial → active → paused → left, with a reason (required) on leaving
 * and an optional note with any change (on leaving, beside the reason). Saves itself; resolves with the new status.
 * @example const status = await showDialog(this, 'crm-dialog-change-status', { client }, () => import('./dialog-change-status'))
 */
@customElement('crm-dialog-change-status')
export class CrmDialogChangeStatus extends CrmDialogElement<ChangeStatusParams, ClientStatus> {
  @state() private pending: ClientStatus | '' = ''
  private form = new FormController(this, { fields: ['status', 'reason', 'note'], fallback: t('clients.statusDialog.error') })

  static styles = [baseStyles, dialogChangeStatusStyles]

  showDialog(params: ChangeStatusParams, close: (result?: ClientStatus) => void) {
    this.pending = params.client.status as ClientStatus
    super.showDialog(params, close)
  }

  render() {
    const c = this.params?.client
    if (!c) return nothing
    const fe = this.form.fieldErrors
    return dialogForm(
      {
        heading: t('clients.statusDialog.heading'),
        state: this.form,
        submitLabel: t('clients.statusDialog.submit'),
        onSubmit: this.submit,
        onClose: () => this.close(),
      },
      html`<p class="now muted">${t('clients.statusDialog.now', { name: c.name, status: statusLabel(c.status) })}</p>
        ${field(
          'new-status',
          t('clients.statusDialog.newStatus'),
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
                t('clients.statusDialog.why'),
                html`<select id="leave-reason" name="reason" aria-invalid=${this.form.invalid('reason')}>
                  <option value="">${t('clients.statusDialog.chooseReason')}</option>
                  ${LEAVE_REASONS.map((r) => html`<option value=${r}>${leaveReasonLabel(r)}</option>`)}
                </select>`,
                { error: fe.reason },
              )
            : nothing
        }
        ${field(
          'status-note',
          html`${t('clients.statusDialog.note')} <span class="muted">${t('clients.optional')}</span>`,
          html`<input id="status-note" name="note" autocomplete="off" maxlength="1000" />`,
        )}`,
    )
  }

  private submit = (data: FormData) => {
    const c = this.params?.client
    if (!c || this.form.busy) return
    const status = String(data.get('status')) as ClientStatus
    const reason = String(data.get('reason') ?? '') as LeaveReason | ''
    const note = String(data.get('note') ?? '').trim()
    if (status === 'left' && !reason) {
      this.form.refuse({ reason: t('clients.statusDialog.reasonRequired') })
      return
    }
    void this.form.send(async () => {
      await changeClientStatus(c.id, { status, ...(reason ? { reason } : {}), ...(note ? { note } : {}) })
      fireEvent(this, 'crm-toast', {
        message: t('clients.statusDialog.changed', { status: statusLabel(status) }),
        kind: 'success',
      })
      this.close(status)
    })
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-dialog-change-status': CrmDialogChangeStatus
  }
}
