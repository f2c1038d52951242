import { LitElement, css, html, type PropertyValues } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import uPlot from 'uplot'

/**
 * A small plot of visits per hour (uPlot on a canvas): today as bars, a week before as a line.
 * Colours come from the wall's theme (`--wall-accent`, `--wall-muted`, `--wall-grid`, `--wall-text`).
 * Sized by its container; redrawn in place when the figures change.
 */
@customElement('crm-wall-chart')
export class CrmWallChart extends LitElement {
  /** Visits per hour (24 values): today, and a week before. */
  @property({ attribute: false }) today: number[] = []
  @property({ attribute: false }) lastWeek: number[] = []
  /** The series' names (in the language shown), for the screen reader's summary. */
  @property() label = ''
  @property() todayLabel = ''
  @property() lastWeekLabel = ''
  /** The theme's name: the canvas is redrawn with its colours. */
  @property({ reflect: true }) theme = 'light'

  private plot: uPlot | null = null
  private resize: ResizeObserver | null = null

  static styles = css`
    :host {
      display: block;
      position: relative;
      min-height: 8rem;
    }
    .box {
      position: absolute;
      inset: 0;
    }
    /* uPlot's own rules, in this shadow root (its stylesheet cannot reach in) */
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

  render() {
    return html`<div class="box" role="img" aria-label=${this.summary()}></div>`
  }

  /** What the plot says, in words: each hour with visits. */
  private summary(): string {
    const hours = this.today.flatMap((n, h) => (n ? [`${String(h).padStart(2, '0')}:00 ${n}`] : []))
    return `${this.label}. ${this.todayLabel}: ${hours.join(', ') || '0'}`
  }

  protected firstUpdated() {
    const box = this.renderRoot.querySelector<HTMLElement>('.box')
    if (!box) return
    this.resize = new ResizeObserver(() => this.draw(box))
    this.resize.observe(box)
  }

  protected updated(changed: PropertyValues<this>) {
    const box = this.renderRoot.querySelector<HTMLElement>('.box')
    if (!box) return
    if (changed.has('theme')) this.draw(box, true)
    else if (this.plot && (changed.has('today') || changed.has('lastWeek'))) this.plot.setData(this.data())
  }

  disconnectedCallback() {
    super.disconnectedCallback()
    this.resize?.disconnect()
    this.plot?.destroy()
    this.plot = null
  }

  /** The hours shown: 7 to 22, widened to any hour with visits. */
  private data(): uPlot.AlignedData {
    const any = (h: number) => (this.today[h] ?? 0) + (this.lastWeek[h] ?? 0) > 0
    let from = 7
    let to = 22
    for (let h = 0; h < 24; h++)
      if (any(h)) {
        from = Math.min(from, h)
        to = Math.max(to, h)
      }
    const xs = Array.from({ length: to - from + 1 }, (_, i) => from + i)
    return [xs, xs.map((h) => this.today[h] ?? 0), xs.map((h) => this.lastWeek[h] ?? 0)]
  }

  private draw(box: HTMLElement, rebuild = false) {
    const width = Math.max(120, Math.floor(box.clientWidth))
    const height = Math.max(80, Math.floor(box.clientHeight))
    if (this.plot && !rebuild) return this.plot.setSize({ width, height })
    this.plot?.destroy()
    const style = getComputedStyle(this)
    const colour = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback
    const accent = colour('--wall-accent', '#2f6f6a')
    const muted = colour('--wall-muted', '#5e6b68')
    const grid = colour('--wall-grid', 'rgba(0,0,0,0.08)')
    const text = colour('--wall-text', '#1f2a28')
    const font = `${Math.round(parseFloat(style.fontSize || '14') * 0.85)}px ${style.fontFamily || 'sans-serif'}`
    const axis = { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { show: false }, font }
    const bars = uPlot.paths.bars?.({ size: [0.7, 48], align: 0 })
    this.plot = new uPlot(
      {
        width,
        height,
        legend: { show: false },
        cursor: { show: false },
        scales: { x: { time: false }, y: { range: (_u, _min, max) => [0, Math.max(4, Math.ceil(max * 1.15))] } },
        axes: [
          { ...axis, values: (_u, ticks) => ticks.map((h) => `${String(h).padStart(2, '0')}`), incrs: [1, 2, 3] },
          { ...axis, size: 36, incrs: [1, 2, 5, 10, 20, 50, 100] },
        ],
        series: [
          {},
          { label: this.todayLabel, stroke: accent, fill: accent, width: 0, paths: bars, points: { show: false } },
          { label: this.lastWeekLabel, stroke: muted, width: 2, dash: [6, 4], points: { show: false } },
        ],
      },
      this.data(),
      box,
    )
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-wall-chart': CrmWallChart
  }
}
