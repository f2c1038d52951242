import { LitElement, css, html, nothing } from 'lit'
import { customElement, property, query, state } from 'lit/decorators.js'
import { html as staticHtml, unsafeStatic } from 'lit/static-html.js'
import { fireEvent } from '../common/fire-event'
import type { LiveEvents, LiveStatus } from '../data/live-events'
import { roleLabel } from '../data/roles'
import type { User } from '../data/types'
import { logo, logoStyles } from '../components/logo'
import { baseStyles } from '../resources/styles'
import type { PageContext } from '../types'
import { type NavEntry, navFor, resolveRoute } from './nav'
import '../pages/not-found/crm-not-found-page'

/**
 * The signed-in frame: header (user, roles, sign out), sidebar built from NAV filtered by
 * the user's roles, and the page for the current path (404 for unknown or forbidden paths).
 */
@customElement('crm-shell')
export class CrmShell extends LitElement {
  @property({ attribute: false }) user!: User
  @property({ attribute: false }) live: LiveEvents | null = null
  @property() path = '/'
  @property() search = ''
  @state() private menuOpen = false
  @state() private loaded = new Set<string>()
  @state() private loadError: string | null = null
  @state() private liveStatus: LiveStatus = 'connecting'
  @query('main') private main!: HTMLElement
  private offStatus?: () => void

  static styles = [
    baseStyles,
    logoStyles,
    css`
      :host {
        display: grid;
        grid-template-columns: var(--crm-sidebar-width) 1fr;
        grid-template-rows: var(--crm-header-height) 1fr;
        grid-template-areas: 'header header' 'nav main';
        min-height: 100vh;
      }
      header {
        grid-area: header;
        position: sticky;
        top: 0;
        z-index: 20;
        display: flex;
        align-items: center;
        gap: 12px;
        padding: 0 16px 0 20px;
        background: var(--crm-surface);
        border-bottom: 1px solid var(--crm-border);
      }
      .brand {
        display: flex;
        align-items: center;
        gap: 9px;
        font-weight: 700;
        font-size: 1.1rem;
        color: var(--crm-text);
        text-decoration: none;
      }
      .logo {
        font-size: 0.95rem;
      }
      .menu-button {
        display: none;
      }
      .spacer {
        flex: 1;
      }
      .who {
        display: flex;
        flex-direction: column;
        align-items: flex-end;
        line-height: 1.2;
        min-width: 0;
      }
      .who .name {
        font-weight: 600;
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
        max-width: 260px;
      }
      .who .roles {
        font-size: 0.8125rem;
        color: var(--crm-muted);
      }
      .live-dot {
        width: 8px;
        height: 8px;
        border-radius: 50%;
        background: var(--crm-muted);
        flex: none;
      }
      .live-dot.connected {
        background: #22a06b;
      }
      nav {
        grid-area: nav;
        position: sticky;
        top: var(--crm-header-height);
        height: calc(100vh - var(--crm-header-height));
        overflow-y: auto;
        padding: 14px 10px;
        background: var(--crm-surface);
        border-right: 1px solid var(--crm-border);
      }
      nav ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: flex;
        flex-direction: column;
        gap: 2px;
      }
      nav a {
        display: block;
        padding: 8px 12px;
        border-radius: var(--crm-radius);
        color: var(--crm-text);
        text-decoration: none;
        font-weight: 500;
      }
      nav a:hover {
        background: var(--crm-surface-2);
      }
      nav a[aria-current='page'] {
        background: var(--crm-primary-soft);
        color: var(--crm-primary-hover);
        font-weight: 600;
      }
      main {
        grid-area: main;
        min-width: 0;
      }
      main:focus {
        outline: none;
      }
      .scrim {
        display: none;
      }
      .load-error {
        margin: 24px 28px;
      }
      @media (max-width: 900px) {
        :host {
          grid-template-columns: 1fr;
          grid-template-areas: 'header' 'main';
        }
        .menu-button {
          display: inline-flex;
        }
        nav {
          position: fixed;
          z-index: 30;
          left: 0;
          top: var(--crm-header-height);
          width: min(280px, 85vw);
          transform: translateX(-100%);
          transition: transform 0.18s ease-out;
          box-shadow: none;
        }
        :host([menu-open]) nav {
          transform: none;
          box-shadow: 0 12px 32px rgb(16 24 40 / 25%);
        }
        :host([menu-open]) .scrim {
          display: block;
          position: fixed;
          inset: var(--crm-header-height) 0 0 0;
          z-index: 25;
          background: rgb(16 24 40 / 30%);
        }
        .who .roles {
          display: none;
        }
        .who .name {
          max-width: 160px;
        }
      }
      @media (prefers-reduced-motion: reduce) {
        nav {
          transition: none;
        }
      }
    `,
  ]

  connectedCallback() {
    super.connectedCallback()
    this.addEventListener('keydown', this.onKeydown)
  }

  disconnectedCallback() {
    super.disconnectedCallback()
    this.removeEventListener('keydown', this.onKeydown)
    this.offStatus?.()
  }

  protected willUpdate(changed: Map<string, unknown>) {
    if (changed.has('live')) {
      this.offStatus?.()
      this.liveStatus = this.live?.status ?? 'disconnected'
      this.offStatus = this.live?.onStatus((s) => (this.liveStatus = s))
    }
    if (changed.has('path')) this.menuOpen = false
    this.toggleAttribute('menu-open', this.menuOpen)
  }

  protected updated(changed: Map<string, unknown>) {
    // move focus to the new page so keyboard and screen-reader users start there
    if (changed.has('path') && changed.get('path') !== undefined) this.main?.focus({ preventScroll: true })
  }

  render() {
    const entries = navFor(this.user.roles)
    const entry = resolveRoute(this.path, this.user.roles)
    document.title = entry ? `${entry.label} · Clubroom` : 'Page not found · Clubroom'
    return html`
      <header>
        <button
          class="menu-button icon"
          aria-label="Menu"
          aria-expanded=${this.menuOpen ? 'true' : 'false'}
          aria-controls="sidebar"
          @click=${() => (this.menuOpen = !this.menuOpen)}
        >
          ☰
        </button>
        <a class="brand" href="/workspace">${logo}Clubroom</a>
        <span class="spacer"></span>
        <span
          class="live-dot ${this.liveStatus}"
          role="img"
          aria-label=${this.liveStatus === 'connected' ? 'Live updates on' : 'Live updates off'}
          title=${this.liveStatus === 'connected' ? 'Live updates on' : 'Live updates off: reconnecting…'}
        ></span>
        <div class="who" data-testid="current-user">
          <span class="name">${this.user.name}</span>
          <span class="roles">${this.user.roles.map(roleLabel).join(', ')}</span>
        </div>
        <button @click=${() => fireEvent(this, 'crm-sign-out', {})}>Sign out</button>
      </header>
      <div class="scrim" @click=${() => (this.menuOpen = false)}></div>
      <nav id="sidebar" aria-label="Main">
        <ul>
          ${entries.map(
            (e) =>
              html`<li>
                <a href=${e.path} title=${e.description} aria-current=${entry === e ? 'page' : nothing}>${e.label}</a>
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
      return this.loadError ? html`<p class="alert error load-error" role="alert">${this.loadError}</p>` : nothing
    }
    const ctx: PageContext = { user: this.user, live: this.live, entry, path: this.path, search: this.search }
    const tag = unsafeStatic(entry.tag)
    return staticHtml`<${tag} .ctx=${ctx}></${tag}>`
  }

  private async load(entry: NavEntry) {
    try {
      await entry.load()
      this.loadError = null
      this.loaded = new Set([...this.loaded, entry.tag])
    } catch {
      this.loadError = 'This page could not be loaded. Check the connection and reload.'
    }
  }

  private onKeydown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && this.menuOpen) this.menuOpen = false
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-shell': CrmShell
  }
}
