import { LitElement, css, html, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { live as liveValue } from 'lit/directives/live.js'
import { styleMap } from 'lit/directives/style-map.js'
import * as Y from 'yjs'
import { formatDateTime, formatWhen } from '../../common/dates'
import { fireEvent } from '../../common/fire-event'
import { navigate } from '../../common/navigate'
import { bindText } from '../../components/text-binding'
import { LiveDocController } from '../../controllers/live-doc-controller'
import { ApiError } from '../../data/api'
import {
  type ClientDetail,
  LEAD_SOURCES,
  LEAVE_REASONS,
  type LeaveReason,
  addObservation,
  clientAbilities,
  exportJsonUrl,
  exportPdfUrl,
  fetchClient,
  leadSourceLabel,
  leaveReasonLabel,
  statusLabel,
} from '../../data/clients'
import type { LiveDoc, PresenceEntry } from '../../data/live-doc'
import { baseStyles, pageStyles } from '../../resources/styles'
import type { PageContext } from '../../types'
import {
  type ObservationData,
  encodeClientDocName,
  guardianMap,
  guardiansOf,
  notesOf,
  observationsOf,
  physicalOf,
  profileOf,
  traitsOf,
} from '../../../../domain/docs/client-file'
import '../../components/crm-dialog'
import '../../components/crm-presence-list'
import '../../components/crm-save-state'
import './crm-client-records'
import './dialog-change-status'
import './dialog-erase-client'
import { takeClient } from './prefetch'
import { editingMarks, liveField, liveFieldStyles, liveStatus, liveStatusStyles, setKey } from './live-fields'
import { ageText, clientStyles, flagBadges, formatDay, statusChip } from './shared'

type Tab = 'file' | 'records' | 'progress' | 'medical' | 'data'
const TABS: Array<{ id: Tab; label: string }> = [
  { id: 'file', label: 'File' },
  { id: 'records', label: 'Records & documents' },
  { id: 'progress', label: 'Progress' },
  { id: 'medical', label: 'Medical' },
  { id: 'data', label: 'History & data' },
]

const FITNESS = [
  { value: 'low', label: 'Low' },
  { value: 'average', label: 'Average' },
  { value: 'good', label: 'Good' },
  { value: 'athletic', label: 'Athletic' },
]

/** How long after a local or remote edit of the profile/guardians the header is refetched (the server projects within ~1 s). */
const HEADER_REFRESH_MS = 1200

/**
 * The client file. The header (name, age, status, flags, open alerts, family, status history)
 * comes from GET /api/clients/:id; the body is the live document `client:<id>`, edited by
 * several staff at once with their presence and the fields they are in shown in colour.
 * Teachers get a read-only connection and add observations through the API.
 */
@customElement('crm-client-file')
export class CrmClientFile extends LitElement {
  @property({ attribute: false }) ctx!: PageContext
  @property({ attribute: false }) clientId = ''
  @state() private client: ClientDetail | null = null
  @state() private loadError: string | null = null
  @state() private statusDialog = false
  @state() private eraseDialog = false
  @state() private busy = false
  @state() private addingGuardian = false
  @state() private obsError: string | null = null
  @state() private removing: { key: string; name: string; question: string } | null = null
  private doc = new LiveDocController(this, () => ({
    name: this.clientId && !this.erased ? encodeClientDocName(this.clientId) : null,
    user: this.ctx.user,
  }))
  private loadedId: string | null = null
  private request = 0
  private refreshTimer?: ReturnType<typeof setTimeout>
  private offLive: Array<() => void> = []
  private liveFor: unknown = null
  private notes: { el: HTMLTextAreaElement; text: Y.Text; off: () => void } | null = null
  private observed: { doc: Y.Doc; off: () => void } | null = null
  private erased = false
  /** When the file for `loadedId` started opening, and which open was measured already. */
  private openedAt = 0
  private measuredId: string | null = null

  static styles = [
    baseStyles,
    pageStyles,
    clientStyles,
    liveFieldStyles,
    liveStatusStyles,
    css`
      :host {
        max-width: 1280px;
      }
      .back {
        margin-bottom: 8px;
        font-size: 0.9375rem;
      }
      header.card {
        padding: 16px 20px;
        margin-bottom: 14px;
        display: grid;
        grid-template-columns: minmax(0, 1fr) auto;
        gap: 8px 20px;
      }
      .title {
        display: flex;
        align-items: center;
        gap: 10px;
        flex-wrap: wrap;
      }
      .facts {
        color: var(--crm-muted);
        display: flex;
        gap: 6px 14px;
        flex-wrap: wrap;
        margin-top: 4px;
        font-size: 0.9375rem;
      }
      .facts strong {
        color: var(--crm-text);
        font-weight: 600;
      }
      .live-status {
        display: flex;
        flex-direction: column;
        align-items: flex-end;
        gap: 6px;
      }
      .header-extra {
        grid-column: 1 / -1;
        display: flex;
        flex-direction: column;
        gap: 8px;
      }
      .alerts {
        list-style: none;
        margin: 0;
        padding: 0;
        display: flex;
        flex-direction: column;
        gap: 6px;
      }
      .alerts li {
        font-weight: 500;
      }
      .family,
      .history-line {
        font-size: 0.9375rem;
      }
      .history-line {
        display: flex;
        flex-wrap: wrap;
        align-items: baseline;
        gap: 4px 8px;
      }
      .history-line button.link {
        font-size: 0.875rem;
      }
      .family a + a::before {
        content: '';
      }
      .family .sep {
        color: var(--crm-muted);
      }
      [role='tablist'] {
        display: flex;
        gap: 2px;
        border-bottom: 1px solid var(--crm-border);
        margin-bottom: 16px;
        overflow-x: auto;
      }
      [role='tab'] {
        border: none;
        border-bottom: 3px solid transparent;
        border-radius: 0;
        background: none;
        padding: 8px 14px;
        color: var(--crm-muted);
        min-height: 40px;
      }
      [role='tab'][aria-selected='true'] {
        color: var(--crm-primary-hover);
        border-bottom-color: var(--crm-primary);
        font-weight: 600;
      }
      [role='tab']:hover:not([aria-selected='true']) {
        background: var(--crm-surface-2);
      }
      .columns {
        display: grid;
        grid-template-columns: minmax(0, 1.65fr) minmax(300px, 1fr);
        gap: 16px;
        align-items: start;
      }
      .stack {
        display: flex;
        flex-direction: column;
        gap: 16px;
        min-width: 0;
      }
      section.card {
        padding: 16px 18px 4px;
      }
      section.card > h2,
      .card-head {
        margin-bottom: 12px;
      }
      .card-head {
        display: flex;
        align-items: center;
        justify-content: space-between;
        gap: 10px;
      }
      .grid {
        display: grid;
        grid-template-columns: repeat(2, minmax(0, 1fr));
        gap: 0 14px;
      }
      .grid .wide {
        grid-column: 1 / -1;
      }
      .check {
        display: flex;
        align-items: center;
        gap: 8px;
        font-weight: 500;
        font-size: 0.875rem;
        min-height: 38px;
      }
      .guardian {
        border: 1px solid var(--crm-border);
        border-radius: var(--crm-radius);
        padding: 10px 12px 0;
        margin-bottom: 12px;
        background: var(--crm-surface-2);
      }
      .guardian .field input:not([readonly]) {
        background: var(--crm-surface);
      }
      .guardian-head {
        display: flex;
        align-items: center;
        justify-content: space-between;
        margin-bottom: 6px;
      }
      fieldset.scale {
        margin-bottom: 10px;
      }
      fieldset.scale legend {
        display: flex;
        gap: 8px;
        align-items: center;
      }
      .scale-options {
        display: flex;
        gap: 6px;
        margin-top: 6px;
        align-items: center;
        flex-wrap: wrap;
      }
      .scale-options label {
        position: relative;
      }
      .scale-options input {
        position: absolute;
        opacity: 0;
        inset: 0;
        margin: 0;
        width: 100%;
        height: 100%;
        cursor: pointer;
      }
      .scale-options span.dot {
        display: grid;
        place-items: center;
        width: 34px;
        height: 34px;
        border-radius: 50%;
        border: 1px solid var(--crm-border);
        background: var(--crm-surface);
        font-weight: 600;
      }
      .scale-options input:checked + span.dot {
        background: var(--crm-primary);
        border-color: var(--crm-primary);
        color: var(--crm-on-primary);
      }
      .scale-options input:focus-visible + span.dot {
        outline: 2px solid var(--crm-focus);
        outline-offset: 2px;
      }
      .scale-options input:disabled {
        cursor: default;
      }
      .scale-ends {
        font-size: 0.8125rem;
        color: var(--crm-muted);
      }
      .stack.side {
        position: sticky;
        top: calc(var(--crm-header-height) + 12px);
        max-height: calc(100vh - var(--crm-header-height) - 24px);
      }
      .stack.side > section {
        display: flex;
        flex-direction: column;
        min-height: 0;
        max-height: 100%;
      }
      .stack.side .timeline-scroll {
        overflow-y: auto;
        min-height: 0;
        margin: 0 -18px;
        padding: 0 18px;
      }
      textarea#notes {
        min-height: 120px;
      }
      .timeline {
        list-style: none;
        margin: 0 0 12px;
        padding: 0;
      }
      .timeline li {
        padding: 10px 0 10px 14px;
        border-left: 3px solid var(--crm-primary-soft);
        margin-left: 4px;
      }
      .timeline li + li {
        margin-top: 2px;
      }
      .obs-meta {
        display: flex;
        gap: 8px;
        flex-wrap: wrap;
        font-size: 0.8125rem;
        color: var(--crm-muted);
        align-items: baseline;
      }
      .obs-meta .author {
        font-weight: 600;
        color: var(--crm-text);
      }
      .obs-text {
        margin-top: 2px;
        white-space: pre-wrap;
      }
      form.observe {
        border-bottom: 1px solid var(--crm-border);
        margin-bottom: 12px;
        padding-bottom: 4px;
      }
      form.observe .row {
        display: flex;
        gap: 8px;
        align-items: flex-end;
      }
      form.observe .row .field {
        flex: 1;
      }
      .history {
        list-style: none;
        margin: 0 0 14px;
        padding: 0;
      }
      .history li {
        padding: 6px 0;
        border-bottom: 1px solid var(--crm-border);
        display: flex;
        gap: 10px;
        flex-wrap: wrap;
        align-items: baseline;
      }
      .history li:last-child {
        border-bottom: none;
      }
      .history .when {
        color: var(--crm-muted);
        font-size: 0.875rem;
        min-width: 150px;
      }
      .data-actions {
        display: flex;
        gap: 8px;
        flex-wrap: wrap;
        margin-bottom: 14px;
      }
      .danger-zone {
        border-top: 1px solid var(--crm-border);
        padding-top: 12px;
        margin-top: 6px;
        margin-bottom: 14px;
      }
      a.button:hover {
        background: var(--crm-surface-2);
      }
      .empty {
        color: var(--crm-muted);
        padding-bottom: 12px;
      }
      .notice {
        margin-bottom: 14px;
      }
      @media (max-width: 1100px) {
        .columns {
          grid-template-columns: 1fr;
        }
        .stack.side {
          position: static;
          max-height: none;
        }
      }
      @media (max-width: 1000px) {
        header.card {
          grid-template-columns: 1fr;
        }
        .live-status .doc-status {
          align-items: flex-start;
        }
      }
      @media (max-width: 700px) {
        .grid {
          grid-template-columns: 1fr;
        }
      }
    `,
  ]

  private get can() {
    return clientAbilities(this.ctx.user.roles)
  }

  private get tab(): Tab {
    const t = new URLSearchParams(this.ctx.search).get('tab') as Tab | null
    const ok = TABS.some((x) => x.id === t) && (t !== 'medical' || this.can.medical)
    return ok && t ? t : 'file'
  }

  disconnectedCallback() {
    super.disconnectedCallback()
    clearTimeout(this.refreshTimer)
    for (const off of this.offLive.splice(0)) off()
    this.liveFor = null
    this.unbindNotes()
    this.observed?.off()
    this.observed = null
  }

  connectedCallback() {
    super.connectedCallback()
    // reconnecting to the DOM (cached page): events and bindings start again
    if (this.ctx) this.listen()
  }

  protected willUpdate(changed: Map<string, unknown>) {
    if (changed.has('clientId') && this.clientId !== this.loadedId) {
      this.loadedId = this.clientId
      this.openedAt = performance.now()
      this.client = null
      this.loadError = null
      this.erased = false
      void this.load(true)
    }
    if (this.ctx && this.liveFor !== this.ctx.live) this.listen()
  }

  protected updated() {
    this.bindNotes()
    this.observeDoc()
    this.measureOpen()
  }

  /**
   * Performance marks for the open benchmark (bench/clients/client-file.ts, test/e2e/client-file-render.spec.ts):
   * `client-file-rendered` once the header (REST) and, on the File tab, the live document's data are
   * on screen, style and layout included; `client-file-open` measures from this element taking the id.
   */
  private measureOpen() {
    const id = this.loadedId
    if (!id || this.measuredId === id || this.client?.id !== id) return
    const live = this.doc.live
    if (this.tab === 'file' && live && !live.synced && !live.closed) return
    this.measuredId = id
    this.renderRoot.querySelector('#panel')?.getBoundingClientRect() // style and layout now, not after the mark
    const end = performance.now()
    performance.mark('client-file-rendered', { startTime: end, detail: { id } })
    performance.measure('client-file-open', { start: this.openedAt, end, detail: { id } })
  }

  private async load(opening = false) {
    const id = this.clientId
    const req = ++this.request
    try {
      // opening: the header the clients page asked for while this code loaded, if it did
      const client = await (opening ? takeClient(id) : fetchClient(id))
      if (req !== this.request) return
      this.client = client
      this.loadError = null
    } catch (e) {
      if (req !== this.request) return
      if (e instanceof ApiError && e.status === 404) {
        this.erased = true
        this.client = null
        this.loadError = 'This client does not exist or was erased.'
      } else if (!this.client) this.loadError = e instanceof ApiError ? e.userMessage : 'Could not load the client.'
    }
  }

  private scheduleRefresh(ms = 300) {
    clearTimeout(this.refreshTimer)
    this.refreshTimer = setTimeout(() => void this.load(), ms)
  }

  /** Header data follows the server: entity changes, alerts about this client, reconnects. */
  private listen() {
    for (const off of this.offLive.splice(0)) off()
    const live = this.ctx.live
    this.liveFor = live
    if (!live) return
    const subject = () => `client:${this.clientId}`
    this.offLive.push(
      live.on('entity.changed', (e) => {
        if (e.type === 'client' && e.id === this.clientId) this.scheduleRefresh()
      }),
      live.on('alert.raised', (a) => {
        if ((a as { subject?: string }).subject === subject()) this.scheduleRefresh(100)
      }),
      live.on('alert.cleared', (a) => {
        if ((a as { subject?: string }).subject === subject()) this.scheduleRefresh(100)
      }),
    )
    // the subject room brings changes of clients outside our branch too (when the connection offers it)
    const withRooms = live as unknown as { subscribe?: (room: string) => { dispose: () => void } }
    if (typeof withRooms.subscribe === 'function' && this.clientId) {
      const sub = withRooms.subscribe(subject())
      this.offLive.push(() => sub.dispose())
    }
  }

  /** Refetch the header shortly after the profile or guardians change (the server projects them, flags and alerts). */
  private observeDoc() {
    const doc = this.doc.live?.synced ? this.doc.live.doc : null
    if (this.observed?.doc === doc) return
    this.observed?.off()
    this.observed = null
    if (!doc) return
    const onChange = () => this.scheduleRefresh(HEADER_REFRESH_MS)
    const profile = profileOf(doc)
    const guardians = guardiansOf(doc)
    profile.observeDeep(onChange)
    guardians.observeDeep(onChange)
    this.observed = {
      doc,
      off: () => {
        profile.unobserveDeep(onChange)
        guardians.unobserveDeep(onChange)
      },
    }
  }

  private bindNotes() {
    const live = this.doc.live
    const el = this.renderRoot.querySelector<HTMLTextAreaElement>('textarea#notes')
    const text = live?.synced && el ? notesOf(live.doc) : null
    if (this.notes && this.notes.el === el && this.notes.text === text) return
    this.unbindNotes()
    if (el && text) this.notes = { el, text, off: bindText(el, text) }
  }

  private unbindNotes() {
    this.notes?.off()
    this.notes = null
  }

  render() {
    if (this.loadError && !this.client) {
      return html`<p class="back"><a href="/clients">← Clients</a></p>
        <p class="alert error" role="alert">${this.loadError}</p>`
    }
    if (!this.client)
      return html`<p class="back"><a href="/clients">← Clients</a></p>
        <p class="muted" aria-busy="true">Loading the client…</p>`
    const c = this.client
    const live = this.doc.live
    const tabs = TABS.filter((t) => t.id !== 'medical' || this.can.medical)
    const tab = this.tab
    return html`
      <p class="back"><a href="/clients">← Clients</a></p>
      ${this.renderHeader(c, live)}
      ${live?.closed ? html`<p class="alert error notice" role="alert">${live.closed.message}</p>` : nothing}
      <div role="tablist" aria-label="Client file sections" @keydown=${this.onTabKey}>
        ${tabs.map(
          (t) =>
            html`<button
              role="tab"
              id="tab-${t.id}"
              aria-selected=${t.id === tab ? 'true' : 'false'}
              aria-controls="panel"
              tabindex=${t.id === tab ? 0 : -1}
              @click=${() => this.selectTab(t.id)}
            >
              ${t.label}
            </button>`,
        )}
      </div>
      <div id="panel" role="tabpanel" aria-labelledby="tab-${tab}">${this.renderTab(tab, c, live)}</div>
      <crm-dialog-change-status
        .client=${this.statusDialog ? c : null}
        .onSaved=${() => void this.load()}
        .onClosed=${() => (this.statusDialog = false)}
      ></crm-dialog-change-status>
      ${
        this.can.erase
          ? html`<crm-dialog-erase-client
              .client=${this.eraseDialog ? c : null}
              .beforeErase=${() => {
                this.erased = true // closes the live document before the server evicts it
                this.requestUpdate()
              }}
              .onFailed=${() => {
                this.erased = false
                this.requestUpdate()
              }}
              .onErased=${() => navigate('/clients')}
              .onClosed=${() => (this.eraseDialog = false)}
            ></crm-dialog-erase-client>`
          : nothing
      }
      ${this.renderRemoveDialog()}
    `
  }

  private renderHeader(c: ClientDetail, live: LiveDoc | null) {
    return html`<header class="card" data-testid="client-header">
      <div>
        <div class="title">
          <h1>${c.name || 'Unnamed client'}</h1>
          ${statusChip(c.status)}
          ${c.status === 'left' && c.leaveReason ? html`<span class="muted">(${leaveReasonLabel(c.leaveReason)})</span>` : nothing}
          ${this.can.edit ? html`<button class="small" @click=${() => (this.statusDialog = true)}>Change status</button>` : nothing}
        </div>
        <div class="facts">
          ${c.age !== null ? html`<span><strong>${ageText(c.age)}</strong></span>` : nothing}
          ${c.ageCategory ? html`<span>Category <strong>${c.ageCategory}</strong></span>` : nothing}
          ${c.birthDate ? html`<span>Born ${formatDay(c.birthDate)}</span>` : nothing}
          ${c.phone ? html`<span>${c.phone}</span>` : nothing}
          ${c.source ? html`<span>Came by ${leadSourceLabel(c.source).toLowerCase()}</span>` : nothing}
        </div>
      </div>
      <div class="live-status">${live && !live.closed ? liveStatus(live, !this.can.edit) : nothing}</div>
      <div class="header-extra">
        ${c.flags.length ? flagBadges(c.flags) : nothing}
        ${
          c.alerts.length
            ? html`<ul class="alerts" data-testid="client-alerts">
                ${c.alerts.map((a) => html`<li class="alert error" role="alert">${a.message}</li>`)}
              </ul>`
            : nothing
        }
        ${c.statusHistory.length > 1 ? this.renderHistoryLine(c) : nothing}
        ${
          c.family.length
            ? html`<p class="family">
                <span class="muted">Family:</span>
                ${c.family.map((f, i) => html`${i ? html`<span class="sep">, </span>` : nothing}<a href="/clients/${f.id}">${f.name}</a>${f.age !== null ? html` <span class="muted">(${f.age})</span>` : nothing}`)}
              </p>`
            : nothing
        }
      </div>
    </header>`
  }

  /** The last status changes in one line ("Lead 3 Mar → Trial 5 Mar → Active 9 Mar"); the rest is under History & data. */
  private renderHistoryLine(c: ClientDetail) {
    const shown = c.statusHistory.slice(-4)
    const day = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' })
    return html`<p class="history-line" data-testid="status-history">
      <span class="muted">Status:</span>
      ${c.statusHistory.length > shown.length ? html`<span class="muted">… →</span>` : nothing}
      ${shown.map(
        (h, i) =>
          html`${i ? html`<span class="muted" aria-hidden="true">→</span>` : nothing}<span
              class="step"
              title=${`${formatDateTime(h.at)}${h.by ? ` by ${h.by}` : ''}${h.reason ? ` (${h.reason})` : ''}`}
              >${statusLabel(h.to)} <span class="muted">${day.format(new Date(h.at))}</span></span
            >`,
      )}
      <button class="link small" @click=${() => this.selectTab('data')}>Full history</button>
    </p>`
  }

  private renderTab(tab: Tab, c: ClientDetail, live: LiveDoc | null) {
    switch (tab) {
      case 'records':
        return html`<crm-client-records
          .client=${c}
          ?canEdit=${this.can.edit}
          .onChanged=${() => void this.load()}
        ></crm-client-records>`
      case 'progress':
        return this.renderProgress(c)
      case 'medical':
        void import('./crm-client-medical')
        return html`<crm-client-medical .clientId=${c.id} .user=${this.ctx.user}></crm-client-medical>`
      case 'data':
        return this.renderData(c)
      default:
        return this.renderFile(c, live)
    }
  }

  // ——— File tab: the live document ———

  private renderFile(c: ClientDetail, live: LiveDoc | null) {
    if (!live || live.closed) return nothing
    const synced = live.synced
    const doc = live.doc
    const ro = !this.can.edit || live.readOnly || !synced
    const presence = live.presence
    const profile = synced ? profileOf(doc) : undefined
    const physical = synced ? physicalOf(doc) : undefined
    const traits = synced ? traitsOf(doc) : undefined
    const f = (
      map: Y.Map<unknown> | undefined,
      mapName: string,
      key: string,
      label: string,
      o: Partial<Parameters<typeof liveField>[0]> = {},
    ) => liveField({ id: `${mapName}-${key}`, label, focus: `${mapName}.${key}`, map, key, readOnly: ro, presence, ...o })
    const problems = this.problems(c)
    return html`
      ${!synced ? html`<p class="alert info notice" aria-busy="true">Opening the live file…</p>` : nothing}
      ${this.can.edit && live.readOnly ? html`<p class="alert warning notice" role="status">The server accepts no changes from you right now: the file is read only.</p>` : nothing}
      <div class="columns" @focusin=${this.onFocusIn} @focusout=${this.onFocusOut}>
        <div class="stack">
          <section class="card" aria-labelledby="profile-h">
            <h2 id="profile-h">Personal details</h2>
            <div class="grid">
              ${f(profile, 'profile', 'firstName', 'First name', { error: problems.firstName })}
              ${f(profile, 'profile', 'lastName', 'Last name', { error: problems.lastName })}
              ${f(profile, 'profile', 'birthDate', 'Birth date', { type: 'date', emptyAs: null, error: problems.birthDate })}
              ${f(profile, 'profile', 'phone', 'Phone', { type: 'tel', emptyAs: null, error: problems.phone })}
              ${f(profile, 'profile', 'email', 'Email', { type: 'email', emptyAs: null, error: problems.email })}
              ${this.selectField(profile, 'profile', 'source', 'Lead source', [{ value: '', label: '—' }, ...LEAD_SOURCES.map((s) => ({ value: s, label: leadSourceLabel(s) }))], ro, presence)}
              <div class="field wide">
                <label class="check"
                  ><input
                    type="checkbox"
                    data-focus="profile.consent"
                    .checked=${liveValue(profile?.get('consent') === true)}
                    ?disabled=${ro}
                    @change=${(e: Event) => setKey(profile, 'consent', (e.target as HTMLInputElement).checked)}
                  />Consent to data processing</label
                >
                ${problems.consent ? html`<span class="field-error">${problems.consent}</span>` : nothing}
              </div>
            </div>
          </section>
          ${this.renderGuardians(c, live, ro)}
          <section class="card" aria-labelledby="traits-h">
            <h2 id="traits-h">Character and needs</h2>
            <div class="grid">
              ${f(traits, 'traits', 'needs', 'Needs', { type: 'textarea', rows: 2, placeholder: 'What helps this client (e.g. sits near the front)' })}
              ${f(traits, 'traits', 'preferences', 'Preferences', { type: 'textarea', rows: 2, placeholder: 'Likes, dislikes, favourite activities' })}
            </div>
            ${this.scale(traits, 'perseverance', 'Perseverance', 'How long they keep at a hard task', 'gives up quickly', 'keeps at it', ro, presence)}
            ${f(traits, 'traits', 'perseveranceNote', 'Perseverance note', { placeholder: 'Optional' })}
            ${this.scale(traits, 'sensitivity', 'Sensitivity to new material', 'How they take something new', 'unsettled', 'at ease', ro, presence)}
            ${f(traits, 'traits', 'sensitivityNote', 'Sensitivity note', { placeholder: 'Optional' })}
          </section>
          <section class="card" aria-labelledby="physical-h">
            <h2 id="physical-h">Physical</h2>
            <div class="grid">
              ${this.selectField(physical, 'physical', 'fitnessLevel', 'Fitness level', [{ value: '', label: '—' }, ...FITNESS], ro, presence)}
              <div></div>
              <div class="wide">
                ${f(physical, 'physical', 'limitations', 'Limitations', { type: 'textarea', rows: 2, placeholder: 'e.g. no contact sports after knee surgery' })}
              </div>
            </div>
          </section>
          <section class="card" aria-labelledby="notes-h">${this.renderNotes(ro, presence)}</section>
        </div>
        <div class="stack side">${this.renderObservations(live)}</div>
      </div>
    `
  }

  /** The server's view of what is missing (from the open client_file_incomplete alert). */
  private problems(c: ClientDetail): Record<string, string> {
    const alert = c.alerts.find((a) => a.kind === 'client_file_incomplete')
    const p = (alert?.details as { problems?: Record<string, string> } | null)?.problems
    return p && typeof p === 'object' ? p : {}
  }

  private renderNotes(ro: boolean, presence: PresenceEntry[]) {
    const marks = editingMarks(presence, 'notes')
    return html`<div class="field live">
      <div class="label-row">
        <h2 id="notes-h"><label for="notes" style="font-size:inherit;font-weight:inherit">Notes</label></h2>
        ${marks.tag}
      </div>
      <textarea
        id="notes"
        rows="5"
        data-focus="notes"
        ?readonly=${ro}
        style=${styleMap(marks.style)}
        placeholder=${ro ? '' : 'Free notes, written together'}
      ></textarea>
    </div>`
  }

  private selectField(
    map: Y.Map<unknown> | undefined,
    mapName: string,
    key: string,
    label: string,
    options: Array<{ value: string; label: string }>,
    ro: boolean,
    presence: PresenceEntry[],
  ) {
    const focus = `${mapName}.${key}`
    const marks = editingMarks(presence, focus)
    const value = String(map?.get(key) ?? '')
    return html`<div class="field live">
      <div class="label-row"><label for="${mapName}-${key}">${label}</label>${marks.tag}</div>
      <select
        id="${mapName}-${key}"
        data-focus=${focus}
        ?disabled=${ro}
        style=${styleMap(marks.style)}
        @change=${(e: Event) => setKey(map, key, (e.target as HTMLSelectElement).value || null)}
      >
        ${options.map((o) => html`<option value=${o.value} ?selected=${o.value === value}>${o.label}</option>`)}
      </select>
    </div>`
  }

  private scale(
    map: Y.Map<unknown> | undefined,
    key: string,
    label: string,
    hint: string,
    low: string,
    high: string,
    ro: boolean,
    presence: PresenceEntry[],
  ) {
    const focus = `traits.${key}`
    const marks = editingMarks(presence, focus)
    const value = Number(map?.get(key) ?? 0)
    return html`<fieldset class="scale" style=${styleMap(marks.style)}>
      <legend>${label} <span class="hint">${hint}</span></legend>
      ${marks.tag}
      <div class="scale-options">
        <span class="scale-ends">1 = ${low}</span>
        ${[1, 2, 3, 4, 5].map(
          (n) =>
            html`<label
              ><input
                type="radio"
                name=${key}
                value=${n}
                data-focus=${focus}
                .checked=${liveValue(value === n)}
                ?disabled=${ro}
                aria-label="${label} ${n} of 5"
                @change=${() => setKey(map, key, n)}
              /><span class="dot" aria-hidden="true">${n}</span></label
            >`,
        )}
        <span class="scale-ends">5 = ${high}</span>
        ${value && !ro ? html`<button type="button" class="link small" @click=${() => setKey(map, key, null)}>Clear</button>` : nothing}
      </div>
    </fieldset>`
  }

  // ——— Guardians ———

  private renderGuardians(c: ClientDetail, live: LiveDoc, ro: boolean) {
    const synced = live.synced
    const entries = synced ? [...guardiansOf(live.doc).entries()] : []
    const err = this.problems(c).guardians
    return html`<section class="card" aria-labelledby="guardians-h" data-testid="file-guardians">
      <div class="card-head">
        <h2 id="guardians-h">Guardians</h2>
        ${!ro && !this.addingGuardian ? html`<button class="small" @click=${() => this.startAddGuardian()}>+ Add guardian</button>` : nothing}
      </div>
      ${err ? html`<p class="field-error" role="alert" style="margin-bottom:10px">${err}</p>` : nothing}
      ${entries.length === 0 && synced ? html`<p class="empty">${c.minor ? 'No guardian: a client under 18 needs one.' : 'No guardians.'}</p>` : nothing}
      ${entries.map(([key, g], i) => this.renderGuardian(key, g, i, entries.length, c, live, ro))}
      ${this.addingGuardian ? this.renderNewGuardian() : nothing}
    </section>`
  }

  private renderGuardian(key: string, g: Y.Map<unknown>, i: number, count: number, c: ClientDetail, live: LiveDoc, ro: boolean) {
    const presence = live.presence
    const f = (field: string, label: string, o: Partial<Parameters<typeof liveField>[0]> = {}) =>
      liveField({
        id: `g-${key}-${field}`,
        label,
        focus: `guardians.${key}.${field}`,
        map: g,
        key: field,
        readOnly: ro,
        presence,
        ...o,
      })
    const name = String(g.get('name') ?? '') || `Guardian ${i + 1}`
    return html`<div class="guardian" role="group" aria-label=${name} data-key=${key}>
      <div class="guardian-head">
        <h3>${name}</h3>
        ${ro ? nothing : html`<button class="small danger" @click=${() => this.removeGuardian(key, name, count, c)} aria-label="Remove ${name}">Remove</button>`}
      </div>
      <div class="grid">
        ${f('name', 'Name')} ${f('relation', 'Relation')} ${f('phone', 'Phone', { type: 'tel' })}
        ${f('email', 'Email', { type: 'email', emptyAs: null })}
      </div>
      <div class="field">
        <label class="check"
          ><input
            type="checkbox"
            data-focus="guardians.${key}.canPickUp"
            .checked=${liveValue(g.get('canPickUp') !== false)}
            ?disabled=${ro}
            @change=${(e: Event) => setKey(g, 'canPickUp', (e.target as HTMLInputElement).checked)}
          />May pick the child up</label
        >
      </div>
    </div>`
  }

  private renderNewGuardian() {
    return html`<form class="guardian" @submit=${this.addGuardian} aria-label="New guardian" novalidate>
      <div class="guardian-head"><h3>New guardian</h3></div>
      <div class="grid">
        <div class="field"><label for="ng-name">Name</label><input id="ng-name" name="name" autocomplete="off" required /></div>
        <div class="field">
          <label for="ng-relation">Relation</label
          ><input id="ng-relation" name="relation" autocomplete="off" list="ng-relations" required />
        </div>
        <div class="field">
          <label for="ng-phone">Phone</label><input id="ng-phone" name="phone" type="tel" autocomplete="off" required />
        </div>
        <div class="field">
          <label for="ng-email">Email <span class="muted">(optional)</span></label
          ><input id="ng-email" name="email" type="email" autocomplete="off" />
        </div>
      </div>
      <div class="field">
        <label class="check"><input type="checkbox" name="canPickUp" checked />May pick the child up</label>
      </div>
      <datalist id="ng-relations">
        ${['mother', 'father', 'grandmother', 'grandfather', 'legal guardian', 'other'].map((r) => html`<option value=${r}></option>`)}
      </datalist>
      <div class="form-actions" style="margin-bottom:10px">
        <button type="button" @click=${() => (this.addingGuardian = false)}>Cancel</button>
        <button type="submit" class="primary">Add guardian</button>
      </div>
    </form>`
  }

  private startAddGuardian() {
    this.addingGuardian = true
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('#ng-name')?.focus())
  }

  private addGuardian = (e: Event) => {
    e.preventDefault()
    const live = this.doc.live
    if (!live?.synced) return
    const data = new FormData(e.target as HTMLFormElement)
    const str = (k: string) => String(data.get(k) ?? '').trim()
    const guardian = {
      name: str('name'),
      relation: str('relation'),
      phone: str('phone'),
      email: str('email') || null,
      canPickUp: data.get('canPickUp') !== null,
    }
    live.doc.transact(() => guardiansOf(live.doc).set(crypto.randomUUID(), guardianMap(guardian)))
    this.addingGuardian = false
  }

  private removeGuardian(key: string, name: string, count: number, c: ClientDetail) {
    const last = count === 1 && c.minor
    const question = last
      ? `${c.firstName || 'This client'} is under 18 and will have no guardian left: the file turns red (incomplete) until one is added.`
      : `${name} will no longer be a guardian of ${c.firstName || 'this client'}.`
    this.removing = { key, name, question }
  }

  private confirmRemoveGuardian = () => {
    const live = this.doc.live
    const r = this.removing
    this.removing = null
    if (!live?.synced || !r) return
    live.doc.transact(() => guardiansOf(live.doc).delete(r.key))
    fireEvent(this, 'crm-toast', { message: `${r.name} removed.`, kind: 'info' })
  }

  private renderRemoveDialog() {
    const r = this.removing
    return html`<crm-dialog
      heading=${r ? `Remove ${r.name}?` : 'Remove guardian?'}
      .open=${r !== null}
      @crm-dialog-closed=${() => (this.removing = null)}
    >
      ${
        r
          ? html`<p style="margin-bottom:12px">${r.question}</p>
              <div class="form-actions">
                <button type="button" @click=${() => (this.removing = null)}>Cancel</button>
                <button type="button" class="danger" @click=${this.confirmRemoveGuardian}>Remove guardian</button>
              </div>`
          : nothing
      }
    </crm-dialog>`
  }

  // ——— Observations ———

  private renderObservations(live: LiveDoc) {
    const list = live.synced
      ? [...observationsOf(live.doc).entries()]
          .map(([id, m]) => ({ id, ...(m.toJSON() as ObservationData) }))
          .sort((a, b) => String(b.at).localeCompare(String(a.at)))
      : []
    return html`<section class="card" aria-labelledby="obs-h">
      <h2 id="obs-h">Observations</h2>
      ${
        this.can.observe
          ? html`<form class="observe" @submit=${this.observe} novalidate>
              <div class="field">
                <label for="obs-text">Add observation</label>
                <textarea
                  id="obs-text"
                  name="text"
                  rows="3"
                  placeholder="What did you notice today?"
                  aria-invalid=${this.obsError ? 'true' : 'false'}
                ></textarea>
                ${this.obsError ? html`<span class="field-error">${this.obsError}</span>` : nothing}
              </div>
              <div class="row">
                <div class="field">
                  <label for="obs-activity">Activity <span class="muted">(optional)</span></label>
                  <input id="obs-activity" name="activity" autocomplete="off" placeholder="e.g. Robotics" />
                </div>
                <div class="field"><button class="primary" type="submit" ?disabled=${this.busy}>Add observation</button></div>
              </div>
            </form>`
          : nothing
      }
      <div class="timeline-scroll">
        ${
          list.length
            ? html`<ol class="timeline" aria-label="Observations, newest first" data-testid="observations">
                ${list.map(
                  (o) =>
                    html`<li data-id=${o.id}>
                      <div class="obs-meta">
                        <span class="author">${o.authorName}</span
                        ><time datetime=${o.at} title=${formatDateTime(o.at)}>${formatWhen(o.at)}</time
                        >${o.activity ? html`<span class="chip">${o.activity}</span>` : nothing}
                      </div>
                      <p class="obs-text">${o.text}</p>
                    </li>`,
                )}
              </ol>`
            : html`<p class="empty">${live.synced ? 'No observations yet.' : 'Loading…'}</p>`
        }
      </div>
    </section>`
  }

  private observe = async (e: Event) => {
    e.preventDefault()
    const form = e.target as HTMLFormElement
    const data = new FormData(form)
    const text = String(data.get('text') ?? '').trim()
    const activity = String(data.get('activity') ?? '').trim()
    if (!text) {
      this.obsError = 'Write the observation'
      return
    }
    this.busy = true
    this.obsError = null
    try {
      await addObservation(this.clientId, { text, ...(activity ? { activity } : {}) })
      form.reset()
      fireEvent(this, 'crm-toast', { message: 'Observation added.', kind: 'success' })
    } catch (err) {
      this.obsError = err instanceof ApiError ? (err.fields.text ?? err.userMessage) : 'Could not add the observation.'
    } finally {
      this.busy = false
    }
  }

  // ——— Progress, history & data ———

  private renderProgress(c: ClientDetail) {
    if (!c.progress.length) {
      return html`<section class="card" style="padding:18px 20px">
        <h2>Progress</h2>
        <p class="empty" style="margin-top:8px">
          No lessons recorded yet. Attendance, grades and teachers’ comments appear here once lessons are marked in the timetable.
        </p>
      </section>`
    }
    return html`<section class="card" style="padding:18px 20px">
      <h2>Progress</h2>
      <ul class="history" style="margin-top:8px">
        ${c.progress.map((p) => {
          const o = (p ?? {}) as Record<string, unknown>
          const title = String(o.activity ?? o.title ?? 'Activity')
          const rest = Object.entries(o).filter(([k]) => k !== 'activity' && k !== 'title')
          return html`<li>
            <strong>${title}</strong
            >${rest.map(([k, v]) => html`<span class="muted">${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}</span>`)}
          </li>`
        })}
      </ul>
    </section>`
  }

  private renderData(c: ClientDetail) {
    return html`<div class="columns">
      <section class="card" aria-labelledby="history-h">
        <h2 id="history-h">Status history</h2>
        <ol class="history">
          ${[...c.statusHistory].reverse().map(
            (h) =>
              html`<li>
                <span class="when">${formatDateTime(h.at)}</span>
                <span>${h.from ? html`${statusChip(h.from)} → ` : nothing}${statusChip(h.to)}</span>
                ${h.reason ? html`<span class="muted">${LEAVE_REASONS.includes(h.reason as LeaveReason) ? leaveReasonLabel(h.reason) : h.reason}</span>` : nothing}
                ${h.by ? html`<span class="muted">by ${h.by}</span>` : nothing}
              </li>`,
          )}
        </ol>
        <p class="muted" style="margin-bottom:14px">Registered ${formatDateTime(c.createdAt)}.</p>
      </section>
      <section class="card" aria-labelledby="data-h">
        <h2 id="data-h">Personal data</h2>
        ${
          this.can.export
            ? html`<p class="hint" style="margin-bottom:10px">
                  Everything Clubroom stores about ${c.firstName || 'this client'}, for a data access request.
                </p>
                <div class="data-actions">
                  <a class="button" href=${exportJsonUrl(c.id)} download>Export (JSON)</a>
                  <a class="button" href=${exportPdfUrl(c.id)} download>Export (PDF)</a>
                </div>`
            : html`<p class="muted" style="margin-bottom:14px">Exports are made by reception, managers and the owner.</p>`
        }
        ${
          this.can.erase
            ? html`<div class="danger-zone">
                <p class="hint" style="margin-bottom:8px">
                  Erasing anonymises the client on request: personal data, documents and file history are removed; financial and
                  attendance records stay, anonymised.
                </p>
                <button class="danger" @click=${() => (this.eraseDialog = true)}>Erase…</button>
              </div>`
            : nothing
        }
      </section>
    </div>`
  }

  // ——— Tabs and focus ———

  private selectTab(tab: Tab) {
    const p = new URLSearchParams(this.ctx.search)
    if (tab === 'file') p.delete('tab')
    else p.set('tab', tab)
    const qs = p.toString()
    navigate(`/clients/${this.clientId}${qs ? `?${qs}` : ''}`, { replace: true })
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${tab}`)?.focus())
  }

  private onTabKey = (e: KeyboardEvent) => {
    const tabs = TABS.filter((t) => t.id !== 'medical' || this.can.medical)
    const i = tabs.findIndex((t) => t.id === this.tab)
    let next = -1
    if (e.key === 'ArrowRight') next = (i + 1) % tabs.length
    else if (e.key === 'ArrowLeft') next = (i - 1 + tabs.length) % tabs.length
    else if (e.key === 'Home') next = 0
    else if (e.key === 'End') next = tabs.length - 1
    if (next < 0) return
    e.preventDefault()
    this.selectTab(tabs[next].id)
  }

  private onFocusIn = (e: FocusEvent) => {
    const el = e.composedPath()[0] as HTMLElement
    this.doc.live?.setFocus(el?.dataset?.focus ?? null)
  }

  private onFocusOut = (e: FocusEvent) => {
    // moving to another field sets the new focus in focusin; leaving the body clears it
    const to = e.relatedTarget as Node | null
    if (!to || !(e.currentTarget as HTMLElement).contains(to)) this.doc.live?.setFocus(null)
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-client-file': CrmClientFile
  }
}
