import { LitElement, html, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { fireEvent } from '../../common/fire-event'
import { field } from '../../components/field'
import { SubscriptionController } from '../../controllers/subscription-controller'
import { ApiError } from '../../data/api'
import {
  type Account,
  type CheckInResult,
  type MakeUpCredit,
  type Pass,
  type PassFlags,
  type Tone,
  automaticPass,
  checkIn,
  fetchAccount,
  subscribePassChanges,
  toneOfStatus,
  usePassFlags,
} from '../../data/passes'
import {
  type Activity,
  type Group,
  type LessonRow,
  fetchActivities,
  fetchGroups,
  fetchLessons,
  searchClients,
} from '../../data/timetable'
import type { Branch } from '../../data/types'
import { LocaleController } from '../../i18n/locale-controller'
import { t } from '../../i18n/locale'
import { baseStyles } from '../../resources/styles'
import type { PageContext } from '../../types'
import { dayText } from '../clients/labels'
import { formatTime } from '../../../../domain/i18n/format'
import { currentLocale } from '../../i18n/locale'
import { flagLabel, getsPassFlags, money, passAbilities, passStatusLabel, sessionsText, todayIn } from './labels'
import { checkInStyles } from './crm-check-in.styles'
import { makeUpCreditText } from './makeup-labels'
import { toneStyles } from './shared.styles'

type Found = { id: string; name: string; flags?: string[] }

/**
 * The front desk's check-in: find a client, see their passes (coloured live), debt and today's
 * lessons, and check them in for a lesson. The pass the server will choose is shown and can be
 * overridden; a make-up credit can be used instead. The result says what happened: a session
 * written off (and how many are left), or a visit owed.
 */
@customElement('crm-check-in')
export class CrmCheckIn extends LitElement {
  @property({ attribute: false }) ctx!: PageContext
  @property({ attribute: false }) branch!: Branch
  @state() private query = ''
  @state() private found: Found[] = []
  @state() private client: Found | null = null
  @state() private account: Account | null = null
  @state() private lessons: LessonRow[] = []
  @state() private activities = new Map<string, Activity>()
  @state() private groups = new Map<string, Group>()
  @state() private lessonId = ''
  /** '' = automatic; `pass:<id>`; `credit:<id>`. */
  @state() private choice = ''
  @state() private busy = false
  @state() private result: { res: CheckInResult; passName: string; left: Pass | null } | null = null
  @state() private error: string | null = null
  private flags: PassFlags | null = null
  private searchTimer?: ReturnType<typeof setTimeout>
  private searchAbort?: AbortController
  private readonly locale = new LocaleController(this)
  private changes = new SubscriptionController(
    this,
    () => [this.ctx?.live, this.client?.id],
    () => (this.client ? subscribePassChanges(this.ctx.live, () => void this.loadAccount(), { clientId: this.client.id }) : null),
  )
  private flagWatch = new SubscriptionController(
    this,
    () => [this.ctx?.live],
    () => {
      const { flags, release } = usePassFlags(this.ctx.live)
      this.flags = flags
      const off = flags.subscribe(() => this.requestUpdate())
      return () => {
        off()
        release()
        this.flags = null
      }
    },
  )

  static styles = [baseStyles, toneStyles, checkInStyles]

  private get today() {
    return todayIn(this.branch.timezone)
  }

  protected willUpdate(changed: Map<string, unknown>) {
    if (changed.has('branch') && this.branch) void this.loadDay()
  }

  private async loadDay() {
    const branchId = this.branch.id
    try {
      const [lessons, activities, groups] = await Promise.all([
        fetchLessons(branchId, this.today, this.today),
        fetchActivities(),
        fetchGroups(branchId),
      ])
      if (branchId !== this.branch.id) return
      this.lessons = lessons
        .filter((l) => l.status !== 'cancelled' && l.start)
        .sort((a, b) => (a.start ?? '').localeCompare(b.start ?? ''))
      this.activities = new Map(activities.map((a) => [a.id, a]))
      this.groups = new Map(groups.map((g) => [g.id, g]))
    } catch {
      this.lessons = []
    }
  }

  private onSearch(q: string) {
    this.query = q
    clearTimeout(this.searchTimer)
    if (q.trim().length < 2) {
      this.found = []
      return
    }
    this.searchTimer = setTimeout(() => {
      this.searchAbort?.abort()
      const abort = (this.searchAbort = new AbortController())
      searchClients(q.trim(), abort.signal).then(
        (items) => {
          if (!abort.signal.aborted) this.found = items
        },
        () => {},
      )
    }, 250)
  }

  private async pick(c: Found) {
    this.client = c
    this.account = null
    this.result = null
    this.error = null
    this.choice = ''
    await this.loadAccount()
    // the first of today's lessons the client's passes cover, if any
    const covered = this.lessons.find((l) =>
      this.account?.passes.some((p) => l.activityId && p.activityIds?.includes(l.activityId)),
    )
    this.lessonId = covered?.id ?? ''
  }

  private async loadAccount() {
    const c = this.client
    if (!c) return
    try {
      const account = await fetchAccount(c.id)
      if (this.client?.id === c.id) this.account = account
    } catch (e) {
      this.error = e instanceof ApiError ? e.userMessage : t('passes.screens.loadError')
    }
  }

  private toneOf(p: Pass): Tone {
    if (p.status === 'ended') return null
    // the open alert decides, live (the same store on every screen); until it is fetched, the server's colour
    if (this.flags?.ready && getsPassFlags(this.ctx.user.roles)) return this.flags.passTone(p.id)
    return toneOfStatus(p)
  }

  private lessonText(l: LessonRow) {
    const time = l.start ? formatTime(new Date(l.start), currentLocale(), this.branch.timezone) : ''
    const activity = l.activityId ? (this.activities.get(l.activityId)?.name ?? '') : ''
    const group = l.groupId ? this.groups.get(l.groupId)?.name : null
    return [time, activity, group].filter(Boolean).join(' · ')
  }

  render() {
    return html`<section class="card" aria-labelledby="find-title">
        <h2 id="find-title">${t('passes.screens.checkIn.find')}</h2>
        ${field(
          'q',
          t('passes.screens.checkIn.search'),
          html`<input
            id="q"
            type="search"
            autocomplete="off"
            .value=${this.query}
            @input=${(e: Event) => this.onSearch((e.target as HTMLInputElement).value)}
          />`,
          { hint: t('passes.screens.checkIn.searchHint') },
        )}
        ${
          this.found.length
            ? html`<ul class="results" aria-label=${t('passes.screens.checkIn.results')}>
                ${this.found.map(
                  (c) =>
                    html`<li>
                      <button aria-pressed=${this.client?.id === c.id ? 'true' : 'false'} @click=${() => void this.pick(c)}>
                        <span>${c.name}</span>
                        ${
                          this.flags?.clientTone(c.id)
                            ? html`<span class="tone ${this.flags.clientTone(c.id)}"
                                >${flagLabel(this.flags.kinds(`client:${c.id}`)[0] ?? '')}</span
                              >`
                            : nothing
                        }
                      </button>
                    </li>`,
                )}
              </ul>`
            : this.query.trim().length >= 2
              ? html`<p class="muted">${t('passes.screens.checkIn.noResults')}</p>`
              : nothing
        }
      </section>
      <section class="card" aria-labelledby="client-title" aria-live="polite">
        ${this.client ? this.renderClient(this.client) : html`<p class="muted" id="client-title">${t('passes.screens.checkIn.pickFirst')}</p>`}
      </section>`
  }

  private renderClient(c: Found) {
    const a = this.account
    const owed = this.flags?.hasOwedVisit(c.id) ?? false
    return html`<div class="head">
        <div>
          <h2 id="client-title">${c.name}</h2>
          <a href="/clients/${c.id}?tab=account">${t('passes.screens.checkIn.openAccount')}</a>
        </div>
        ${
          a
            ? html`<div class="figures">
                <div class="figure ${a.debt > 0 ? 'red' : ''}" data-testid="debt">
                  <span class="label">${t('passes.screens.account.debt')}</span><span class="value">${money(a.debt)}</span>
                </div>
              </div>`
            : nothing
        }
      </div>
      ${owed ? html`<p class="alert error">${t('passes.screens.account.owed')}</p>` : nothing}
      ${this.error ? html`<p class="alert error" role="alert">${this.error}</p>` : nothing}
      ${a ? this.renderDesk(c, a) : html`<p class="muted" aria-busy="true">${t('common.loading')}</p>`}`
  }

  private renderDesk(c: Found, a: Account) {
    const live = a.passes.filter((p) => p.status !== 'ended')
    const lesson = this.lessons.find((l) => l.id === this.lessonId) ?? null
    const auto = automaticPass(a.passes, lesson?.activityId ?? null, this.today)
    const canCheckIn = passAbilities(this.ctx.user.roles).checkIn
    return html`<h3>${t('passes.screens.account.passes')}</h3>
      ${
        live.length
          ? html`<ul class="passes">
              ${live.map((p) => {
                const tone = this.toneOf(p)
                const flag = this.flags?.ready ? this.flags.passFlag(p.id) : (p.alert ?? null)
                return html`<li class="pass" data-tone=${tone ?? 'none'} data-pass=${p.id}>
                  <div class="pass-head">
                    <strong>${p.name}</strong>
                    ${tone ? html`<span class="tone ${tone}">${flag ? flagLabel(flag) : passStatusLabel(p.status)}</span>` : nothing}
                  </div>
                  <div class="pass-facts">
                    <span data-testid="sessions-left">${sessionsText(p)}</span>
                    <span>${t('passes.screens.pass.until', { date: dayText(p.validUntil) })}</span>
                  </div>
                </li>`
              })}
            </ul>`
          : html`<p class="muted">${t('passes.screens.account.noPasses')}</p>`
      }
      ${this.renderCredits(c, a, lesson, canCheckIn)}
      <h3 id="lessons-title">${t('passes.screens.checkIn.lessons', { date: dayText(this.today) })}</h3>
      <div class="lessons" role="radiogroup" aria-labelledby="lessons-title">
        <label class="check"
          ><input type="radio" name="lesson" value="" .checked=${this.lessonId === ''} @change=${() => (this.lessonId = '')} />
          ${t('passes.screens.checkIn.noLesson')}</label
        >
        ${this.lessons.map(
          (l) =>
            html`<label class="check"
              ><input
                type="radio"
                name="lesson"
                value=${l.id}
                .checked=${this.lessonId === l.id}
                @change=${() => (this.lessonId = l.id)}
              />
              ${this.lessonText(l)}</label
            >`,
        )}
      </div>
      ${
        canCheckIn
          ? html`<div class="checkin">
              ${field(
                'choice',
                t('passes.screens.checkIn.pass'),
                html`<select id="choice" @change=${(e: Event) => (this.choice = (e.target as HTMLSelectElement).value)}>
                  <option value="" ?selected=${this.choice === ''}>
                    ${auto ? t('passes.screens.checkIn.auto', { name: auto.name ?? '' }) : t('passes.screens.checkIn.autoNone')}
                  </option>
                  ${live.map((p) => html`<option value="pass:${p.id}" ?selected=${this.choice === `pass:${p.id}`}>${p.name} — ${sessionsText(p)}</option>`)}
                  ${a.makeUpCredits.map(
                    (m) =>
                      html`<option value="credit:${m.id}" ?selected=${this.choice === `credit:${m.id}`}>
                        ${t('passes.screens.checkIn.makeUp', { activity: m.activity ?? '' })}
                      </option>`,
                  )}
                </select>`,
              )}
              <button class="primary" ?disabled=${this.busy} @click=${() => void this.checkIn(c, a)}>
                ${this.busy ? t('passes.screens.checkIn.busy') : t('passes.screens.checkIn.submit')}
              </button>
            </div>`
          : nothing
      }
      ${this.result ? this.renderResult() : nothing}`
  }

  /** A credit is usable for a lesson of its activity in another group than the cancelled lesson's. */
  private fits(m: MakeUpCredit, l: LessonRow | null): boolean {
    if (!l?.activityId || l.activityId !== m.activityId) return false
    const from = m.fromLesson?.groupId ?? null
    return !from || from !== l.groupId
  }

  /** The client's open make-up credits; with a fitting lesson chosen, "Check in with make-up credit". */
  private renderCredits(c: Found, a: Account, lesson: LessonRow | null, canCheckIn: boolean) {
    if (!a.makeUpCredits.length) return nothing
    const anyFits = a.makeUpCredits.some((m) => this.lessons.some((l) => this.fits(m, l)))
    return html`<h3 id="credits-title">${t('passes.screens.makeUp.title')}</h3>
      <ul class="credits" aria-labelledby="credits-title" data-testid="make-up-credits">
        ${a.makeUpCredits.map(
          (m) =>
            html`<li data-credit=${m.id}>
              <span>${makeUpCreditText(m, m.activityId ? this.activities.get(m.activityId)?.name : undefined)}</span>
              ${
                canCheckIn && this.fits(m, lesson)
                  ? html`<button class="primary" ?disabled=${this.busy} @click=${() => void this.checkIn(c, a, `credit:${m.id}`)}>
                      ${t('passes.screens.checkIn.withCredit')}
                    </button>`
                  : nothing
              }
            </li>`,
        )}
      </ul>
      ${
        canCheckIn && !a.makeUpCredits.some((m) => this.fits(m, lesson))
          ? html`<p class="muted">${anyFits ? t('passes.screens.checkIn.creditPickLesson') : t('passes.screens.makeUp.lead')}</p>`
          : nothing
      }`
  }

  private renderResult() {
    const r = this.result
    if (!r) return nothing
    if (r.res.visit.owed)
      return html`<p class="alert error result owed" role="status" data-testid="check-in-result">
        ${t('passes.screens.checkIn.owed')}
      </p>`
    return html`<p class="alert info result" role="status" data-testid="check-in-result">
      ${
        r.left
          ? t('passes.screens.checkIn.writtenOff', { name: r.passName, left: sessionsText(r.left) })
          : t('passes.screens.checkIn.writtenOffShort', { name: r.passName })
      }
    </p>`
  }

  private async checkIn(c: Found, a: Account, override?: string) {
    if (this.busy) return
    this.busy = true
    this.error = null
    this.result = null
    const choice = override ?? this.choice
    try {
      const res = await checkIn({
        clientId: c.id,
        ...(this.lessonId ? { lessonId: this.lessonId } : {}),
        ...(choice.startsWith('pass:') ? { passId: choice.slice(5) } : {}),
        ...(choice.startsWith('credit:') ? { makeUpCreditId: Number(choice.slice(7)) } : {}),
      })
      await this.loadAccount()
      const passId = res.visit.passId
      const left = (passId && (this.account?.passes.find((p) => p.id === passId) ?? res.pass)) || null
      this.result = { res, passName: left?.name ?? a.passes.find((p) => p.id === passId)?.name ?? '', left }
      this.choice = ''
      fireEvent(this, 'crm-toast', {
        message: res.visit.owed
          ? t('passes.screens.checkIn.owed')
          : choice.startsWith('credit:')
            ? t('passes.screens.checkIn.creditDone', { name: c.name })
            : t('passes.screens.checkIn.done', { name: c.name }),
        kind: res.visit.owed ? 'error' : 'success',
      })
    } catch (e) {
      this.error = e instanceof ApiError ? e.userMessage : t('common.error.unexpected')
    } finally {
      this.busy = false
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-check-in': CrmCheckIn
  }
}
