import { html, nothing } from 'lit'
import { customElement } from 'lit/decorators.js'
import { fireEvent } from '../../common/fire-event'
import { dialogForm } from '../../components/dialog-form'
import { CrmDialogElement } from '../../components/dialogs'
import { field } from '../../components/field'
import { FormController } from '../../controllers/form-controller'
import { type RoomListItem as Room, createRoomIn, updateRoomFields } from '../../data/rooms'
import type { Branch } from '../../data/types'
import { LocaleController } from '../../i18n/locale-controller'
import { t } from '../../i18n/locale'
import { baseStyles } from '../../resources/styles'
import { dialogRoomStyles } from './dialog-room.styles'

export interface RoomDialogParams {
  /** The branch the room is in. */
  branch: Branch
  /** The room to edit; none: a new room in `branch`. */
  room: Room | null
}

/**
 * "New room in <branch>" / "Edit <room>": name, capacity, cost per hour and equipment. Saves
 * itself; resolves with the saved room.
 * @example const saved = await showDialog(this, 'crm-dialog-room', { branch, room: null }, () => import('./dialog-room'))
 */
@customElement('crm-dialog-room')
export class CrmDialogRoom extends CrmDialogElement<RoomDialogParams, Room> {
  private form = new FormController(this, { fields: ['name', 'capacity', 'hourlyCost', 'equipment', 'bookable'] })

  private readonly locale = new LocaleController(this)
  static styles = [baseStyles, dialogRoomStyles]

  render() {
    if (!this.params) return nothing
    const { branch, room: r } = this.params
    const fe = this.form.fieldErrors
    const inv = (id: string) => this.form.invalid(id)
    return dialogForm(
      {
        heading: r ? t('branches.dialog.editRoom', { name: r.name }) : t('branches.dialog.newRoom', { branch: branch.name }),
        state: this.form,
        submitLabel: t('common.save'),
        onSubmit: this.submit,
        onClose: () => this.close(),
      },
      html`${field('name', t('branches.dialog.name'), html`<input id="name" name="name" .value=${r?.name ?? ''} aria-invalid=${inv('name')} />`, { error: fe.name })}
        <div class="row2">
          ${field('capacity', t('branches.dialog.capacity'), html`<input id="capacity" name="capacity" type="number" min="1" step="1" .value=${String(r?.capacity ?? 10)} aria-invalid=${inv('capacity')} />`, { error: fe.capacity })}
          ${field('hourlyCost', t('branches.dialog.hourlyCost'), html`<input id="hourlyCost" name="hourlyCost" type="number" min="0" step="0.01" .value=${r?.hourlyCost ?? '0'} aria-invalid=${inv('hourlyCost')} />`, { error: fe.hourlyCost })}
        </div>
        ${field('equipment', t('branches.dialog.equipment'), html`<input id="equipment" name="equipment" .value=${r?.equipment.join(', ') ?? ''} aria-invalid=${inv('equipment')} />`, { error: fe.equipment, hint: t('branches.dialog.equipmentHint') })}
        <label class="check"
          ><input type="checkbox" name="bookable" .checked=${r?.bookable ?? true} /> ${t('setup.rooms.bookableField')}</label
        >
        <p class="hint">${t('setup.rooms.bookableHint')}</p>`,
    )
  }

  private submit = (data: FormData) => {
    const p = this.params
    if (!p) return
    const str = (k: string) => String(data.get(k) ?? '').trim()
    void this.form.send(async () => {
      const num = (k: string) => (str(k) === '' ? NaN : Number(str(k)))
      const input = {
        name: str('name'),
        capacity: num('capacity'),
        hourlyCost: num('hourlyCost'),
        equipment: str('equipment')
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
        bookable: data.get('bookable') === 'on',
      }
      const local: Record<string, string> = {}
      if (!Number.isInteger(input.capacity) || input.capacity < 1) local.capacity = t('branches.dialog.capacityInvalid')
      if (!Number.isFinite(input.hourlyCost) || input.hourlyCost < 0) local.hourlyCost = t('branches.dialog.costInvalid')
      if (Object.keys(local).length) {
        this.form.refuse(local)
        return
      }
      const saved = p.room ? await updateRoomFields(p.room.id, input) : await createRoomIn(p.branch.id, input)
      fireEvent(this, 'crm-toast', { message: () => t('branches.toast.roomSaved', { name: saved.name }), kind: 'success' })
      this.close(saved)
    })
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-dialog-room': CrmDialogRoom
  }
}
