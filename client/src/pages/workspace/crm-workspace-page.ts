import { LitElement, css, html, nothing } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import type * as Y from 'yjs'
import { formatLongDate, greeting } from '../../common/dates'
import { LiveDocController } from '../../controllers/live-doc-controller'
import type { DocChange } from '../../data/doc-history'
import { describeWorkspaceChange, encodeWorkspaceDocName, notesOf, todosOf } from '../../data/workspace'
import { baseStyles, pageStyles } from '../../resources/styles'
import type { PageContext } from '../../types'
import '../../components/crm-doc-history'
import '../../components/crm-presence-list'
import '../../components/crm-save-state'
import '../not-found/crm-not-found-page'
import './crm-notes-editor'
import './crm-todo-list'

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
  private updates = 0
  private observedDoc: unknown = null
  private lastSaved: string | null = null

  private doc = new LiveDocController(this, () => ({ name: this.docName, user: this.ctx.user }))

  static styles = [
    baseStyles,
    pageStyles,
    css`
      :host {
        max-width: 1320px;
      }
      .status {
        display: flex;
        align-items: center;
        gap: 14px;
        flex-wrap: wrap;
      }
      .date {
        color: var(--crm-muted);
      }
      .layout {
        display: grid;
        grid-template-columns: minmax(0, 1fr) 340px;
        gap: 20px;
        align-items: start;
      }
      .main {
        display: flex;
        flex-direction: column;
        gap: 20px;
        min-width: 0;
      }
      section.card {
        padding: 16px 18px 18px;
      }
      section.card > h2 {
        margin-bottom: 12px;
      }
      aside.card {
        padding: 16px 18px;
        position: sticky;
        top: calc(var(--crm-header-height) + 16px);
        max-height: calc(100vh - var(--crm-header-height) - 32px);
        overflow-y: auto;
      }
      aside h2 {
        margin-bottom: 4px;
      }
      .banner {
        margin-bottom: 16px;
      }
      .loading {
        color: var(--crm-muted);
      }
      @media (max-width: 1100px) {
        .layout {
          grid-template-columns: minmax(0, 1fr);
        }
        aside.card {
          position: static;
          max-height: none;
        }
      }
    `,
  ]

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
    // count document updates so the history panel knows when to refetch
    const live = this.doc.live
    if (live && live.doc !== this.observedDoc) {
      this.observedDoc = live.doc
      // (not 'update': Yjs would encode every transaction for it)
      live.doc.on('afterTransaction', (tr: Y.Transaction) => {
        if (tr.changed.size === 0 && tr.deleteSet.clients.size === 0) return
        this.updates++
        this.requestUpdate()
      })
    }
    // our own edits are in the history once the server says they are stored
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
          <h1>${this.mine ? `${greeting()}, ${first}` : ownerName ? `${ownerName}'s workspace` : "Someone else's workspace"}</h1>
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
      ${this.renderBanner(readOnly)} ${live ? this.renderDoc(readOnly) : nothing}
    `
  }

  private renderBanner(readOnly: boolean) {
    const live = this.doc.live
    if (live?.closed) return html`<p class="alert error banner" role="alert">${live.closed.message}</p>`
    const banners = []
    if (readOnly)
      banners.push(
        html`<p class="alert warning banner" role="status" data-testid="read-only">
          Read-only: you can view but not change this document
        </p>`,
      )
    const n = live?.notice
    if (n && n.type !== 'read-only' && n.type !== 'read-write' && live?.savedState !== 'saved')
      banners.push(html`<p class="alert info banner" role="status">${n.message}</p>`)
    return banners
  }

  private renderDoc(readOnly: boolean) {
    const live = this.doc.live!
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
        <section class="card" aria-labelledby="todos-title">
          <h2 id="todos-title">To-dos</h2>
          ${live.synced ? nothing : html`<p class="loading" aria-busy="true">${live.connected ? 'Loading…' : 'Connecting…'}</p>`}
          <crm-todo-list .todos=${todos} ?readOnly=${readOnly} .presence=${live.presence} .onFocusChange=${focus}></crm-todo-list>
        </section>
        <section class="card" aria-labelledby="notes-title">
          <h2 id="notes-title">Notes of the day</h2>
          <crm-notes-editor
            .text=${notes}
            ?readOnly=${readOnly}
            label="Notes of the day"
            placeholder=${readOnly ? 'No notes.' : 'Anything to remember today…'}
            .onFocusChange=${focus}
          ></crm-notes-editor>
        </section>
      </div>
      <aside class="card" aria-labelledby="history-title">
        <h2 id="history-title">History</h2>
        <crm-doc-history
          .docName=${live.name}
          .changes=${this.updates}
          .describe=${(c: DocChange) => describeWorkspaceChange(c, todoText)}
        ></crm-doc-history>
      </aside>
    </div>`
  }
}
