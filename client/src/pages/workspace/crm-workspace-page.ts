import { LitElement, html, nothing } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import { formatLongDate, greeting } from '../../common/dates'
import { LiveDocController } from '../../controllers/live-doc-controller'
import { SubscriptionController } from '../../controllers/subscription-controller'
import type { DocChange } from '../../data/doc-history'
import type { LiveDoc } from '../../data/live-doc'
import { describeWorkspaceChange, encodeWorkspaceDocName, notesOf, subscribeDocEdits, todosOf } from '../../data/workspace'
import { t } from '../../i18n/locale'
import { LocaleController } from '../../i18n/locale-controller'
import { baseStyles, pageStyles } from '../../resources/styles'
import type { PageContext } from '../../types'
import '../../components/crm-doc-history'
import '../../components/crm-presence-list'
import '../../components/crm-save-state'
import '../not-found/crm-not-found-page'
import './crm-audit-queries'
import './crm-notes-editor'
import './crm-todo-list'
import { workspacePageStyles } from './crm-workspace-page.styles'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/**
 * "My workspace": the signed-in person's live document `workspace:<userId>` (to-dos and notes
 * of the day), edited together by every tab they have open, with its saved state, who is here
 * and a history of changes. `/workspace/<userId>` opens someone else's (owner and auditor may
 * read; the server decides and says "read-only").
 */
@customElement('crm-workspace-page')
export class CrmWorkspacePage extends LitElement {
  @property({ attribute: false }) ctx!: PageContext
  /** Document edits so far: the history panel refetches when it grows. */
  private updates = 0
  private lastSaved: string | null = null

  private readonly locale = new LocaleController(this)
  private doc = new LiveDocController(this, () => ({ name: this.docName, user: this.ctx.user }))
  private edits = new SubscriptionController(
    this,
    () => [this.doc.live?.doc],
    () =>
      this.doc.live
        ? subscribeDocEdits(this.doc.live.doc, () => {
            this.updates++
            this.requestUpdate()
          })
        : null,
  )

  static styles = [baseStyles, pageStyles, workspacePageStyles]

  /** `/workspace` → mine; `/workspace/<uuid>` → that person's; anything else → none (404). */
  private get ownerId(): string | null {
    const rest = this.ctx.path.replace(/^\/workspace\/?/, '').replace(/\/$/, '')
    if (rest === '') return this.ctx.user.id
    return UUID.test(rest) ? rest : null
  }

  private get docName(): string | null {
    const id = this.ownerId
    return id ? encodeWorkspaceDocName(id) : null
  }

  private get mine(): boolean {
    return this.ownerId === this.ctx.user.id
  }

  protected willUpdate() {
    // our own edits are in the history once the server says they are stored
    const live = this.doc.live
    if (live && live.savedState !== this.lastSaved) {
      if (live.savedState === 'saved' && this.lastSaved === 'saving') this.updates++
      this.lastSaved = live.savedState
    }
  }

  render() {
    if (!this.ownerId) return html`<crm-not-found-page></crm-not-found-page>`
    const live = this.doc.live
    const readOnly = !this.mine || (live?.readOnly ?? false)
    const first = this.ctx.user.name.split(' ')[0]
    const ownerName = this.mine ? null : live?.presence.find((p) => p.user.id === this.ownerId)?.user.name
    return html`
      <div class="page-header">
        <div>
          <h1>
            ${
              this.mine
                ? t('workspace.title.mine', { greeting: greeting(), name: first })
                : ownerName
                  ? t('workspace.title.someone', { name: ownerName })
                  : t('workspace.title.unknown')
            }
          </h1>
          <p class="date" data-testid="today">${formatLongDate(new Date())}</p>
        </div>
        ${
          live
            ? html`<div class="status">
                <crm-presence-list .presence=${live.presence}></crm-presence-list>
                ${live.closed || readOnly ? nothing : html`<crm-save-state .state=${live.savedState}></crm-save-state>`}
              </div>`
            : nothing
        }
      </div>
      ${this.renderBanner(readOnly)} ${live ? this.renderDoc(live, readOnly) : nothing}
    `
  }

  private renderBanner(readOnly: boolean) {
    const live = this.doc.live
    if (live?.closed) return html`<p class="alert error banner" role="alert">${t(live.closed.messageId)}</p>`
    const banners = []
    if (readOnly)
      banners.push(html`<p class="alert warning banner" role="status" data-testid="read-only">${t('workspace.readOnly')}</p>`)
    const n = live?.notice
    if (n?.messageId && n.type !== 'read-only' && n.type !== 'read-write' && live?.savedState !== 'saved')
      banners.push(html`<p class="alert info banner" role="status">${t(n.messageId)}</p>`)
    return banners
  }

  private renderDoc(live: LiveDoc, readOnly: boolean) {
    if (live.closed) return nothing
    const todos = todosOf(live.doc)
    const notes = notesOf(live.doc)
    const focus = (f: string | null) => live.setFocus(f)
    const todoText = (id: string) => {
      const t = todos.get(id)?.get('text')
      return typeof t === 'string' ? t : undefined
    }
    return html`<div class="layout">
      <div class="main">
        ${this.mine ? html`<crm-audit-queries></crm-audit-queries>` : nothing}
        <section class="card" aria-labelledby="todos-title">
          <h2 id="todos-title">${t('workspace.todos')}</h2>
          ${live.synced ? nothing : html`<p class="loading" aria-busy="true">${live.connected ? t('workspace.loading') : t('workspace.connecting')}</p>`}
          <crm-todo-list .todos=${todos} ?readOnly=${readOnly} .presence=${live.presence} .onFocusChange=${focus}></crm-todo-list>
        </section>
        <section class="card" aria-labelledby="notes-title">
          <h2 id="notes-title">${t('workspace.notes')}</h2>
          <crm-notes-editor
            .text=${notes}
            ?readOnly=${readOnly}
            label=${t('workspace.notes')}
            placeholder=${readOnly ? t('workspace.notes.empty') : t('workspace.notes.placeholder')}
            .onFocusChange=${focus}
          ></crm-notes-editor>
        </section>
      </div>
      <aside class="card" aria-labelledby="history-title">
        <h2 id="history-title">${t('workspace.history')}</h2>
        <crm-doc-history
          .docName=${live.name}
          .changes=${this.updates}
          .describe=${(c: DocChange) => describeWorkspaceChange(c, todoText)}
        ></crm-doc-history>
      </aside>
    </div>`
  }
}
