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
import { baseStyles, pageStyles } from '../../resources/styles'
import type { PageContext } from '../../types'
import { branchesPageStyles, roomsCellStyles } from './crm-branches-page.styles'

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
      this.loadError = e instanceof ApiError ? e.userMessage : 'Could not load the branches.'
    }
  }

  render() {
    return html`
      <div class="page-header">
        <div>
          <h1>Branches & rooms</h1>
          <p>Where lessons take place: each branch, its rooms, capacity and equipment.</p>
        </div>
        ${this.canEdit ? html`<button class="primary" @click=${() => void this.editBranch(null)}>New branch</button>` : nothing}
      </div>
      ${this.loadError ? html`<p class="alert error" role="alert">${this.loadError}</p>` : nothing}
      ${this.branches === null && !this.loadError ? html`<p class="muted" aria-busy="true">Loading branches…</p>` : nothing}
      <div class="branches">${(this.branches ?? []).map((b) => this.renderBranch(b))}</div>
      ${this.branches?.length === 0 ? html`<p class="muted">No branches yet.</p>` : nothing}
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
                <button class="small" @click=${() => void this.editBranch(b)} aria-label="Edit branch ${b.name}">Edit</button>
                <button class="small" @click=${() => void this.editRoom(b, null)} aria-label="Add a room to ${b.name}">
                  Add room
                </button>
              </div>`
            : nothing
        }
      </header>
      ${
        rooms.length === 0
          ? html`<p class="empty muted">No rooms yet.</p>`
          : html`<crm-data-table
              layout="table"
              flat
              label="Rooms of ${b.name}"
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
        title: 'Room',
        render: (r) =>
          html`${r.name}${r.equipment.length ? html`<div class="equipment">${r.equipment.join(', ')}</div>` : nothing}`,
      },
      { key: 'capacity', title: 'Capacity', className: 'num', render: (r) => r.capacity },
      { key: 'hourlyCost', title: 'Per hour', className: 'num', render: (r) => r.hourlyCost },
      { key: 'open', title: 'Open', render: (r) => summarizeHours(r.openingHours) },
    ]
    if (this.canEdit)
      columns.push({
        key: 'actions',
        title: 'Actions',
        titleHidden: true,
        className: 'num',
        render: (r) =>
          html`<button class="small" @click=${() => void this.editRoom(b, r)} aria-label="Edit room ${r.name}">Edit</button>`,
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
