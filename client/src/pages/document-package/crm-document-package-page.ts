import { LitElement, html, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { formatDay, formatMonthYear, formatNumber } from '../../../../domain/i18n/format'
import { fireEvent } from '../../common/fire-event'
import { formatDateTime } from '../../common/dates'
import type { DataTableColumn } from '../../components/crm-data-table'
import '../../components/crm-data-table'
import { ApiError } from '../../data/api'
import { fetchBranches } from '../../data/branches'
import {
  documentPackageFileUrl,
  fetchDocumentPackages,
  generateDocumentPackage,
  type DocumentPackage,
} from '../../data/document-packages'
import type { Branch } from '../../data/types'
import { LocaleController } from '../../i18n/locale-controller'
import { currentLocale, t } from '../../i18n/locale'
import { baseStyles, pageStyles } from '../../resources/styles'
import type { PageContext } from '../../types'
import { documentPackageCellStyles, documentPackagePageStyles } from './crm-document-package-page.styles'

/** Who may make a package now (the server's `documentPackage.generate`); the auditor only reads. */
const MAKERS = ['owner', 'manager', 'accountant']

/** The last 24 months, newest first (`YYYY-MM`), starting with the month before this one. */
function recentMonths(now = new Date()): string[] {
  const out: string[] = []
  for (let i = 1; i <= 24; i++) {
    const d = new Date(Date.UTC(now.getFullYear(), now.getMonth() - i, 1))
    out.push(d.toISOString().slice(0, 7))
  }
  return out
}

/** A size in the tab's language: kilobytes below a megabyte, else megabytes with one decimal. */
function size(bytes: number | null): string {
  if (bytes === null) return ''
  if (bytes < 1024 * 1024)
    return t('backups.size.kb', { kb: formatNumber(Math.max(1, Math.round(bytes / 1024)), currentLocale()) })
  return t('backups.size.mb', { mb: formatNumber(Math.round((bytes / 1024 / 1024) * 10) / 10, currentLocale()) })
}

/** A package's period in words: the month when it is one, else its first and last day. */
function periodWords(p: Pick<DocumentPackage, 'from' | 'to'>): string {
  const locale = currentLocale()
  const month = p.from.slice(0, 7)
  const last = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate()
  if (p.from === `${month}-01` && p.to === `${month}-${String(last).padStart(2, '0')}`) return formatMonthYear(month, locale)
  return t('docPackage.period', { from: formatDay(p.from, locale), to: formatDay(p.to, locale) })
}

/**
 * Document packages (issue #20): each branch's month of documents in one ZIP for the accountant,
 * made at month close or now ("Generate now", for a month and a branch), listed with their status,
 * size and a download link. A package being made is polled until it is ready.
 */
@customElement('crm-document-package-page')
export class CrmDocumentPackagePage extends LitElement {
  @property({ attribute: false }) ctx!: PageContext
  @state() private packages: DocumentPackage[] | null = null
  @state() private branches: Branch[] = []
  @state() private branchId = ''
  @state() private month = recentMonths()[0]
  @state() private starting = false
  @state() private loadError: string | null = null
  @state() private fieldErrors: Record<string, string> = {}
  private poll: ReturnType<typeof setTimeout> | null = null
  private readonly locale = new LocaleController(this)

  static styles = [baseStyles, pageStyles, documentPackagePageStyles]

  connectedCallback() {
    super.connectedCallback()
    void fetchBranches().then(
      (all) => {
        const mine = this.ctx.user.branchIds
        this.branches = mine.length ? all.filter((b) => mine.includes(b.id)) : all
        this.branchId ||= this.branches[0]?.id ?? ''
      },
      () => {},
    )
    void this.load()
  }

  disconnectedCallback() {
    super.disconnectedCallback()
    if (this.poll) clearTimeout(this.poll)
    this.poll = null
  }

  private get canMake(): boolean {
    return this.ctx.user.roles.some((r) => MAKERS.includes(r))
  }

  private async load() {
    try {
      const before = this.packages
      this.packages = await fetchDocumentPackages()
      this.loadError = null
      for (const was of before?.filter((p) => p.status === 'running') ?? []) {
        const now = this.packages.find((p) => p.id === was.id)
        if (now && now.status !== 'running')
          fireEvent(this, 'crm-toast', {
            message: () =>
              now.status === 'ok'
                ? t('docPackage.generate.done', { branch: now.branchName, month: periodWords(now) })
                : t('docPackage.status.failed'),
            kind: now.status === 'ok' ? 'success' : 'error',
          })
      }
    } catch (e) {
      this.loadError = e instanceof ApiError ? e.userMessage : t('docPackage.error.notFound')
    }
    if (this.poll) clearTimeout(this.poll)
    const running = this.packages?.some((p) => p.status === 'running')
    this.poll = running && this.isConnected ? setTimeout(() => void this.load(), 1500) : null
  }

  private async generate(e: Event) {
    e.preventDefault()
    if (!this.branchId) return
    this.starting = true
    this.fieldErrors = {}
    try {
      await generateDocumentPackage(this.branchId, this.month)
      const branch = this.branches.find((b) => b.id === this.branchId)?.name ?? ''
      const month = formatMonthYear(this.month, currentLocale())
      fireEvent(this, 'crm-toast', { message: () => t('docPackage.generate.started', { branch, month }), kind: 'info' })
      await this.load()
    } catch (err) {
      if (err instanceof ApiError) {
        this.fieldErrors = err.fields
        if (!Object.keys(err.fields).length) fireEvent(this, 'crm-toast', { message: err.userMessage, kind: 'error' })
      }
    } finally {
      this.starting = false
    }
  }

  render() {
    const running = this.starting || Boolean(this.packages?.some((p) => p.status === 'running'))
    return html`
      <div class="page-header">
        <div>
          <h1>${t('docPackage.title')}</h1>
          <p>${t('docPackage.lead')}</p>
        </div>
      </div>
      ${this.loadError ? html`<p class="alert error" role="alert">${this.loadError}</p>` : nothing}
      ${this.canMake ? this.renderForm(running) : nothing}
      <section aria-labelledby="packages-list">
        <h2 id="packages-list">${t('docPackage.list.title')}</h2>
        ${
          this.packages === null
            ? nothing
            : this.packages.length === 0
              ? html`<p class="card empty muted">${t('docPackage.list.empty')}</p>`
              : html`<crm-data-table
                  layout="table"
                  label=${t('docPackage.list.title')}
                  .columns=${this.columns()}
                  .rows=${this.packages}
                  .keyFn=${(p: DocumentPackage) => String(p.id)}
                  .rowAttrs=${(p: DocumentPackage) => ({ 'data-package': String(p.id), 'data-status': p.status })}
                  .cellStyles=${documentPackageCellStyles}
                ></crm-data-table>`
        }
      </section>
    `
  }

  private renderForm(running: boolean) {
    const error = (field: string) =>
      this.fieldErrors[field] ? html`<span class="field-error" id="err-${field}">${this.fieldErrors[field]}</span>` : nothing
    return html`<form
      class="card generate"
      novalidate
      aria-labelledby="packages-generate"
      @submit=${(e: Event) => void this.generate(e)}
    >
      <h2 id="packages-generate">${t('docPackage.generate.title')}</h2>
      <div class="row">
        <div class="field">
          <label for="package-branch">${t('docPackage.generate.branch')}</label>
          <select
            id="package-branch"
            aria-invalid=${this.fieldErrors.branchId ? 'true' : 'false'}
            @change=${(e: Event) => (this.branchId = (e.target as HTMLSelectElement).value)}
          >
            ${this.branches.map((b) => html`<option value=${b.id} ?selected=${b.id === this.branchId}>${b.name}</option>`)}
          </select>
          ${error('branchId')}
        </div>
        <div class="field">
          <label for="package-month">${t('docPackage.generate.month')}</label>
          <select
            id="package-month"
            aria-invalid=${this.fieldErrors.month ? 'true' : 'false'}
            @change=${(e: Event) => (this.month = (e.target as HTMLSelectElement).value)}
          >
            ${recentMonths().map(
              (m) => html`<option value=${m} ?selected=${m === this.month}>${formatMonthYear(m, currentLocale())}</option>`,
            )}
          </select>
          ${error('month')}
        </div>
        <button class="primary" type="submit" ?disabled=${running || !this.branchId}>${t('docPackage.generate.submit')}</button>
      </div>
    </form>`
  }

  private columns(): DataTableColumn<DocumentPackage>[] {
    return [
      { key: 'period', title: t('docPackage.col.period'), className: 'period', render: (p) => periodWords(p) },
      { key: 'branch', title: t('docPackage.col.branch'), render: (p) => p.branchName },
      {
        key: 'status',
        title: t('docPackage.col.status'),
        render: (p) =>
          html`<span class="chip ${p.status === 'ok' ? 'ok' : p.status === 'failed' ? 'bad' : ''}"
            >${t(`docPackage.status.${p.status}`)}</span
          >`,
      },
      { key: 'made', title: t('docPackage.col.made'), render: (p) => formatDateTime(p.finishedAt ?? p.createdAt) },
      {
        key: 'by',
        title: t('docPackage.col.by'),
        render: (p) => (p.trigger === 'schedule' ? t('docPackage.by.schedule') : (p.createdBy?.name ?? '')),
      },
      {
        key: 'documents',
        title: t('docPackage.col.documents'),
        className: 'num',
        render: (p) => (p.documents === null ? '' : formatNumber(p.documents, currentLocale())),
      },
      { key: 'size', title: t('docPackage.col.size'), className: 'num', render: (p) => size(p.sizeBytes) },
      {
        key: 'download',
        title: t('docPackage.download'),
        titleHidden: true,
        className: 'num',
        render: (p) =>
          p.status === 'ok'
            ? html`<a
                class="button small"
                href=${documentPackageFileUrl(p.id)}
                download
                aria-label=${t('docPackage.downloadLabel', { branch: p.branchName, period: periodWords(p) })}
                >${t('docPackage.download')}</a
              >`
            : '',
      },
    ]
  }
}
