import { LitElement, html, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { navigate } from '../../common/navigate'
import type { DataTableColumn } from '../../components/crm-data-table'
import '../../components/crm-data-table'
import { showDialog } from '../../components/dialogs'
import { EntityReloadController } from '../../controllers/entity-reload-controller'
import { ApiError } from '../../data/api'
import { fetchBranches } from '../../data/branches'
import { type CatalogueActivity, fetchCatalogue } from '../../data/catalogue'
import { type GroupListItem, fetchGroupList } from '../../data/groups'
import { branchToOpen, rememberBranch } from '../../data/remembered-branch'
import { type RoomListItem, fetchRoomList } from '../../data/rooms'
import { type Teacher, fetchTeachers } from '../../data/timetable'
import type { Branch } from '../../data/types'
import { LocaleController } from '../../i18n/locale-controller'
import { currentLocale, t } from '../../i18n/locale'
import { baseStyles, pageStyles } from '../../resources/styles'
import type { PageContext } from '../../types'
import { daySpan, num } from '../catalogue/labels'
import { setupCellStyles, setupListStyles } from '../catalogue/setup-list.styles'
import './crm-group-detail'
import { groupsPageStyles } from './crm-groups-page.styles'
import { scheduleText } from './schedule'

const SORTS = ['name', 'activity', 'members', 'waiting', 'term'] as const
type Sort = (typeof SORTS)[number]

/** Names the group list shows beside ids. */
export interface GroupRefs {
  activities: Map<string, CatalogueActivity>
  teachers: Map<string, Teacher>
  rooms: Map<string, RoomListItem>
}

/** The groups the toolbar asks for, sorted (pure). */
export function shownGroups(
  items: readonly GroupListItem[],
  refs: GroupRefs,
  query: string,
  sort: Sort,
  locale: string,
): GroupListItem[] {
  const q = query.trim().toLocaleLowerCase(locale)
  const coll = new Intl.Collator(locale)
  const words = (g: GroupListItem) =>
    [g.name, refs.activities.get(g.activityId)?.name, refs.teachers.get(g.teacherId)?.name, refs.rooms.get(g.roomId)?.name]
      .filter(Boolean)
      .join(' ')
      .toLocaleLowerCase(locale)
  const out = q ? items.filter((g) => words(g).includes(q)) : [...items]
  const by: Record<Sort, (a: GroupListItem, b: GroupListItem) => number> = {
    name: (a, b) => coll.compare(a.name, b.name),
    activity: (a, b) =>
      coll.compare(refs.activities.get(a.activityId)?.name ?? '', refs.activities.get(b.activityId)?.name ?? '') ||
      coll.compare(a.name, b.name),
    members: (a, b) => b.memberCount - a.memberCount || coll.compare(a.name, b.name),
    waiting: (a, b) => b.waitingCount - a.waitingCount || coll.compare(a.name, b.name),
    term: (a, b) => a.termStart.localeCompare(b.termStart) || coll.compare(a.name, b.name),
  }
  return out.sort(by[sort])
}

/**
 * Groups and enrolment (owner, manager, receptionist): the groups of a branch with search and
 * sorting; /groups/<id> opens one group's roster and waiting list (crm-group-detail).
 */
@customElement('crm-groups-page')
export class CrmGroupsPage extends LitElement {
  @property({ attribute: false }) ctx!: PageContext
  @state() private branches: Branch[] = []
  @state() private branchId = ''
  @state() private items: GroupListItem[] | null = null
  @state() private refs: GroupRefs = { activities: new Map(), teachers: new Map(), rooms: new Map() }
  @state() private loadError: string | null = null
  @state() private query = ''
  @state() private sort: Sort = 'name'
  private reload = new EntityReloadController(
    this,
    ['group', 'activity', 'room'],
    () => this.ctx?.live,
    () => this.load(),
  )
  private readonly locale = new LocaleController(this)
  private branchRoom: { dispose: () => void } | null = null

  static styles = [baseStyles, pageStyles, setupListStyles, groupsPageStyles]

  disconnectedCallback() {
    super.disconnectedCallback()
    this.branchRoom?.dispose()
  }

  private get groupId(): string | null {
    const m = /^\/groups\/([^/?#]+)/.exec(this.ctx?.path ?? '')
    return m ? decodeURIComponent(m[1]) : null
  }

  private get canCreate() {
    return this.ctx.user.roles.some((r) => r === 'owner' || r === 'manager' || r === 'receptionist')
  }

  private async load() {
    try {
      if (!this.branches.length) {
        const all = await fetchBranches()
        const { roles, branchIds } = this.ctx.user
        const mine = roles.includes('owner') || branchIds.length === 0 ? all : all.filter((b) => branchIds.includes(b.id))
        this.branches = mine.length ? mine : all
        const asked = new URLSearchParams(this.ctx.search).get('branch')
        // the link's branch, else the one the user chose last (their profile's), else their own
        this.branchId = branchToOpen(this.branches, this.ctx.user, asked)?.id ?? ''
      }
      const [items, activities, teachers, rooms] = await Promise.all([
        this.branchId ? fetchGroupList(this.branchId) : Promise.resolve([]),
        fetchCatalogue(),
        fetchTeachers(),
        this.branchId ? fetchRoomList(this.branchId) : Promise.resolve([]),
      ])
      this.refs = {
        activities: new Map(activities.map((a) => [a.id, a])),
        teachers: new Map(teachers.map((x) => [x.id, x])),
        rooms: new Map(rooms.map((r) => [r.id, r])),
      }
      this.items = items
      this.loadError = null
      this.follow()
    } catch (e) {
      this.loadError = e instanceof ApiError ? e.userMessage : t('setup.groups.loadFailed')
    }
  }

  /** Follows the branch's changes (groups of other branches never reach this screen). */
  private follow() {
    this.branchRoom?.dispose()
    this.branchRoom = this.branchId ? (this.ctx.live?.subscribe(`branch:${this.branchId}`) ?? null) : null
  }

  private pickBranch(id: string) {
    rememberBranch(this.ctx.user.id, id)
    this.branchId = id
    this.items = null
    navigate(`/groups?branch=${encodeURIComponent(id)}`, { replace: true })
    void this.load()
  }

  render() {
    const id = this.groupId
    if (id)
      return html`<crm-group-detail
        .ctx=${this.ctx}
        .groupId=${id}
        .branches=${this.branches}
        .refs=${this.refs}
        .focusEntry=${new URLSearchParams(this.ctx.search).get('waiting')}
        @crm-groups-changed=${() => void this.load()}
      ></crm-group-detail>`
    const branch = this.branches.find((b) => b.id === this.branchId)
    return html`
      <div class="page-header">
        <div>
          <h1>${t('setup.groups.title')}</h1>
          <p>${t('setup.groups.lead')}</p>
        </div>
        ${
          this.canCreate && branch
            ? html`<button class="primary" @click=${() => void this.create()}>${t('setup.groups.new')}</button>`
            : nothing
        }
      </div>
      ${this.loadError ? html`<p class="alert error" role="alert">${this.loadError}</p>` : nothing}
      ${this.items?.length === 0 && !this.query ? this.renderEmpty(branch) : this.renderList()}
    `
  }

  private renderBranchPicker() {
    if (this.branches.length < 2) return nothing
    return html`<div class="field">
      <label for="branch">${t('setup.list.branch')}</label>
      <select id="branch" @change=${(e: Event) => this.pickBranch((e.target as HTMLSelectElement).value)}>
        ${this.branches.map((b) => html`<option value=${b.id} ?selected=${b.id === this.branchId}>${b.name}</option>`)}
      </select>
    </div>`
  }

  private renderEmpty(branch: Branch | undefined) {
    return html`<div class="toolbar">${this.renderBranchPicker()}</div>
      <div class="card empty-state">
        <p>${t('setup.groups.empty', { branch: branch?.name ?? '' })}</p>
        ${this.canCreate && branch ? html`<button class="primary" @click=${() => void this.create()}>${t('setup.groups.new')}</button>` : nothing}
      </div>`
  }

  private renderList() {
    const shown = this.items ? shownGroups(this.items, this.refs, this.query, this.sort, currentLocale()) : []
    return html`<div class="toolbar" role="search">
        ${this.renderBranchPicker()}
        <div class="field search">
          <label for="q">${t('setup.list.search')}</label>
          <input
            id="q"
            type="search"
            .value=${this.query}
            @input=${(e: Event) => (this.query = (e.target as HTMLInputElement).value)}
          />
        </div>
        <div class="field">
          <label for="sort">${t('setup.list.sortBy')}</label>
          <select id="sort" @change=${(e: Event) => (this.sort = (e.target as HTMLSelectElement).value as Sort)}>
            ${SORTS.map((s) => html`<option value=${s} ?selected=${this.sort === s}>${t(`setup.groups.sort.${s}`)}</option>`)}
          </select>
        </div>
      </div>
      <crm-data-table
        label=${t('setup.groups.title')}
        .columns=${this.columns()}
        .rows=${shown}
        .keyFn=${(g: GroupListItem) => g.id}
        .rowAttrs=${(g: GroupListItem) => ({ 'data-group': g.name })}
        .onRowClick=${(g: GroupListItem) => navigate(`/groups/${encodeURIComponent(g.id)}`)}
        .cellStyles=${setupCellStyles}
        .loading=${this.items === null && !this.loadError}
        emptyText=${t('setup.list.noMatch')}
      ></crm-data-table>`
  }

  private columns(): DataTableColumn<GroupListItem>[] {
    const r = this.refs
    return [
      {
        key: 'name',
        title: t('setup.groups.col.name'),
        width: 'minmax(180px, 2fr)',
        render: (g) =>
          html`<a class="name" href="/groups/${encodeURIComponent(g.id)}">${g.name}</a
            ><span class="sub">${r.activities.get(g.activityId)?.name ?? ''}</span>`,
      },
      {
        key: 'teacher',
        title: t('setup.groups.col.teacher'),
        hideBelow: 700,
        render: (g) => r.teachers.get(g.teacherId)?.name ?? '',
      },
      { key: 'room', title: t('setup.groups.col.room'), hideBelow: 900, render: (g) => r.rooms.get(g.roomId)?.name ?? '' },
      {
        key: 'schedule',
        title: t('setup.groups.col.schedule'),
        width: 'minmax(150px, 1.5fr)',
        hideBelow: 800,
        render: (g) => scheduleText(g.pattern),
      },
      {
        key: 'term',
        title: t('setup.groups.col.term'),
        width: 'minmax(150px, 1.2fr)',
        hideBelow: 1000,
        render: (g) => daySpan(g.termStart, g.termEnd),
      },
      {
        key: 'members',
        title: t('setup.groups.col.members'),
        width: '100px',
        align: 'end',
        render: (g) =>
          html`<span class="num ${g.memberCount >= g.capacity ? 'full' : ''}">${num(g.memberCount)} / ${num(g.capacity)}</span>`,
      },
      {
        key: 'waiting',
        title: t('setup.groups.col.waiting'),
        width: '100px',
        align: 'end',
        render: (g) => html`<span class="num">${g.waitingCount ? num(g.waitingCount) : '—'}</span>`,
      },
    ]
  }

  private async create() {
    const branch = this.branches.find((b) => b.id === this.branchId)
    if (!branch) return
    const saved = await showDialog(this, 'crm-dialog-group', { branch, group: null }, () => import('./dialog-group'))
    if (saved) navigate(`/groups/${encodeURIComponent(saved.id)}`)
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-groups-page': CrmGroupsPage
  }
}
