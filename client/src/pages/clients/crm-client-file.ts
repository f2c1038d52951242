import { LitElement, type ReactiveElement, html, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { navigate } from '../../common/navigate'
import { showDialog } from '../../components/dialogs'
import { LiveDocController } from '../../controllers/live-doc-controller'
import { SubscriptionController } from '../../controllers/subscription-controller'
import { ApiError } from '../../data/api'
import { encodeClientDocName, subscribeClient, subscribeHeaderFields, takeClient } from '../../data/client-file'
import { type ClientDetail, clientAbilities, fetchClient } from '../../data/clients'
import type { LiveDoc } from '../../data/live-doc'
import type { MessageId } from '../../../../domain/i18n/catalogue'
import { LocaleController } from '../../i18n/locale-controller'
import { t } from '../../i18n/locale'
import { baseStyles, pageStyles } from '../../resources/styles'
import type { PageContext } from '../../types'
import './crm-client-data'
import { mayHighlight } from '../../data/audit-highlight'
import './crm-client-file-tab'
import './crm-client-header'
import './crm-client-progress'
import './crm-client-records'
import { clientFileStyles } from './crm-client-file.styles'
import { loadZones } from './labels'
import { passAbilities } from '../passes/labels'

type Tab = 'file' | 'account' | 'records' | 'progress' | 'medical' | 'data'
const TABS: Array<{ id: Tab; label: MessageId }> = [
  { id: 'file', label: 'clients.file.tab.file' },
  { id: 'account', label: 'passes.screens.account.tab' },
  { id: 'records', label: 'clients.file.tab.records' },
  { id: 'progress', label: 'clients.file.tab.progress' },
  { id: 'medical', label: 'clients.file.tab.medical' },
  { id: 'data', label: 'clients.file.tab.data' },
]

/** How long after a local or remote edit of the profile/guardians the header is refetched (the server projects within ~1 s). */
const HEADER_REFRESH_MS = 1200

/**
 * The client file. The header (name, age, status, flags, open alerts, family, status history)
 * comes from GET /api/clients/:id and follows the server; the File tab is the live document
 * `client:<id>`, edited by several staff at once with their presence and the fields they are in
 * shown in colour. Teachers get a read-only connection and add observations through the API.
 *
 * Performance marks (User Timing, read by bench/clients): `client-file-open` when the page
 * starts opening a file, `client-file-rendered` once its header and, on the File tab, the live
 * document's content are rendered; both with `detail: { id }`.
 */
@customElement('crm-client-file')
export class CrmClientFile extends LitElement {
  @property({ attribute: false }) ctx!: PageContext
  @property({ attribute: false }) clientId = ''
  @state() private client: ClientDetail | null = null
  /** Why the client could not be shown (a function: rendered in the language shown). */
  @state() private loadError: (() => string) | null = null
  private readonly locale = new LocaleController(this)
  private doc = new LiveDocController(this, () => ({
    name: this.clientId && !this.erased ? encodeClientDocName(this.clientId) : null,
    user: this.ctx.user,
  }))
  /** The header follows the server: the client saved, alerts about it, reconnects. */
  private serverChanges = new SubscriptionController(
    this,
    () => [this.ctx?.live, this.clientId],
    () => subscribeClient(this.ctx.live, this.clientId, (soon) => this.scheduleRefresh(soon ? 100 : 300)),
  )
  /** …and the document: an edit of the profile or guardians changes what the server projects into it. */
  private docChanges = new SubscriptionController(
    this,
    () => [this.syncedDoc],
    () => (this.syncedDoc ? subscribeHeaderFields(this.syncedDoc, () => this.scheduleRefresh(HEADER_REFRESH_MS)) : null),
  )
  private loadedId: string | null = null
  private request = 0
  private refreshTimer?: ReturnType<typeof setTimeout>
  private erased = false
  private markedId: string | null = null

  static styles = [baseStyles, pageStyles, clientFileStyles]

  private get can() {
    return clientAbilities(this.ctx.user.roles)
  }

  private get tab(): Tab {
    const wanted = new URLSearchParams(this.ctx.search).get('tab') as Tab | null
    const ok = this.tabs.some((x) => x.id === wanted)
    return ok && wanted ? wanted : 'file'
  }

  /** The tabs this user sees (medical: who may read it; account: who sees money). */
  private get tabs() {
    const money = passAbilities(this.ctx.user.roles).read
    return TABS.filter((x) => (x.id !== 'medical' || this.can.medical) && (x.id !== 'account' || money))
  }

  private get syncedDoc() {
    return this.doc.live?.synced ? this.doc.live.doc : null
  }

  disconnectedCallback() {
    super.disconnectedCallback()
    clearTimeout(this.refreshTimer)
  }

  protected willUpdate(changed: Map<string, unknown>) {
    if (changed.has('clientId') && this.clientId !== this.loadedId) {
      this.loadedId = this.clientId
      performance.mark('client-file-open', { detail: { id: this.clientId } })
      this.client = null
      this.loadError = null
      this.erased = false
      void this.load(true)
    }
  }

  protected updated() {
    this.markRendered()
  }

  /** `client-file-rendered` once per file: its header and (File tab) document content are rendered. */
  private markRendered() {
    const id = this.loadedId
    if (!id || this.markedId === id || this.client?.id !== id) return
    const live = this.doc.live
    if (this.tab === 'file' && live && !live.synced && !live.closed) return
    this.markedId = id
    const parts = [...this.renderRoot.querySelectorAll('crm-client-header, #panel > *')] as ReactiveElement[]
    void Promise.all(parts.map((el) => el.updateComplete)).then(() =>
      performance.mark('client-file-rendered', { detail: { id } }),
    )
  }

  private async load(opening = false) {
    const id = this.clientId
    const req = ++this.request
    try {
      // opening: the header the clients page asked for while this code loaded, if it did
      // the branches' time zones (once) for the file's dates and times
      const [client] = await Promise.all([opening ? takeClient(id) : fetchClient(id), loadZones()])
      if (req !== this.request) return
      this.client = client
      this.loadError = null
    } catch (e) {
      if (req !== this.request) return
      if (e instanceof ApiError && e.status === 404) {
        this.erased = true
        this.client = null
        this.loadError = () => t('clients.file.notFound')
      } else if (!this.client) {
        const message = e instanceof ApiError ? e.userMessage : null
        this.loadError = message === null ? () => t('clients.file.loadError') : () => message
      }
    }
  }

  private scheduleRefresh(ms = 300) {
    clearTimeout(this.refreshTimer)
    this.refreshTimer = setTimeout(() => void this.load(), ms)
  }

  render() {
    if (this.loadError && !this.client) {
      return html`<p class="back"><a href="/clients">${t('clients.back')}</a></p>
        <p class="alert error" role="alert">${this.loadError()}</p>`
    }
    if (!this.client)
      return html`<p class="back"><a href="/clients">${t('clients.back')}</a></p>
        <p class="muted" aria-busy="true">${t('clients.file.loading')}</p>`
    const c = this.client
    const live = this.doc.live
    const tabs = this.tabs
    const tab = this.tab
    return html`
      <p class="back"><a href="/clients">${t('clients.back')}</a></p>
      <crm-client-header
        .client=${c}
        .live=${live}
        ?canEdit=${this.can.edit}
        .onChangeStatus=${() => void this.changeStatus()}
        .onShowHistory=${() => this.selectTab('data')}
      ></crm-client-header>
      ${live?.closed ? html`<p class="alert error notice" role="alert">${t(live.closed.messageId)}</p>` : nothing}
      <div role="tablist" aria-label=${t('clients.file.tabs')} @keydown=${this.onTabKey}>
        ${tabs.map(
          (tab_) =>
            html`<button
              role="tab"
              id="tab-${tab_.id}"
              aria-selected=${tab_.id === tab ? 'true' : 'false'}
              aria-controls="panel"
              tabindex=${tab_.id === tab ? 0 : -1}
              @click=${() => this.selectTab(tab_.id)}
            >
              ${t(tab_.label)}
            </button>`,
        )}
      </div>
      <div id="panel" role="tabpanel" aria-labelledby="tab-${tab}">${this.renderTab(tab, c, live)}</div>
    `
  }

  private renderTab(tab: Tab, c: ClientDetail, live: LiveDoc | null) {
    switch (tab) {
      case 'records':
        return html`<crm-client-records
          .client=${c}
          ?canEdit=${this.can.edit}
          .onChanged=${() => void this.load()}
        ></crm-client-records>`
      case 'account':
        void import('./crm-client-account')
        void import('../loans/crm-client-loans')
        return html`<crm-client-account .ctx=${this.ctx} .client=${c}></crm-client-account>
          <crm-client-loans .clientId=${c.id}></crm-client-loans>`
      case 'progress':
        return html`<crm-client-progress .client=${c} .live=${live}></crm-client-progress>`
      case 'medical':
        void import('./crm-client-medical')
        return html`<crm-client-medical .clientId=${c.id} .branchId=${c.branchId} .user=${this.ctx.user}></crm-client-medical>`
      case 'data':
        return html`<crm-client-data .client=${c} .can=${this.can} .onErase=${() => void this.erase()}></crm-client-data>`
      default:
        return live && !live.closed
          ? html`<crm-client-file-tab
              .client=${c}
              .live=${live}
              ?canEdit=${this.can.edit}
              ?canObserve=${this.can.observe}
              .userId=${this.ctx.user.id}
              ?canHighlight=${mayHighlight(this.ctx.user.roles)}
            ></crm-client-file-tab>`
          : nothing
    }
  }

  private async changeStatus() {
    const c = this.client
    if (!c) return
    const status = await showDialog(this, 'crm-dialog-change-status', { client: c }, () => import('./dialog-change-status'))
    if (status) await this.load()
  }

  private async erase() {
    const c = this.client
    if (!c) return
    const erased = await showDialog(
      this,
      'crm-dialog-erase-client',
      {
        client: c,
        beforeErase: () => {
          this.erased = true // closes the live document before the server evicts it
          this.requestUpdate()
        },
        onFailed: () => {
          this.erased = false
          this.requestUpdate()
        },
      },
      () => import('./dialog-erase-client'),
    )
    if (erased) navigate('/clients')
  }

  // ——— Tabs ———

  private selectTab(tab: Tab) {
    const p = new URLSearchParams(this.ctx.search)
    if (tab === 'file') p.delete('tab')
    else p.set('tab', tab)
    const qs = p.toString()
    navigate(`/clients/${this.clientId}${qs ? `?${qs}` : ''}`, { replace: true })
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${tab}`)?.focus())
  }

  private onTabKey = (e: KeyboardEvent) => {
    const tabs = this.tabs
    const i = tabs.findIndex((x) => x.id === this.tab)
    let next = -1
    if (e.key === 'ArrowRight') next = (i + 1) % tabs.length
    else if (e.key === 'ArrowLeft') next = (i - 1 + tabs.length) % tabs.length
    else if (e.key === 'Home') next = 0
    else if (e.key === 'End') next = tabs.length - 1
    if (next < 0) return
    e.preventDefault()
    this.selectTab(tabs[next].id)
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-client-file': CrmClientFile
  }
}
