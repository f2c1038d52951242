import { LitElement, html, nothing, type PropertyValues } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { ApiError } from '../../data/api'
import type { MessageId } from '../../../../domain/i18n/catalogue'
import { type LessonRow, addDays, fetchLessons } from '../../data/timetable'
import { LocaleController } from '../../i18n/locale-controller'
import { t } from '../../i18n/locale'
import { baseStyles } from '../../resources/styles'
import { myLessonsStyles } from './crm-my-lessons.styles'
import type { GridNames } from './crm-timetable-grid'
import { clashText, markText, spanText } from './labels'
import { todayIn, zoned } from './time'

/**
 * "My lessons today" for teachers: their lessons of today (by teacher = their user id), first
 * thing on the timetable; opening one goes to its attendance.
 */
@customElement('crm-my-lessons')
export class CrmMyLessons extends LitElement {
  @property() userId = ''
  @property() branchId = ''
  @property() timeZone = 'UTC'
  @property({ type: Number }) refreshKey = 0
  @property({ attribute: false }) names: GridNames | null = null
  @state() private lessons: Array<LessonRow & { date: string; startMin: number; endMin: number }> | null = null
  /** What went wrong: the server's message (already in the reader's language), or one of ours. */
  @state() private error: string | { id: MessageId } | null = null
  private seq = 0
  private readonly locale = new LocaleController(this)

  static styles = [baseStyles, myLessonsStyles]

  protected willUpdate(changed: PropertyValues<this>) {
    if (
      (changed.has('userId') || changed.has('branchId') || changed.has('refreshKey') || changed.has('timeZone')) &&
      this.branchId
    )
      void this.load()
  }

  private async load() {
    const seq = ++this.seq
    const today = todayIn(this.timeZone)
    try {
      const rows = await fetchLessons(this.branchId, addDays(today, -1), addDays(today, 1))
      if (seq !== this.seq) return
      this.lessons = rows
        .filter((r) => r.teacherId === this.userId)
        .flatMap((r) => {
          const s = r.start ? zoned(r.start, this.timeZone) : null
          const e = r.end ? zoned(r.end, this.timeZone) : null
          return s && e ? [{ ...r, date: s.date, startMin: s.minutes, endMin: e.date === s.date ? e.minutes : 1440 }] : []
        })
        .filter((r) => r.date === today)
        .sort((a, b) => a.startMin - b.startMin)
      this.error = null
    } catch (e) {
      if (seq !== this.seq) return
      if (e instanceof ApiError && e.status === 404) this.lessons = []
      else this.error = e instanceof ApiError ? e.userMessage : { id: 'timetable.mine.loadFailed' }
    }
  }

  render() {
    const error = this.error && (typeof this.error === 'string' ? this.error : t(this.error.id))
    const lesson = t('timetable.block.lesson')
    return html`<section class="card" aria-labelledby="my-title">
      <h2 id="my-title">${t('timetable.mine.title')}</h2>
      ${error ? html`<p class="alert error" role="alert">${error}</p>` : nothing}
      ${
        this.lessons === null
          ? html`<p class="muted" aria-busy="true">${t('common.loading')}</p>`
          : this.lessons.length === 0
            ? html`<p class="muted">${t('timetable.mine.empty')}</p>`
            : html`<ul>
                ${this.lessons.map((l) => {
                  const a = l.activityId ? this.names?.activity.get(l.activityId) : undefined
                  const g = l.groupId ? this.names?.group.get(l.groupId)?.name : null
                  const room = l.roomId ? this.names?.room.get(l.roomId)?.name : null
                  return html`<li>
                    <button
                      style="--c:${a?.color ?? 'var(--crm-primary)'}"
                      class=${l.status}
                      data-lesson=${l.id}
                      @click=${() => this.dispatchEvent(new CustomEvent('crm-open-lesson', { detail: { id: l.id, date: l.date, branchId: this.branchId }, bubbles: true, composed: true }))}
                    >
                      <span class="time"
                        >${spanText(l.startMin, l.endMin)} <span class=${l.status}>${markText(l.status)}</span></span
                      >
                      <span>${a?.name ?? lesson}${g ? ` · ${g}` : ''}</span>
                      <span class="sub"
                        >${room ?? ''}${l.memberCount !== null && (l.groupId || l.memberCount > 0) ? ` · ${l.memberCount}/${l.capacity ?? '–'}` : ''}${l.clashes.length ? html` · <span class="clash">${l.clashes.map(clashText).join(', ')}</span>` : nothing}</span
                      >
                    </button>
                  </li>`
                })}
              </ul>`
      }
    </section>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-my-lessons': CrmMyLessons
  }
  interface HTMLElementEventMap {
    'crm-open-lesson': CustomEvent<{ id: string; date: string; branchId: string }>
  }
}
