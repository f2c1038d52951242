import { LitElement, css, html, type PropertyValues } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import { styleMap } from 'lit/directives/style-map.js'
import uPlot from 'uplot'

/** One series of a report's chart: its name (in the language shown) and a value per category. */
export interface ChartSeries {
  label: string
  values: number[]
}

/**
 * A report's chart (uPlot on a canvas): categories along the bottom (months, ageing buckets,
 * teachers), the first series as bars, the others as lines with points; a legend below and the
 * figures in words for screen readers. Values are formatted by `format` (money, counts).
 */
@customElement('crm-report-chart')
export class CrmReportChart extends LitElement {
  @property({ attribute: false }) categories: string[] = []
  @property({ attribute: false }) series: ChartSeries[] = []
  @property({ attribute: false }) format: (v: number) => string = String
  /** What the chart shows, for its accessible name. */
  @property() label = ''
  /** Every series as a line with points (a curve), the first too. */
  @property({ type: Boolean }) lines = false

  private plot: uPlot | null = null
  private resize: ResizeObserver | null = null

  static styles = css`
    :host {
      display: block;
      margin-bottom: var(--crm-space-3, 12px);
    }
    .box {
      position: relative;
      height: 220px;
    }
    .legend {
      display: flex;
      gap: 16px;
      flex-wrap: wrap;
      font-size: 0.85rem;
      color: var(--crm-muted, #555);
    }
    .swatch {
      display: inline-block;
      width: 12px;
      height: 12px;
      border-radius: 2px;
      margin-inline-end: 6px;
      vertical-align: -1px;
    }
    .uplot,
    .uplot * {
      box-sizing: border-box;
    }
    .uplot {
      font-family: inherit;
      line-height: 1.5;
      width: min-content;
    }
    .u-wrap {
      position: relative;
      user-select: none;
    }
    .u-over,
    .u-under {
      position: absolute;
    }
    .u-under {
      overflow: hidden;
    }
    .uplot canvas {
      display: block;
      position: relative;
      width: 100%;
      height: 100%;
    }
    .u-axis {
      position: absolute;
    }
    .u-legend,
    .u-cursor-pt,
    .u-cursor-x,
    .u-cursor-y,
    .u-select {
      display: none;
    }
  `

  private colours(): string[] {
    const style = getComputedStyle(this)
    const pick = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback
    return [pick('--crm-primary', '#2f6f6a'), pick('--crm-warning', '#b7791f'), pick('--crm-danger', '#c53030')]
  }

  render() {
    const colours = this.colours()
    return html`<div class="box" role="img" aria-label=${this.summary()}></div>
      <div class="legend" aria-hidden="true">
        ${this.series.map((s, i) => html`<span><span class="swatch" style=${styleMap({ background: colours[i % colours.length] })}></span>${s.label}</span>`)}
      </div>`
  }

  /** The figures in words: each series, each category and its value. */
  private summary(): string {
    const parts = this.series.map(
      (s) => `${s.label}: ${this.categories.map((c, i) => `${c} ${this.format(s.values[i] ?? 0)}`).join(', ')}`,
    )
    return [this.label, ...parts].join('. ')
  }

  protected firstUpdated() {
    const box = this.renderRoot.querySelector<HTMLElement>('.box')
    if (!box) return
    this.resize = new ResizeObserver(() => this.draw(box))
    this.resize.observe(box)
  }

  protected updated(changed: PropertyValues<this>) {
    const box = this.renderRoot.querySelector<HTMLElement>('.box')
    if (box && this.plot && (changed.has('series') || changed.has('categories'))) this.draw(box, true)
  }

  disconnectedCallback() {
    super.disconnectedCallback()
    this.resize?.disconnect()
    this.plot?.destroy()
    this.plot = null
  }

  private draw(box: HTMLElement, rebuild = false) {
    const width = Math.max(160, Math.floor(box.clientWidth))
    const height = Math.max(120, Math.floor(box.clientHeight))
    if (this.plot && !rebuild) return this.plot.setSize({ width, height })
    this.plot?.destroy()
    const style = getComputedStyle(this)
    const text = style.getPropertyValue('--crm-text').trim() || '#1f2a28'
    const font = `${Math.round(parseFloat(style.fontSize || '14') * 0.8)}px ${style.fontFamily || 'sans-serif'}`
    const axis = { stroke: text, grid: { stroke: 'rgba(0,0,0,0.08)', width: 1 }, ticks: { show: false }, font }
    const colours = this.colours()
    const xs = this.categories.map((_, i) => i)
    const bars = uPlot.paths.bars?.({ size: [0.6, 64], align: 0 })
    const cats = this.categories
    this.plot = new uPlot(
      {
        width,
        height,
        legend: { show: false },
        cursor: { show: false },
        scales: {
          x: { time: false, range: () => [-0.5, Math.max(0.5, xs.length - 0.5)] },
          y: { range: (_u, min, max) => [Math.min(0, min), Math.max(1, max * 1.15)] },
        },
        axes: [
          { ...axis, splits: () => xs, values: (_u, ticks) => ticks.map((i) => cats[i] ?? '') },
          { ...axis, size: 90, values: (_u, ticks) => ticks.map((v) => this.format(v)) },
        ],
        series: [
          {},
          ...this.series.map((s, i) =>
            i === 0 && !this.lines
              ? { label: s.label, stroke: colours[0], fill: colours[0], width: 0, paths: bars, points: { show: false } }
              : { label: s.label, stroke: colours[i % colours.length], width: 2, points: { show: true, size: 6 } },
          ),
        ],
      },
      [xs, ...this.series.map((s) => s.values)],
      box,
    )
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-report-chart': CrmReportChart
  }
}
