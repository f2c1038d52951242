import {
  type CSSResultGroup,
  LitElement,
  type PropertyValues,
  adoptStyles,
  html,
  noChange,
  nothing,
  type TemplateResult,
} from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { Directive, type ElementPart, type PartInfo, PartType, directive } from 'lit/directive.js'
import { repeat } from 'lit/directives/repeat.js'
import { styleMap } from 'lit/directives/style-map.js'
import '@lit-labs/virtualizer'
import type { RangeChangedEvent } from '@lit-labs/virtualizer/events.js'
import { LocaleController } from '../i18n/locale-controller'
import { t } from '../i18n/locale'
import { baseStyles } from '../resources/styles'
import { crmDataTableStyles } from './crm-data-table.styles'

/** One column of a crm-data-table. */
export interface DataTableColumn<T> {
  key: string
  title: string
  /** The column has a title for screen readers only (e.g. a column of buttons). */
  titleHidden?: boolean
  /** A CSS grid track: '2fr', '120px', 'minmax(160px, 2fr)'. Default '1fr'. (Virtual layout.) */
  width?: string
  /** The cell's content. */
  render: (row: T) => unknown
  /** Hide the column when the table is narrower than this (px): tablets keep the essentials. */
  hideBelow?: number
  align?: 'start' | 'end'
  /** A class on the column's cells and header, for the `cellStyles` (e.g. 'num', 'actions'). */
  className?: string
}

/**
 * The one table for every list (HA's ha-data-table): columns as data, rows as data.
 *
 * - `layout="virtual"` (default), for long lists: a header row and a `<lit-virtualizer>` that
 *   renders only the rows on screen, so 100,000 rows scroll as smoothly as 100. Near the end of
 *   the loaded rows it fires `crm-load-more` (infinite scroll); the page fetches the next keyset
 *   page and appends it. The table scrolls inside itself: give the element a height (or a flex
 *   parent).
 * - `layout="table"`, for short lists: every row in a real `<table>` (the page scrolls), and a
 *   "Load more" button firing `crm-load-more` while `hasMore`.
 *
 * Cells render inside the table's shadow root: a page's own cell styles go in `cellStyles`.
 * Keyboard: links and buttons inside cells are ordinary tab stops.
 * @example
 * html`<crm-data-table label="Clients" .columns=${cols} .rows=${rows} .keyFn=${(r) => r.id}
 *        .hasMore=${!!cursor} .loading=${loading} @crm-load-more=${() => this.more()}></crm-data-table>`
 * @example
 * html`<crm-data-table layout="table" label="Users" .columns=${cols} .rows=${users}
 *        .rowAttrs=${(u) => ({ 'data-login': u.login })} .cellStyles=${usersCellStyles}></crm-data-table>`
 */
@customElement('crm-data-table')
export class CrmDataTable<T = unknown> extends LitElement {
  @property() label = ''
  @property({ reflect: true }) layout: 'virtual' | 'table' = 'virtual'
  /** No frame of its own (the table sits in a card of the page). */
  @property({ type: Boolean, reflect: true }) flat = false
  @property({ attribute: false }) columns: DataTableColumn<T>[] = []
  @property({ attribute: false }) rows: T[] = []
  @property({ attribute: false }) keyFn: (row: T) => string = (row) => String((row as { id?: unknown }).id)
  /** Per-row attributes for tests and styling, e.g. `{ 'data-login': user.login }`. */
  @property({ attribute: false }) rowAttrs?: (row: T) => Record<string, string>
  /** Per-row classes, e.g. 'inactive'. */
  @property({ attribute: false }) rowClass?: (row: T) => string
  /** Clicking a row (outside its links and buttons) calls this, e.g. to open the item. */
  @property({ attribute: false }) onRowClick?: (row: T) => void
  /** The page's styles for what its cells render (added to the table's own). */
  @property({ attribute: false }) cellStyles?: CSSResultGroup
  @property({ type: Boolean }) loading = false
  @property({ type: Boolean }) hasMore = false
  /** Shown when there are no rows (nothing when empty; unset: "Nothing to show." in the tab's language). */
  @property() emptyText: string | undefined = undefined
  /** Shown while the first rows load (table layout; unset: "Loading…" in the tab's language). */
  @property() loadingText: string | undefined = undefined
  /** How close to the end (in rows) the next page is asked for (virtual layout). */
  @property({ type: Number }) threshold = 40
  @state() private width = 1200
  private resizeObserver?: ResizeObserver
  private lastAskedAt = -1
  private lastVisible = -1
  private readonly locale = new LocaleController(this)

  static styles: CSSResultGroup = [baseStyles, crmDataTableStyles]

  connectedCallback() {
    super.connectedCallback()
    this.resizeObserver = new ResizeObserver((entries) => {
      const w = Math.round(entries[0]?.contentRect.width ?? this.width)
      if (w > 0 && w !== this.width) this.width = w
    })
    this.resizeObserver.observe(this)
  }

  disconnectedCallback() {
    super.disconnectedCallback()
    this.resizeObserver?.disconnect()
  }

  protected willUpdate(changed: PropertyValues<this>) {
    // a new first page (filters changed): forget how far we asked
    if (changed.has('rows') && this.rows.length < this.lastAskedAt) {
      this.lastAskedAt = -1
      this.lastVisible = -1
    }
    if (changed.has('cellStyles') && this.shadowRoot) {
      const own = (this.constructor as typeof CrmDataTable).elementStyles
      adoptStyles(this.shadowRoot, [...own, ...CrmDataTable.finalizeStyles(this.cellStyles)])
    }
  }

  private get empty(): string {
    return this.emptyText ?? t('common.table.empty')
  }

  private get loadingWords(): string {
    return this.loadingText ?? t('common.loading')
  }

  private get visibleColumns() {
    return this.columns.filter((c) => !c.hideBelow || this.width >= c.hideBelow)
  }

  render() {
    return this.layout === 'table' ? this.renderTable() : this.renderVirtual()
  }

  // ——— table layout ———

  private renderTable() {
    const cols = this.visibleColumns
    const cls = (c: DataTableColumn<T>) => [c.className, c.align === 'end' ? 'end' : ''].filter(Boolean).join(' ') || nothing
    return html`<table aria-label=${this.label || nothing} aria-busy=${this.loading ? 'true' : 'false'}>
        <thead>
          <tr>
            ${cols.map(
              (c) =>
                html`<th scope="col" class=${cls(c)}>
                  ${c.titleHidden ? html`<span class="visually-hidden">${c.title}</span>` : c.title}
                </th>`,
            )}
          </tr>
        </thead>
        <tbody>
          ${repeat(
            this.rows,
            (row) => this.keyFn(row),
            (row) =>
              html`<tr
                class=${this.rowClasses(row) || nothing}
                ${attributes(this.rowAttrs?.(row) ?? {})}
                @click=${(e: MouseEvent) => this.rowClick(e, row)}
              >
                ${cols.map((c) => html`<td class=${cls(c)}>${c.render(row)}</td>`)}
              </tr>`,
          )}
        </tbody>
      </table>
      ${
        this.rows.length === 0 && (this.loading ? this.loadingWords : this.empty)
          ? html`<p class="empty muted">${this.loading ? this.loadingWords : this.empty}</p>`
          : nothing
      }
      ${
        this.hasMore
          ? html`<div class="more">
              <button @click=${this.askForMore} ?disabled=${this.loading}>
                ${this.loading ? t('common.loading') : t('common.loadMore')}
              </button>
            </div>`
          : nothing
      }`
  }

  // ——— virtual layout ———

  private renderVirtual() {
    const cols = this.visibleColumns
    const grid = { '--crm-columns': cols.map((c) => c.width ?? '1fr').join(' ') }
    return html`<div
        role="table"
        aria-label=${this.label}
        aria-rowcount=${this.hasMore ? -1 : this.rows.length + 1}
        aria-busy=${this.loading ? 'true' : 'false'}
        style="display:contents"
      >
        <div class="row head" role="row" style=${styleMap(grid)}>
          ${cols.map(
            (c) =>
              html`<div class="cell ${c.align === 'end' ? 'end' : ''}" role="columnheader">
                ${c.titleHidden ? html`<span class="visually-hidden">${c.title}</span>` : c.title}
              </div>`,
          )}
        </div>
        ${
          this.rows.length === 0 && !this.loading
            ? html`<p class="empty" role="row"><span role="cell">${this.empty}</span></p>`
            : html`<lit-virtualizer
                class="body"
                role="rowgroup"
                scroller
                style=${styleMap(grid)}
                .items=${this.rows}
                .keyFunction=${(row: T) => this.keyFn(row)}
                .renderItem=${(row: T) => this.renderRow(row, cols)}
                @rangeChanged=${this.onRange}
              ></lit-virtualizer>`
        }
      </div>
      <div class="footer" aria-live="polite">
        ${this.loading ? t('common.loading') : this.rows.length ? this.shownText() : nothing}
      </div>`
  }

  /** "1,234 shown" / "1,234+ shown — scroll for more", the count in the tab's number format. */
  private shownText(): string {
    const count = this.rows.length
    return this.hasMore ? t('common.table.shownMore', { count }) : t('common.table.shown', { count })
  }

  private renderRow(row: T, cols: DataTableColumn<T>[]): TemplateResult {
    return html`<div
      class="row ${this.rowClasses(row)}"
      role="row"
      data-key=${this.keyFn(row)}
      ${attributes(this.rowAttrs?.(row) ?? {})}
      @click=${(e: MouseEvent) => this.rowClick(e, row)}
    >
      ${cols.map((c) => html`<div class="cell ${c.align === 'end' ? 'end' : ''}" role="cell">${c.render(row)}</div>`)}
    </div>`
  }

  private rowClasses(row: T): string {
    return [this.onRowClick ? 'clickable' : '', this.rowClass?.(row) ?? ''].filter(Boolean).join(' ')
  }

  private rowClick(e: MouseEvent, row: T) {
    if (!this.onRowClick) return
    // links and buttons inside the row do their own thing
    if (
      e
        .composedPath()
        .some((n) => n instanceof HTMLElement && (n.tagName === 'A' || n.tagName === 'BUTTON' || n.tagName === 'INPUT'))
    )
      return
    if (window.getSelection()?.toString()) return // the user is selecting text, not opening
    this.onRowClick(row)
  }

  private onRange = (e: RangeChangedEvent) => {
    this.lastVisible = e.last
    this.maybeAskForMore()
  }

  protected updated(changed: PropertyValues<this>) {
    // a page arrived while the user waited at the end: the range may not change again by itself
    if (this.layout === 'virtual' && (changed.has('loading') || changed.has('hasMore'))) this.maybeAskForMore()
  }

  private maybeAskForMore() {
    if (!this.hasMore || this.loading) return
    if (this.lastVisible >= this.rows.length - this.threshold && this.lastAskedAt !== this.rows.length) {
      this.lastAskedAt = this.rows.length
      this.askForMore()
    }
  }

  private askForMore = () => {
    this.dispatchEvent(new CustomEvent('crm-load-more', { bubbles: true, composed: true }))
  }
}

/** Sets (and on the next render removes) the given attributes on the element it is placed on. */
class AttributesDirective extends Directive {
  private names: string[] = []

  constructor(part: PartInfo) {
    super(part)
    if (part.type !== PartType.ELEMENT) throw new Error('attributes() belongs on an element')
  }

  render(_attrs: Record<string, string>) {
    return noChange
  }

  update(part: ElementPart, [attrs]: [Record<string, string>]) {
    const el = part.element
    for (const name of this.names) if (!(name in attrs)) el.removeAttribute(name)
    for (const [name, value] of Object.entries(attrs)) if (el.getAttribute(name) !== value) el.setAttribute(name, value)
    this.names = Object.keys(attrs)
    return noChange
  }
}
const attributes = directive(AttributesDirective)

declare global {
  interface HTMLElementTagNameMap {
    'crm-data-table': CrmDataTable
  }
  interface HTMLElementEventMap {
    'crm-load-more': CustomEvent<undefined>
  }
}
