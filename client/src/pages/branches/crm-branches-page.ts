import { LitElement, html, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { summarizeHours } from '../../common/opening-hours'
import type { DataTableColumn } from '../../components/crm-data-table'
import '../../components/crm-data-table'
import { showDialog } from '../../components/dialogs'
import { EntityReloadController } from '../../controllers/entity-reload-controller'
import { ApiError } from '../../data/api'
import { fetchBranches, fetchRooms } from '../../data/branches'
import type { Branch, Room } from '../../data/types'
import { MINOR_DIGITS, formatMoney, formatNumber } from '../../../../domain/i18n/format'
import { currentCenter } from '../../data/auth'
import { LocaleController } from '../../i18n/locale-controller'
import { currentLocale, t } from '../../i18n/locale'
import { baseStyles, pageStyles } from '../../resources/styles'
import type { PageContext } from '../../types'
import { branchesPageStyles, roomsCellStyles } from './crm-branches-page.styles'

/**
 * A room's cost per hour (a decimal in the currency's major unit) as money in the center's currency,
 * or as a plain number when the server did not say the currency.
 */
function hourlyCost(value: string): string {
  const amount = Number(value)
  if (!Number.isFinite(amount)) return value
  const currency = currentCenter()?.currency
  if (!currency) return formatNumber(amount, currentLocale())
  return formatMoney(Math.round(amount * 10 ** MINOR_DIGITS[currency]), currency, currentLocale())
}

/** Branches of the center and their rooms. Owner and manager create and edit. */
@customElement('crm-branches-page')
export class CrmBranchesPage extends LitElement {
  @property({ attribute: false }) ctx!: PageContext
  @state() private branches: Branch[] | null = null
  @state() private rooms = new Map<string, Room[]>()
  @state() private loadError: string | null = null
  private reload = new EntityReloadController(
    this,
    ['branch', 'room'],
    () => this.ctx?.live,
    () => this.load(),
  )
  private readonly locale = new LocaleController(this)

  static styles = [baseStyles, pageStyles, branchesPageStyles]

  private get canEdit() {
    return this.ctx.user.roles.some((r) => r === 'owner' || r === 'manager')
  }

  private async load() {
    try {
      const branches = await fetchBranches()
      const rooms = await Promise.all(branches.map((b) => fetchRooms(b.id)))
      this.rooms = new Map(branches.map((b, i) => [b.id, rooms[i]]))
      this.branches = branches
      this.loadError = null
    } catch (e) {
      this.loadError = e instanceof ApiError ? e.userMessage : t('branches.page.loadFailed')
    }
  }

  render() {
    return html`
      <div class="page-header">
        <div>
          <h1>${t('branches.page.title')}</h1>
          <p>${t('branches.page.lead')}</p>
        </div>
        ${this.canEdit ? html`<button class="primary" @click=${() => void this.editBranch(null)}>${t('branches.page.new')}</button>` : nothing}
      </div>
      ${this.loadError ? html`<p class="alert error" role="alert">${this.loadError}</p>` : nothing}
      ${this.branches === null && !this.loadError ? html`<p class="muted" aria-busy="true">${t('branches.page.loading')}</p>` : nothing}
      <div class="branches">${(this.branches ?? []).map((b) => this.renderBranch(b))}</div>
      ${this.branches?.length === 0 ? html`<p class="muted">${t('branches.page.empty')}</p>` : nothing}
    `
  }

  private renderBranch(b: Branch) {
    const rooms = this.rooms.get(b.id) ?? []
    return html`<section class="card branch" aria-labelledby="branch-${b.id}">
      <header>
        <div>
          <h2 id="branch-${b.id}">${b.name}</h2>
          <p>${[b.address, b.phone, b.timezone].filter(Boolean).join(' · ')}</p>
        </div>
        ${
          this.canEdit
            ? html`<div class="buttons">
                <button
                  class="small"
                  @click=${() => void this.editBranch(b)}
                  aria-label=${t('branches.branch.editLabel', { name: b.name })}
                >
                  ${t('branches.branch.edit')}
                </button>
                <button
                  class="small"
                  @click=${() => void this.editRoom(b, null)}
                  aria-label=${t('branches.branch.addRoomLabel', { name: b.name })}
                >
                  ${t('branches.branch.addRoom')}
                </button>
              </div>`
            : nothing
        }
      </header>
      ${
        rooms.length === 0
          ? html`<p class="empty muted">${t('branches.rooms.empty')}</p>`
          : html`<crm-data-table
              layout="table"
              flat
              label=${t('branches.rooms.label', { branch: b.name })}
              .columns=${this.roomColumns(b)}
              .rows=${rooms}
              .keyFn=${(r: Room) => r.id}
              .cellStyles=${roomsCellStyles}
            ></crm-data-table>`
      }
    </section>`
  }

  private roomColumns(b: Branch): DataTableColumn<Room>[] {
    const columns: DataTableColumn<Room>[] = [
      {
        key: 'name',
        title: t('branches.rooms.room'),
        render: (r) =>
          html`${r.name}${r.equipment.length ? html`<div class="equipment">${r.equipment.join(', ')}</div>` : nothing}`,
      },
      {
        key: 'capacity',
        title: t('branches.rooms.capacity'),
        className: 'num',
        render: (r) => formatNumber(r.capacity, currentLocale()),
      },
      { key: 'hourlyCost', title: t('branches.rooms.perHour'), className: 'num', render: (r) => hourlyCost(r.hourlyCost) },
      { key: 'open', title: t('branches.rooms.open'), render: (r) => summarizeHours(r.openingHours) },
    ]
    if (this.canEdit)
      columns.push({
        key: 'actions',
        title: t('branches.rooms.actions'),
        titleHidden: true,
        className: 'num',
        render: (r) =>
          html`<button
            class="small"
            @click=${() => void this.editRoom(b, r)}
            aria-label=${t('branches.rooms.editLabel', { name: r.name })}
          >
            ${t('branches.rooms.edit')}
          </button>`,
      })
    return columns
  }

  private async editBranch(branch: Branch | null) {
    const saved = await showDialog(this, 'crm-dialog-branch', { branch }, () => import('./dialog-branch'))
    if (saved) await this.load()
  }

  private async editRoom(branch: Branch, room: Room | null) {
    const saved = await showDialog(this, 'crm-dialog-room', { branch, room }, () => import('./dialog-room'))
    if (saved) await this.load()
  }
}
