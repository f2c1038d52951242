import { LitElement, css, html, nothing, type PropertyValues } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { ApiError } from '../../data/api'
import { type LessonRow, addDays, clashLabel, fetchLessons } from '../../data/timetable'
import { baseStyles } from '../../resources/styles'
import type { GridNames } from './crm-timetable-grid'
import { formatMinutes, todayIn, zoned } from './time'

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
  @state() private error: string | null = null
  private seq = 0

  static styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      section {
        padding: 8px 12px;
        display: flex;
        align-items: center;
        gap: 12px;
      }
      h2 {
        font-size: 1rem;
        flex: none;
        margin: 0;
        width: 6.5em;
        line-height: 1.2;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 2px;
        display: flex;
        gap: 8px;
        overflow-x: auto;
        min-width: 0;
      }
      li {
        flex: none;
      }
      li button {
        display: flex;
        flex-direction: column;
        align-items: flex-start;
        gap: 0;
        min-width: 170px;
        max-width: 260px;
        padding: 4px 10px;
        text-align: left;
        border-left: 4px solid var(--c, var(--crm-primary));
        line-height: 1.3;
        font-size: 0.875rem;
      }
      li button span {
        max-width: 100%;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      .time {
        font-weight: 700;
        font-variant-numeric: tabular-nums;
      }
      .sub {
        font-size: 0.8125rem;
        color: var(--crm-muted);
      }
      .done {
        color: var(--crm-success);
        font-weight: 600;
      }
      .cancelled {
        text-decoration: line-through;
      }
      .clash {
        color: var(--crm-danger);
        font-weight: 600;
      }
    `,
  ]

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
        .filter((r) => r.teacherId === this.userId && r.start && r.end)
        .map((r) => {
          const s = zoned(r.start!, this.timeZone)!
          const e = zoned(r.end!, this.timeZone)!
          return { ...r, date: s.date, startMin: s.minutes, endMin: e.date === s.date ? e.minutes : 1440 }
        })
        .filter((r) => r.date === today)
        .sort((a, b) => a.startMin - b.startMin)
      this.error = null
    } catch (e) {
      if (seq !== this.seq) return
      if (e instanceof ApiError && e.status === 404) this.lessons = []
      else this.error = e instanceof ApiError ? e.userMessage : 'Could not load your lessons.'
    }
  }

  render() {
    return html`<section class="card" aria-labelledby="my-title">
      <h2 id="my-title">My lessons today</h2>
      ${this.error ? html`<p class="alert error" role="alert">${this.error}</p>` : nothing}
      ${
        this.lessons === null
          ? html`<p class="muted" aria-busy="true">Loading…</p>`
          : this.lessons.length === 0
            ? html`<p class="muted">No lessons for you today.</p>`
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
                        >${formatMinutes(l.startMin)}–${formatMinutes(l.endMin)}
                        <span class=${l.status}
                          >${l.status === 'done' ? '✓ done' : l.status === 'cancelled' ? 'cancelled' : ''}</span
                        ></span
                      >
                      <span>${a?.name ?? 'Lesson'}${g ? ` · ${g}` : ''}</span>
                      <span class="sub"
                        >${room ?? ''}${l.memberCount !== null && (l.groupId || l.memberCount > 0) ? ` · ${l.memberCount}/${l.capacity ?? '–'}` : ''}${l.clashes.length ? html` · <span class="clash">${l.clashes.map(clashLabel).join(', ')}</span>` : nothing}</span
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
