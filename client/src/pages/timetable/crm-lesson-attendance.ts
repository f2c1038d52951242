import { LitElement, html, nothing, type PropertyValues } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { fireEvent } from '../../common/fire-event'
import { ApiError } from '../../data/api'
import type { MessageId } from '../../../../domain/i18n/catalogue'
import {
  ATTENDANCE_STATUSES,
  ATTENDING,
  type AttendanceEntry,
  type AttendanceStatus,
  type LessonDetail,
  type RosterEntry,
  cancelLesson,
  fetchLesson,
  markDone,
  saveAttendance,
  searchClients,
  undoDone,
} from '../../data/timetable'
import { LocaleController } from '../../i18n/locale-controller'
import { t } from '../../i18n/locale'
import { baseStyles } from '../../resources/styles'
import { attendanceStyles } from './crm-lesson-attendance.styles'
import '../passes/crm-roster-pass'
import { attendanceText, clientNameText, statusText } from './labels'

interface Row {
  clientId: string
  name: string
  /** An erased client: shown as the label in the language shown, not by `name`. */
  erased: boolean
  status: AttendanceStatus | ''
  grade: string
  comment: string
  allergy: boolean
  allergies: string | null
  walkIn: boolean
  /** Added here and not saved yet (may still be taken off). */
  fresh?: boolean
}

/** The attendance statuses offered, each with its name: a member's, and a walk-in's. */
interface StatusOptions {
  member: Array<[AttendanceStatus, string]>
  walkIn: Array<[AttendanceStatus, string]>
}

const toRow = (r: RosterEntry): Row => ({
  clientId: r.clientId,
  name: r.name,
  erased: r.erased === true,
  status: r.status ?? (r.member ? '' : 'walk_in'),
  grade: r.grade ? String(r.grade) : '',
  comment: r.comment ?? '',
  allergy: r.allergy,
  allergies: r.allergies,
  walkIn: !r.member || r.status === 'walk_in',
})

/**
 * A lesson's roster for taking attendance: status per member (+ walk-ins), grade and comment,
 * then "Mark done" (or "Undo" the same day) or "Cancel lesson" with an optional make-up offer.
 * Shows an allergy badge on members with allergies; no other medical data.
 * Fires `crm-lesson-updated` after anything the server changed.
 */
@customElement('crm-lesson-attendance')
export class CrmLessonAttendance extends LitElement {
  @property() lessonId = ''
  /** Bump to reload (the lesson changed elsewhere). */
  @property({ type: Number }) refreshKey = 0
  /** May cancel lessons (owner, manager, receptionist). */
  @property({ type: Boolean }) canCancel = false
  /** The lesson is today (branch zone): "Undo" is offered only then. */
  @property({ type: Boolean }) isToday = false
  /** Each member's pass for this lesson (passes area), when set: the live connection. */
  @property({ attribute: false }) passesLive: import('../../data/live-events').LiveEvents | null | undefined = undefined
  @property() activityId: string | null = null
  @property() day = ''
  @state() private detail: LessonDetail | null = null
  @state() private rows: Row[] = []
  @state() private dirty = false
  @state() private busy: string | null = null
  /** What went wrong: the server's message (already in the reader's language), or one of ours. */
  @state() private error: string | { id: MessageId } | null = null
  @state() private cancelling = false
  @state() private cancelReason = ''
  @state() private offerMakeUp = true
  @state() private walkInQuery = ''
  @state() private walkInResults: Array<{ id: string; name: string }> = []
  private searchAbort?: AbortController
  private loadSeq = 0
  private readonly locale = new LocaleController(this)

  static styles = [baseStyles, attendanceStyles]

  protected willUpdate(changed: PropertyValues<this>) {
    if ((changed.has('lessonId') || changed.has('refreshKey')) && this.lessonId) {
      if (changed.has('lessonId')) {
        this.detail = null
        this.rows = []
        this.dirty = false
        this.cancelling = false
        this.error = null
      }
      void this.load()
    }
  }

  private async load() {
    const seq = ++this.loadSeq
    try {
      const d = await fetchLesson(this.lessonId)
      if (seq !== this.loadSeq) return
      this.detail = d
      // keep what the person is typing; take the server's roster otherwise
      if (!this.dirty) this.rows = d.roster.map(toRow)
    } catch (e) {
      if (seq === this.loadSeq) this.error = e instanceof ApiError ? e.userMessage : { id: 'timetable.roster.loadFailed' }
    }
  }

  render() {
    const d = this.detail
    if (!d)
      return this.error
        ? html`<p class="alert error" role="alert">${this.errorText(this.error)}</p>`
        : html`<p class="empty" aria-busy="true">${t('timetable.roster.loading')}</p>`
    const done = d.status === 'done'
    const cancelled = d.status === 'cancelled'
    const locked = done || cancelled
    // the status choices, named once per render (not per row)
    const options = this.statusOptions()
    return html`
      ${this.error ? html`<p class="alert error" role="alert">${this.errorText(this.error)}</p>` : nothing}
      <div class="status">
        ${done ? html`<span class="chip ok" data-testid="lesson-status">${t('timetable.roster.done')}</span>` : cancelled ? html`<span class="chip off" data-testid="lesson-status">${statusText('cancelled')}</span>` : html`<span class="chip" data-testid="lesson-status">${statusText('planned')}</span>`}
        <span class="muted">${t('timetable.roster.count', { count: this.rows.length })}</span>
        ${!locked && this.rows.some((r) => !r.status) ? html`<button class="small" @click=${this.allPresent}>${t('timetable.roster.restPresent')}</button>` : nothing}
      </div>
      ${
        this.rows.length
          ? html`<ul class="roster" aria-label=${t('timetable.roster.label')}>
              ${this.rows.map((r, i) => this.renderRow(r, i, locked, options))}
            </ul>`
          : html`<p class="empty">${t('timetable.roster.empty')}</p>`
      }
      ${locked ? nothing : this.renderWalkIn()}
      <div class="row-actions">
        ${
          locked
            ? nothing
            : html`<button ?disabled=${!!this.busy || !this.dirty} @click=${() => void this.save()}>
                  ${t(this.busy === 'save' ? 'timetable.roster.saving' : 'timetable.roster.save')}
                </button>
                <button class="primary" ?disabled=${!!this.busy} @click=${() => void this.done()}>
                  ${t(this.busy === 'done' ? 'timetable.roster.marking' : 'timetable.roster.markDone')}
                </button>`
        }
        ${done && this.isToday ? html`<button ?disabled=${!!this.busy} @click=${() => void this.undo()}>${t(this.busy === 'undo' ? 'timetable.roster.undoing' : 'timetable.roster.undo')}</button>` : nothing}
        ${!locked && this.canCancel && !this.cancelling ? html`<button class="danger" @click=${() => (this.cancelling = true)}>${t('timetable.roster.cancelStart')}</button>` : nothing}
      </div>
      ${this.cancelling ? this.renderCancel() : nothing}
    `
  }

  private errorText(e: string | { id: MessageId }): string {
    return typeof e === 'string' ? e : t(e.id)
  }

  /** Each status's name: a member's choices, and a walk-in's. */
  private statusOptions(): StatusOptions {
    const named = (s: AttendanceStatus): [AttendanceStatus, string] => [s, attendanceText(s)]
    return {
      member: ATTENDANCE_STATUSES.filter((s) => s !== 'walk_in').map(named),
      walkIn: [named('walk_in')],
    }
  }

  private renderRow(r: Row, i: number, locked: boolean, options: StatusOptions) {
    const name = clientNameText(r)
    const set = (patch: Partial<Row>) => {
      this.rows = this.rows.map((x, j) => (j === i ? { ...x, ...patch } : x))
      this.dirty = true
    }
    const allergy = r.allergy
      ? r.allergies
        ? t('timetable.roster.allergyOf', { allergies: r.allergies })
        : t('timetable.roster.hasAllergy')
      : ''
    return html`<li data-client=${r.clientId}>
      <div class="who">
        <span class="name" ?data-erased=${r.erased}>${name}</span>${
          r.allergy
            ? html`<span class="allergy" title=${allergy} aria-label=${allergy} data-testid="allergy"
                >${t('timetable.roster.allergy')}</span
              >`
            : nothing
        }${r.walkIn ? html`<span class="walkin">${t('timetable.roster.walkIn')}</span>` : nothing}${
          this.passesLive !== undefined
            ? html`<crm-roster-pass
                .clientId=${r.clientId}
                .activityId=${this.activityId}
                .day=${this.day}
                .live=${this.passesLive}
              ></crm-roster-pass>`
            : nothing
        }
        ${r.fresh && !locked ? html`<button class="icon small" aria-label=${t('timetable.roster.remove', { name })} @click=${() => this.removeRow(i)}>✕</button>` : nothing}
      </div>
      <div class="controls">
        <select
          aria-label=${t('timetable.roster.statusOf', { name })}
          .value=${r.status}
          ?disabled=${locked}
          @change=${(e: Event) => {
            const status = (e.target as HTMLSelectElement).value as AttendanceStatus
            // a grade is only for someone who attended
            set({ status, ...(ATTENDING.has(status) ? {} : { grade: '' }) })
          }}
        >
          <option value="" ?selected=${!r.status}>—</option>
          ${(r.walkIn ? options.walkIn : options.member).map(([s, label]) => html`<option value=${s} ?selected=${r.status === s}>${label}</option>`)}
        </select>
        <select
          class="grade"
          aria-label=${t('timetable.roster.gradeOf', { name })}
          .value=${r.grade}
          ?disabled=${locked || !ATTENDING.has(r.status)}
          @change=${(e: Event) => set({ grade: (e.target as HTMLSelectElement).value })}
        >
          <option value="" ?selected=${!r.grade}>–</option>
          ${[1, 2, 3, 4, 5].map((g) => html`<option value=${g} ?selected=${r.grade === String(g)}>${g}</option>`)}
        </select>
        <input
          type="text"
          placeholder=${t('timetable.roster.comment')}
          aria-label=${t('timetable.roster.commentOf', { name })}
          .value=${r.comment}
          ?disabled=${locked}
          @input=${(e: Event) => set({ comment: (e.target as HTMLInputElement).value })}
        />
      </div>
    </li>`
  }

  private renderWalkIn() {
    return html`<div class="walk-in-search">
      <label class="visually-hidden" for="walkin">${t('timetable.roster.addWalkIn')}</label>
      <input
        id="walkin"
        type="search"
        placeholder=${t('timetable.roster.searchWalkIn')}
        .value=${this.walkInQuery}
        @input=${this.onWalkInInput}
      />
      ${
        this.walkInResults.length
          ? html`<ul aria-label=${t('timetable.roster.found')}>
              ${this.walkInResults.map((c) => html`<li><button @click=${() => this.addWalkIn(c)}>${c.name}</button></li>`)}
            </ul>`
          : nothing
      }
    </div>`
  }

  private renderCancel() {
    return html`<div class="cancel-form" role="group" aria-label=${t('timetable.roster.cancelGroup')}>
      <div class="field">
        <label for="reason">${t('timetable.roster.reason')}</label>
        <input
          id="reason"
          type="text"
          .value=${this.cancelReason}
          @input=${(e: Event) => (this.cancelReason = (e.target as HTMLInputElement).value)}
        />
      </div>
      <label class="check"
        ><input
          type="checkbox"
          .checked=${this.offerMakeUp}
          @change=${(e: Event) => (this.offerMakeUp = (e.target as HTMLInputElement).checked)}
        />
        ${t('timetable.roster.offerMakeUp')}</label
      >
      <div class="row-actions">
        <button class="danger" ?disabled=${!!this.busy} @click=${() => void this.cancel()}>
          ${t(this.busy === 'cancel' ? 'timetable.roster.cancelling' : 'timetable.roster.cancel')}
        </button>
        <button @click=${() => (this.cancelling = false)}>${t('timetable.roster.keep')}</button>
      </div>
    </div>`
  }

  private allPresent = () => {
    this.rows = this.rows.map((r) => (r.status ? r : { ...r, status: 'present' }))
    this.dirty = true
  }

  private onWalkInInput = (e: Event) => {
    this.walkInQuery = (e.target as HTMLInputElement).value
    this.searchAbort?.abort()
    const q = this.walkInQuery.trim()
    if (q.length < 2) {
      this.walkInResults = []
      return
    }
    const ac = (this.searchAbort = new AbortController())
    setTimeout(() => {
      if (ac.signal.aborted) return
      searchClients(q, ac.signal).then(
        (items) => {
          if (!ac.signal.aborted) this.walkInResults = items.filter((c) => !this.rows.some((r) => r.clientId === c.id))
        },
        () => {},
      )
    }, 200)
  }

  private addWalkIn(c: { id: string; name: string }) {
    this.rows = [
      ...this.rows,
      {
        clientId: c.id,
        name: c.name,
        erased: false,
        status: 'walk_in',
        grade: '',
        comment: '',
        allergy: false,
        allergies: null,
        walkIn: true,
        fresh: true,
      },
    ]
    this.walkInQuery = ''
    this.walkInResults = []
    this.dirty = true
  }

  private removeRow(i: number) {
    this.rows = this.rows.filter((_, j) => j !== i)
  }

  private entries(): AttendanceEntry[] {
    return this.rows
      .filter((r) => r.status)
      .map((r) => ({
        clientId: r.clientId,
        status: r.status as AttendanceStatus,
        ...(r.grade && ATTENDING.has(r.status) ? { grade: Number(r.grade) } : {}),
        ...(r.comment.trim() ? { comment: r.comment.trim() } : {}),
      }))
  }

  private async run(kind: string, fn: () => Promise<unknown>, ok: MessageId) {
    this.busy = kind
    this.error = null
    try {
      await fn()
      fireEvent(this, 'crm-toast', { message: t(ok), kind: 'success' })
      this.dispatchEvent(new CustomEvent('crm-lesson-updated', { detail: { id: this.lessonId }, bubbles: true, composed: true }))
      await this.load()
    } catch (e) {
      this.error = e instanceof ApiError ? e.userMessage : { id: 'common.error.unexpected' }
    } finally {
      this.busy = null
    }
  }

  private async save() {
    await this.run('save', () => saveAttendance(this.lessonId, this.entries()), 'timetable.roster.saved')
    if (!this.error) this.dirty = false
  }

  private async done() {
    await this.run(
      'done',
      async () => {
        if (this.dirty || this.entries().length) await saveAttendance(this.lessonId, this.entries())
        this.dirty = false
        await markDone(this.lessonId)
      },
      'timetable.roster.markedDone',
    )
  }

  private async undo() {
    await this.run('undo', () => undoDone(this.lessonId), 'timetable.roster.undone')
  }

  private async cancel() {
    await this.run(
      'cancel',
      () => cancelLesson(this.lessonId, { reason: this.cancelReason.trim() || undefined, offerMakeUp: this.offerMakeUp }),
      'timetable.roster.cancelled',
    )
    if (!this.error) this.cancelling = false
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-lesson-attendance': CrmLessonAttendance
  }
  interface HTMLElementEventMap {
    'crm-lesson-updated': CustomEvent<{ id: string }>
  }
}
