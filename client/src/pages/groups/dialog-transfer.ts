import { html, nothing } from 'lit'
import { customElement, state } from 'lit/decorators.js'
import { fireEvent } from '../../common/fire-event'
import { dialogForm } from '../../components/dialog-form'
import { CrmDialogElement } from '../../components/dialogs'
import { field } from '../../components/field'
import { FormController } from '../../controllers/form-controller'
import { type GroupDetail, type GroupListItem, fetchGroupList, transferMember } from '../../data/groups'
import { LocaleController } from '../../i18n/locale-controller'
import { t } from '../../i18n/locale'
import { baseStyles } from '../../resources/styles'
import { num } from '../catalogue/labels'
import type { GroupRefs } from './crm-groups-page'
import { scheduleText } from './schedule'

export interface TransferParams {
  group: GroupDetail
  member: { clientId: string; name: string }
  refs: GroupRefs
}

/**
 * "Move <name> to another group": the groups of the same branch (same activity first), and
 * whether to go above the other group's capacity. The membership here ends and the other starts
 * in one step; the history keeps both.
 */
@customElement('crm-dialog-transfer')
export class CrmDialogTransfer extends CrmDialogElement<TransferParams, true> {
  private form = new FormController(this, { fields: ['toGroupId', 'overrideCapacity', 'clientId'] })
  @state() private groups: GroupListItem[] | null = null
  private readonly locale = new LocaleController(this)
  static styles = [baseStyles]

  showDialog(params: TransferParams, close: (result?: true) => void) {
    super.showDialog(params, close)
    void fetchGroupList(params.group.branchId).then(
      (items) =>
        (this.groups = items
          .filter((g) => g.id !== params.group.id)
          .sort((a, b) => Number(b.activityId === params.group.activityId) - Number(a.activityId === params.group.activityId))),
      () => (this.groups = []),
    )
  }

  render() {
    const p = this.params
    if (!p) return nothing
    const fe = this.form.fieldErrors
    return dialogForm(
      {
        heading: t('setup.transfer.title', { name: p.member.name }),
        state: this.form,
        submitLabel: t('setup.transfer.submit'),
        onSubmit: this.submit,
        onClose: () => this.close(),
      },
      html`<p class="muted">${t('setup.transfer.lead', { group: p.group.name })}</p>
        ${
          this.groups === null
            ? html`<p class="muted" aria-busy="true">${t('common.loading')}</p>`
            : this.groups.length === 0
              ? html`<p class="alert info">${t('setup.transfer.none')}</p>`
              : field(
                  'toGroupId',
                  t('setup.transfer.to'),
                  html`<select id="toGroupId" name="toGroupId" aria-invalid=${this.form.invalid('toGroupId')}>
                    ${this.groups.map(
                      (g) =>
                        html`<option value=${g.id}>
                          ${g.name} — ${p.refs.activities.get(g.activityId)?.name ?? ''}, ${scheduleText(g.pattern)}
                          (${num(g.memberCount)}/${num(g.capacity)})
                        </option>`,
                    )}
                  </select>`,
                  { error: fe.toGroupId ?? fe.clientId },
                )
        }
        <label class="check"><input type="checkbox" name="overrideCapacity" /> ${t('setup.transfer.override')}</label>`,
    )
  }

  private submit = (data: FormData) => {
    const p = this.params
    const to = String(data.get('toGroupId') ?? '')
    if (!p || !to) return
    void this.form.send(async () => {
      await transferMember(p.group.id, p.member.clientId, to, data.get('overrideCapacity') === 'on')
      const target = this.groups?.find((g) => g.id === to)
      fireEvent(this, 'crm-toast', {
        message: () => t('setup.transfer.done', { name: p.member.name, group: target?.name ?? '' }),
        kind: 'success',
      })
      this.close(true)
    })
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-dialog-transfer': CrmDialogTransfer
  }
}
