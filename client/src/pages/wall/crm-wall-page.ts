import { LitElement, html, nothing } from 'lit'
import { customElement, state } from 'lit/decorators.js'
import { formatTime, formatWeekday } from '../../../../domain/i18n/format'
import { LOCALES, type Locale } from '../../../../domain/i18n/locales'
import { followWall, type WallState } from '../../data/wall'
import { currentLocale, setLocale, t } from '../../i18n/locale'
import { LocaleController } from '../../i18n/locale-controller'
import { baseStyles } from '../../resources/styles'
import { wallPageStyles } from './crm-wall-page.styles'
import './crm-wall-board'

type Theme = 'light' | 'dark'
const THEME_KEY = 'clubroom.wall.theme'
/** The clock moves (and the lesson now) every so often: a local timer, never a request. */
const TICK_MS = 15_000

/** The theme: `?theme=`, else the one chosen on this screen, else the system's. */
function startTheme(asked: string | null): Theme {
  if (asked === 'dark' || asked === 'light') return asked
  const kept = typeof localStorage !== 'undefined' ? localStorage.getItem(THEME_KEY) : null
  if (kept === 'dark' || kept === 'light') return kept
  return typeof matchMedia !== 'undefined' && matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light'
}

/**
 * `/wall`: the kiosk screen for a TV. Signed in by a wall token (`?token=…`, a screen with no
 * keyboard) or the session; `?branchId=` picks the branch, `?theme=dark|light` and `?lang=hy|ru|en`
 * the look. Needs no interaction: it reconnects and re-syncs by itself after a network drop or a
 * server restart, and says so when it is signed out.
 */
@customElement('crm-wall-page')
export class CrmWallPage extends LitElement {
  @state() private state: WallState = { status: 'connecting' }
  @state() private now = Date.now()
  @state() private branchId: string | null
  private readonly token: string | null
  private theme: Theme
  private stop: (() => void) | null = null
  private tick: ReturnType<typeof setInterval> | null = null

  private readonly locale = new LocaleController(this)

  static styles = [baseStyles, wallPageStyles]

  constructor() {
    super()
    const q = new URLSearchParams(location.search)
    this.token = q.get('token')
    this.branchId = q.get('branchId')
    this.theme = startTheme(q.get('theme'))
    const lang = q.get('lang')
    if (lang && (LOCALES as readonly string[]).includes(lang)) setLocale(lang as Locale)
  }

  connectedCallback() {
    super.connectedCallback()
    this.setAttribute('theme', this.theme)
    document.title = t('wall.title')
    this.follow()
    this.tick = setInterval(() => (this.now = Date.now()), TICK_MS)
  }

  disconnectedCallback() {
    super.disconnectedCallback()
    this.stop?.()
    this.stop = null
    if (this.tick) clearInterval(this.tick)
  }

  private follow() {
    this.stop?.()
    this.stop = followWall({ token: this.token, branchId: this.branchId }, (s) => {
      this.state = s
      this.now = Date.now()
    })
  }

  render() {
    const s = this.state
    if (s.status === 'signed_out')
      return html`<div class="message" role="alert" data-state="signed-out">
        <div>
          <h1>${t('wall.signedOut.title')}</h1>
          <p>${s.reason === 'revoked' ? t('wall.signedOut.revoked') : t('wall.signedOut.session')}</p>
          ${s.reason === 'session_ended' ? html`<a href="/login?next=%2Fwall">${t('wall.signedOut.signIn')}</a>` : nothing}
        </div>
      </div>`
    if (s.status === 'forbidden') return html`<div class="message" role="alert"><h1>${t('wall.forbidden')}</h1></div>`
    const wall = s.status === 'live' || s.status === 'reconnecting' ? s.wall : null
    if (!wall) return html`<div class="message" aria-busy="true"><p>${t('wall.loading')}</p></div>`
    const locale = currentLocale()
    const at = new Date(this.now)
    return html`<header>
        <h1>${wall.branch.name}</h1>
        <span class="clock"
          >${t('wall.clock', {
            weekday: formatWeekday(at, locale, wall.branch.timeZone),
            time: formatTime(at, locale, wall.branch.timeZone),
          })}</span
        >
        <span class="spacer"></span>
        <span class="status ${s.status === 'live' ? 'live' : ''}" role="status" data-status=${s.status}
          >${s.status === 'live' ? t('wall.status.live') : t('wall.status.reconnecting')}</span
        >
        ${
          wall.branches.length > 1
            ? html`<label
                ><span class="visually-hidden">${t('wall.branch.label')}</span>
                <select @change=${this.onBranch} aria-label=${t('wall.branch.label')}>
                  ${wall.branches.map((b) => html`<option value=${b.id} ?selected=${b.id === wall.branch.id}>${b.name}</option>`)}
                </select></label
              >`
            : nothing
        }
        <button type="button" @click=${this.toggleTheme}>
          ${this.theme === 'dark' ? t('wall.theme.toLight') : t('wall.theme.toDark')}
        </button>
      </header>
      <crm-wall-board fit .wall=${wall} .now=${this.now} theme=${this.theme}></crm-wall-board>`
  }

  private onBranch = (e: Event) => {
    this.branchId = (e.target as HTMLSelectElement).value
    const q = new URLSearchParams(location.search)
    q.set('branchId', this.branchId)
    history.replaceState(null, '', `/wall?${q.toString()}`)
    this.state = { status: 'connecting' }
    this.follow()
  }

  private toggleTheme = () => {
    this.theme = this.theme === 'dark' ? 'light' : 'dark'
    try {
      localStorage.setItem(THEME_KEY, this.theme)
    } catch {
      /* a kiosk without storage keeps it until reload */
    }
    this.setAttribute('theme', this.theme)
    this.requestUpdate()
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-wall-page': CrmWallPage
  }
}
