import { LitElement, html, nothing } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import { formatNumber } from '../../../../domain/i18n/format'
import { SubscriptionController } from '../../controllers/subscription-controller'
import { observationsNewestFirst } from '../../data/client-file'
import type { ClientDetail, ClientRecord } from '../../data/clients'
import type { LiveDoc } from '../../data/live-doc'
import { type ActivityProgress, monthlySeries, progressOf } from '../../data/progress'
import { LocaleController } from '../../i18n/locale-controller'
import { currentLocale, t } from '../../i18n/locale'
import { baseStyles } from '../../resources/styles'
import './crm-client-progress-chart'
import { clientProgressStyles } from './crm-client-progress.styles'
import { dateText, dayText, recordKindLabel, whenText, zoneOf } from './labels'
import { fileSectionStyles } from './shared.styles'

/** The records that are achievements (a penalty is not). */
const ACHIEVEMENT_KINDS = new Set(['achievement', 'award', 'certificate', 'diploma'])
/** How many observations the tab shows beside the assessment (the File tab has them all). */
const OBSERVATIONS_SHOWN = 8

/**
 * The "Progress" tab: the assessment the electronic journal gives per activity (lessons marked,
 * attended, attendance, average grade, last lesson) as a table, the same by month as small charts
 * (uPlot), the teachers' comments, and beside them the observations and achievements; printable.
 */
@customElement('crm-client-progress')
export class CrmClientProgress extends LitElement {
  @property({ attribute: false }) client!: ClientDetail
  /** The client's live file (its observations); null while it opens or where it is not open. */
  @property({ attribute: false }) live: LiveDoc | null = null
  private readonly locale = new LocaleController(this)
  private watch = new SubscriptionController(
    this,
    () => [this.live],
    () => this.live?.subscribe(() => this.requestUpdate()),
  )

  static styles = [baseStyles, fileSectionStyles, clientProgressStyles]

  render() {
    const progress = progressOf(this.client.progress)
    const zone = zoneOf(this.client.branchId)
    return html`<section class="card progress" aria-labelledby="progress-h">
      <div class="head">
        <div>
          <h2 id="progress-h" class="no-print">${t('clients.progress.title')}</h2>
          <p class="print-only print-title">${t('progress.printTitle', { name: this.client.name })}</p>
          <p class="muted">${t('progress.lead')}</p>
        </div>
        <button type="button" class="small no-print" @click=${() => window.print()}>${t('progress.print')}</button>
      </div>
      <div class="layout">
        ${progress.length ? this.renderAssessment(progress, zone) : html`<p class="empty table-area">${t('clients.progress.empty')}</p>`}
        <aside>${this.renderObservations(zone)} ${this.renderAchievements()}</aside>
      </div>
    </section>`
  }

  private renderAssessment(progress: ActivityProgress[], zone: string) {
    const locale = currentLocale()
    const num = (n: number) => formatNumber(n, locale)
    const series = monthlySeries(progress, zone)
    const names = progress.map((p) => p.activity)
    const last = (p: ActivityProgress) => p.timeline?.at(-1)?.at ?? null
    return html`<div class="table-area">
        <h3>${t('progress.table.title')}</h3>
        <div class="table-wrap">
          <table class="assessment">
            <thead>
              <tr>
                <th scope="col">${t('progress.table.activity')}</th>
                <th scope="col" class="num">${t('progress.table.marked')}</th>
                <th scope="col" class="num">${t('progress.table.attended')}</th>
                <th scope="col" class="num">${t('progress.table.rate')}</th>
                <th scope="col" class="num">${t('progress.table.grade')}</th>
                <th scope="col" class="num">${t('progress.table.last')}</th>
              </tr>
            </thead>
            <tbody>
              ${progress.map((p) => {
                const at = last(p)
                return html`<tr data-activity=${p.activity}>
                  <th scope="row">${p.activity}</th>
                  <td class="num marked">${num(p.marked)}</td>
                  <td class="num attended">${num(p.attended)}</td>
                  <td class="num rate">
                    ${p.attendanceRate === null ? '—' : t('progress.rate', { rate: num(Math.round(p.attendanceRate * 100)) })}
                  </td>
                  <td class="num grade">
                    ${p.averageGrade === null ? html`<span class="muted">${t('progress.noGrade')}</span>` : t('progress.grade', { grade: num(p.averageGrade) })}
                  </td>
                  <td class="num last">${at ? dateText(at, zone) : '—'}</td>
                </tr>`
              })}
            </tbody>
          </table>
        </div>
      </div>
      <div class="main">
        <h3>${t('progress.chart.title')}</h3>
        ${
          series.months.length < 2
            ? html`<p class="muted few">${t('progress.chart.few')}</p>`
            : html`<div class="charts">
                <crm-client-progress-chart
                  class="attendance"
                  heading=${t('progress.chart.attendance')}
                  .months=${series.months}
                  .names=${names}
                  .values=${series.attendance}
                  .range=${[0, 100] as [number, number]}
                ></crm-client-progress-chart>
                ${
                  series.graded
                    ? html`<crm-client-progress-chart
                        class="grades"
                        heading=${t('progress.chart.grades')}
                        .months=${series.months}
                        .names=${names}
                        .values=${series.grades}
                        .range=${[1, 5] as [number, number]}
                      ></crm-client-progress-chart>`
                    : nothing
                }
              </div>`
        }
        ${this.renderComments(progress)}
      </div> `
  }

  private renderComments(progress: ActivityProgress[]) {
    const comments = progress.flatMap((p) => p.lastComments.map((c) => ({ ...c, activity: p.activity })))
    if (!comments.length) return nothing
    comments.sort((a, b) => b.date.localeCompare(a.date))
    return html`<h3>${t('progress.comments.title')}</h3>
      <ul class="comments">
        ${comments.map(
          (c) =>
            html`<li>
              <p class="text">${c.comment}</p>
              <p class="muted meta">
                ${c.activity} ·
                ${c.teacher ? t('progress.comments.by', { date: dayText(c.date), teacher: c.teacher }) : dayText(c.date)}
              </p>
            </li>`,
        )}
      </ul>`
  }

  private renderObservations(zone: string) {
    const live = this.live
    const list = live?.synced ? observationsNewestFirst(live.doc).slice(0, OBSERVATIONS_SHOWN) : []
    return html`<section class="side" aria-labelledby="progress-obs-h">
      <h3 id="progress-obs-h">${t('progress.observations.title')}</h3>
      ${
        list.length
          ? html`<ul class="observations">
              ${list.map(
                (o) =>
                  html`<li>
                    <p class="text">${o.text}</p>
                    <p class="muted meta">${[o.authorName, o.activity, whenText(o.at, zone)].filter(Boolean).join(' · ')}</p>
                  </li>`,
              )}
            </ul>`
          : html`<p class="muted">${t('progress.observations.empty')}</p>`
      }
    </section>`
  }

  private renderAchievements() {
    const list: ClientRecord[] = this.client.records
      .filter((r) => ACHIEVEMENT_KINDS.has(r.kind))
      .sort((a, b) => b.date.localeCompare(a.date))
    return html`<section class="side" aria-labelledby="progress-ach-h">
      <h3 id="progress-ach-h">${t('progress.achievements.title')}</h3>
      ${
        list.length
          ? html`<ul class="achievements">
              ${list.map(
                (r) =>
                  html`<li>
                    <p class="text"><strong>${r.title}</strong></p>
                    <p class="muted meta">
                      ${[recordKindLabel(r.kind), r.activity, dayText(r.date)].filter(Boolean).join(' · ')}
                    </p>
                  </li>`,
              )}
            </ul>`
          : html`<p class="muted">${t('progress.achievements.empty')}</p>`
      }
    </section>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-client-progress': CrmClientProgress
  }
}
