import { type CSSResultGroup, LitElement, css, html, nothing, type TemplateResult } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { styleMap } from 'lit/directives/style-map.js'
import '@lit-labs/virtualizer'
import type { RangeChangedEvent } from '@lit-labs/virtualizer/events.js'
import { baseStyles } from '../resources/styles'

/** One column of a crm-data-table. */
export interface DataTableColumn<T> {
  key: string
  title: string
  /** A CSS grid track: '2fr', '120px', 'minmax(160px, 2fr)'. Default '1fr'. */
  width?: string
  /** The cell's content. */
  render: (row: T) => unknown
  /** Hide the column when the table is narrower than this (px): tablets keep the essentials. */
  hideBelow?: number
  align?: 'start' | 'end'
}

/**
 * The one virtualised table for long lists (HA's ha-data-table): a header row and a
 * `<lit-virtualizer>` that renders only the rows on screen, so 100,000 rows scroll as
 * smoothly as 100. Near the end of the loaded rows it fires `crm-load-more` (infinite scroll);
 * the page fetches the next keyset page and appends it.
 *
 * The table scrolls inside itself: give the element a height (or a flex parent).
 * Keyboard: links inside cells are ordinary tab stops.
 * @example
 * html`<crm-data-table label="Clients" .columns=${cols} .rows=${rows} .keyFn=${(r) => r.id}
 *        .hasMore=${!!cursor} .loading=${loading} @crm-load-more=${() => this.more()}></crm-data-table>`
 */
@customElement('crm-data-table')
export class CrmDataTable<T = unknown> extends LitElement {
  @property() label = ''
  @property({ attribute: false }) columns: DataTableColumn<T>[] = []
  @property({ attribute: false }) rows: T[] = []
  @property({ attribute: false }) keyFn: (row: T) => string = (row) => String((row as { id?: unknown }).id)
  /** Optional per-row attributes for tests and styling, e.g. the row's id. */
  @property({ attribute: false }) rowAttrs?: (row: T) => Record<string, string>
  /** Clicking a row (outside its links and buttons) calls this, e.g. to open the item. */
  @property({ attribute: false }) onRowClick?: (row: T) => void
  @property({ type: Boolean }) loading = false
  @property({ type: Boolean }) hasMore = false
  @property() emptyText = 'Nothing to show.'
  /** How close to the end (in rows) the next page is asked for. */
  @property({ type: Number }) threshold = 40
  @state() private width = 1200
  private resizeObserver?: ResizeObserver
  private lastAskedAt = -1
  private lastVisible = -1

  static styles: CSSResultGroup = [
    baseStyles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        min-height: 240px;
        background: var(--crm-surface);
        border: 1px solid var(--crm-border);
        border-radius: calc(var(--crm-radius) + 2px);
        box-shadow: var(--crm-shadow);
        overflow: hidden;
      }
      .row {
        display: grid;
        grid-template-columns: var(--crm-columns);
        align-items: center;
        gap: 0 12px;
        padding: 0 16px;
        width: 100%;
        min-height: 48px;
        border-bottom: 1px solid var(--crm-border);
        font-size: 0.9375rem;
      }
      .head {
        min-height: 40px;
        background: var(--crm-surface-2);
        font-weight: 600;
        font-size: 0.8125rem;
        color: var(--crm-muted);
        text-transform: uppercase;
        letter-spacing: 0.03em;
        flex: none;
      }
      lit-virtualizer {
        flex: 1;
        min-height: 0;
        contain: strict;
      }
      .body .row {
        cursor: default;
      }
      .body .row.clickable {
        cursor: pointer;
      }
      .body .row:hover {
        background: var(--crm-surface-2);
      }
      .body .row:focus-within {
        background: var(--crm-primary-soft);
      }
      .cell {
        min-width: 0;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
        padding: 6px 0;
      }
      .cell.end {
        text-align: right;
      }
      .footer {
        flex: none;
        padding: 8px 16px;
        font-size: 0.8125rem;
        color: var(--crm-muted);
        border-top: 1px solid var(--crm-border);
        background: var(--crm-surface);
        min-height: 34px;
      }
      .empty {
        padding: 28px 16px;
        color: var(--crm-muted);
      }
    `,
  ]

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

  protected willUpdate(changed: Map<string, unknown>) {
    // a new first page (filters changed): forget how far we asked
    if (changed.has('rows') && this.rows.length < this.lastAskedAt) {
      this.lastAskedAt = -1
      this.lastVisible = -1
    }
  }

  private get visibleColumns() {
    return this.columns.filter((c) => !c.hideBelow || this.width >= c.hideBelow)
  }

  render() {
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
          ${cols.map((c) => html`<div class="cell ${c.align === 'end' ? 'end' : ''}" role="columnheader">${c.title}</div>`)}
        </div>
        ${
          this.rows.length === 0 && !this.loading
            ? html`<p class="empty" role="row"><span role="cell">${this.emptyText}</span></p>`
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
        ${this.loading ? 'Loading…' : this.rows.length ? html`${this.rows.length.toLocaleString()}${this.hasMore ? '+' : ''} shown${this.hasMore ? ' — scroll for more' : ''}` : nothing}
      </div>`
  }

  private renderRow(row: T, cols: DataTableColumn<T>[]): TemplateResult {
    const attrs = this.rowAttrs?.(row) ?? {}
    return html`<div
      class="row ${this.onRowClick ? 'clickable' : ''}"
      role="row"
      data-key=${this.keyFn(row)}
      data-testid=${attrs['data-testid'] ?? nothing}
      @click=${(e: MouseEvent) => this.rowClick(e, row)}
    >
      ${cols.map((c) => html`<div class="cell ${c.align === 'end' ? 'end' : ''}" role="cell">${c.render(row)}</div>`)}
    </div>`
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

  protected updated(changed: Map<string, unknown>) {
    // a page arrived while the user waited at the end: the range may not change again by itself
    if (changed.has('loading') || changed.has('hasMore')) this.maybeAskForMore()
  }

  private maybeAskForMore() {
    if (!this.hasMore || this.loading) return
    if (this.lastVisible >= this.rows.length - this.threshold && this.lastAskedAt !== this.rows.length) {
      this.lastAskedAt = this.rows.length
      this.dispatchEvent(new CustomEvent('crm-load-more', { bubbles: true, composed: true }))
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-data-table': CrmDataTable
  }
  interface HTMLElementEventMap {
    'crm-load-more': CustomEvent<undefined>
  }
}
