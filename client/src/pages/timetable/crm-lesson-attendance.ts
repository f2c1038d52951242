import { LitElement, html, nothing, type PropertyValues } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { fireEvent } from '../../common/fire-event'
import { ApiError } from '../../data/api'
import {
  ATTENDANCE_LABELS,
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
import { baseStyles } from '../../resources/styles'
import { attendanceStyles } from './crm-lesson-attendance.styles'

interface Row {
  clientId: string
  name: string
  status: AttendanceStatus | ''
  grade: string
  comment: string
  allergy: boolean
  allergies: string | null
  walkIn: boolean
  /** Added here and not saved yet (may still be taken off). */
  fresh?: boolean
}

const toRow = (r: RosterEntry): Row => ({
  clientId: r.clientId,
  name: r.name,
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
  @state() private detail: LessonDetail | null = null
  @state() private rows: Row[] = []
  @state() private dirty = false
  @state() private busy: string | null = null
  @state() private error: string | null = null
  @state() private cancelling = false
  @state() private cancelReason = ''
  @state() private offerMakeUp = true
  @state() private walkInQuery = ''
  @state() private walkInResults: Array<{ id: string; name: string }> = []
  private searchAbort?: AbortController
  private loadSeq = 0

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
      if (seq === this.loadSeq) this.error = e instanceof ApiError ? e.userMessage : 'Could not load the roster.'
    }
  }

  render() {
    const d = this.detail
    if (!d)
      return this.error
        ? html`<p class="alert error" role="alert">${this.error}</p>`
        : html`<p class="empty" aria-busy="true">Loading the roster…</p>`
    const done = d.status === 'done'
    const cancelled = d.status === 'cancelled'
    const locked = done || cancelled
    return html`
      ${this.error ? html`<p class="alert error" role="alert">${this.error}</p>` : nothing}
      <div class="status">
        ${done ? html`<span class="chip ok" data-testid="lesson-status">✓ Done</span>` : cancelled ? html`<span class="chip off" data-testid="lesson-status">Cancelled</span>` : html`<span class="chip" data-testid="lesson-status">Planned</span>`}
        <span class="muted">${this.rows.length} on the roster</span>
        ${!locked && this.rows.some((r) => !r.status) ? html`<button class="small" @click=${this.allPresent}>Mark the rest present</button>` : nothing}
      </div>
      ${
        this.rows.length
          ? html`<ul class="roster" aria-label="Roster">
              ${this.rows.map((r, i) => this.renderRow(r, i, locked))}
            </ul>`
          : html`<p class="empty">Nobody on the roster.</p>`
      }
      ${locked ? nothing : this.renderWalkIn()}
      <div class="row-actions">
        ${
          locked
            ? nothing
            : html`<button ?disabled=${!!this.busy || !this.dirty} @click=${() => void this.save()}>
                  ${this.busy === 'save' ? 'Saving…' : 'Save attendance'}
                </button>
                <button class="primary" ?disabled=${!!this.busy} @click=${() => void this.done()}>
                  ${this.busy === 'done' ? 'Marking…' : 'Mark done'}
                </button>`
        }
        ${done && this.isToday ? html`<button ?disabled=${!!this.busy} @click=${() => void this.undo()}>${this.busy === 'undo' ? 'Undoing…' : 'Undo done'}</button>` : nothing}
        ${!locked && this.canCancel && !this.cancelling ? html`<button class="danger" @click=${() => (this.cancelling = true)}>Cancel lesson…</button>` : nothing}
      </div>
      ${this.cancelling ? this.renderCancel() : nothing}
    `
  }

  private renderRow(r: Row, i: number, locked: boolean) {
    const set = (patch: Partial<Row>) => {
      this.rows = this.rows.map((x, j) => (j === i ? { ...x, ...patch } : x))
      this.dirty = true
    }
    return html`<li data-client=${r.clientId}>
      <div class="who">
        <span class="name">${r.name}</span>${
          r.allergy
            ? html`<span
                class="allergy"
                title=${r.allergies ? `Allergy: ${r.allergies}` : 'Has an allergy'}
                aria-label=${r.allergies ? `Allergy: ${r.allergies}` : 'Has an allergy'}
                data-testid="allergy"
                >Allergy</span
              >`
            : nothing
        }${r.walkIn ? html`<span class="walkin">walk-in</span>` : nothing}
        ${r.fresh && !locked ? html`<button class="icon small" aria-label=${`Remove ${r.name}`} @click=${() => this.removeRow(i)}>✕</button>` : nothing}
      </div>
      <div class="controls">
        <select
          aria-label=${`Attendance: ${r.name}`}
          .value=${r.status}
          ?disabled=${locked}
          @change=${(e: Event) => {
            const status = (e.target as HTMLSelectElement).value as AttendanceStatus
            // a grade is only for someone who attended
            set({ status, ...(ATTENDING.has(status) ? {} : { grade: '' }) })
          }}
        >
          <option value="" ?selected=${!r.status}>—</option>
          ${(r.walkIn ? (['walk_in'] as const) : ATTENDANCE_STATUSES.filter((s) => s !== 'walk_in')).map((s) => html`<option value=${s} ?selected=${r.status === s}>${ATTENDANCE_LABELS[s]}</option>`)}
        </select>
        <select
          class="grade"
          aria-label=${`Grade: ${r.name}`}
          .value=${r.grade}
          ?disabled=${locked || !ATTENDING.has(r.status)}
          @change=${(e: Event) => set({ grade: (e.target as HTMLSelectElement).value })}
        >
          <option value="" ?selected=${!r.grade}>–</option>
          ${[1, 2, 3, 4, 5].map((g) => html`<option value=${g} ?selected=${r.grade === String(g)}>${g}</option>`)}
        </select>
        <input
          type="text"
          placeholder="Comment"
          aria-label=${`Comment: ${r.name}`}
          .value=${r.comment}
          ?disabled=${locked}
          @input=${(e: Event) => set({ comment: (e.target as HTMLInputElement).value })}
        />
      </div>
    </li>`
  }

  private renderWalkIn() {
    return html`<div class="walk-in-search">
      <label class="visually-hidden" for="walkin">Add a walk-in</label>
      <input
        id="walkin"
        type="search"
        placeholder="Add a walk-in: search clients…"
        .value=${this.walkInQuery}
        @input=${this.onWalkInInput}
      />
      ${
        this.walkInResults.length
          ? html`<ul aria-label="Clients found">
              ${this.walkInResults.map((c) => html`<li><button @click=${() => this.addWalkIn(c)}>${c.name}</button></li>`)}
            </ul>`
          : nothing
      }
    </div>`
  }

  private renderCancel() {
    return html`<div class="cancel-form" role="group" aria-label="Cancel this lesson">
      <div class="field">
        <label for="reason">Reason (optional)</label>
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
        Offer members a make-up lesson</label
      >
      <div class="row-actions">
        <button class="danger" ?disabled=${!!this.busy} @click=${() => void this.cancel()}>
          ${this.busy === 'cancel' ? 'Cancelling…' : 'Cancel the lesson'}
        </button>
        <button @click=${() => (this.cancelling = false)}>Keep it</button>
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

  private async run(kind: string, fn: () => Promise<unknown>, ok: string) {
    this.busy = kind
    this.error = null
    try {
      await fn()
      fireEvent(this, 'crm-toast', { message: ok, kind: 'success' })
      this.dispatchEvent(new CustomEvent('crm-lesson-updated', { detail: { id: this.lessonId }, bubbles: true, composed: true }))
      await this.load()
    } catch (e) {
      this.error = e instanceof ApiError ? e.userMessage : 'Something went wrong. Try again.'
    } finally {
      this.busy = null
    }
  }

  private async save() {
    await this.run('save', () => saveAttendance(this.lessonId, this.entries()), 'Attendance saved')
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
      'Lesson marked done',
    )
  }

  private async undo() {
    await this.run('undo', () => undoDone(this.lessonId), 'Done mark undone')
  }

  private async cancel() {
    await this.run(
      'cancel',
      () => cancelLesson(this.lessonId, { reason: this.cancelReason.trim() || undefined, offerMakeUp: this.offerMakeUp }),
      'Lesson cancelled',
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
