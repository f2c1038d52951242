import { LitElement, css, html, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { fireEvent } from '../../common/fire-event'
import { ApiError } from '../../data/api'
import { createBranch, createRoom, fetchBranches, fetchRooms, updateBranch, updateRoom } from '../../data/branches'
import { summarizeHours } from '../../common/opening-hours'
import type { Branch, Room } from '../../data/types'
import { baseStyles, pageStyles } from '../../resources/styles'
import type { PageContext } from '../../types'
import { dialogForm, field } from '../../components/dialog-form'
import { EntityReloadController } from '../../controllers/entity-reload-controller'
import { FormController } from '../../controllers/form-controller'

type Editing = { kind: 'branch'; branch: Branch | null } | { kind: 'room'; branch: Branch; room: Room | null }

/** Branches of the center and their rooms. Owner and manager create and edit. */
@customElement('crm-branches-page')
export class CrmBranchesPage extends LitElement {
  @property({ attribute: false }) ctx!: PageContext
  @state() private branches: Branch[] | null = null
  @state() private rooms = new Map<string, Room[]>()
  @state() private loadError: string | null = null
  @state() private editing: Editing | null = null
  private form = new FormController(this, {
    fields: ['name', 'address', 'phone', 'timezone', 'capacity', 'hourlyCost', 'equipment'],
  })
  private reload = new EntityReloadController(
    this,
    ['branch', 'room'],
    () => this.ctx?.live,
    () => this.load(),
  )

  static styles = [
    baseStyles,
    pageStyles,
    css`
      .branches {
        display: flex;
        flex-direction: column;
        gap: 20px;
      }
      .branch header {
        display: flex;
        justify-content: space-between;
        align-items: flex-start;
        gap: 12px;
        flex-wrap: wrap;
        padding: 16px 18px 12px;
        border-bottom: 1px solid var(--crm-border);
      }
      .branch header p {
        color: var(--crm-muted);
        font-size: 0.9375rem;
        margin-top: 2px;
      }
      .branch header .buttons {
        display: flex;
        gap: 6px;
      }
      td.num {
        text-align: right;
        font-variant-numeric: tabular-nums;
      }
      th.num {
        text-align: right;
      }
      .equipment {
        color: var(--crm-muted);
        font-size: 0.875rem;
      }
      .empty {
        padding: 16px 18px;
      }
      .alert {
        margin-bottom: 14px;
      }
      .row2 {
        display: grid;
        grid-template-columns: 1fr 1fr;
        gap: 0 12px;
      }
    `,
  ]

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
        ${this.canEdit ? html`<button class="primary" @click=${() => this.open({ kind: 'branch', branch: null })}>New branch</button>` : nothing}
      </div>
      ${this.loadError ? html`<p class="alert error" role="alert">${this.loadError}</p>` : nothing}
      ${this.branches === null && !this.loadError ? html`<p class="muted" aria-busy="true">Loading branches…</p>` : nothing}
      <div class="branches">${(this.branches ?? []).map((b) => this.renderBranch(b))}</div>
      ${this.branches?.length === 0 ? html`<p class="muted">No branches yet.</p>` : nothing} ${this.renderDialog()}
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
                <button class="small" @click=${() => this.open({ kind: 'branch', branch: b })} aria-label="Edit branch ${b.name}">
                  Edit
                </button>
                <button
                  class="small"
                  @click=${() => this.open({ kind: 'room', branch: b, room: null })}
                  aria-label="Add a room to ${b.name}"
                >
                  Add room
                </button>
              </div>`
            : nothing
        }
      </header>
      ${
        rooms.length === 0
          ? html`<p class="empty muted">No rooms yet.</p>`
          : html`<div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Room</th>
                    <th scope="col" class="num">Capacity</th>
                    <th scope="col" class="num">Per hour</th>
                    <th scope="col">Open</th>
                    ${this.canEdit ? html`<th scope="col"><span class="visually-hidden">Actions</span></th>` : nothing}
                  </tr>
                </thead>
                <tbody>
                  ${rooms.map(
                    (r) =>
                      html`<tr>
                        <td>
                          ${r.name}${r.equipment.length ? html`<div class="equipment">${r.equipment.join(', ')}</div>` : nothing}
                        </td>
                        <td class="num">${r.capacity}</td>
                        <td class="num">${r.hourlyCost}</td>
                        <td>${summarizeHours(r.openingHours)}</td>
                        ${this.canEdit ? html`<td class="num"><button class="small" @click=${() => this.open({ kind: 'room', branch: b, room: r })} aria-label="Edit room ${r.name}">Edit</button></td>` : nothing}
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
      }
    </section>`
  }

  private renderDialog() {
    const e = this.editing
    const fe = this.form.fieldErrors
    const inv = (id: string) => this.form.invalid(id)
    let heading = ''
    let body: unknown = nothing
    if (e?.kind === 'branch') {
      const b = e.branch
      heading = b ? `Edit ${b.name}` : 'New branch'
      body = html`${field('name', 'Name', html`<input id="name" name="name" .value=${b?.name ?? ''} aria-invalid=${inv('name')} />`, { error: fe.name })}
        ${field('address', 'Address', html`<input id="address" name="address" .value=${b?.address ?? ''} aria-invalid=${inv('address')} />`, { error: fe.address })}
        <div class="row2">
          ${field('phone', 'Phone', html`<input id="phone" name="phone" type="text" inputmode="tel" .value=${b?.phone ?? ''} aria-invalid=${inv('phone')} />`, { error: fe.phone })}
          ${field('timezone', 'Time zone', html`<input id="timezone" name="timezone" .value=${b?.timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone} aria-invalid=${inv('timezone')} />`, { error: fe.timezone })}
        </div>`
    } else if (e?.kind === 'room') {
      const r = e.room
      heading = r ? `Edit ${r.name}` : `New room in ${e.branch.name}`
      body = html`${field('name', 'Name', html`<input id="name" name="name" .value=${r?.name ?? ''} aria-invalid=${inv('name')} />`, { error: fe.name })}
        <div class="row2">
          ${field('capacity', 'Capacity', html`<input id="capacity" name="capacity" type="number" min="1" step="1" .value=${String(r?.capacity ?? 10)} aria-invalid=${inv('capacity')} />`, { error: fe.capacity })}
          ${field('hourlyCost', 'Cost per hour', html`<input id="hourlyCost" name="hourlyCost" type="number" min="0" step="0.01" .value=${r?.hourlyCost ?? '0'} aria-invalid=${inv('hourlyCost')} />`, { error: fe.hourlyCost })}
        </div>
        ${field('equipment', 'Equipment', html`<input id="equipment" name="equipment" .value=${r?.equipment.join(', ') ?? ''} aria-invalid=${inv('equipment')} />`, { error: fe.equipment, hint: 'Separate items with commas.' })}`
    }
    return dialogForm(
      {
        heading,
        open: e !== null,
        state: this.form,
        submitLabel: 'Save',
        onSubmit: this.submit,
        onClose: () => (this.editing = null),
      },
      body,
    )
  }

  private open(editing: Editing) {
    this.form.clear()
    this.editing = editing
    this.form.focusFirstInput()
  }

  private submit = (data: FormData) => {
    const e = this.editing
    if (!e) return
    const str = (k: string) => String(data.get(k) ?? '').trim()
    void this.form.send(async () => {
      if (e.kind === 'branch') {
        const input = { name: str('name'), address: str('address'), phone: str('phone') || null, timezone: str('timezone') }
        const saved = e.branch ? await updateBranch(e.branch.id, input) : await createBranch(input)
        fireEvent(this, 'crm-toast', { message: `Saved branch ${saved.name}.`, kind: 'success' })
      } else {
        const num = (k: string) => (str(k) === '' ? NaN : Number(str(k)))
        const input = {
          name: str('name'),
          capacity: num('capacity'),
          hourlyCost: num('hourlyCost'),
          equipment: str('equipment')
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
        }
        const local: Record<string, string> = {}
        if (!Number.isInteger(input.capacity) || input.capacity < 1) local.capacity = 'Enter a whole number of places (1 or more)'
        if (!Number.isFinite(input.hourlyCost) || input.hourlyCost < 0) local.hourlyCost = 'Enter an amount (0 or more)'
        if (Object.keys(local).length) {
          this.form.refuse(local)
          return
        }
        const saved = e.room ? await updateRoom(e.room.id, input) : await createRoom({ branchId: e.branch.id, ...input })
        fireEvent(this, 'crm-toast', { message: `Saved room ${saved.name}.`, kind: 'success' })
      }
      this.editing = null
      await this.load()
    })
  }
}
