import { LitElement, html, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { formatNumber } from '../../../../domain/i18n/format'
import { isMessageId } from '../../../../domain/i18n/catalogue'
import { formatDateTime } from '../../common/dates'
import { ApiError } from '../../data/api'
import { fetchSystemStatus, type SystemBackup, type SystemError, type SystemInstance, type SystemStatus } from '../../data/system'
import { baseStyles, pageStyles } from '../../resources/styles'
import type { PageContext } from '../../types'
import type { DataTableColumn } from '../../components/crm-data-table'
import '../../components/crm-data-table'
import { LocaleController } from '../../i18n/locale-controller'
import { currentLocale, t } from '../../i18n/locale'
import { systemCellStyles, systemPageStyles } from './crm-system-page.styles'

/** Megabytes with one decimal, in the tab's language ("12,4" in hy and ru). */
const megabytes = (bytes: number) => formatNumber(Math.round(bytes / 100_000) / 10, currentLocale())

/** The instance ids are random: their first eight characters tell them apart. */
const shortId = (id: string) => id.slice(0, 8)

/**
 * The owner's System screen: the version, the database (kind, size), the last backup and its
 * result, the instances serving Clubroom (with Redis, every instance that announced itself) and
 * their recent errors.
 */
@customElement('crm-system-page')
export class CrmSystemPage extends LitElement {
  @property({ attribute: false }) ctx!: PageContext
  @state() private status: SystemStatus | null = null

  /** A time as the center reads it (its time zone), in the language shown. */
  private when(iso: string) {
    return formatDateTime(iso, this.status?.timeZone)
  }
  @state() private loading = false
  @state() private error: string | null = null
  private readonly locale = new LocaleController(this)

  static styles = [baseStyles, pageStyles, systemPageStyles]

  connectedCallback() {
    super.connectedCallback()
    void this.load()
  }

  private async load() {
    this.loading = true
    this.error = null
    try {
      this.status = await fetchSystemStatus()
    } catch (e) {
      this.error = e instanceof ApiError ? e.userMessage : t('system.page.loadFailed')
    } finally {
      this.loading = false
    }
  }

  private instanceColumns(): DataTableColumn<SystemInstance>[] {
    return [
      {
        key: 'id',
        title: t('system.instances.id'),
        render: (i) =>
          html`<code>${shortId(i.id)}</code
            >${i.self ? html`<span class="chip ok">${t('system.instances.this')}</span>` : nothing}${
              i.draining ? html`<span class="chip off">${t('system.instances.draining')}</span>` : nothing
            }`,
      },
      {
        key: 'host',
        title: t('system.instances.host'),
        render: (i) => html`${i.host}<span class="detail">${t('system.instances.pid', { pid: String(i.pid) })}</span>`,
      },
      { key: 'version', title: t('system.instances.version'), render: (i) => i.version },
      { key: 'started', title: t('system.instances.started'), className: 'when', render: (i) => this.when(i.startedAt) },
      { key: 'seen', title: t('system.instances.seen'), className: 'when', render: (i) => this.when(i.seenAt) },
      {
        key: 'load',
        title: t('system.instances.load'),
        render: (i) => t('system.instances.docs', { docs: i.docs, connections: i.connections }),
      },
    ]
  }

  private errorColumns(): DataTableColumn<SystemError>[] {
    return [
      { key: 'when', title: t('system.errors.when'), className: 'when', render: (e) => this.when(e.at) },
      { key: 'instance', title: t('system.errors.instance'), render: (e) => html`<code>${shortId(e.instance)}</code>` },
      {
        key: 'message',
        title: t('system.errors.message'),
        className: 'message',
        render: (e) => html`${e.message}${e.error ? html`<span class="detail">${e.error}</span>` : nothing}`,
      },
    ]
  }

  render() {
    const s = this.status
    return html`
      <div class="page-header">
        <div>
          <h1>${t('system.page.title')}</h1>
          <p>${t('system.page.lead')}</p>
        </div>
        <button type="button" @click=${() => void this.load()} ?disabled=${this.loading}>${t('system.page.refresh')}</button>
      </div>
      ${this.error ? html`<p class="alert error" role="alert">${this.error}</p>` : nothing} ${s ? this.renderStatus(s) : nothing}
    `
  }

  private renderStatus(s: SystemStatus) {
    return html`
      <div class="facts">
        <div class="card fact" data-fact="version">
          <h2>${t('system.version.title')}</h2>
          <div class="value">${s.version}</div>
        </div>
        <div class="card fact" data-fact="database">
          <h2>${t('system.database.title')}</h2>
          <div class="value">${t(s.database.kind === 'postgres' ? 'system.database.postgres' : 'system.database.pglite')}</div>
          <div class="detail">${t('system.database.size', { size: megabytes(s.database.sizeBytes) })}</div>
        </div>
        ${this.renderBackup(s.backup)}
      </div>
      <section data-section="instances">
        <h2>${t('system.instances.title')}</h2>
        <p class="lead">${t('system.instances.count', { count: s.instances.length })}</p>
        <crm-data-table
          layout="table"
          label=${t('system.instances.table')}
          .columns=${this.instanceColumns()}
          .rows=${s.instances}
          .keyFn=${(i: SystemInstance) => i.id}
          .rowAttrs=${(i: SystemInstance) => ({ 'data-instance': i.id })}
          .cellStyles=${systemCellStyles}
        ></crm-data-table>
      </section>
      <section data-section="errors">
        <h2>${t('system.errors.title')}</h2>
        <p class="lead">${t('system.errors.lead')}</p>
        <crm-data-table
          layout="table"
          label=${t('system.errors.table')}
          .columns=${this.errorColumns()}
          .rows=${s.errors}
          .keyFn=${(e: SystemError) => `${e.instance}|${e.at}|${e.message}`}
          .cellStyles=${systemCellStyles}
          emptyText=${t('system.errors.none')}
        ></crm-data-table>
      </section>
    `
  }

  private renderBackup(b: SystemBackup) {
    const running = b.running ? html`<div class="detail"><span class="chip">${t('system.backup.running')}</span></div>` : nothing
    if (!b.at)
      return html`<div class="card fact" data-fact="backup">
        <h2>${t('system.backup.title')}</h2>
        <div class="detail">${t('system.backup.none')}</div>
        ${running}
      </div>`
    return html`<div class="card fact" data-fact="backup">
      <h2>${t('system.backup.title')}</h2>
      <div class="value">${this.when(b.at)}</div>
      <div class="detail">
        <span class="chip ${b.ok ? 'ok' : 'off'}">${t(b.ok ? 'system.backup.ok' : 'system.backup.failed')}</span>
        ${b.ok && b.sizeBytes !== null ? t('system.backup.size', { size: megabytes(b.sizeBytes) }) : nothing}
      </div>
      ${b.file ? html`<div class="detail">${t('system.backup.file', { file: b.file })}</div>` : nothing}
      ${!b.ok && b.error && isMessageId(b.error) ? html`<div class="detail">${t(b.error)}</div>` : nothing}
      ${!b.ok && b.lastOkAt ? html`<div class="detail">${t('system.backup.lastOk', { at: this.when(b.lastOkAt) })}</div>` : nothing}
      ${running}
    </div>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-system-page': CrmSystemPage
  }
}
