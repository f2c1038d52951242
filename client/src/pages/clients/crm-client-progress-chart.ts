import { LitElement, type PropertyValues, css, html, nothing } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import uPlot from 'uplot'
import { formatMonthYear, formatNumber } from '../../../../domain/i18n/format'
import { LocaleController } from '../../i18n/locale-controller'
import { currentLocale, t } from '../../i18n/locale'
import { baseStyles } from '../../resources/styles'
import { uplotStyles } from './crm-client-progress-chart.styles'

/** One line per activity, in colours that keep 4.5:1 on white and differ for the colour-blind. */
export const SERIES_COLOURS = ['#2f6f6a', '#b45309', '#4338ca', '#be185d', '#15803d', '#0369a1', '#7c2d12', '#6b21a8']

/**
 * A small line chart of the journal by month (uPlot, drawn on a canvas: nothing inline that the
 * Content-Security-Policy refuses): one line per activity, the months on the x axis in the
 * language shown, our own legend, and the same figures in a table under it for screen readers,
 * the keyboard and print.
 */
@customElement('crm-client-progress-chart')
export class CrmClientProgressChart extends LitElement {
  /** The chart's title (also its accessible name). */
  @property() heading = ''
  @property({ attribute: false }) months: string[] = []
  @property({ attribute: false }) names: string[] = []
  /** Per activity, per month: the value or null (no marks that month). */
  @property({ attribute: false }) values: Array<Array<number | null>> = []
  /** The y range: [0, 100] for attendance in percent, [1, 5] for grades. */
  @property({ attribute: false }) range: [number, number] = [0, 100]
  private plot: uPlot | null = null
  private resize: ResizeObserver | null = null
  private readonly locale = new LocaleController(this)

  static styles = [
    baseStyles,
    uplotStyles,
    css`
      :host {
        display: block;
      }
      figure {
        margin: 0;
      }
      figcaption {
        font-weight: 600;
        font-size: 0.875rem;
        margin-bottom: 6px;
      }
      .plot {
        width: 100%;
        min-height: 180px;
      }
      .legend {
        display: flex;
        flex-wrap: wrap;
        gap: 4px 14px;
        list-style: none;
        padding: 0;
        margin: 6px 0 0;
        font-size: 0.8125rem;
      }
      .swatch {
        display: inline-block;
        width: 14px;
        height: 3px;
        vertical-align: middle;
        margin-inline-end: 6px;
        background: var(--c);
      }
      details {
        margin-top: 6px;
        font-size: 0.8125rem;
      }
      details table {
        margin-top: 6px;
      }
      @media print {
        details > table {
          display: table;
        }
      }
    `,
  ]

  disconnectedCallback() {
    super.disconnectedCallback()
    this.resize?.disconnect()
    this.resize = null
    this.plot?.destroy()
    this.plot = null
  }

  protected updated(changed: PropertyValues) {
    // a new language redraws the axis too (LocaleController asks for an update)
    if (changed.size === 0 || changed.has('months') || changed.has('values') || changed.has('names') || !this.plot) this.draw()
  }

  private draw() {
    const box = this.renderRoot.querySelector<HTMLElement>('.plot')
    if (!box) return
    this.plot?.destroy()
    const locale = currentLocale()
    const months = this.months
    const xs = months.map((_, i) => i)
    const width = Math.max(240, box.clientWidth || 480)
    const step = Math.max(1, Math.ceil(months.length / Math.max(2, Math.floor(width / 90))))
    const font = '12px "Noto Sans", "Noto Sans Armenian", system-ui, sans-serif'
    const axis = { stroke: '#5e6b68', font, grid: { stroke: '#e6eae8', width: 1 }, ticks: { stroke: '#d9dedb', width: 1 } }
    this.plot = new uPlot(
      {
        width,
        height: 180,
        legend: { show: false },
        cursor: { show: false },
        scales: { x: { time: false, range: [-0.5, Math.max(1, months.length - 1) + 0.5] }, y: { range: this.range } },
        axes: [
          {
            ...axis,
            splits: () => xs.filter((i) => i % step === 0),
            values: (_u, splits) => splits.map((i) => (months[i] ? formatMonthYear(months[i], locale) : '')),
          },
          { ...axis, size: 44, values: (_u, splits) => splits.map((v) => formatNumber(v, locale)) },
        ],
        series: [
          {},
          ...this.names.map((name, i) => ({
            label: name,
            stroke: SERIES_COLOURS[i % SERIES_COLOURS.length],
            width: 2,
            spanGaps: true,
            points: { show: true, size: 6, fill: SERIES_COLOURS[i % SERIES_COLOURS.length] },
          })),
        ],
      },
      [xs, ...this.values] as uPlot.AlignedData,
      box,
    )
    if (!this.resize) {
      this.resize = new ResizeObserver(() => {
        const w = Math.max(240, box.clientWidth)
        if (this.plot && Math.abs(this.plot.width - w) > 4) this.draw()
      })
      this.resize.observe(box)
    }
  }

  render() {
    const locale = currentLocale()
    const first = this.months[0]
    const last = this.months[this.months.length - 1]
    const label =
      first && last
        ? t('progress.chart.label', {
            what: this.heading,
            activities: this.names.join(', '),
            from: formatMonthYear(first, locale),
            to: formatMonthYear(last, locale),
          })
        : this.heading
    const cell = (v: number | null) => (v === null ? '—' : formatNumber(v, locale))
    return html`<figure>
      <figcaption>${this.heading}</figcaption>
      <div class="plot" role="img" aria-label=${label}></div>
      <ul class="legend">
        ${this.names.map(
          (n, i) => html`<li><span class="swatch" style="--c: ${SERIES_COLOURS[i % SERIES_COLOURS.length]}"></span>${n}</li>`,
        )}
      </ul>
      <details>
        <summary>${t('progress.chart.figures')}</summary>
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">${t('progress.chart.month')}</th>
                ${this.names.map((n) => html`<th scope="col" class="num">${n}</th>`)}
              </tr>
            </thead>
            <tbody>
              ${this.months.map(
                (m, i) =>
                  html`<tr>
                    <th scope="row">${formatMonthYear(m, locale)}</th>
                    ${this.values.map((row) => html`<td class="num">${cell(row[i] ?? null)}</td>`)}
                  </tr>`,
              )}
            </tbody>
          </table>
        </div>
      </details>
      ${nothing}
    </figure>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-client-progress-chart': CrmClientProgressChart
  }
}
