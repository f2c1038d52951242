import { LitElement, html, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { summarizeHours } from '../../common/opening-hours'
import type { DataTableColumn } from '../../components/crm-data-table'
import '../../components/crm-data-table'
import { showDialog } from '../../components/dialogs'
import { EntityReloadController } from '../../controllers/entity-reload-controller'
import { ApiError } from '../../data/api'
import { fetchBranches } from '../../data/branches'
import { type RoomListItem, fetchRoomList, updateRoomFields } from '../../data/rooms'
import type { Branch } from '../../data/types'
import { fireEvent } from '../../common/fire-event'
import { MINOR_DIGITS, formatMoney, formatNumber } from '../../../../domain/i18n/format'
import { currentCenter } from '../../data/auth'
import { LocaleController } from '../../i18n/locale-controller'
import { currentLocale, t } from '../../i18n/locale'
import { baseStyles, pageStyles } from '../../resources/styles'
import type { PageContext } from '../../types'
import { branchesPageStyles, roomsCellStyles } from './crm-branches-page.styles'

type Room = RoomListItem

/** A branch's rooms as the toolbar says: archived ones only when asked, names and equipment matching the search. */
export function shownRooms(rooms: readonly Room[], query: string, archived: boolean, locale: string): Room[] {
  const q = query.trim().toLocaleLowerCase(locale)
  return rooms.filter(
    (r) =>
      (archived || !r.archived) &&
      (!q || r.name.toLocaleLowerCase(locale).includes(q) || r.equipment.some((e) => e.toLocaleLowerCase(locale).includes(q))),
  )
}

/** Up to this many rows a list is a plain table (the page scrolls); beyond, it is virtualised in a box of its own. */
const PLAIN_ROWS = 50

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
  @state() private query = ''
  @state() private archived = false
  @state() private busyId: string | null = null
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
      const [branches, rooms] = await Promise.all([fetchBranches(), fetchRoomList()])
      this.rooms = new Map(branches.map((b) => [b.id, rooms.filter((r) => r.branchId === b.id)]))
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
      ${
        this.branches?.length
          ? html`<div class="toolbar" role="search">
              <div class="field search">
                <label for="room-q">${t('setup.rooms.search')}</label>
                <input
                  id="room-q"
                  type="search"
                  .value=${this.query}
                  @input=${(e: Event) => (this.query = (e.target as HTMLInputElement).value)}
                />
              </div>
              <label class="check"
                ><input
                  type="checkbox"
                  .checked=${this.archived}
                  @change=${(e: Event) => (this.archived = (e.target as HTMLInputElement).checked)}
                />
                ${t('setup.rooms.showArchived')}</label
              >
            </div>`
          : nothing
      }
      <div class="branches">${(this.branches ?? []).map((b) => this.renderBranch(b))}</div>
      ${this.branches?.length === 0 ? html`<p class="muted">${t('branches.page.empty')}</p>` : nothing}
    `
  }

  private renderBranch(b: Branch) {
    const all = this.rooms.get(b.id) ?? []
    const rooms = shownRooms(all, this.query, this.archived, currentLocale())
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
        all.length === 0
          ? html`<p class="empty muted">${this.canEdit ? t('setup.rooms.emptyAdd') : t('branches.rooms.empty')}</p>`
          : html`<crm-data-table
              flat
              layout=${rooms.length > PLAIN_ROWS ? 'virtual' : 'table'}
              style=${rooms.length > PLAIN_ROWS ? 'height:560px' : ''}
              label=${t('branches.rooms.label', { branch: b.name })}
              .columns=${this.roomColumns(b)}
              .rows=${rooms}
              .keyFn=${(r: Room) => r.id}
              .rowAttrs=${(r: Room) => ({ 'data-room': r.name })}
              .rowClass=${(r: Room) => (r.archived ? 'archived' : '')}
              .cellStyles=${roomsCellStyles}
              emptyText=${t('setup.list.noMatch')}
            ></crm-data-table>`
      }
    </section>`
  }

  private roomColumns(b: Branch): DataTableColumn<Room>[] {
    const columns: DataTableColumn<Room>[] = [
      {
        key: 'name',
        title: t('branches.rooms.room'),
        width: 'minmax(160px, 2fr)',
        render: (r) =>
          html`<div>
            <span class="name">${r.name}</span
            >${r.archived ? html` <span class="chip off">${t('setup.list.archived')}</span>` : nothing}
            ${r.equipment.length ? html`<div class="equipment">${r.equipment.join(', ')}</div>` : nothing}
          </div>`,
      },
      {
        key: 'capacity',
        title: t('branches.rooms.capacity'),
        width: '90px',
        align: 'end',
        render: (r) => formatNumber(r.capacity, currentLocale()),
      },
      {
        key: 'hourlyCost',
        title: t('branches.rooms.perHour'),
        width: '110px',
        align: 'end',
        render: (r) => hourlyCost(r.hourlyCost),
      },
      { key: 'open', title: t('branches.rooms.open'), hideBelow: 760, render: (r) => summarizeHours(r.openingHours) },
      {
        key: 'bookable',
        title: t('setup.rooms.bookable'),
        width: '120px',
        hideBelow: 560,
        render: (r) =>
          r.bookable
            ? html`<span class="chip ok">${t('setup.rooms.bookableYes')}</span>`
            : html`<span class="chip">${t('setup.rooms.bookableNo')}</span>`,
      },
    ]
    if (this.canEdit)
      columns.push({
        key: 'actions',
        title: t('branches.rooms.actions'),
        titleHidden: true,
        width: '220px',
        align: 'end',
        render: (r) =>
          html`<span class="actions">
            <button
              class="small"
              @click=${() => void this.editRoom(b, r)}
              aria-label=${t('branches.rooms.editLabel', { name: r.name })}
            >
              ${t('branches.rooms.edit')}
            </button>
            <button
              class="small"
              ?disabled=${this.busyId === r.id}
              @click=${() => void this.archiveRoom(r, !r.archived)}
              aria-label=${r.archived ? t('setup.rooms.restoreLabel', { name: r.name }) : t('setup.rooms.archiveLabel', { name: r.name })}
            >
              ${r.archived ? t('setup.list.restore') : t('setup.list.archive')}
            </button>
          </span>`,
      })
    return columns
  }

  private async editBranch(branch: Branch | null) {
    const saved = await showDialog(this, 'crm-dialog-branch', { branch }, () => import('./dialog-branch'))
    if (saved) await this.load()
  }

  private async archiveRoom(r: Room, archived: boolean) {
    this.busyId = r.id
    try {
      await updateRoomFields(r.id, { archived })
      fireEvent(this, 'crm-toast', {
        message: () => (archived ? t('setup.rooms.archived', { name: r.name }) : t('setup.rooms.restored', { name: r.name })),
        kind: 'success',
      })
      await this.load()
    } catch (e) {
      fireEvent(this, 'crm-toast', {
        message: e instanceof ApiError ? e.userMessage : t('common.error.unexpected'),
        kind: 'error',
      })
    } finally {
      this.busyId = null
    }
  }

  private async editRoom(branch: Branch, room: Room | null) {
    const saved = await showDialog(this, 'crm-dialog-room', { branch, room }, () => import('./dialog-room'))
    if (saved) await this.load()
  }
}
