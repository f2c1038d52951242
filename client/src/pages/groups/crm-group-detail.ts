import { LitElement, type PropertyValues, html, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { ERASED_CLIENT_NAME } from '../../../../domain/clients/names'
import { fireEvent } from '../../common/fire-event'
import { navigate } from '../../common/navigate'
import type { DataTableColumn } from '../../components/crm-data-table'
import '../../components/crm-data-table'
import { confirmDialog } from '../../components/dialog-confirm'
import { showDialog } from '../../components/dialogs'
import { EntityReloadController } from '../../controllers/entity-reload-controller'
import { ApiError } from '../../data/api'
import {
  type GroupDetail,
  type GroupMember,
  type WaitingEntry,
  addToWaitingList,
  deleteGroup,
  enrol,
  enrolFromWaitingList,
  fetchGroup,
  moveWaitingEntry,
  offerPlace,
  removeFromWaitingList,
} from '../../data/groups'
import type { Branch } from '../../data/types'
import { LocaleController } from '../../i18n/locale-controller'
import { t } from '../../i18n/locale'
import { baseStyles } from '../../resources/styles'
import type { PageContext } from '../../types'
import { ageRange, day, daySpan, num } from '../catalogue/labels'
import '../passes/crm-roster-pass'
import { passAbilities, todayIn } from '../passes/labels'
import { setupCellStyles } from '../catalogue/setup-list.styles'
import type { GroupRefs } from './crm-groups-page'
import { groupDetailCellStyles, groupDetailStyles } from './crm-group-detail.styles'
import { plusDays, scheduleText, todayIso } from './schedule'

/** Up to this many rows a list is a plain table (the page scrolls); beyond, it is virtualised in a box of its own. */
const PLAIN_ROWS = 50
const layoutFor = (rows: number) => (rows > PLAIN_ROWS ? 'virtual' : 'table')
const heightFor = (rows: number) => (rows > PLAIN_ROWS ? 'height:560px' : '')

/**
 * One group: what it is (activity, teacher, room, weekly pattern, term, capacity, ages), its
 * roster (add, take out, move to another group) and its waiting list in order (add, offer a free
 * place, enrol, take off). `?waiting=<entry>` (the freed place alert's link) brings the waiting
 * list into view with that entry marked.
 */
@customElement('crm-group-detail')
export class CrmGroupDetail extends LitElement {
  @property({ attribute: false }) ctx!: PageContext
  @property() groupId = ''
  @property({ attribute: false }) branches: Branch[] = []
  @property({ attribute: false }) refs!: GroupRefs
  @property({ attribute: false }) focusEntry: string | null = null
  @state() private group: GroupDetail | null = null
  @state() private loadError: string | null = null
  @state() private busy: string | null = null
  private scrolled = false
  private reload = new EntityReloadController(
    this,
    ['group'],
    () => this.ctx?.live,
    () => this.load(),
  )
  private readonly locale = new LocaleController(this)

  static styles = [baseStyles, groupDetailStyles]

  protected willUpdate(changed: PropertyValues<this>) {
    if (changed.has('groupId') && changed.get('groupId') !== undefined) {
      this.group = null
      this.scrolled = false
      void this.load()
    }
  }

  protected updated() {
    if (this.focusEntry && this.group && !this.scrolled) {
      this.scrolled = true
      const el = this.renderRoot.querySelector<HTMLElement>('#waiting')
      el?.scrollIntoView({ block: 'start' })
      el?.focus({ preventScroll: true })
    }
  }

  private get canManage() {
    return this.ctx.user.roles.some((r) => r === 'owner' || r === 'manager' || r === 'receptionist')
  }

  private async load() {
    if (!this.groupId) return
    try {
      this.group = await fetchGroup(this.groupId)
      this.loadError = null
    } catch (e) {
      this.loadError = e instanceof ApiError ? e.userMessage : t('setup.groups.loadFailed')
    }
  }

  private changed() {
    // the list behind this page counts members and waiting clients: it loads again
    this.dispatchEvent(new CustomEvent('crm-groups-changed', { bubbles: true, composed: true }))
    return this.load()
  }

  /** Runs an action on the roster: busy while it runs, a toast with the outcome. */
  private async act(key: string, run: () => Promise<unknown>, done: () => string) {
    this.busy = key
    try {
      await run()
      fireEvent(this, 'crm-toast', { message: done, kind: 'success' })
      await this.changed()
    } catch (e) {
      fireEvent(this, 'crm-toast', {
        message: e instanceof ApiError ? e.userMessage : t('common.error.unexpected'),
        kind: 'error',
      })
    } finally {
      this.busy = null
    }
  }

  render() {
    const g = this.group
    return html`<a class="back" href="/groups?branch=${encodeURIComponent(g?.branchId ?? '')}">${t('setup.group.back')}</a>
      ${this.loadError ? html`<p class="alert error" role="alert">${this.loadError}</p>` : nothing}
      ${!g && !this.loadError ? html`<p class="muted" aria-busy="true">${t('common.loading')}</p>` : nothing}
      ${g ? this.renderGroup(g) : nothing}`
  }

  private renderGroup(g: GroupDetail) {
    const r = this.refs
    const free = Math.max(0, g.capacity - g.memberCount)
    const branch = this.branches.find((b) => b.id === g.branchId)
    return html`<div class="page-header">
        <div>
          <h1>${g.name}</h1>
          <p class="facts">
            ${[r.activities.get(g.activityId)?.name, r.teachers.get(g.teacherId)?.name, r.rooms.get(g.roomId)?.name, branch?.name]
              .filter(Boolean)
              .join(' · ')}
          </p>
          <p class="facts">${scheduleText(g.pattern)} · ${daySpan(g.termStart, g.termEnd)} · ${ageRange(g.ageMin, g.ageMax)}</p>
        </div>
        ${
          this.canManage
            ? html`<div class="buttons">
                <button @click=${() => void this.edit(g)}>${t('setup.group.edit')}</button>
                <button @click=${() => void this.generate(g)}>${t('setup.group.generate')}</button>
                <button class="danger" @click=${() => void this.deleteGroupAsked(g)}>${t('setup.group.delete')}</button>
              </div>`
            : nothing
        }
      </div>
      <section class="card" aria-labelledby="members-title">
        <header>
          <h2 id="members-title">${t('setup.group.members', { count: g.memberCount, capacity: g.capacity })}</h2>
          <span class="muted">${free ? t('setup.group.free', { count: free }) : t('setup.group.full')}</span>
          ${this.canManage ? html`<button class="small" @click=${() => void this.addMember(g)}>${t('setup.group.addMember')}</button>` : nothing}
        </header>
        ${
          g.members.length
            ? html`<crm-data-table
                flat
                layout=${layoutFor(g.members.length)}
                style=${heightFor(g.members.length)}
                label=${t('setup.group.membersLabel', { name: g.name })}
                .columns=${this.memberColumns(g)}
                .rows=${g.members}
                .keyFn=${(m: GroupMember) => m.clientId}
                .rowAttrs=${(m: GroupMember) => ({ 'data-member': this.nameOf(m) })}
                .cellStyles=${[setupCellStyles, groupDetailCellStyles]}
              ></crm-data-table>`
            : html`<p class="empty muted">${t('setup.group.noMembers')}</p>`
        }
      </section>
      <section class="card" id="waiting" tabindex="-1" aria-labelledby="waiting-title">
        <header>
          <h2 id="waiting-title">${t('setup.group.waiting', { count: g.waiting.length })}</h2>
          <span class="muted">${t('setup.group.waitingOrder')}</span>
          ${this.canManage ? html`<button class="small" @click=${() => void this.addWaiting(g)}>${t('setup.group.addWaiting')}</button>` : nothing}
        </header>
        ${
          g.waiting.length
            ? html`<crm-data-table
                flat
                layout=${layoutFor(g.waiting.length)}
                style=${heightFor(g.waiting.length)}
                label=${t('setup.group.waitingLabel', { name: g.name })}
                .columns=${this.waitingColumns(g, free)}
                .rows=${g.waiting}
                .keyFn=${(w: WaitingEntry) => w.entryId}
                .rowAttrs=${(w: WaitingEntry) => ({ 'data-waiting': this.nameOf(w) })}
                .rowClass=${(w: WaitingEntry) => (w.entryId === this.focusEntry ? 'focus' : '')}
                .cellStyles=${[setupCellStyles, groupDetailCellStyles]}
              ></crm-data-table>`
            : html`<p class="empty muted">${t('setup.group.noWaiting')}</p>`
        }
      </section>`
  }

  /** A client's name; an erased client's label in the language shown. */
  private nameOf(p: { name: string; erased?: boolean }) {
    return p.erased ? t(ERASED_CLIENT_NAME) : p.name
  }

  private memberColumns(g: GroupDetail): DataTableColumn<GroupMember>[] {
    const cols: DataTableColumn<GroupMember>[] = [
      {
        key: 'name',
        title: t('setup.group.col.name'),
        width: 'minmax(180px, 2fr)',
        render: (m) =>
          html`<a class="name" href="/clients/${encodeURIComponent(m.clientId)}">${this.nameOf(m)}</a>${
              m.allergy
                ? html` <span class="chip off" title=${t('setup.group.allergy')}>${t('setup.group.allergyShort')}</span>`
                : nothing
            }`,
      },
      { key: 'born', title: t('setup.group.col.born'), hideBelow: 640, render: (m) => (m.birthDate ? day(m.birthDate) : '—') },
      { key: 'joined', title: t('setup.group.col.joined'), render: (m) => day(m.joinedAt.slice(0, 10)) },
    ]
    // each member's pass for the group's activity today (in the branch's zone): sessions left, amber
    // or red from its open flag, live as on every other screen that shows a pass
    if (passAbilities(this.ctx.user.roles).read) {
      const zone = this.branches.find((b) => b.id === g.branchId)?.timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone
      const today = todayIn(zone)
      cols.push({
        key: 'pass',
        title: t('setup.group.col.pass'),
        width: '150px',
        render: (m) =>
          html`<crm-roster-pass
            .clientId=${m.clientId}
            .activityId=${g.activityId}
            .day=${today}
            .live=${this.ctx.live}
          ></crm-roster-pass>`,
      })
    }
    if (this.canManage)
      cols.push({
        key: 'actions',
        title: t('setup.list.actions'),
        titleHidden: true,
        width: '220px',
        align: 'end',
        render: (m) =>
          html`<span class="actions">
            <button
              class="small"
              ?disabled=${this.busy !== null}
              @click=${() => void this.transfer(g, m)}
              aria-label=${t('setup.group.transferLabel', { name: this.nameOf(m) })}
            >
              ${t('setup.group.transfer')}
            </button>
            <button
              class="small danger"
              ?disabled=${this.busy !== null}
              @click=${() => void this.takeOut(g, m)}
              aria-label=${t('setup.group.removeLabel', { name: this.nameOf(m) })}
            >
              ${t('setup.group.remove')}
            </button>
          </span>`,
      })
    return cols
  }

  private waitingColumns(g: GroupDetail, free: number): DataTableColumn<WaitingEntry>[] {
    const offered = g.waiting.filter((w) => w.status === 'offered').length
    const cols: DataTableColumn<WaitingEntry>[] = [
      {
        key: 'order',
        title: t('setup.group.col.order'),
        width: '56px',
        render: (w) => html`<span class="num">${num(g.waiting.indexOf(w) + 1)}</span>`,
      },
      {
        key: 'name',
        title: t('setup.group.col.name'),
        width: 'minmax(160px, 2fr)',
        render: (w) => html`<span class="name">${this.nameOf(w)}</span>`,
      },
      { key: 'added', title: t('setup.group.col.added'), hideBelow: 640, render: (w) => day(w.addedAt.slice(0, 10)) },
      {
        key: 'status',
        title: t('setup.group.col.status'),
        width: '150px',
        render: (w) =>
          w.status === 'offered'
            ? html`<span class="chip ok">${t('setup.group.offered')}</span>`
            : html`<span class="chip">${t('setup.group.waitingStatus')}</span>`,
      },
    ]
    if (this.canManage)
      cols.push({
        key: 'actions',
        title: t('setup.list.actions'),
        titleHidden: true,
        width: '400px',
        align: 'end',
        render: (w) => {
          const name = this.nameOf(w)
          const at = g.waiting.indexOf(w)
          return html`<span class="actions">
            <button
              class="small move"
              data-move="up:${w.entryId}"
              ?disabled=${this.busy !== null || at === 0}
              aria-label=${t('setup.group.moveUpLabel', { name })}
              title=${t('setup.group.moveUpLabel', { name })}
              @click=${() => void this.move(g, w, -1)}
            >
              <span aria-hidden="true">${t('setup.group.moveUp')}</span>
            </button>
            <button
              class="small move"
              data-move="down:${w.entryId}"
              ?disabled=${this.busy !== null || at === g.waiting.length - 1}
              aria-label=${t('setup.group.moveDownLabel', { name })}
              title=${t('setup.group.moveDownLabel', { name })}
              @click=${() => void this.move(g, w, 1)}
            >
              <span aria-hidden="true">${t('setup.group.moveDown')}</span>
            </button>
            ${
              w.status === 'waiting' && free > offered
                ? html`<button
                    class="small"
                    ?disabled=${this.busy !== null}
                    aria-label=${t('setup.group.offerLabel', { name })}
                    @click=${() =>
                      void this.act(
                        `offer:${w.entryId}`,
                        () => offerPlace(g.id, w.entryId),
                        () => t('setup.group.offeredToast', { name }),
                      )}
                  >
                    ${t('setup.group.offer')}
                  </button>`
                : nothing
            }
            <button
              class="small primary"
              ?disabled=${this.busy !== null || free === 0}
              aria-label=${t('setup.group.enrolLabel', { name })}
              @click=${() =>
                void this.act(
                  `enrol:${w.entryId}`,
                  () => enrolFromWaitingList(g.id, w.entryId),
                  () => t('setup.group.enrolledToast', { name }),
                )}
            >
              ${t('setup.group.enrol')}
            </button>
            <button
              class="small"
              ?disabled=${this.busy !== null}
              aria-label=${t('setup.group.unwaitLabel', { name })}
              @click=${() =>
                void this.act(
                  `unwait:${w.entryId}`,
                  () => removeFromWaitingList(g.id, w.entryId),
                  () => t('setup.group.unwaitedToast', { name }),
                )}
            >
              ${t('setup.group.remove')}
            </button>
          </span>`
        },
      })
    return cols
  }

  /**
   * Moves a waiting client one place up (-1) or down (+1): up goes before the one above, down
   * before the one two below (the end when it becomes last). Focus stays on the moved client's
   * button (the other one when it reached the top or the bottom), so the keyboard can go on.
   */
  private async move(g: GroupDetail, w: WaitingEntry, step: -1 | 1) {
    const at = g.waiting.indexOf(w)
    const before = step < 0 ? g.waiting[at - 1] : g.waiting[at + 2]
    if (step < 0 && !before) return
    if (step > 0 && at >= g.waiting.length - 1) return
    const name = this.nameOf(w)
    await this.act(
      `move:${w.entryId}`,
      () => moveWaitingEntry(g.id, w.entryId, before?.entryId ?? null),
      () => t('setup.group.movedToast', { name, position: at + 1 + step }),
    )
    await this.updateComplete
    const table = this.renderRoot.querySelector<HTMLElement & { updateComplete: Promise<unknown> }>('#waiting crm-data-table')
    await table?.updateComplete
    const button = (dir: string) => table?.shadowRoot?.querySelector<HTMLButtonElement>(`button[data-move="${dir}:${w.entryId}"]`)
    const mine = button(step < 0 ? 'up' : 'down')
    ;(mine && !mine.disabled ? mine : button(step < 0 ? 'down' : 'up'))?.focus()
  }

  private async edit(g: GroupDetail) {
    const branch = this.branches.find((b) => b.id === g.branchId)
    if (!branch) return
    const saved = await showDialog(this, 'crm-dialog-group', { branch, group: g }, () => import('./dialog-group'))
    if (saved) await this.changed()
  }

  private async generate(g: GroupDetail) {
    const branch = this.branches.find((b) => b.id === g.branchId)
    const today = todayIso()
    const from = g.termStart > today ? g.termStart : today
    const to = g.termEnd < plusDays(from, 27) ? g.termEnd : plusDays(from, 27)
    await showDialog(
      this,
      'crm-generate-dialog',
      {
        branchId: g.branchId,
        branchName: branch?.name ?? '',
        from,
        to: to < from ? from : to,
        onGenerated: () => void this.changed(),
      },
      () => import('../timetable/crm-generate-dialog'),
    )
  }

  private async deleteGroupAsked(g: GroupDetail) {
    const ok = await confirmDialog(this, {
      heading: t('setup.group.deleteTitle', { name: g.name }),
      text: t('setup.group.deleteText'),
      confirmLabel: t('setup.group.delete'),
      tone: 'danger',
    })
    if (!ok) return
    try {
      await deleteGroup(g.id)
      fireEvent(this, 'crm-toast', { message: () => t('setup.group.deleted', { name: g.name }), kind: 'success' })
      navigate(`/groups?branch=${encodeURIComponent(g.branchId)}`)
    } catch (e) {
      fireEvent(this, 'crm-toast', {
        message: e instanceof ApiError ? e.userMessage : t('common.error.unexpected'),
        kind: 'error',
      })
    }
  }

  private async addMember(g: GroupDetail) {
    const client = await showDialog(
      this,
      'crm-dialog-pick-client',
      { heading: t('setup.group.addMemberTitle', { name: g.name }), exclude: g.members.map((m) => m.clientId) },
      () => import('./dialog-pick-client'),
    )
    if (client)
      await this.act(
        'add',
        () => enrol(g.id, client.id),
        () => t('setup.group.enrolledToast', { name: client.name }),
      )
  }

  private async addWaiting(g: GroupDetail) {
    const client = await showDialog(
      this,
      'crm-dialog-pick-client',
      {
        heading: t('setup.group.addWaitingTitle', { name: g.name }),
        exclude: [...g.members.map((m) => m.clientId), ...g.waiting.map((w) => w.clientId)],
      },
      () => import('./dialog-pick-client'),
    )
    if (client)
      await this.act(
        'wait',
        () => addToWaitingList(g.id, client.id),
        () => t('setup.group.waitingToast', { name: client.name }),
      )
  }

  /** Takes a member out, asking why (a reason from the list and a note, both optional). */
  private async takeOut(g: GroupDetail, m: GroupMember) {
    const out = await showDialog(
      this,
      'crm-dialog-leave-group',
      { groupId: g.id, clientId: m.clientId, name: this.nameOf(m), waiting: g.waiting.length > 0 },
      () => import('./dialog-leave-group'),
    )
    if (out) await this.changed()
  }

  private async transfer(g: GroupDetail, m: GroupMember) {
    const moved = await showDialog(
      this,
      'crm-dialog-transfer',
      { group: g, member: { clientId: m.clientId, name: this.nameOf(m) }, refs: this.refs },
      () => import('./dialog-transfer'),
    )
    if (moved) await this.changed()
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-group-detail': CrmGroupDetail
  }
}
