import { LitElement, html, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { fireEvent } from '../../common/fire-event'
import type { DataTableColumn } from '../../components/crm-data-table'
import '../../components/crm-data-table'
import { confirmDialog } from '../../components/dialog-confirm'
import { showDialog } from '../../components/dialogs'
import { EntityReloadController } from '../../controllers/entity-reload-controller'
import { ApiError } from '../../data/api'
import { fetchBranches } from '../../data/branches'
import { type Closure, deleteClosure, fetchClosures } from '../../data/closures'
import type { Branch } from '../../data/types'
import { LocaleController } from '../../i18n/locale-controller'
import { currentLocale, t } from '../../i18n/locale'
import { baseStyles, pageStyles } from '../../resources/styles'
import type { PageContext } from '../../types'
import { daySpan, num } from '../catalogue/labels'
import { setupCellStyles, setupListStyles } from '../catalogue/setup-list.styles'
import { todayIso } from '../groups/schedule'
import { closuresPageStyles } from './crm-closures-page.styles'

/** Days from `from` to `to`, both counted. */
export const daysOf = (c: Pick<Closure, 'fromDate' | 'toDate'>) =>
  Math.round((Date.parse(`${c.toDate}T00:00:00Z`) - Date.parse(`${c.fromDate}T00:00:00Z`)) / 86_400_000) + 1

/** Closures as the toolbar asks: past ones only when asked, matching the search, by first day. */
export function shownClosures(
  items: readonly Closure[],
  branchNames: Map<string, string>,
  query: string,
  past: boolean,
  today: string,
  locale: string,
) {
  const q = query.trim().toLocaleLowerCase(locale)
  return items
    .filter(
      (c) =>
        (past || c.toDate >= today) &&
        (!q || `${c.name} ${branchNames.get(c.branchId ?? '') ?? ''}`.toLocaleLowerCase(locale).includes(q)),
    )
    .sort((a, b) => a.fromDate.localeCompare(b.fromDate) || a.name.localeCompare(b.name))
}

/**
 * Holidays and closures (owner, manager), per branch or for the whole center. A new closure shows
 * the lessons it cancels before it is confirmed, and the make-up credits given after.
 */
@customElement('crm-closures-page')
export class CrmClosuresPage extends LitElement {
  @property({ attribute: false }) ctx!: PageContext
  @state() private items: Closure[] | null = null
  @state() private branches: Branch[] = []
  @state() private loadError: string | null = null
  @state() private query = ''
  @state() private past = false
  private reload = new EntityReloadController(
    this,
    ['closure'],
    () => this.ctx?.live,
    () => this.load(),
  )
  private readonly locale = new LocaleController(this)

  static styles = [baseStyles, pageStyles, setupListStyles, closuresPageStyles]

  private get canEdit() {
    return this.ctx.user.roles.some((r) => r === 'owner' || r === 'manager')
  }

  /** Branches this user may close: theirs; the whole center only for those who work in every branch. */
  private get closable(): { branches: Branch[]; wholeCenter: boolean } {
    const { roles, branchIds } = this.ctx.user
    const every = roles.includes('owner') || branchIds.length === 0
    return { branches: every ? this.branches : this.branches.filter((b) => branchIds.includes(b.id)), wholeCenter: every }
  }

  private async load() {
    try {
      const [items, branches] = await Promise.all([fetchClosures(), fetchBranches()])
      this.items = items
      this.branches = branches
      this.loadError = null
    } catch (e) {
      this.loadError = e instanceof ApiError ? e.userMessage : t('setup.closures.loadFailed')
    }
  }

  render() {
    const names = new Map(this.branches.map((b) => [b.id, b.name]))
    const shown = this.items ? shownClosures(this.items, names, this.query, this.past, todayIso(), currentLocale()) : []
    return html`
      <div class="page-header">
        <div>
          <h1>${t('setup.closures.title')}</h1>
          <p>${t('setup.closures.lead')}</p>
        </div>
        ${this.canEdit ? html`<button class="primary" @click=${() => void this.create()}>${t('setup.closures.new')}</button>` : nothing}
      </div>
      ${this.loadError ? html`<p class="alert error" role="alert">${this.loadError}</p>` : nothing}
      ${
        this.items?.length === 0
          ? html`<div class="card empty-state">
              <p>${t('setup.closures.empty')}</p>
              ${this.canEdit ? html`<button class="primary" @click=${() => void this.create()}>${t('setup.closures.new')}</button>` : nothing}
            </div>`
          : html`<div class="toolbar" role="search">
                <div class="field search">
                  <label for="q">${t('setup.list.search')}</label>
                  <input
                    id="q"
                    type="search"
                    .value=${this.query}
                    @input=${(e: Event) => (this.query = (e.target as HTMLInputElement).value)}
                  />
                </div>
                <label class="check"
                  ><input
                    type="checkbox"
                    .checked=${this.past}
                    @change=${(e: Event) => (this.past = (e.target as HTMLInputElement).checked)}
                  />
                  ${t('setup.closures.showPast')}</label
                >
              </div>
              <crm-data-table
                label=${t('setup.closures.title')}
                .columns=${this.columns(names)}
                .rows=${shown}
                .keyFn=${(c: Closure) => c.id}
                .rowAttrs=${(c: Closure) => ({ 'data-closure': c.name })}
                .cellStyles=${setupCellStyles}
                .loading=${this.items === null && !this.loadError}
                emptyText=${t('setup.list.noMatch')}
              ></crm-data-table>`
      }
    `
  }

  private columns(names: Map<string, string>): DataTableColumn<Closure>[] {
    const { branches, wholeCenter } = this.closable
    const mayRemove = (c: Closure) =>
      this.canEdit && (c.branchId === null ? wholeCenter : branches.some((b) => b.id === c.branchId))
    return [
      {
        key: 'name',
        title: t('setup.closures.col.name'),
        width: 'minmax(180px, 2fr)',
        render: (c) => html`<span class="name">${c.name}</span>`,
      },
      {
        key: 'where',
        title: t('setup.closures.col.where'),
        render: (c) =>
          c.branchId ? (names.get(c.branchId) ?? '') : html`<span class="chip">${t('setup.closures.wholeCenter')}</span>`,
      },
      {
        key: 'days',
        title: t('setup.closures.col.days'),
        width: 'minmax(160px, 1.4fr)',
        render: (c) => daySpan(c.fromDate, c.toDate),
      },
      {
        key: 'length',
        title: t('setup.closures.col.length'),
        width: '90px',
        align: 'end',
        hideBelow: 640,
        render: (c) => html`<span class="num">${num(daysOf(c))}</span>`,
      },
      {
        key: 'actions',
        title: t('setup.list.actions'),
        titleHidden: true,
        width: '110px',
        align: 'end',
        render: (c) =>
          mayRemove(c)
            ? html`<button
                class="small"
                @click=${() => void this.removeClosure(c)}
                aria-label=${t('setup.closures.removeLabel', { name: c.name })}
              >
                ${t('setup.closures.remove')}
              </button>`
            : nothing,
      },
    ]
  }

  private async create() {
    const { branches, wholeCenter } = this.closable
    const made = await showDialog(this, 'crm-dialog-closure', { branches, wholeCenter }, () => import('./dialog-closure'))
    if (made) await this.load()
  }

  private async removeClosure(c: Closure) {
    const ok = await confirmDialog(this, {
      heading: t('setup.closures.removeTitle', { name: c.name }),
      text: t('setup.closures.removeText'),
      confirmLabel: t('setup.closures.remove'),
      tone: 'danger',
    })
    if (!ok) return
    try {
      await deleteClosure(c.id)
      fireEvent(this, 'crm-toast', { message: () => t('setup.closures.removed', { name: c.name }), kind: 'success' })
      await this.load()
    } catch (e) {
      fireEvent(this, 'crm-toast', {
        message: e instanceof ApiError ? e.userMessage : t('common.error.unexpected'),
        kind: 'error',
      })
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-closures-page': CrmClosuresPage
  }
}
