import { LitElement, html, nothing, type TemplateResult } from 'lit'
import { property, state } from 'lit/decorators.js'
import type { MessageId } from '../../../domain/i18n/catalogue'
import { navigate } from '../common/navigate'
import { fetchBranches } from '../data/branches'
import { rememberedBranch, rememberBranch } from '../data/remembered-branch'
import type { Branch } from '../data/types'
import { LocaleController } from '../i18n/locale-controller'
import { t } from '../i18n/locale'
import { baseStyles, pageStyles } from '../resources/styles'
import { tabbedPageStyles } from '../resources/tabbed-page.styles'
import type { PageContext } from '../types'

export interface PageTab<T extends string> {
  id: T
  label: MessageId
  /** Loads the tab's element (each tab is a chunk of its own). */
  load: () => Promise<unknown>
}

/**
 * An area's page of tabs for one branch of the user's (Passes, Stock, Staff…): the heading, a
 * branch picker when the user has several (the one they last chose remembered), the tabs as an
 * ARIA tablist (arrows, Home and End move between them; `?tab=` in the address keeps the one
 * shown) and the tab's panel. A page says its address, tabs, words and how a tab is drawn.
 */
export abstract class BranchTabsPage<T extends string> extends LitElement {
  @property({ attribute: false }) ctx!: PageContext
  @state() protected branches: Branch[] = []
  @state() protected branchId = ''
  protected readonly locale = new LocaleController(this)

  static styles = [baseStyles, pageStyles, tabbedPageStyles]

  /** The area's address ('/staff'). */
  protected abstract readonly path: string
  /** Its heading, the line under it and the branch picker's label. */
  protected abstract readonly words: { title: MessageId; lead: MessageId; branch: MessageId }
  /** The tabs this user sees, in order; the first is the default. */
  protected abstract get tabs(): ReadonlyArray<PageTab<T>>
  protected abstract renderTab(tab: T, branch: Branch): TemplateResult
  /** A screen of its own under the area's address (an employee's file, a stock document), else null. */
  protected detail(): TemplateResult | null {
    return null
  }

  connectedCallback() {
    super.connectedCallback()
    void fetchBranches().then(
      (all) => {
        const mine = this.ctx.user.branchIds
        this.branches = mine.length ? all.filter((b) => mine.includes(b.id)) : all
        const wanted = rememberedBranch(this.ctx.user)
        this.branchId = this.branches.find((b) => b.id === wanted)?.id ?? this.branches[0]?.id ?? ''
      },
      () => {},
    )
  }

  protected get tab(): T | null {
    const wanted = new URLSearchParams(this.ctx.search).get('tab')
    const tabs = this.tabs
    return tabs.find((x) => x.id === wanted)?.id ?? tabs[0]?.id ?? null
  }

  protected get branch(): Branch | null {
    return this.branches.find((b) => b.id === this.branchId) ?? null
  }

  render() {
    const detail = this.detail()
    if (detail) return detail
    const tabs = this.tabs
    const tab = this.tab
    void tabs.find((x) => x.id === tab)?.load()
    return html`
      <div class="page-header">
        <div>
          <h1>${t(this.words.title)}</h1>
          <p>${t(this.words.lead)}</p>
        </div>
        ${
          this.branches.length > 1
            ? html`<div class="field branch">
                <label for="branch">${t(this.words.branch)}</label>
                <select id="branch" @change=${this.onBranch}>
                  ${this.branches.map((b) => html`<option value=${b.id} ?selected=${b.id === this.branchId}>${b.name}</option>`)}
                </select>
              </div>`
            : nothing
        }
      </div>
      <div role="tablist" aria-label=${t(this.words.title)} @keydown=${this.onTabKey}>
        ${tabs.map(
          (x) =>
            html`<button
              role="tab"
              id="tab-${x.id}"
              aria-selected=${x.id === tab ? 'true' : 'false'}
              aria-controls="panel"
              tabindex=${x.id === tab ? 0 : -1}
              @click=${() => this.select(x.id)}
            >
              ${t(x.label)}
            </button>`,
        )}
      </div>
      <div id="panel" role="tabpanel" aria-labelledby="tab-${tab}">
        ${this.branch && tab ? this.renderTab(tab, this.branch) : nothing}
      </div>
    `
  }

  private onBranch = (e: Event) => {
    this.branchId = (e.target as HTMLSelectElement).value
    rememberBranch(this.ctx.user.id, this.branchId)
  }

  private select(tab: T) {
    navigate(`${this.path}${tab === this.tabs[0]?.id ? '' : `?tab=${tab}`}`, { replace: true })
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${tab}`)?.focus())
  }

  private onTabKey = (e: KeyboardEvent) => {
    const tabs = this.tabs
    const i = tabs.findIndex((x) => x.id === this.tab)
    let next = -1
    if (e.key === 'ArrowRight') next = (i + 1) % tabs.length
    else if (e.key === 'ArrowLeft') next = (i - 1 + tabs.length) % tabs.length
    else if (e.key === 'Home') next = 0
    else if (e.key === 'End') next = tabs.length - 1
    if (next < 0) return
    e.preventDefault()
    this.select(tabs[next].id)
  }
}
