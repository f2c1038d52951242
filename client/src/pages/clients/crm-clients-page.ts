import { LitElement, html, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { html as staticHtml, unsafeStatic } from 'lit/static-html.js'
import { LocaleController } from '../../i18n/locale-controller'
import { t } from '../../i18n/locale'
import { baseStyles } from '../../resources/styles'
import type { PageContext } from '../../types'
import '../not-found/crm-not-found-page'
import { prefetchClient } from '../../data/client-file'
import { clientsPageStyles } from './crm-clients-page.styles'

interface SubRoute {
  tag: string
  load: () => Promise<unknown>
  /** The client id for /clients/<id>. */
  id?: string
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** /clients → list, /clients/new → registration, /clients/<uuid> → the client file; else null (404). */
export function clientsRoute(pathname: string): SubRoute | null {
  const rest = pathname.replace(/\/+$/, '').replace(/^\/clients/, '')
  if (rest === '') return { tag: 'crm-client-list', load: () => import('./crm-client-list') }
  if (rest === '/new') return { tag: 'crm-client-register', load: () => import('./crm-client-register') }
  const m = /^\/([^/]+)$/.exec(rest)
  if (m && UUID.test(m[1])) return { tag: 'crm-client-file', load: () => import('./crm-client-file'), id: m[1].toLowerCase() }
  return null
}

/**
 * The Clients area: a small nested router (HA's hass-router-page) that lazy-loads the list,
 * the registration form and the client file, and passes the page context down.
 */
@customElement('crm-clients-page')
export class CrmClientsPage extends LitElement {
  @property({ attribute: false }) ctx!: PageContext
  @state() private loaded = new Set<string>()
  @state() private loadError = false
  private readonly locale = new LocaleController(this)

  static styles = [baseStyles, clientsPageStyles]

  render() {
    const route = clientsRoute(this.ctx.path)
    if (!route) return html`<crm-not-found-page></crm-not-found-page>`
    if (!this.loaded.has(route.tag)) {
      // the file's header loads while its code does
      if (route.id) prefetchClient(route.id)
      void this.load(route)
      return this.loadError ? html`<p class="alert error load-error" role="alert">${t('clients.page.loadError')}</p>` : nothing
    }
    const tag = unsafeStatic(route.tag)
    return staticHtml`<${tag} .ctx=${this.ctx} .clientId=${route.id ?? null}></${tag}>`
  }

  private async load(route: SubRoute) {
    try {
      await route.load()
      this.loadError = false
      this.loaded = new Set([...this.loaded, route.tag])
    } catch {
      this.loadError = true
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-clients-page': CrmClientsPage
  }
}
