import { LitElement, html, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { fireEvent } from '../../common/fire-event'
import { formatDateTime } from '../../common/dates'
import type { DataTableColumn } from '../../components/crm-data-table'
import '../../components/crm-data-table'
import { confirmDialog } from '../../components/dialog-confirm'
import { ApiError } from '../../data/api'
import { fetchBranches, fetchRooms } from '../../data/branches'
import { type CalendarFeed, type FeedKind, createCalendarFeed, fetchCalendarFeeds, revokeCalendarFeed } from '../../data/settings'
import { fetchGroups, fetchTeachers } from '../../data/timetable'
import type { Branch } from '../../data/types'
import { LocaleController } from '../../i18n/locale-controller'
import { currentLocale, t } from '../../i18n/locale'
import { baseStyles, pageStyles } from '../../resources/styles'
import type { PageContext } from '../../types'
import { calendarFeedsCellStyles, calendarFeedsStyles } from './crm-calendar-feeds-page.styles'

interface Subject {
  id: string
  name: string
  branchId: string | null
}
type Subjects = Record<FeedKind, Subject[]>
type FeedRow = CalendarFeed & { name: string; what: string }

/** Who manages feeds of rooms, groups and every teacher (the others: a teacher, for their own lessons). */
const isManager = (roles: readonly string[]) => roles.includes('owner') || roles.includes('manager')

/** Kinds of feed a manager makes, in the order the form offers them. */
const MANAGER_KINDS: readonly FeedKind[] = ['teacher', 'room', 'group', 'branch']

/**
 * Calendar feeds: a teacher makes a feed of their own lessons, copies its link, lists the feeds of
 * their lessons and revokes them; the owner and managers also make feeds of a room, a group, a whole
 * branch or any teacher, see every feed, search and sort them; the owner revokes any. A feed's link
 * is secret and shown only when it is made.
 */
@customElement('crm-calendar-feeds-page')
export class CrmCalendarFeedsPage extends LitElement {
  @property({ attribute: false }) ctx!: PageContext
  @state() private feeds: CalendarFeed[] | null = null
  @state() private subjects: Subjects = { teacher: [], room: [], group: [], branch: [] }
  @state() private branches: Branch[] = []
  @state() private loadError: string | null = null
  @state() private kind: FeedKind = 'teacher'
  @state() private branchId = ''
  @state() private subjectId = ''
  @state() private subjectError: string | null = null
  @state() private creating = false
  @state() private created: { url: string; name: string } | null = null
  @state() private query = ''
  @state() private sort: 'newest' | 'name' = 'newest'
  @state() private showRevoked = false
  private readonly locale = new LocaleController(this)

  static styles = [baseStyles, pageStyles, calendarFeedsStyles]

  private get manager() {
    return isManager(this.ctx.user.roles)
  }
  private get owner() {
    return this.ctx.user.roles.includes('owner')
  }

  connectedCallback() {
    super.connectedCallback()
    if (!this.manager) {
      this.subjectId = this.ctx.user.id
      void this.loadOwn()
      return
    }
    void this.load()
  }

  /** A teacher's: the feeds of their own lessons. */
  private async loadOwn() {
    try {
      this.feeds = await fetchCalendarFeeds()
      this.loadError = null
    } catch (e) {
      this.loadError = e instanceof ApiError ? e.userMessage : t('settings.feeds.loadFailed')
    }
  }

  /** May this user revoke the feed: the owner any, a teacher those of their own lessons. */
  private mayRevoke(f: CalendarFeed) {
    return this.owner || (f.kind === 'teacher' && f.subjectId === this.ctx.user.id && this.ctx.user.roles.includes('teacher'))
  }

  private async load() {
    try {
      const [feeds, teachers, rooms, branches] = await Promise.all([
        fetchCalendarFeeds(),
        fetchTeachers(),
        fetchRooms(),
        fetchBranches(),
      ])
      const groups = (
        await Promise.all(branches.map((b) => fetchGroups(b.id).then((gs) => gs.map((g) => ({ ...g, branchId: b.id })))))
      ).flat()
      this.branches = branches
      this.branchId ||= this.ctx.user.branchIds[0] ?? branches[0]?.id ?? ''
      this.subjects = {
        teacher: teachers.map((x) => ({ id: x.id, name: x.name, branchId: null })),
        room: rooms.map((r) => ({ id: r.id, name: r.name, branchId: r.branchId })),
        group: groups.map((g) => ({ id: g.id, name: g.name, branchId: g.branchId })),
        branch: branches.map((b) => ({ id: b.id, name: b.name, branchId: null })),
      }
      this.feeds = feeds
      this.loadError = null
    } catch (e) {
      this.loadError = e instanceof ApiError ? e.userMessage : t('settings.feeds.loadFailed')
    }
  }

  private nameOf(kind: FeedKind, id: string): string {
    if (kind === 'teacher' && id === this.ctx.user.id) return this.ctx.user.name
    return this.subjects[kind].find((s) => s.id === id)?.name ?? t('settings.feeds.subjectGone')
  }

  private async create(e: Event) {
    e.preventDefault()
    if (!this.subjectId) {
      this.subjectError = t('settings.feeds.subject.required')
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#subject')?.focus())
      return
    }
    this.creating = true
    this.subjectError = null
    try {
      const kind = this.manager ? this.kind : 'teacher'
      const { url } = await createCalendarFeed({ kind, subjectId: this.subjectId })
      this.created = { url, name: t('settings.feeds.subjectOf', { kind, name: this.nameOf(kind, this.subjectId) }) }
      if (this.manager) this.subjectId = ''
      this.feeds = await fetchCalendarFeeds()
      await this.updateComplete
      this.renderRoot.querySelector<HTMLInputElement>('#feed-url')?.select()
      this.renderRoot.querySelector<HTMLElement>('#copy')?.focus()
    } catch (err) {
      if (err instanceof ApiError && err.fields.subjectId) this.subjectError = err.fields.subjectId
      else
        fireEvent(this, 'crm-toast', {
          message: err instanceof ApiError ? err.userMessage : t('common.error.unexpected'),
          kind: 'error',
        })
    } finally {
      this.creating = false
    }
  }

  private async copy() {
    if (!this.created) return
    try {
      await navigator.clipboard.writeText(this.created.url)
      fireEvent(this, 'crm-toast', { message: () => t('settings.feeds.copied'), kind: 'success' })
    } catch {
      this.renderRoot.querySelector<HTMLInputElement>('#feed-url')?.select()
      fireEvent(this, 'crm-toast', { message: () => t('settings.feeds.copyFailed'), kind: 'error' })
    }
  }

  private async revoke(row: FeedRow) {
    const ok = await confirmDialog(this, {
      heading: t('settings.feeds.revoke.heading'),
      text: t('settings.feeds.revoke.text', { name: row.what }),
      confirmLabel: t('settings.feeds.revoke'),
      tone: 'danger',
    })
    if (!ok) return
    try {
      await revokeCalendarFeed(row.id)
      fireEvent(this, 'crm-toast', { message: () => t('settings.feeds.revoked'), kind: 'success' })
      this.feeds = await fetchCalendarFeeds()
      // focus stays in the list: on its search (a teacher's list has none: its title)
      await this.updateComplete
      this.renderRoot.querySelector<HTMLElement>('#q, #list-title')?.focus()
    } catch (err) {
      fireEvent(this, 'crm-toast', {
        message: err instanceof ApiError ? err.userMessage : t('common.error.unexpected'),
        kind: 'error',
      })
    }
  }

  private get rows(): FeedRow[] {
    const q = this.query.trim().toLocaleLowerCase(currentLocale())
    const rows = (this.feeds ?? [])
      .filter((f) => this.showRevoked || !f.revokedAt)
      .map((f) => {
        const name = this.nameOf(f.kind, f.subjectId)
        return { ...f, name, what: t('settings.feeds.subjectOf', { kind: f.kind, name }) }
      })
      .filter((r) => !q || r.what.toLocaleLowerCase(currentLocale()).includes(q))
    return this.sort === 'name'
      ? rows.sort((a, b) => a.what.localeCompare(b.what, currentLocale()))
      : rows.sort((a, b) => b.createdAt.localeCompare(a.createdAt))
  }

  render() {
    return html`
      <div class="page-header">
        <div>
          <h1>${t('settings.feeds.title')}</h1>
          <p>${t('settings.feeds.lead')}</p>
        </div>
      </div>
      ${this.loadError ? html`<p class="alert error" role="alert">${this.loadError}</p>` : nothing} ${this.renderCreate()}
      ${this.created ? this.renderCreated(this.created) : nothing}
      ${this.manager ? nothing : html`<p class="card note">${t('settings.feeds.teacherNote')}</p>`} ${this.renderList()}
    `
  }

  private renderCreate() {
    const subjects = this.subjects[this.kind].filter((s) => s.branchId === null || !this.branchId || s.branchId === this.branchId)
    return html`<form class="card create" novalidate aria-labelledby="create-title" @submit=${(e: Event) => void this.create(e)}>
      <h2 id="create-title">${t('settings.feeds.create.title')}</h2>
      ${
        this.manager
          ? html`<div class="row">
              <div class="field">
                <label for="kind">${t('settings.feeds.kind')}</label>
                <select
                  id="kind"
                  @change=${(e: Event) => {
                    this.kind = (e.target as HTMLSelectElement).value as FeedKind
                    this.subjectId = ''
                  }}
                >
                  ${MANAGER_KINDS.map(
                    (k) => html`<option value=${k} ?selected=${this.kind === k}>${t(`settings.feeds.kind.${k}`)}</option>`,
                  )}
                </select>
              </div>
              ${
                this.kind === 'teacher' || this.kind === 'branch'
                  ? nothing
                  : html`<div class="field">
                      <label for="branch">${t('settings.feeds.branch')}</label>
                      <select
                        id="branch"
                        @change=${(e: Event) => {
                          this.branchId = (e.target as HTMLSelectElement).value
                          this.subjectId = ''
                        }}
                      >
                        ${this.branches.map((b) => html`<option value=${b.id} ?selected=${this.branchId === b.id}>${b.name}</option>`)}
                      </select>
                    </div>`
              }
              <div class="field">
                <label for="subject">${t('settings.feeds.subject', { kind: this.kind })}</label>
                <select
                  id="subject"
                  aria-invalid=${this.subjectError ? 'true' : 'false'}
                  aria-describedby=${this.subjectError ? 'subject-error' : nothing}
                  @change=${(e: Event) => {
                    this.subjectId = (e.target as HTMLSelectElement).value
                    this.subjectError = null
                  }}
                >
                  <option value="" ?selected=${!this.subjectId}>${t('settings.feeds.subject.choose')}</option>
                  ${subjects.map((s) => html`<option value=${s.id} ?selected=${this.subjectId === s.id}>${s.name}</option>`)}
                </select>
                ${this.subjectError ? html`<span class="field-error" id="subject-error">${this.subjectError}</span>` : nothing}
              </div>
            </div>`
          : html`<p class="mine">${t('settings.feeds.mine')}: <strong>${this.ctx.user.name}</strong></p>`
      }
      <button class="primary" type="submit" ?disabled=${this.creating}>${t('settings.feeds.create')}</button>
    </form>`
  }

  private renderCreated(c: { url: string; name: string }) {
    return html`<section class="card created" aria-labelledby="created-title">
      <h2 id="created-title">${t('settings.feeds.created.title')}</h2>
      <p class="what">${c.name}</p>
      <p class="muted" id="created-help">${t('settings.feeds.created.help')}</p>
      <div class="link-row">
        <label class="visually-hidden" for="feed-url">${t('settings.feeds.created.link')}</label>
        <input
          id="feed-url"
          type="text"
          readonly
          .value=${c.url}
          aria-describedby="created-help"
          @focus=${(e: Event) => (e.target as HTMLInputElement).select()}
        />
        <button id="copy" type="button" class="primary" @click=${() => void this.copy()}>${t('settings.feeds.copy')}</button>
      </div>
    </section>`
  }

  private renderList() {
    const rows = this.rows
    const zone = this.branches[0]?.timezone
    const columns: DataTableColumn<FeedRow>[] = [
      {
        key: 'what',
        title: t('settings.feeds.list.what'),
        width: '2fr',
        render: (r) => html`<span class="what">${r.what}</span>`,
      },
      { key: 'created', title: t('settings.feeds.list.created'), render: (r) => formatDateTime(r.createdAt, zone) },
      {
        key: 'state',
        title: t('settings.feeds.list.state'),
        render: (r) =>
          r.revokedAt
            ? html`<span class="chip off"
                >${t('settings.feeds.state.revoked', { when: formatDateTime(r.revokedAt, zone) })}</span
              >`
            : html`<span class="chip ok">${t('settings.feeds.state.active')}</span>`,
      },
      {
        key: 'actions',
        title: t('settings.feeds.list.actions'),
        titleHidden: true,
        className: 'actions',
        render: (r) =>
          this.mayRevoke(r) && !r.revokedAt
            ? html`<button
                type="button"
                class="small danger"
                aria-label=${t('settings.feeds.revokeLabel', { name: r.what })}
                @click=${() => void this.revoke(r)}
              >
                ${t('settings.feeds.revoke')}
              </button>`
            : '',
      },
    ]
    return html`<section aria-labelledby="list-title">
      <h2 id="list-title" tabindex="-1">${t(this.manager ? 'settings.feeds.list.title' : 'settings.feeds.list.mine')}</h2>
      ${this.owner || !this.manager ? nothing : html`<p class="muted note-inline">${t('settings.feeds.managerNote')}</p>`}
      <div class="toolbar">
        <div class="field">
          <label for="q">${t('settings.feeds.list.search')}</label>
          <input
            id="q"
            type="search"
            .value=${this.query}
            @input=${(e: Event) => (this.query = (e.target as HTMLInputElement).value)}
          />
        </div>
        <div class="field">
          <label for="sort">${t('settings.feeds.list.sort')}</label>
          <select id="sort" @change=${(e: Event) => (this.sort = (e.target as HTMLSelectElement).value as 'newest' | 'name')}>
            <option value="newest" ?selected=${this.sort === 'newest'}>${t('settings.feeds.list.sort.newest')}</option>
            <option value="name" ?selected=${this.sort === 'name'}>${t('settings.feeds.list.sort.name')}</option>
          </select>
        </div>
        <label class="check">
          <input
            type="checkbox"
            .checked=${this.showRevoked}
            @change=${(e: Event) => (this.showRevoked = (e.target as HTMLInputElement).checked)}
          />
          ${t('settings.feeds.list.showRevoked')}
        </label>
      </div>
      ${
        this.feeds === null
          ? html`<p class="muted" aria-busy="true">${t('common.loading')}</p>`
          : rows.length === 0
            ? html`<p class="card empty muted">
                ${this.feeds.length && this.query ? t('settings.feeds.list.noMatch') : t('settings.feeds.list.empty')}
              </p>`
            : html`<crm-data-table
                layout="table"
                label=${t('settings.feeds.list.title')}
                .columns=${columns}
                .rows=${rows}
                .rowAttrs=${(r: FeedRow) => ({ 'data-kind': r.kind, 'data-state': r.revokedAt ? 'revoked' : 'active' })}
                .cellStyles=${calendarFeedsCellStyles}
              ></crm-data-table>`
      }
    </section>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-calendar-feeds-page': CrmCalendarFeedsPage
  }
}
