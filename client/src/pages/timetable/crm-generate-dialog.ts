import { LitElement, css, html, nothing, type PropertyValues } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { ApiError } from '../../data/api'
import { type GenerateResult, clashLabel, generateTimetable } from '../../data/timetable'
import { baseStyles } from '../../resources/styles'
import '../../components/crm-dialog'

/**
 * "Generate": lays out the groups' weekly patterns as lessons over a date range
 * (POST /api/timetable/generate) and reports what was created, skipped and which clashes it found.
 */
@customElement('crm-generate-dialog')
export class CrmGenerateDialog extends LitElement {
  @property({ type: Boolean }) open = false
  @property() branchId = ''
  @property() branchName = ''
  /** Default range (the week on screen). */
  @property() from = ''
  @property() to = ''
  @state() private range = { from: '', to: '' }
  @state() private busy = false
  @state() private error: string | null = null
  @state() private result: GenerateResult | null = null

  static styles = [
    baseStyles,
    css`
      .two {
        display: grid;
        grid-template-columns: 1fr 1fr;
        gap: 10px;
      }
      .result {
        margin: 6px 0 12px;
      }
      .numbers {
        display: flex;
        gap: 18px;
        margin-bottom: 8px;
      }
      .numbers strong {
        font-size: 1.4rem;
        display: block;
      }
      ul {
        margin: 4px 0 0;
        padding-left: 18px;
        max-height: 220px;
        overflow: auto;
        font-size: 0.875rem;
      }
    `,
  ]

  protected willUpdate(changed: PropertyValues<this>) {
    if (changed.has('open') && this.open) {
      this.range = { from: this.from, to: this.to }
      this.result = null
      this.error = null
    }
  }

  render() {
    return html`<crm-dialog heading="Generate lessons" .open=${this.open} @crm-dialog-closed=${this.onClosed}>
      <form @submit=${this.onSubmit}>
        <p class="muted" style="margin-bottom:12px">
          Creates the lessons of ${this.branchName || 'this branch'}'s groups from their weekly patterns. Lessons already there,
          moved or deleted by hand are left alone.
        </p>
        <div class="two">
          <div class="field">
            <label for="from">From</label>
            <input
              id="from"
              type="date"
              required
              .value=${this.range.from}
              @change=${(e: Event) => (this.range = { ...this.range, from: (e.target as HTMLInputElement).value })}
            />
          </div>
          <div class="field">
            <label for="to">To</label>
            <input
              id="to"
              type="date"
              required
              .value=${this.range.to}
              @change=${(e: Event) => (this.range = { ...this.range, to: (e.target as HTMLInputElement).value })}
            />
          </div>
        </div>
        ${this.error ? html`<p class="alert error" role="alert">${this.error}</p>` : nothing}
        ${this.result ? this.renderResult(this.result) : nothing}
        <div class="form-actions">
          <button type="button" @click=${() => this.close()}>${this.result ? 'Close' : 'Cancel'}</button>
          <button type="submit" class="primary" ?disabled=${this.busy}>
            ${this.busy ? 'Generating…' : this.result ? 'Generate again' : 'Generate'}
          </button>
        </div>
      </form>
    </crm-dialog>`
  }

  private renderResult(r: GenerateResult) {
    return html`<div class="result" role="status" data-testid="generate-result">
      <div class="numbers">
        <span><strong>${r.created}</strong>created</span>
        <span><strong>${r.skipped}</strong>skipped</span>
        <span><strong>${r.clashes.length}</strong>clashes</span>
      </div>
      ${
        r.clashes.length
          ? html`<p class="alert error">Clashes to sort out:</p>
              <ul>
                ${r.clashes.map((c) => html`<li><strong>${clashLabel(c.kind)}</strong>: ${c.message}</li>`)}
              </ul>`
          : html`<p class="alert info">No clashes.</p>`
      }
    </div>`
  }

  private onSubmit = async (e: Event) => {
    e.preventDefault()
    const { from, to } = this.range
    if (!from || !to || to < from) {
      this.error = 'Choose a start date and an end date on or after it.'
      return
    }
    this.busy = true
    this.error = null
    try {
      this.result = await generateTimetable({ branchId: this.branchId, from, to })
      this.dispatchEvent(new CustomEvent('crm-lesson-updated', { detail: { id: '' }, bubbles: true, composed: true }))
    } catch (err) {
      this.error = err instanceof ApiError ? err.userMessage : 'Could not generate the lessons.'
    } finally {
      this.busy = false
    }
  }

  private close() {
    this.open = false
    this.dispatchEvent(new CustomEvent('crm-generate-closed', { bubbles: true, composed: true }))
  }

  private onClosed = () => {
    if (this.open) this.close()
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-generate-dialog': CrmGenerateDialog
  }
}
