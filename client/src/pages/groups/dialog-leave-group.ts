import { css, html, nothing } from 'lit'
import { customElement } from 'lit/decorators.js'
import { fireEvent } from '../../common/fire-event'
import { dialogForm } from '../../components/dialog-form'
import { CrmDialogElement } from '../../components/dialogs'
import { field } from '../../components/field'
import { FormController } from '../../controllers/form-controller'
import { LEAVE_REASONS } from '../../data/clients'
import { removeMember } from '../../data/groups'
import { t } from '../../i18n/locale'
import { baseStyles } from '../../resources/styles'
import { leaveReasonLabel } from '../clients/labels'

export interface LeaveGroupParams {
  groupId: string
  clientId: string
  name: string
  /** The group has a waiting list: the first on it is offered the place. */
  waiting: boolean
}

/**
 * "Take out of the group": why they leave (a reason from the list, optional) and a note, then the
 * member is taken out (the reports count leavers and churn by reason). Resolves with true once done.
 * @example const out = await showDialog(this, 'crm-dialog-leave-group', { groupId, clientId, name, waiting }, () => import('./dialog-leave-group'))
 */
@customElement('crm-dialog-leave-group')
export class CrmDialogLeaveGroup extends CrmDialogElement<LeaveGroupParams, boolean> {
  private form = new FormController(this, { fields: ['reason', 'note'], fallback: t('common.error.unexpected') })

  static styles = [
    baseStyles,
    css`
      p {
        margin: 0 0 12px;
      }
    `,
  ]

  render() {
    const p = this.params
    if (!p) return nothing
    const fe = this.form.fieldErrors
    return dialogForm(
      {
        heading: t('setup.group.removeTitle', { name: p.name }),
        state: this.form,
        submitLabel: t('setup.group.remove'),
        onSubmit: this.submit,
        onClose: () => this.close(),
      },
      html`<p class="muted">${p.waiting ? t('setup.group.removeTextWaiting') : t('setup.group.removeText')}</p>
        ${field(
          'leave-reason',
          t('setup.group.leaveWhy'),
          html`<select id="leave-reason" name="reason" aria-invalid=${this.form.invalid('reason')}>
            <option value="">${t('setup.group.leaveChoose')}</option>
            ${LEAVE_REASONS.filter((r) => r !== 'teacher_conflict').map(
              (r) => html`<option value=${r}>${leaveReasonLabel(r)}</option>`,
            )}
          </select>`,
          { error: fe.reason, hint: t('setup.group.leaveHint') },
        )}
        ${field(
          'leave-note',
          html`${t('setup.group.leaveNote')} <span class="muted">${t('clients.optional')}</span>`,
          html`<input
            id="leave-note"
            name="note"
            maxlength="500"
            autocomplete="off"
            aria-invalid=${this.form.invalid('note')}
          />`,
          { error: fe.note },
        )}`,
    )
  }

  private submit = (data: FormData) => {
    const p = this.params
    if (!p || this.form.busy) return
    const reason = String(data.get('reason') ?? '')
    const note = String(data.get('note') ?? '').trim()
    void this.form.send(async () => {
      await removeMember(p.groupId, p.clientId, { reason, note })
      fireEvent(this, 'crm-toast', { message: t('setup.group.removedToast', { name: p.name }), kind: 'success' })
      this.close(true)
    })
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-dialog-leave-group': CrmDialogLeaveGroup
  }
}
