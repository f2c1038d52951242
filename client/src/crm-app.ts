import { LitElement, html, nothing } from 'lit'
import { customElement, state } from 'lit/decorators.js'
import { showAlertToasts } from './components/alert-toasts'
import { closeAllDialogs, provideDialogRoot } from './components/dialogs'
import { LOCATION_CHANGED, internalHref, navigate } from './common/navigate'
import { onUnauthenticated } from './data/api'
import { applyProfileLocale, fetchMe, logout } from './data/auth'
import { LocaleController } from './i18n/locale-controller'
import { t } from './i18n/locale'
import { LiveEvents } from './data/live-events'
import type { User } from './data/types'
import { nextPath } from './layouts/nav'
import { baseStyles } from './resources/styles'
import { crmAppStyles } from './crm-app.styles'
import './resources/fonts'
import './layouts/crm-shell'
import './pages/login/crm-login-page'
import './components/crm-toasts'

/**
 * The root element: finds out who is signed in (GET /api/auth/me), shows the login page or
 * the shell, routes plain <a href> clicks through the history API, owns the app's live
 * connection (Socket.IO) for as long as someone is signed in, and is the root the dialog
 * manager mounts dialogs in.
 */
@customElement('crm-app')
export class CrmApp extends LitElement {
  /** undefined: still asking the server; null: signed out. */
  @state() private user: User | null | undefined = undefined
  @state() private path = location.pathname
  @state() private search = location.search
  @state() private bootError = false
  /** The login page's note: the session ended (shown in the language of the moment). */
  @state() private sessionEnded = false
  @state() private live: LiveEvents | null = null
  /** `/wall`: the kiosk screen, a page of its own (a wall token or the session; no shell, no sign-in redirect). */
  private readonly kiosk = location.pathname === '/wall'
  private disposers: Array<() => void> = []
  private readonly locale = new LocaleController(this)

  static styles = [baseStyles, crmAppStyles]

  connectedCallback() {
    super.connectedCallback()
    if (this.kiosk) return void import('./pages/wall/crm-wall-page')
    const onLocation = () => this.syncLocation()
    window.addEventListener('popstate', onLocation)
    window.addEventListener(LOCATION_CHANGED, onLocation)
    document.addEventListener('click', this.onDocumentClick)
    this.addEventListener('crm-signed-in', (e) => this.signedIn(e.detail.user))
    this.addEventListener('crm-sign-out', () => void this.signOut())
    this.addEventListener('crm-session-ended', () => this.signedOut(true))
    this.disposers.push(
      () => window.removeEventListener('popstate', onLocation),
      () => window.removeEventListener(LOCATION_CHANGED, onLocation),
      () => document.removeEventListener('click', this.onDocumentClick),
      onUnauthenticated(() => this.signedOut(true)),
      // dialogs opened anywhere below are mounted here (components/dialogs.ts)
      provideDialogRoot(this),
    )
    void this.boot()
  }

  disconnectedCallback() {
    super.disconnectedCallback()
    for (const d of this.disposers.splice(0)) d()
    this.closeLive()
  }

  render() {
    if (this.kiosk) return html`<crm-wall-page></crm-wall-page>`
    if (this.bootError) {
      return html`<div class="center" role="alert">
        <p>${t('app.boot.unreachable')}</p>
        <button class="primary" @click=${() => void this.boot()}>${t('app.boot.retry')}</button>
      </div>`
    }
    if (this.user === undefined) return html`<div class="center" aria-busy="true">${t('app.boot.loading')}</div>`
    const body =
      this.user === null
        ? html`<crm-login-page .notice=${this.sessionEnded ? t('app.session.ended') : null}></crm-login-page>`
        : html`<crm-shell .user=${this.user} .live=${this.live} .path=${this.path} .search=${this.search}></crm-shell>`
    return html`${body}<crm-toasts></crm-toasts>${nothing}`
  }

  private async boot() {
    this.bootError = false
    try {
      const user = await fetchMe()
      if (user) this.signedIn(user, false)
      else this.signedOut(false)
    } catch {
      this.bootError = true
    }
  }

  private signedIn(user: User, redirect = true) {
    // a tab takes the profile's language when it starts or signs in; later /me answers (a resync)
    // leave it alone, so a change made in another tab shows here after a reload
    if (this.user == null) applyProfileLocale(user)
    this.user = user
    this.sessionEnded = false
    if (!this.live) {
      const ended = () => this.signedOut(true)
      this.live = new LiveEvents({
        onUnauthenticated: () =>
          void fetchMe().then(
            (u) => u === null && ended(),
            () => {},
          ),
      })
      this.live.on('session.ended', (e) => {
        if (e.userId === this.user?.id) ended()
      })
      // a fresh reconnect may follow a change of our roles or branches (the server drops our
      // connections then): show the navigation of the access we have now, or sign-in if none
      this.live.onResync(
        () =>
          void fetchMe().then(
            (u) => (u === null ? ended() : this.user && u.id === this.user.id && (this.user = u)),
            () => {},
          ),
      )
      // one toast per cause (a clash is several alerts), gone when the alert clears
      showAlertToasts(this.live, this)
    }
    if (redirect && location.pathname === '/login') navigate(nextPath(location.search), { replace: true })
    else this.syncLocation()
  }

  /** Forget the user locally (the server session is already gone or being ended) and show the login page. */
  private signedOut(ended: boolean) {
    if (this.user === null) return
    closeAllDialogs()
    this.closeLive()
    this.user = null
    this.sessionEnded = ended
    this.syncLocation()
  }

  private async signOut() {
    try {
      await logout()
    } catch {
      // the cookie may survive a failed call; we still leave, and the next /me tells the truth
    }
    this.signedOut(false)
    navigate('/login', { replace: false })
  }

  private closeLive() {
    this.live?.close()
    this.live = null
  }

  /** Reads the URL and applies the redirects: signed out → /login?next=…, signed in on / or /login → the app. */
  private syncLocation() {
    const { pathname, search } = location
    let target: string | null = null
    if (this.user === null && pathname !== '/login') {
      const here = pathname + search
      target = pathname === '/' ? '/login' : `/login?next=${encodeURIComponent(here)}`
    } else if (this.user && (pathname === '/' || pathname === '/login')) {
      target = nextPath(search)
    }
    if (target) history.replaceState(null, '', target)
    this.path = location.pathname
    this.search = location.search
  }

  private onDocumentClick = (e: MouseEvent) => {
    const href = internalHref(e)
    if (href === null) return
    e.preventDefault()
    navigate(href)
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-app': CrmApp
  }
}
