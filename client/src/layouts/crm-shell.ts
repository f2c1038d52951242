import { LitElement, html, nothing, svg } from 'lit'
import { customElement, property, query, state } from 'lit/decorators.js'
import { html as staticHtml, unsafeStatic } from 'lit/static-html.js'
import { fireEvent } from '../common/fire-event'
import type { LiveEvents, LiveStatus } from '../data/live-events'
import { roleLabel } from '../data/roles'
import type { User } from '../data/types'
import { logo } from '../components/logo'
import { logoStyles } from '../components/logo.styles'
import '../components/crm-language-picker'
import '../components/crm-alerts'
import { LocaleController } from '../i18n/locale-controller'
import { t } from '../i18n/locale'
import { baseStyles } from '../resources/styles'
import type { PageContext } from '../types'
import { type NavEntry, navFor, resolveRoute } from './nav'
import '../pages/not-found/crm-not-found-page'
import { shellStyles } from './crm-shell.styles'

/** The account menu's button on a narrow screen: a person. */
const person = svg`<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false"><circle cx="12" cy="8" r="4"/><path d="M4 21c0-4.4 3.6-7 8-7s8 2.6 8 7"/></svg>`

/**
 * The signed-in frame: header with the Alerts button and panel (components/crm-alerts.ts) and the
 * account menu (user, roles, language, sign out; below 720 px behind a button of its own), sidebar
 * built from NAV filtered by the user's roles, and the page for the current path (404 for unknown
 * or forbidden paths). Everything re-renders in the new language when it changes.
 */
@customElement('crm-shell')
export class CrmShell extends LitElement {
  @property({ attribute: false }) user!: User
  @property({ attribute: false }) live: LiveEvents | null = null
  @property() path = '/'
  @property() search = ''
  @state() private menuOpen = false
  @state() private accountOpen = false
  @state() private loaded = new Set<string>()
  @state() private loadError = false
  @state() private liveStatus: LiveStatus = 'connecting'
  @query('main') private main!: HTMLElement
  @query('.account-button') private accountButton!: HTMLButtonElement
  private offStatus?: () => void
  private readonly locale = new LocaleController(this)

  static styles = [baseStyles, logoStyles, shellStyles]

  connectedCallback() {
    super.connectedCallback()
    this.addEventListener('keydown', this.onKeydown)
  }

  disconnectedCallback() {
    super.disconnectedCallback()
    this.removeEventListener('keydown', this.onKeydown)
    window.removeEventListener('pointerdown', this.onPointerDown)
    this.offStatus?.()
  }

  protected willUpdate(changed: Map<string, unknown>) {
    if (changed.has('live')) {
      this.offStatus?.()
      this.liveStatus = this.live?.status ?? 'disconnected'
      this.offStatus = this.live?.onStatus((s) => (this.liveStatus = s))
    }
    if (changed.has('path')) {
      this.menuOpen = false
      this.accountOpen = false
    }
    this.toggleAttribute('menu-open', this.menuOpen)
    this.toggleAttribute('account-open', this.accountOpen)
    if (changed.has('accountOpen')) {
      // a press anywhere else closes the account menu
      if (this.accountOpen) window.addEventListener('pointerdown', this.onPointerDown)
      else window.removeEventListener('pointerdown', this.onPointerDown)
    }
  }

  protected updated(changed: Map<string, unknown>) {
    // move focus to the new page so keyboard and screen-reader users start there
    if (changed.has('path') && changed.get('path') !== undefined) this.main?.focus({ preventScroll: true })
  }

  render() {
    const entries = navFor(this.user.roles)
    const entry = resolveRoute(this.path, this.user.roles)
    document.title = entry ? t('shell.title.page', { page: t(entry.label) }) : t('shell.title.notFound')
    const live = this.liveStatus === 'connected'
    return html`
      <header>
        <button
          class="menu-button icon"
          aria-label=${t('shell.header.menu')}
          aria-expanded=${this.menuOpen ? 'true' : 'false'}
          aria-controls="sidebar"
          @click=${() => (this.menuOpen = !this.menuOpen)}
        >
          ☰
        </button>
        <a class="brand" href="/workspace">${logo}${t('app.name')}</a>
        <span class="spacer"></span>
        <crm-alerts .live=${this.live} .user=${this.user}></crm-alerts>
        <span
          class="live-dot ${this.liveStatus}"
          role="img"
          aria-label=${live ? t('shell.live.on') : t('shell.live.off')}
          title=${live ? t('shell.live.on') : t('shell.live.reconnecting')}
        ></span>
        <button
          class="account-button icon"
          aria-label=${t('shell.account.label')}
          title=${t('shell.account.label')}
          aria-expanded=${this.accountOpen ? 'true' : 'false'}
          aria-controls="account"
          data-testid="account-button"
          @click=${() => (this.accountOpen = !this.accountOpen)}
        >
          ${person}
        </button>
        <div id="account" class="account" role="group" aria-label=${t('shell.account.label')}>
          <div class="who" data-testid="current-user">
            <span class="name">${this.user.name}</span>
            <span class="roles">${this.user.roles.map(roleLabel).join(', ')}</span>
          </div>
          <crm-language-picker persist></crm-language-picker>
          <button @click=${() => fireEvent(this, 'crm-sign-out', {})}>${t('shell.account.signOut')}</button>
        </div>
      </header>
      <div class="scrim" @click=${() => (this.menuOpen = false)}></div>
      <nav id="sidebar" aria-label=${t('shell.nav.label')}>
        <ul>
          ${entries.map(
            (e) =>
              html`<li>
                <a href=${e.path} title=${t(e.description)} aria-current=${entry === e ? 'page' : nothing}>${t(e.label)}</a>
              </li>`,
          )}
        </ul>
      </nav>
      <main tabindex="-1">${this.renderPage(entry)}</main>
    `
  }

  private renderPage(entry: NavEntry | null) {
    if (!entry) return html`<crm-not-found-page></crm-not-found-page>`
    if (!this.loaded.has(entry.tag)) {
      void this.load(entry)
      return this.loadError ? html`<p class="alert error load-error" role="alert">${t('shell.page.loadFailed')}</p>` : nothing
    }
    const ctx: PageContext = { user: this.user, live: this.live, entry, path: this.path, search: this.search }
    const tag = unsafeStatic(entry.tag)
    return staticHtml`<${tag} .ctx=${ctx}></${tag}>`
  }

  private async load(entry: NavEntry) {
    try {
      await entry.load()
      this.loadError = false
      this.loaded = new Set([...this.loaded, entry.tag])
    } catch {
      this.loadError = true
    }
  }

  private onKeydown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && this.accountOpen) {
      this.accountOpen = false
      this.accountButton?.focus()
    } else if (e.key === 'Escape' && this.menuOpen) this.menuOpen = false
  }

  private onPointerDown = (e: PointerEvent) => {
    const inside = e.composedPath().some((el) => el instanceof HTMLElement && el.matches('.account, .account-button'))
    if (!inside) this.accountOpen = false
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-shell': CrmShell
  }
}
