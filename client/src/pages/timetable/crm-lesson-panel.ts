import { LitElement, html, nothing, type PropertyValues } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import type { MessageId } from '../../../../domain/i18n/catalogue'
import type { Activity, Group, LessonFields, Teacher } from '../../data/timetable'
import type { Room } from '../../data/types'
import { LocaleController } from '../../i18n/locale-controller'
import { t } from '../../i18n/locale'
import { baseStyles } from '../../resources/styles'
import { lessonPanelStyles } from './crm-lesson-panel.styles'
import type { ViewLesson } from './layout'
import { cancelledText, clashText, clientNameText, dayLong, dayShort, markText, messageText, reasonsText } from './labels'
import { formatMinutes, parseMinutes, zonedIso } from './time'
import './crm-lesson-attendance'
import './crm-lesson-makeup'
import { timeInput } from '../../components/date-input'
import '../../components/crm-field-author'
import { DocAuthorsController, authorOf } from '../../data/docs-authors'
import { styleMap } from 'lit/directives/style-map.js'
import type { LiveDoc } from '../../data/live-doc'

/** A field's label with its "who changed this" clock beside it. */
const LABEL_ROW = styleMap({ display: 'flex', alignItems: 'center', gap: '4px', fontWeight: '500', fontSize: '0.875rem' })

/** A lesson drawn on the grid, not written yet. */
export interface LessonDraft {
  id: string
  date: string
  roomId: string
  startMin: number
  endMin: number
  /** The person chose the length by dragging (else the activity's duration applies). */
  explicit: boolean
  activityId?: string
  groupId?: string
  teacherId?: string
}

interface Form {
  activityId: string
  groupId: string
  teacherId: string
  roomId: string
  date: string
  start: string
  end: string
  note: string
}

export interface LessonPanelEvents {
  /** Write these fields of lesson `id` into the week document (all of them for a new lesson). */
  'crm-lesson-save': { id: string; fields: Partial<LessonFields>; created: boolean }
  'crm-lesson-delete': { id: string }
  'crm-panel-close': Record<string, never>
}

declare global {
  interface HTMLElementEventMap {
    'crm-lesson-save': CustomEvent<LessonPanelEvents['crm-lesson-save']>
    'crm-lesson-delete': CustomEvent<LessonPanelEvents['crm-lesson-delete']>
    'crm-panel-close': CustomEvent<LessonPanelEvents['crm-panel-close']>
  }
  interface HTMLElementTagNameMap {
    'crm-lesson-panel': CrmLessonPanel
  }
}

/**
 * The side panel of one lesson. "Details": activity, group, teacher, room, day, times and note
 * (a new lesson drawn on the grid starts here); only changed fields are written, so someone
 * else's concurrent change to another field survives. "Attendance": the roster, and for the front
 * desk the "Make-up" list (clients holding a make-up credit usable for this lesson).
 * Shows clashes, problems and who owes (red group) at the top.
 */
@customElement('crm-lesson-panel')
export class CrmLessonPanel extends LitElement {
  /** The lesson being edited (live: follows other people's changes), or null with a draft. */
  @property({ attribute: false }) lesson: ViewLesson | null = null
  @property({ attribute: false }) draft: LessonDraft | null = null
  @property({ attribute: false }) rooms: Room[] = []
  @property({ attribute: false }) activities: Activity[] = []
  @property({ attribute: false }) groups: Group[] = []
  @property({ attribute: false }) teachers: Teacher[] = []
  /** The dates a lesson of this week document may be on. */
  @property({ attribute: false }) days: string[] = []
  @property() timeZone = 'UTC'
  @property({ type: Number }) step = 30
  @property() today = ''
  /** The live connection when the reader sees passes (a roster member's pass shows beside them); undefined: not shown. */
  @property({ attribute: false }) passesLive: import('../../data/live-events').LiveEvents | null | undefined = undefined
  /** May change the timetable (owner, manager, receptionist) and the document is writable. */
  @property({ type: Boolean }) canEdit = false
  /** May take attendance (teachers, and the front desk). */
  @property({ type: Boolean }) canAttend = false
  @property({ type: Boolean }) canCancel = false
  @property() initialTab: 'details' | 'attendance' = 'details'
  @property({ type: Number }) refreshKey = 0
  /** The week document (who changed each of the lesson's fields). */
  @property({ attribute: false }) live: LiveDoc | null = null
  /** The lesson's fields changed since the last audit ("Highlight since audit"; empty when off): outlined. */
  @property({ attribute: false }) sinceAudit: ReadonlySet<string> = new Set()
  /** The details beside the attendance for a reader who otherwise sees only the attendance (the audit, highlighting). */
  @property({ type: Boolean }) withDetails = false

  @state() private tab: 'details' | 'attendance' = 'details'
  @state() private form: Form = { activityId: '', groupId: '', teacherId: '', roomId: '', date: '', start: '', end: '', note: '' }
  @state() private dirty = new Set<keyof Form>()
  /** The form's errors, as message ids (shown in the language of the moment). */
  @state() private errors: Partial<Record<keyof Form, MessageId>> = {}
  @state() private confirmDelete = false
  /** Bumped when the make-up added someone: the roster reloads. */
  @state() private makeUpAdded = 0
  private subjectKey = ''
  /** Who changed each field of the week last (fetched when the panel opens, again when the week changes). */
  private authors = new DocAuthorsController(this, () => ({
    name: this.live?.name ?? null,
    doc: this.live?.synced ? this.live.doc : null,
  }))
  private readonly locale = new LocaleController(this)

  static styles = [baseStyles, lessonPanelStyles]

  protected willUpdate(changed: PropertyValues<this>) {
    const key = this.lesson ? `l:${this.lesson.id}` : this.draft ? `d:${this.draft.id}` : ''
    if (key !== this.subjectKey) {
      // another lesson: start afresh
      this.subjectKey = key
      this.dirty = new Set()
      this.errors = {}
      this.confirmDelete = false
      this.tab = this.draft ? 'details' : this.initialTab
      this.form = this.fromSubject()
    } else if (changed.has('lesson') && this.lesson) {
      // the same lesson changed (someone moved it): follow, except the fields being edited here
      const live = this.fromSubject()
      const next = { ...this.form }
      for (const k of Object.keys(live) as Array<keyof Form>) if (!this.dirty.has(k)) next[k] = live[k]
      this.form = next
    }
    if (changed.has('initialTab') && this.lesson && !changed.has('lesson')) this.tab = this.initialTab
  }

  private fromSubject(): Form {
    const l = this.lesson
    if (l) {
      return {
        activityId: l.activityId,
        groupId: l.groupId ?? '',
        teacherId: l.teacherId,
        roomId: l.roomId,
        date: l.date,
        start: formatMinutes(l.startMin),
        end: formatMinutes(l.endMin),
        note: l.note,
      }
    }
    const d = this.draft
    if (!d) return { activityId: '', groupId: '', teacherId: '', roomId: '', date: '', start: '', end: '', note: '' }
    const group = d.groupId ? this.groups.find((g) => g.id === d.groupId) : undefined
    const activityId = d.activityId ?? group?.activityId ?? ''
    const duration = d.explicit
      ? d.endMin - d.startMin
      : (this.activities.find((a) => a.id === activityId)?.durationMinutes ?? d.endMin - d.startMin)
    return {
      activityId,
      groupId: group?.id ?? '',
      teacherId: d.teacherId ?? group?.teacherId ?? '',
      roomId: d.roomId,
      date: d.date,
      start: formatMinutes(d.startMin),
      end: formatMinutes(Math.min(1440, d.startMin + duration)),
      note: '',
    }
  }

  /** The tabs from the keyboard: arrows (and Home, End) switch between Details and Attendance. */
  private onTabKey = (e: KeyboardEvent) => {
    if (!['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(e.key)) return
    e.preventDefault()
    this.tab = e.key === 'Home' ? 'details' : e.key === 'End' ? 'attendance' : this.tab === 'details' ? 'attendance' : 'details'
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#panel-tab-${this.tab}`)?.focus())
  }

  render() {
    const l = this.lesson
    const isNew = !l && !!this.draft
    if (!l && !this.draft) return nothing
    const activity = this.activities.find((a) => a.id === this.form.activityId)
    const heading = isNew ? t('timetable.panel.newLesson') : (activity?.name ?? t('timetable.panel.lesson'))
    const time = t('timetable.span', { start: this.form.start, end: this.form.end })
    const mark = l ? markText(l.status) : ''
    const showTabs = !isNew && (this.canAttend || this.canCancel || this.withDetails)
    return html`
      <header>
        <div>
          <h2 id="panel-title">${heading}</h2>
          <p>${this.form.date ? dayShort(this.form.date) : ''} · ${time}${mark ? ` · ${mark}` : ''}</p>
        </div>
        <button class="icon" aria-label=${t('timetable.panel.close')} @click=${this.close}>✕</button>
      </header>
      ${
        showTabs
          ? html`<div class="tabs" role="tablist" aria-label=${t('timetable.panel.tabs')}>
              <button
                role="tab"
                id="panel-tab-details"
                aria-controls="panel-content"
                aria-selected=${this.tab === 'details' ? 'true' : 'false'}
                tabindex=${this.tab === 'details' ? 0 : -1}
                @click=${() => (this.tab = 'details')}
                @keydown=${this.onTabKey}
              >
                ${t('timetable.panel.details')}
              </button>
              <button
                role="tab"
                id="panel-tab-attendance"
                aria-controls="panel-content"
                aria-selected=${this.tab === 'attendance' ? 'true' : 'false'}
                tabindex=${this.tab === 'attendance' ? 0 : -1}
                @click=${() => (this.tab = 'attendance')}
                @keydown=${this.onTabKey}
              >
                ${t('timetable.panel.attendance')}
              </button>
            </div>`
          : nothing
      }
      <div
        class="content"
        id="panel-content"
        role=${showTabs ? 'tabpanel' : nothing}
        aria-labelledby=${showTabs ? `panel-tab-${this.tab}` : nothing}
      >
        ${l ? this.renderFlags(l) : nothing}
        ${
          this.tab === 'attendance' && l
            ? html`<crm-lesson-attendance
                  .lessonId=${l.id}
                  .refreshKey=${this.refreshKey + this.makeUpAdded}
                  ?canCancel=${this.canCancel}
                  ?isToday=${l.date === this.today}
                  .passesLive=${this.passesLive}
                  .activityId=${l.activityId ?? null}
                  .day=${l.date}
                ></crm-lesson-attendance>
                ${
                  // the front desk (who may cancel, and sees passes) adds a client with a make-up credit to a planned lesson
                  this.canCancel && this.passesLive !== undefined && l.status === 'planned' && l.activityId
                    ? html`<crm-lesson-makeup
                        .lessonId=${l.id}
                        .refreshKey=${this.refreshKey}
                        @crm-makeup-added=${() => this.makeUpAdded++}
                      ></crm-lesson-makeup>`
                    : nothing
                }`
            : this.canEdit && (isNew || l?.status === 'planned')
              ? this.renderForm(isNew)
              : this.renderSummary()
        }
      </div>
    `
  }

  private renderFlags(l: ViewLesson) {
    const flags = []
    if (l.clashes.length)
      flags.push(
        html`<div class="alert error" role="status" data-testid="panel-clash">
          <strong>${t('timetable.panel.clash')}</strong> ${l.clashes.map(clashText).join(', ')}
        </div>`,
      )
    if (!l.valid)
      flags.push(
        html`<div class="alert warning" role="status">
          <strong>${t('timetable.panel.invalid')}</strong>
          <ul>
            ${(l.problems.length ? l.problems.map(messageText) : [t('timetable.panel.unknownProblem')]).map((p) => html`<li>${p}</li>`)}
          </ul>
        </div>`,
      )
    if (l.red)
      flags.push(
        html`<div class="alert error" role="status" data-testid="panel-owing">
          <strong>${t('timetable.panel.owes')}</strong>
          ${
            l.owing.length
              ? html`<ul>
                  ${l.owing.map((o) => html`<li>${t('timetable.panel.owing', { name: clientNameText(o), reasons: reasonsText(o.reasons) })}</li>`)}
                </ul>`
              : t('timetable.panel.owesSomeone')
          }
        </div>`,
      )
    return flags.length ? html`<div class="flags">${flags}</div>` : nothing
  }

  private renderSummary() {
    const f = this.form
    const l = this.lesson
    const name = <T extends { id: string; name: string }>(list: T[], id: string) => list.find((x) => x.id === id)?.name ?? '—'
    return html`<dl class="summary">
      <dt>${t('timetable.panel.activity')}</dt>
      <dd class=${this.changed('activityId')}>${name(this.activities, f.activityId)}</dd>
      <dt>${t('timetable.panel.group')}${this.who('groupId', t('timetable.panel.group'), this.groups)}</dt>
      <dd class=${this.changed('groupId')}>${f.groupId ? name(this.groups, f.groupId) : t('timetable.panel.noGroup')}</dd>
      <dt>${t('timetable.panel.teacher')}${this.who('teacherId', t('timetable.panel.teacher'), this.teachers)}</dt>
      <dd class=${this.changed('teacherId')}>${name(this.teachers, f.teacherId)}</dd>
      <dt>${t('timetable.panel.room')}${this.who('roomId', t('timetable.panel.room'), this.rooms)}</dt>
      <dd class=${this.changed('roomId')}>${name(this.rooms, f.roomId)}</dd>
      <dt>${t('timetable.panel.when')}${this.who('start', t('timetable.panel.when'))}</dt>
      <dd class=${this.changed('start', 'end')}>
        ${t('timetable.panel.whenValue', {
          day: f.date ? dayShort(f.date) : '',
          time: t('timetable.span', { start: f.start, end: f.end }),
        })}
      </dd>
      ${
        l?.status === 'cancelled'
          ? html`<dt>${t('timetable.panel.status')}</dt>
              <dd data-testid="cancelled" class=${this.changed('status')}>${cancelledText(l.cancelReason)}</dd>`
          : nothing
      }
      ${
        f.note
          ? html`<dt>${t('timetable.panel.note')}</dt>
              <dd class=${this.changed('note')}>${f.note}</dd>`
          : nothing
      }
    </dl>`
  }

  /** `since-audit` when one of these fields of the lesson changed since the last audit (outlined), else ''. */
  private changed(...keys: string[]): string {
    return keys.some((k) => this.sinceAudit.has(k)) ? 'since-audit' : ''
  }

  /** "Who changed this" beside a field of the lesson (nothing for a draft): hover for the last author, click for the history. */
  private who(
    key: 'groupId' | 'teacherId' | 'roomId' | 'start' | 'end',
    label: string,
    names?: Array<{ id: string; name: string }>,
  ) {
    const l = this.lesson
    const live = this.live
    if (!l || !live) return nothing
    const path = `lessons.${l.id}.${key}`
    const author = authorOf(this.authors.byPath, path)
    if (!author) return nothing
    const valueText = names
      ? (v: unknown) => (typeof v === 'string' ? names.find((x) => x.id === v)?.name : undefined)
      : undefined
    return html`<crm-field-author
      .author=${author}
      doc=${live.name}
      path=${path}
      field=${label}
      zone=${this.timeZone}
      .valueText=${valueText}
    ></crm-field-author>`
  }

  private renderForm(isNew: boolean) {
    const f = this.form
    const e = this.errors
    const groups = f.activityId ? this.groups.filter((g) => g.activityId === f.activityId || g.id === f.groupId) : this.groups
    const choose = t('timetable.panel.choose')
    const timeError = e.start ?? e.end
    return html`<form @submit=${this.onSubmit} novalidate aria-labelledby="panel-title">
      <div class="field ${this.changed('activityId')}">
        <label for="activity">${t('timetable.panel.activity')}</label>
        <select
          id="activity"
          aria-invalid=${e.activityId ? 'true' : 'false'}
          @change=${(ev: Event) => this.onActivity((ev.target as HTMLSelectElement).value)}
        >
          <option value="" ?selected=${!f.activityId}>${choose}</option>
          ${this.activities.filter((a) => a.active !== false || a.id === f.activityId).map((a) => html`<option value=${a.id} ?selected=${a.id === f.activityId}>${a.name}</option>`)}
        </select>
        ${e.activityId ? html`<span class="field-error">${t(e.activityId)}</span>` : nothing}
      </div>
      <div class="field ${this.changed('groupId')}">
        <div class="label-row" style=${LABEL_ROW}>
          <label for="group">${t('timetable.panel.group')}</label>${this.who('groupId', t('timetable.panel.group'), this.groups)}
        </div>
        <select id="group" @change=${(ev: Event) => this.onGroup((ev.target as HTMLSelectElement).value)}>
          <option value="" ?selected=${!f.groupId}>${t('timetable.panel.oneOff')}</option>
          ${groups.map((g) => html`<option value=${g.id} ?selected=${g.id === f.groupId}>${g.red ? t('timetable.panel.groupOwes', { name: g.name }) : g.name}</option>`)}
        </select>
      </div>
      <div class="two">
        <div class="field ${this.changed('teacherId')}">
          <div class="label-row" style=${LABEL_ROW}>
            <label for="teacher">${t('timetable.panel.teacher')}</label
            >${this.who('teacherId', t('timetable.panel.teacher'), this.teachers)}
          </div>
          <select
            id="teacher"
            aria-invalid=${e.teacherId ? 'true' : 'false'}
            @change=${(ev: Event) => this.set('teacherId', (ev.target as HTMLSelectElement).value)}
          >
            <option value="" ?selected=${!f.teacherId}>${choose}</option>
            ${this.teachers.map((t) => html`<option value=${t.id} ?selected=${t.id === f.teacherId}>${t.name}</option>`)}
          </select>
          ${e.teacherId ? html`<span class="field-error">${t(e.teacherId)}</span>` : nothing}
        </div>
        <div class="field ${this.changed('roomId')}">
          <div class="label-row" style=${LABEL_ROW}>
            <label for="room">${t('timetable.panel.room')}</label>${this.who('roomId', t('timetable.panel.room'), this.rooms)}
          </div>
          <select
            id="room"
            aria-invalid=${e.roomId ? 'true' : 'false'}
            @change=${(ev: Event) => this.set('roomId', (ev.target as HTMLSelectElement).value)}
          >
            <option value="" ?selected=${!f.roomId}>${choose}</option>
            ${this.rooms.map((r) => html`<option value=${r.id} ?selected=${r.id === f.roomId}>${r.name}</option>`)}
          </select>
          ${e.roomId ? html`<span class="field-error">${t(e.roomId)}</span>` : nothing}
        </div>
      </div>
      <div class="field">
        <label for="day">${t('timetable.panel.day')}</label>
        <select id="day" @change=${(ev: Event) => this.set('date', (ev.target as HTMLSelectElement).value)}>
          ${this.days.map((d) => html`<option value=${d} ?selected=${d === f.date}>${dayLong(d)}</option>`)}
        </select>
      </div>
      <div class="two">
        <div class="field ${this.changed('start')}">
          <div class="label-row" style=${LABEL_ROW}>
            <label for="start">${t('timetable.panel.start')}</label>${this.who('start', t('timetable.panel.start'))}
          </div>
          ${timeInput({ id: 'start', value: f.start, invalid: !!e.start, onChange: (v) => v && this.onStart(v) })}
        </div>
        <div class="field ${this.changed('end')}">
          <div class="label-row" style=${LABEL_ROW}>
            <label for="end">${t('timetable.panel.end')}</label>${this.who('end', t('timetable.panel.end'))}
          </div>
          ${timeInput({ id: 'end', value: f.end, invalid: !!e.end, onChange: (v) => v && this.set('end', v) })}
        </div>
      </div>
      ${timeError ? html`<p class="field-error" role="alert">${t(timeError)}</p>` : nothing}
      <div class="field ${this.changed('note')}">
        <label for="note">${t('timetable.panel.note')}</label>
        <textarea
          id="note"
          .value=${f.note}
          @input=${(ev: Event) => this.set('note', (ev.target as HTMLTextAreaElement).value)}
        ></textarea>
      </div>
      <div class="form-actions">
        <button type="button" @click=${this.close}>${t(isNew ? 'timetable.panel.discard' : 'common.close')}</button>
        <button type="submit" class="primary" ?disabled=${!isNew && this.dirty.size === 0}>
          ${t(isNew ? 'timetable.panel.create' : 'timetable.panel.save')}
        </button>
      </div>
      ${
        isNew
          ? nothing
          : html`<div class="danger-zone">
              ${
                this.confirmDelete
                  ? html`<span>${t('timetable.panel.deleteAsk')}</span>
                      <button type="button" class="danger" @click=${this.onDelete}>${t('timetable.panel.delete')}</button>
                      <button type="button" @click=${() => (this.confirmDelete = false)}>${t('timetable.panel.keep')}</button>`
                  : html`<button type="button" class="danger" @click=${() => (this.confirmDelete = true)}>
                      ${t('timetable.panel.deleteStart')}
                    </button>`
              }
            </div>`
      }
    </form>`
  }

  private set<K extends keyof Form>(k: K, v: Form[K]) {
    this.form = { ...this.form, [k]: v }
    this.dirty = new Set(this.dirty).add(k)
    if (this.errors[k]) this.errors = { ...this.errors, [k]: undefined }
  }

  private onActivity(id: string) {
    this.set('activityId', id)
    const g = this.groups.find((x) => x.id === this.form.groupId)
    if (g && g.activityId !== id) this.set('groupId', '')
    // a new lesson not sized by dragging takes the activity's usual length
    const a = this.activities.find((x) => x.id === id)
    const s = parseMinutes(this.form.start)
    if (a && s !== null && this.draft && !this.lesson && !this.draft.explicit)
      this.set('end', formatMinutes(Math.min(1440, s + a.durationMinutes)))
  }

  /** Choosing a group fills in its activity, teacher and room (still editable). */
  private onGroup(id: string) {
    this.set('groupId', id)
    const g = this.groups.find((x) => x.id === id)
    if (!g) return
    if (g.activityId) this.onActivity(g.activityId)
    if (g.teacherId) this.set('teacherId', g.teacherId)
    if (g.roomId && this.rooms.some((r) => r.id === g.roomId)) this.set('roomId', g.roomId)
  }

  /** Moving the start keeps the length. */
  private onStart(v: string) {
    const s0 = parseMinutes(this.form.start)
    const e0 = parseMinutes(this.form.end)
    const s1 = parseMinutes(v)
    this.set('start', v)
    if (s0 !== null && e0 !== null && s1 !== null && e0 > s0) this.set('end', formatMinutes(Math.min(1440, s1 + (e0 - s0))))
  }

  private validate(): boolean {
    const f = this.form
    const errors: Partial<Record<keyof Form, MessageId>> = {}
    if (!f.activityId) errors.activityId = 'timetable.panel.chooseActivity'
    if (!f.teacherId) errors.teacherId = 'timetable.panel.chooseTeacher'
    if (!f.roomId) errors.roomId = 'timetable.panel.chooseRoom'
    const s = parseMinutes(f.start)
    const e = parseMinutes(f.end)
    if (s === null) errors.start = 'timetable.panel.enterStart'
    else if (e === null) errors.end = 'timetable.panel.enterEnd'
    else if (e <= s) errors.end = 'timetable.panel.endAfterStart'
    this.errors = errors
    return Object.keys(errors).length === 0
  }

  private onSubmit = (ev: Event) => {
    ev.preventDefault()
    if (!this.validate()) return
    const f = this.form
    const subject = this.lesson ?? this.draft
    const s = parseMinutes(f.start)
    const e = parseMinutes(f.end)
    if (!subject || s === null || e === null) return // (validate said so already)
    const isNew = !this.lesson
    const id = subject.id
    const start = zonedIso(f.date, s, this.timeZone)
    const end = zonedIso(f.date, e, this.timeZone)
    const all: LessonFields = {
      roomId: f.roomId,
      start,
      end,
      activityId: f.activityId,
      groupId: f.groupId || null,
      teacherId: f.teacherId,
      status: 'planned',
      note: f.note,
    }
    let fields: Partial<LessonFields> = all
    if (!isNew) {
      const d = this.dirty
      fields = {}
      if (d.has('roomId')) fields.roomId = all.roomId
      if (d.has('date') || d.has('start')) fields.start = start
      if (d.has('date') || d.has('end') || d.has('start')) fields.end = end
      if (d.has('activityId')) fields.activityId = all.activityId
      if (d.has('groupId')) fields.groupId = all.groupId
      if (d.has('teacherId')) fields.teacherId = all.teacherId
      if (d.has('note')) fields.note = all.note
    }
    this.fire('crm-lesson-save', { id, fields, created: isNew })
    this.dirty = new Set()
  }

  private onDelete = () => {
    if (this.lesson) this.fire('crm-lesson-delete', { id: this.lesson.id })
  }

  private close = () => this.fire('crm-panel-close', {})

  private fire<K extends keyof LessonPanelEvents>(type: K, detail: LessonPanelEvents[K]) {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }))
  }
}
