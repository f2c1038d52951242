import { html, nothing } from 'lit'
import { customElement, state } from 'lit/decorators.js'
import { fireEvent } from '../../common/fire-event'
import { dateInput, datesValid, timeInput } from '../../components/date-input'
import { dialogForm } from '../../components/dialog-form'
import { CrmDialogElement } from '../../components/dialogs'
import { field } from '../../components/field'
import { FormController } from '../../controllers/form-controller'
import { type CatalogueActivity, fetchCatalogue } from '../../data/catalogue'
import { type GroupInput, type GroupListItem, type PatternSlot, createGroup, updateGroup } from '../../data/groups'
import { type RoomListItem, fetchRoomList } from '../../data/rooms'
import { type Teacher, fetchTeachers } from '../../data/timetable'
import type { Branch } from '../../data/types'
import { LocaleController } from '../../i18n/locale-controller'
import { t } from '../../i18n/locale'
import { baseStyles } from '../../resources/styles'
import { dialogGroupStyles } from './dialog-group.styles'
import { plusDays, todayIso, weekdayLong } from './schedule'

export interface GroupDialogParams {
  branch: Branch
  /** The group to edit; null: a new group in `branch`. */
  group: GroupListItem | null
}

const FIELDS = [
  'name',
  'activityId',
  'teacherId',
  'roomId',
  'pattern',
  'termStart',
  'termEnd',
  'capacity',
  'ageMin',
  'ageMax',
] as const

/** Adds an hour to "HH:MM" (the end a new slot is offered with), at most 23:59. */
const hourLater = (time: string, minutes: number) => {
  const [h, m] = time.split(':').map(Number)
  const total = Math.min(h * 60 + m + minutes, 23 * 60 + 59)
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`
}

/**
 * "New group in <branch>" / "Edit <group>": activity, teacher, room, the weekly pattern (days
 * and times), the term, capacity and ages. Resolves with the saved group.
 */
@customElement('crm-dialog-group')
export class CrmDialogGroup extends CrmDialogElement<GroupDialogParams, GroupListItem> {
  private form = new FormController(this, { fields: FIELDS })
  @state() private activities: CatalogueActivity[] = []
  @state() private teachers: Teacher[] = []
  @state() private rooms: RoomListItem[] = []
  @state() private slots: PatternSlot[] = []
  @state() private activityId = ''
  private readonly locale = new LocaleController(this)
  static styles = [baseStyles, dialogGroupStyles]

  showDialog(params: GroupDialogParams, close: (result?: GroupListItem) => void) {
    super.showDialog(params, close)
    this.slots = params.group ? params.group.pattern.map((s) => ({ ...s })) : [{ weekday: 1, start: '16:00', end: '17:00' }]
    this.activityId = params.group?.activityId ?? ''
    void Promise.all([fetchCatalogue(), fetchTeachers(), fetchRoomList(params.branch.id)]).then(
      ([a, te, r]) => {
        this.activities = a.filter((x) => x.active || x.id === params.group?.activityId)
        // the teachers of this branch (one who works in every branch lists none)
        this.teachers = (te as Array<Teacher & { branchIds?: string[] }>).filter(
          (x) => !x.branchIds?.length || x.branchIds.includes(params.branch.id),
        )
        this.rooms = r.filter((x) => (x.bookable && !x.archived) || x.id === params.group?.roomId)
        if (!this.activityId) this.activityId = this.activities[0]?.id ?? ''
      },
      () => this.form.refuse({ name: t('common.error.unexpected') }),
    )
  }

  render() {
    const p = this.params
    if (!p) return nothing
    const g = p.group
    const fe = this.form.fieldErrors
    const inv = (id: string) => this.form.invalid(id)
    const activity = this.activities.find((a) => a.id === this.activityId)
    const today = todayIso()
    const numInput = (id: string, value: number | null | undefined, placeholder = '') =>
      html`<input
        id=${id}
        name=${id}
        type="number"
        min="0"
        step="1"
        placeholder=${placeholder}
        .value=${value == null ? '' : String(value)}
        aria-invalid=${inv(id)}
      />`
    return dialogForm(
      {
        heading: g ? t('setup.groupDialog.edit', { name: g.name }) : t('setup.groupDialog.new', { branch: p.branch.name }),
        state: this.form,
        submitLabel: t('common.save'),
        onSubmit: this.submit,
        onClose: () => this.close(),
      },
      html`${field('name', t('setup.groupDialog.name'), html`<input id="name" name="name" .value=${g?.name ?? ''} aria-invalid=${inv('name')} />`, { error: fe.name })}
        <div class="row2">
          ${field(
            'activityId',
            t('setup.groupDialog.activity'),
            html`<select
              id="activityId"
              name="activityId"
              @change=${(e: Event) => (this.activityId = (e.target as HTMLSelectElement).value)}
              aria-invalid=${inv('activityId')}
            >
              ${this.activities.map((a) => html`<option value=${a.id} ?selected=${a.id === this.activityId}>${a.name}</option>`)}
            </select>`,
            { error: fe.activityId, hint: this.activities.length ? undefined : t('setup.groupDialog.noActivities') },
          )}
          ${field(
            'teacherId',
            t('setup.groupDialog.teacher'),
            html`<select id="teacherId" name="teacherId" aria-invalid=${inv('teacherId')}>
              ${this.teachers.map((x) => html`<option value=${x.id} ?selected=${x.id === g?.teacherId}>${x.name}</option>`)}
            </select>`,
            { error: fe.teacherId },
          )}
        </div>
        ${field(
          'roomId',
          t('setup.groupDialog.room'),
          html`<select id="roomId" name="roomId" aria-invalid=${inv('roomId')}>
            ${this.rooms.map(
              (r) =>
                html`<option value=${r.id} ?selected=${r.id === g?.roomId}>
                  ${t('setup.groupDialog.roomOption', { name: r.name, capacity: r.capacity })}
                </option>`,
            )}
          </select>`,
          { error: fe.roomId, hint: this.rooms.length ? undefined : t('setup.groupDialog.noRooms') },
        )}
        <fieldset>
          <legend>${t('setup.groupDialog.pattern')}</legend>
          ${this.slots.map((s, i) => this.renderSlot(s, i, activity))}
          ${fe.pattern ? html`<p class="field-error">${fe.pattern}</p>` : nothing}
          <button type="button" class="small" @click=${() => this.addSlot(activity)}>${t('setup.groupDialog.addSlot')}</button>
        </fieldset>
        <div class="row2">
          ${field(
            'termStart',
            t('setup.groupDialog.termStart'),
            dateInput({
              id: 'termStart',
              name: 'termStart',
              value: g?.termStart ?? today,
              onChange: () => {},
              invalid: !!fe.termStart,
            }),
            { error: fe.termStart },
          )}
          ${field(
            'termEnd',
            t('setup.groupDialog.termEnd'),
            dateInput({
              id: 'termEnd',
              name: 'termEnd',
              value: g?.termEnd ?? plusDays(today, 90),
              onChange: () => {},
              invalid: !!fe.termEnd,
            }),
            { error: fe.termEnd },
          )}
        </div>
        <div class="row3">
          ${field(
            'capacity',
            t('setup.groupDialog.capacity'),
            numInput('capacity', g?.capacity, activity ? String(activity.maxGroupSize) : ''),
            {
              error: fe.capacity,
              hint: t('setup.groupDialog.capacityHint'),
            },
          )}
          ${field('ageMin', t('setup.activity.ageMin'), numInput('ageMin', g ? g.ageMin : activity?.ageMin), { error: fe.ageMin })}
          ${field('ageMax', t('setup.activity.ageMax'), numInput('ageMax', g ? g.ageMax : activity?.ageMax), { error: fe.ageMax })}
        </div>`,
    )
  }

  private renderSlot(s: PatternSlot, i: number, activity: CatalogueActivity | undefined) {
    const fe = this.form.fieldErrors
    const set = (patch: Partial<PatternSlot>) => (this.slots = this.slots.map((x, j) => (j === i ? { ...x, ...patch } : x)))
    return html`<div class="slot" role="group" aria-label=${t('setup.groupDialog.slotLabel', { n: i + 1 })}>
      ${field(
        `weekday-${i}`,
        t('setup.groupDialog.weekday'),
        html`<select id="weekday-${i}" @change=${(e: Event) => set({ weekday: Number((e.target as HTMLSelectElement).value) })}>
          ${[1, 2, 3, 4, 5, 6, 7].map((d) => html`<option value=${d} ?selected=${d === s.weekday}>${weekdayLong(d)}</option>`)}
        </select>`,
      )}
      ${field(
        `start-${i}`,
        t('setup.groupDialog.start'),
        timeInput({
          id: `start-${i}`,
          value: s.start,
          onChange: (v) => v && set({ start: v, ...(activity ? { end: hourLater(v, activity.durationMinutes) } : {}) }),
        }),
      )}
      ${field(
        `end-${i}`,
        t('setup.groupDialog.end'),
        timeInput({ id: `end-${i}`, value: s.end, invalid: !!fe[`pattern.${i}.end`], onChange: (v) => v && set({ end: v }) }),
        {
          error: fe[`pattern.${i}.end`],
        },
      )}
      <button
        type="button"
        class="small remove"
        ?disabled=${this.slots.length === 1}
        aria-label=${t('setup.groupDialog.removeSlot', { n: i + 1 })}
        @click=${() => (this.slots = this.slots.filter((_, j) => j !== i))}
      >
        ✕
      </button>
    </div>`
  }

  private addSlot(activity: CatalogueActivity | undefined) {
    const last = this.slots.at(-1) ?? { weekday: 0, start: '16:00', end: '17:00' }
    const start = last.start
    this.slots = [
      ...this.slots,
      { weekday: (last.weekday % 7) + 1, start, end: activity ? hourLater(start, activity.durationMinutes) : last.end },
    ]
  }

  private submit = (data: FormData) => {
    const p = this.params
    if (!p) return
    const formEl = this.renderRoot.querySelector('form')
    if (formEl && !datesValid(formEl)) return
    const str = (k: string) => String(data.get(k) ?? '').trim()
    const opt = (k: string) => (str(k) === '' ? null : Number(str(k)))
    void this.form.send(async () => {
      const local: Record<string, string> = {}
      if (!str('name')) local.name = t('setup.activity.nameRequired')
      for (const k of ['capacity', 'ageMin', 'ageMax']) {
        const v = opt(k)
        if (v !== null && (!Number.isInteger(v) || v < (k === 'capacity' ? 1 : 0)))
          local[k] = t('setup.activity.wholeNumber', { min: k === 'capacity' ? 1 : 0 })
      }
      if (Object.keys(local).length) {
        this.form.refuse(local)
        return
      }
      const input: GroupInput = {
        branchId: p.branch.id,
        name: str('name'),
        activityId: str('activityId'),
        teacherId: str('teacherId'),
        roomId: str('roomId'),
        pattern: this.slots,
        termStart: str('termStart'),
        termEnd: str('termEnd'),
        capacity: opt('capacity'),
        ageMin: opt('ageMin'),
        ageMax: opt('ageMax'),
      }
      let saved: GroupListItem
      if (p.group) {
        const { branchId: _branch, roomId, ...rest } = input
        // the room is sent only when it changes (a room archived since keeps its groups)
        saved = await updateGroup(p.group.id, roomId !== p.group.roomId ? { ...rest, roomId } : rest)
      } else saved = await createGroup(input)
      fireEvent(this, 'crm-toast', { message: () => t('setup.groupDialog.saved', { name: saved.name }), kind: 'success' })
      this.close(saved)
    })
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-dialog-group': CrmDialogGroup
  }
}
