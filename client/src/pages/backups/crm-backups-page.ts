import { LitElement, html, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { isMessageId } from '../../../../domain/i18n/catalogue'
import { formatNumber } from '../../../../domain/i18n/format'
import { fireEvent } from '../../common/fire-event'
import { formatDateTime } from '../../common/dates'
import type { DataTableColumn } from '../../components/crm-data-table'
import '../../components/crm-data-table'
import { timeInput } from '../../components/date-input'
import { ApiError } from '../../data/api'
import {
  backupFileUrl,
  fetchBackups,
  saveBackupSettings,
  startBackup,
  type Backup,
  type BackupSettingsInput,
  type BackupsView,
} from '../../data/backups'
import { LocaleController } from '../../i18n/locale-controller'
import { currentLocale, t } from '../../i18n/locale'
import { baseStyles, pageStyles } from '../../resources/styles'
import type { PageContext } from '../../types'
import { backupsCellStyles, backupsPageStyles } from './crm-backups-page.styles'

/** A size in the tab's language: kilobytes below a megabyte, else megabytes with one decimal. */
function size(bytes: number | null): string {
  if (bytes === null) return ''
  if (bytes < 1024 * 1024)
    return t('backups.size.kb', { kb: formatNumber(Math.max(1, Math.round(bytes / 1024)), currentLocale()) })
  return t('backups.size.mb', { mb: formatNumber(Math.round((bytes / 1024 / 1024) * 10) / 10, currentLocale()) })
}

/** A failure's reason in the tab's language. */
const reason = (id: string | null) => t(isMessageId(id) ? id : 'backups.error.failed')

/** The time zones the browser knows (the owner's choice of zone for the schedule). */
function timeZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (k: string) => string[] }
  return intl.supportedValuesOf?.('timeZone') ?? ['UTC', 'Asia/Yerevan', 'Europe/Moscow', 'Europe/Berlin']
}

/**
 * The owner's Backups screen: the last and next backup, "Back up now", the list of backups (when,
 * how, size, checksum, encryption, result, download), the schedule and retention, and how to restore.
 */
@customElement('crm-backups-page')
export class CrmBackupsPage extends LitElement {
  @property({ attribute: false }) ctx!: PageContext
  @state() private view: BackupsView | null = null
  @state() private loadError: string | null = null
  @state() private starting = false
  @state() private saving = false
  @state() private draft: BackupSettingsInput = {}
  @state() private fieldErrors: Record<string, string> = {}
  private poll: ReturnType<typeof setTimeout> | null = null
  private readonly locale = new LocaleController(this)

  static styles = [baseStyles, pageStyles, backupsPageStyles]

  connectedCallback() {
    super.connectedCallback()
    void this.load()
  }

  disconnectedCallback() {
    super.disconnectedCallback()
    if (this.poll) clearTimeout(this.poll)
    this.poll = null
  }

  private async load() {
    try {
      const before = this.view
      this.view = await fetchBackups()
      this.loadError = null
      // a backup that was running is done: say how it went
      const was = before?.backups.find((b) => b.status === 'running')
      const now = was && this.view.backups.find((b) => b.id === was.id)
      if (now && now.status !== 'running') {
        fireEvent(this, 'crm-toast', {
          message: () => (now.status === 'ok' ? t('backups.now.done') : t('backups.now.failed', { reason: reason(now.errorId) })),
          kind: now.status === 'ok' ? 'success' : 'error',
        })
      }
    } catch (e) {
      this.loadError = e instanceof ApiError ? e.userMessage : t('backups.page.loadFailed')
    }
    if (this.poll) clearTimeout(this.poll)
    this.poll = this.view?.running && this.isConnected ? setTimeout(() => void this.load(), 1500) : null
  }

  private async backUpNow() {
    this.starting = true
    try {
      await startBackup()
      fireEvent(this, 'crm-toast', { message: () => t('backups.now.started'), kind: 'info' })
      await this.load()
    } catch (e) {
      fireEvent(this, 'crm-toast', { message: e instanceof ApiError ? e.userMessage : t('backups.error.failed'), kind: 'error' })
    } finally {
      this.starting = false
    }
  }

  private async save(e: Event) {
    e.preventDefault()
    if (!Object.keys(this.draft).length) return
    this.saving = true
    try {
      await saveBackupSettings(this.draft)
      this.draft = {}
      this.fieldErrors = {}
      fireEvent(this, 'crm-toast', { message: () => t('backups.settings.saved'), kind: 'success' })
      await this.load()
    } catch (err) {
      if (err instanceof ApiError) {
        this.fieldErrors = err.fields
        if (!Object.keys(err.fields).length) fireEvent(this, 'crm-toast', { message: err.userMessage, kind: 'error' })
      }
    } finally {
      this.saving = false
    }
  }

  render() {
    const v = this.view
    const running = Boolean(v?.running) || this.starting
    return html`
      <div class="page-header">
        <div>
          <h1>${t('backups.page.title')}</h1>
          <p>${t('backups.page.lead')}</p>
        </div>
        <button class="primary" type="button" ?disabled=${running || !v} @click=${() => void this.backUpNow()}>
          ${running ? t('backups.now.running') : t('backups.now.button')}
        </button>
      </div>
      ${this.loadError ? html`<p class="alert error" role="alert">${this.loadError}</p>` : nothing}
      ${v === null && !this.loadError ? html`<p class="muted" aria-busy="true">${t('backups.page.loading')}</p>` : nothing}
      ${v ? this.renderView(v) : nothing}
    `
  }

  private renderView(v: BackupsView) {
    return html`
      ${this.renderSummary(v)}
      <section aria-labelledby="backups-list">
        <h2 id="backups-list">${t('backups.list.label')}</h2>
        ${
          v.backups.length === 0
            ? html`<p class="card empty muted">${t('backups.list.empty')}</p>`
            : html`<crm-data-table
                layout="table"
                label=${t('backups.list.label')}
                .columns=${this.columns(v)}
                .rows=${v.backups}
                .keyFn=${(b: Backup) => String(b.id)}
                .cellStyles=${backupsCellStyles}
              ></crm-data-table>`
        }
      </section>
      ${this.renderSettings(v)}
      <section class="card restore" aria-labelledby="backups-restore">
        <h2 id="backups-restore">${t('backups.restore.title')}</h2>
        <p>${t('backups.restore.help')}</p>
      </section>
    `
  }

  private renderSummary(v: BackupsView) {
    const last = v.backups.find((b) => b.status !== 'running')
    const when = (iso: string) => formatDateTime(iso, v.timeZone)
    return html`<div class="card summary">
      <p class="last" data-status=${last ? last.status : 'none'}>
        ${
          !last
            ? t('backups.summary.none')
            : last.status === 'ok'
              ? t('backups.summary.last', { when: when(last.finishedAt ?? last.startedAt) })
              : t('backups.summary.lastFailed', { when: when(last.finishedAt ?? last.startedAt), reason: reason(last.errorId) })
        }
      </p>
      <p>${v.nextAt ? t('backups.summary.next', { when: when(v.nextAt) }) : t('backups.summary.off')}</p>
      ${v.folder ? html`<p class="muted folder">${t('backups.summary.folder', { folder: v.folder })}</p>` : nothing}
      <p class="muted">${v.encryption ? t('backups.summary.encrypted') : t('backups.summary.notEncrypted')}</p>
    </div>`
  }

  private columns(v: BackupsView): DataTableColumn<Backup>[] {
    const when = (b: Backup) => formatDateTime(b.startedAt, v.timeZone)
    return [
      { key: 'when', title: t('backups.list.when'), className: 'when', render: (b) => when(b) },
      { key: 'trigger', title: t('backups.list.trigger'), render: (b) => t(`backups.trigger.${b.trigger}`) },
      { key: 'size', title: t('backups.list.size'), className: 'num', render: (b) => size(b.sizeBytes) },
      {
        key: 'checksum',
        title: t('backups.list.checksum'),
        render: (b) => (b.sha256 ? html`<code title=${b.sha256}>${b.sha256.slice(0, 12)}</code>` : ''),
      },
      {
        key: 'encryption',
        title: t('backups.list.encryption'),
        render: (b) => (b.encrypted ? t('backups.encryption.yes') : t('backups.encryption.no')),
      },
      {
        key: 'result',
        title: t('backups.list.result'),
        render: (b) =>
          b.status === 'running'
            ? html`<span class="chip">${t('backups.result.running')}</span>`
            : b.status === 'failed'
              ? html`<span class="chip bad">${t('backups.result.failed', { reason: reason(b.errorId) })}</span>`
              : b.removed
                ? html`<span class="chip off">${t('backups.result.removed')}</span>`
                : html`<span class="chip ok">${t('backups.result.ok')}</span>`,
      },
      {
        key: 'download',
        title: t('backups.list.download'),
        titleHidden: true,
        className: 'num',
        render: (b) =>
          b.downloadable
            ? html`<a
                class="button small"
                href=${backupFileUrl(b.id)}
                download
                aria-label=${t('backups.list.downloadLabel', { when: when(b) })}
                >${t('backups.list.download')}</a
              >`
            : '',
      },
    ]
  }

  private renderSettings(v: BackupsView) {
    const s = v.settings
    const value = <K extends keyof BackupSettingsInput>(k: K, current: BackupSettingsInput[K]) =>
      k in this.draft ? this.draft[k] : current
    const set = (patch: BackupSettingsInput) => (this.draft = { ...this.draft, ...patch })
    const error = (field: string) =>
      this.fieldErrors[field] ? html`<span class="field-error" id="err-${field}">${this.fieldErrors[field]}</span>` : nothing
    const retention = {
      daily: value('keepDaily', s.retention.daily) ?? s.retention.daily,
      weekly: value('keepWeekly', s.retention.weekly) ?? s.retention.weekly,
      monthly: value('keepMonthly', s.retention.monthly) ?? s.retention.monthly,
    }
    const zone = value('timeZone', s.timeZone)
    const keepField = (field: 'keepDaily' | 'keepWeekly' | 'keepMonthly', label: Parameters<typeof t>[0], current: number) =>
      html`<div class="field">
        <label for=${field}>${t(label)}</label>
        <input
          id=${field}
          type="number"
          min="0"
          max=${field === 'keepDaily' ? 366 : field === 'keepWeekly' ? 260 : 120}
          .value=${String(current)}
          aria-invalid=${this.fieldErrors[field] ? 'true' : 'false'}
          @change=${(e: Event) => set({ [field]: Number((e.target as HTMLInputElement).value) })}
        />
        ${error(field)}
      </div>`
    return html`<form
      class="card settings"
      novalidate
      aria-labelledby="backups-settings"
      @submit=${(e: Event) => void this.save(e)}
    >
      <h2 id="backups-settings">${t('backups.settings.title')}</h2>
      <label class="check">
        <input
          type="checkbox"
          .checked=${value('enabled', s.enabled) ?? true}
          @change=${(e: Event) => set({ enabled: (e.target as HTMLInputElement).checked })}
        />
        ${t('backups.settings.enabled')}
      </label>
      <div class="row">
        <div class="field">
          <label for="time">${t('backups.settings.time')}</label>
          ${timeInput({
            id: 'time',
            value: value('time', s.time) ?? s.time,
            invalid: Boolean(this.fieldErrors.time),
            describedBy: this.fieldErrors.time ? 'err-time' : undefined,
            onChange: (t) => {
              if (t) set({ time: t })
            },
          })}
          ${error('time')}
        </div>
        <div class="field zone">
          <label for="zone">${t('backups.settings.timeZone')}</label>
          <select id="zone" @change=${(e: Event) => set({ timeZone: (e.target as HTMLSelectElement).value || null })}>
            <option value="" ?selected=${!zone}>${t('backups.settings.centerZone', { zone: s.centerTimeZone })}</option>
            ${timeZones().map((z) => html`<option value=${z} ?selected=${zone === z}>${z}</option>`)}
          </select>
          ${error('timeZone')}
        </div>
      </div>
      <div class="row">
        ${keepField('keepDaily', 'backups.settings.keepDaily', retention.daily)}
        ${keepField('keepWeekly', 'backups.settings.keepWeekly', retention.weekly)}
        ${keepField('keepMonthly', 'backups.settings.keepMonthly', retention.monthly)}
      </div>
      <p class="muted help">${t('backups.settings.retentionHelp', retention)}</p>
      <button class="primary" type="submit" ?disabled=${this.saving || !Object.keys(this.draft).length}>
        ${t('backups.settings.save')}
      </button>
    </form>`
  }
}
