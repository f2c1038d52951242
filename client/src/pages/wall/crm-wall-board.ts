import { LitElement, html, nothing } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import type { MessageId } from '../../../../domain/i18n/catalogue'
import {
  formatDayMonth,
  formatMoney,
  formatNumber,
  formatTime,
  formatWeekday,
  type Currency,
} from '../../../../domain/i18n/format'
import {
  changePercent,
  nowAndNext,
  type WallFlag,
  type WallLesson,
  type WallPass,
  type WallRoom,
  type WallSnapshot,
} from '../../../../domain/wall'
import { currentLocale, t } from '../../i18n/locale'
import { LocaleController } from '../../i18n/locale-controller'
import { baseStyles } from '../../resources/styles'
import { wallBoardStyles } from './crm-wall-board.styles'
import './crm-wall-chart'

/** The flags' kinds, the most pressing first. */
const KIND_ORDER = [
  'pass_used_up',
  'pass_expired',
  'visit_owed',
  'invoice_overdue',
  'debt',
  'loan_overdue',
  'pass_running_out',
  'stock_low',
  'checklist_failed',
  'checklist_overdue',
]
/** A stock flag's product and store ("Robotics kit · Central · Shop"), a checklist flag's checklist: they have no client. */
function stockWhat(f: WallFlag): string | null {
  const p = f.params as { product?: unknown; store?: unknown; name?: unknown } | null
  if (f.kind.startsWith('checklist_') && typeof p?.name === 'string') return p.name
  return f.kind === 'stock_low' && typeof p?.product === 'string' ? `${p.product} · ${String(p.store ?? '')}` : null
}

/** Flags listed under each kind (the rest are counted). */
const FLAGS_PER_KIND = 3
/** Passes listed (the soonest). */
const PASSES_SHOWN = 12

/**
 * One branch's wall: rooms now and next with attendance and occupancy, the day's visits and takings
 * against a week before, visits per hour (uPlot), open red flags by kind, passes running out.
 * Shows what it is given (the page keeps it live); `now` moves the clock (lessons now and next).
 * Shared by the kiosk page /wall and the Dashboard.
 */
@customElement('crm-wall-board')
export class CrmWallBoard extends LitElement {
  @property({ attribute: false }) wall!: WallSnapshot
  /** The clock (ms): which lesson is on now. */
  @property({ attribute: false }) now = Date.now()
  @property({ reflect: true }) theme: 'light' | 'dark' = 'light'

  private readonly locale = new LocaleController(this)

  static styles = [baseStyles, wallBoardStyles]

  render() {
    const w = this.wall
    if (!w) return nothing
    return html`
      <section class="totals" aria-label=${t('wall.totals.checkIns')}>
        ${this.figure(
          'checkins',
          'wall.totals.checkIns',
          formatNumber(w.totals.checkIns, currentLocale()),
          w.totals.checkIns,
          w.totals.checkInsLastWeek,
          formatNumber(w.totals.checkInsLastWeek, currentLocale()),
        )}
        ${this.figure(
          'revenue',
          'wall.totals.revenue',
          this.money(w.totals.revenue),
          w.totals.revenue,
          w.totals.revenueLastWeek,
          this.money(w.totals.revenueLastWeek),
        )}
        <div class="card chart-card">
          <h2>${t('wall.chart.title')}</h2>
          <crm-wall-chart
            .today=${w.totals.perHour}
            .lastWeek=${w.totals.perHourLastWeek}
            theme=${this.theme}
            label=${t('wall.chart.title')}
            todayLabel=${t('wall.chart.today')}
            lastWeekLabel=${t('wall.chart.lastWeek')}
          ></crm-wall-chart>
          <p class="legend">
            <span class="key today"></span>${t('wall.chart.today')} <span class="key last"></span>${t('wall.chart.lastWeek')}
          </p>
        </div>
      </section>
      <section class="rooms" aria-labelledby="rooms-title">
        <h2 id="rooms-title">${t('wall.rooms.title')}</h2>
        ${
          w.rooms.length
            ? html`<ul class="room-grid">
                ${w.rooms.map((r) => this.room(r))}
              </ul>`
            : html`<p class="muted">${t('wall.rooms.none')}</p>`
        }
      </section>
      <section class="flags card" aria-labelledby="flags-title">
        <h2 id="flags-title">${t('wall.flags.title')}</h2>
        ${this.flags()}
      </section>
      <section class="passes card" aria-labelledby="passes-title">
        <h2 id="passes-title">${t('wall.passes.title')}</h2>
        ${
          w.runningOut.length
            ? html`<ul class="pass-list">
                  ${w.runningOut.slice(0, PASSES_SHOWN).map((p) => this.pass(p))}
                </ul>
                ${
                  w.runningOut.length > PASSES_SHOWN
                    ? html`<p class="more muted">${t('wall.flags.more', { count: w.runningOut.length - PASSES_SHOWN })}</p>`
                    : nothing
                }`
            : html`<p class="muted empty">${t('wall.passes.none')}</p>`
        }
      </section>
    `
  }

  private money(minor: number) {
    return formatMoney(minor, this.wall.currency as Currency, currentLocale())
  }

  private figure(key: string, label: MessageId, value: string, today: number, lastWeek: number, lastWeekText: string) {
    const change = changePercent(today, lastWeek)
    const weekday = formatWeekday(new Date(this.now), currentLocale(), this.wall.branch.timeZone)
    const trend =
      change === null
        ? nothing
        : html`<span class="trend ${change > 0 ? 'up' : change < 0 ? 'down' : ''}"
            >${
              change > 0
                ? t('wall.totals.up', { percent: formatNumber(change, currentLocale()) })
                : change < 0
                  ? t('wall.totals.down', { percent: formatNumber(-change, currentLocale()) })
                  : t('wall.totals.same')
            }</span
          >`
    return html`<div class="card figure" data-figure=${key}>
      <h2>${t(label)}</h2>
      <p class="big" data-value>${value}</p>
      <p class="compare">${t('wall.totals.lastWeek', { weekday, value: lastWeekText })} ${trend}</p>
    </div>`
  }

  private time(iso: string) {
    return formatTime(new Date(iso), currentLocale(), this.wall.branch.timeZone)
  }

  private lessonName(l: WallLesson) {
    return l.groupName ?? l.activityName ?? t('wall.rooms.lessonUnnamed')
  }

  private room(r: WallRoom) {
    const { now, next } = nowAndNext(r, this.now)
    const present = now?.present ?? 0
    const share = r.capacity > 0 ? Math.min(1, present / r.capacity) : 0
    return html`<li class="card room ${now ? 'busy' : 'free'}" data-room=${r.id}>
      <div class="room-head">
        <h3>${r.name}</h3>
        <span
          class="occupancy"
          role="meter"
          aria-valuemin="0"
          aria-valuemax=${r.capacity}
          aria-valuenow=${present}
          aria-label=${t('wall.rooms.occupancyLabel', { present, capacity: r.capacity })}
          >${t('wall.rooms.occupancy', { present, capacity: r.capacity })}</span
        >
      </div>
      <div class="bar" aria-hidden="true"><span style="width: ${Math.round(share * 100)}%"></span></div>
      ${
        now
          ? html`<div class="slot now" data-lesson=${now.id}>
              <span class="tag">${t('wall.rooms.now')}</span>
              <span class="what" style=${now.color ? `--lesson: ${now.color}` : ''}>${this.lessonName(now)}</span>
              <span class="when">${t('wall.rooms.span', { from: this.time(now.startsAt), to: this.time(now.endsAt) })}</span>
              <span class="attendance" data-attendance
                >${t('wall.rooms.attendance', { present: now.present, expected: now.expected })}</span
              >
            </div>`
          : html`<div class="slot now idle">
              <span class="tag">${t('wall.rooms.now')}</span><span class="what">${t('wall.rooms.free')}</span>
            </div>`
      }
      ${
        next
          ? html`<div class="slot next" data-lesson=${next.id}>
              <span class="tag">${t('wall.rooms.next')}</span>
              <span class="what">${this.lessonName(next)}</span>
              <span class="when">${t('wall.rooms.span', { from: this.time(next.startsAt), to: this.time(next.endsAt) })}</span>
            </div>`
          : html`<div class="slot next idle">
              <span class="tag">${t('wall.rooms.next')}</span><span class="what muted">${t('wall.rooms.nothingLater')}</span>
            </div>`
      }
    </li>`
  }

  private flags() {
    const { items, counts } = this.wall.flags
    if (!items.length) return html`<p class="muted empty">${t('wall.flags.none')}</p>`
    const kinds = [...new Set([...KIND_ORDER.filter((k) => counts[k]), ...items.map((f) => f.kind)])]
    return html`<div class="kinds">
      ${kinds.map((kind) => {
        const mine = items.filter((f) => f.kind === kind)
        const total = counts[kind] ?? mine.length
        const shown = mine.slice(0, FLAGS_PER_KIND)
        return html`<div class="kind" data-kind=${kind}>
          <h3><span class="count">${formatNumber(total, currentLocale())}</span> ${this.kindName(kind)}</h3>
          <ul>
            ${shown.map((f) => this.flag(f))}
          </ul>
          ${
            total > shown.length
              ? html`<p class="more muted">${t('wall.flags.more', { count: total - shown.length })}</p>`
              : nothing
          }
        </div>`
      })}
    </div>`
  }

  private kindName(kind: string): string {
    return KIND_ORDER.includes(kind) ? t(`wall.flags.kind.${kind}` as MessageId) : kind
  }

  private flag(f: WallFlag) {
    const raised = new Date(f.raisedAt)
    const sameDay = formatDayMonth(this.wall.today, currentLocale())
    const day = formatDayMonth(
      new Intl.DateTimeFormat('en-CA', { timeZone: this.wall.branch.timeZone }).format(raised),
      currentLocale(),
    )
    return html`<li class="flag ${f.severity}" data-flag=${f.id}>
      <span class="who">${f.clientName ?? stockWhat(f) ?? t('wall.flags.noClient')}</span>
      ${f.groupName ? html`<span class="group">${f.groupName}</span>` : nothing}
      <span class="at">${day === sameDay ? this.time(f.raisedAt) : day}</span>
    </li>`
  }

  private pass(p: WallPass) {
    const left = p.sessionsLeft === null ? t('wall.passes.unlimited') : t('wall.passes.left', { count: p.sessionsLeft })
    const red = p.status === 'used_up'
    return html`<li class="pass ${red ? 'red' : 'amber'}" data-pass=${p.id} data-status=${p.status}>
      <span class="who">${p.clientName}</span>
      ${p.groupName ? html`<span class="group">${p.groupName}</span>` : nothing}
      <span class="left">${left}</span>
      <span class="until">${t('wall.passes.until', { date: formatDayMonth(p.validUntil, currentLocale()) })}</span>
    </li>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-wall-board': CrmWallBoard
  }
}
