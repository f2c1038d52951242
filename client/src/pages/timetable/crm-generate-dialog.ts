import { html, nothing } from 'lit'
import { customElement, state } from 'lit/decorators.js'
import '../../components/crm-dialog'
import { CrmDialogElement } from '../../components/dialogs'
import { field } from '../../components/field'
import { ApiError } from '../../data/api'
import { type GenerateResult, clashLabel, generateTimetable } from '../../data/timetable'
import { baseStyles } from '../../resources/styles'
import { generateDialogStyles } from './crm-generate-dialog.styles'

export interface GenerateDialogParams {
  branchId: string
  branchName: string
  /** The range offered (the week on screen), YYYY-MM-DD. */
  from: string
  to: string
  /** Lessons were generated: the page refetches what it shows (the dialog stays open with the result). */
  onGenerated: () => void
}

/**
 * "Generate": lays out the groups' weekly patterns as lessons over a date range
 * (POST /api/timetable/generate) and reports what was created, skipped and which clashes it found.
 * Resolves with the last result (undefined when nothing was generated).
 * @example await showDialog(this, 'crm-generate-dialog', { branchId, branchName, from, to, onGenerated }, () => import('./crm-generate-dialog'))
 */
@customElement('crm-generate-dialog')
export class CrmGenerateDialog extends CrmDialogElement<GenerateDialogParams, GenerateResult> {
  @state() private range = { from: '', to: '' }
  @state() private busy = false
  @state() private error: string | null = null
  @state() private result: GenerateResult | null = null

  static styles = [baseStyles, generateDialogStyles]

  showDialog(params: GenerateDialogParams, close: (result?: GenerateResult) => void) {
    super.showDialog(params, close)
    this.range = { from: params.from, to: params.to }
  }

  render() {
    const p = this.params
    if (!p) return nothing
    return html`<crm-dialog heading="Generate lessons" open @crm-dialog-closed=${this.done}>
      <form @submit=${this.onSubmit}>
        <p class="muted" style="margin-bottom:12px">
          Creates the lessons of ${p.branchName || 'this branch'}'s groups from their weekly patterns. Lessons already there,
          moved or deleted by hand are left alone.
        </p>
        <div class="two">
          ${field(
            'from',
            'From',
            html`<input
              id="from"
              type="date"
              required
              .value=${this.range.from}
              @change=${(e: Event) => (this.range = { ...this.range, from: (e.target as HTMLInputElement).value })}
            />`,
          )}
          ${field(
            'to',
            'To',
            html`<input
              id="to"
              type="date"
              required
              .value=${this.range.to}
              @change=${(e: Event) => (this.range = { ...this.range, to: (e.target as HTMLInputElement).value })}
            />`,
          )}
        </div>
        ${this.error ? html`<p class="alert error" role="alert">${this.error}</p>` : nothing}
        ${this.result ? this.renderResult(this.result) : nothing}
        <div class="form-actions">
          <button type="button" @click=${this.done}>${this.result ? 'Close' : 'Cancel'}</button>
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
    const p = this.params
    const { from, to } = this.range
    if (!p) return
    if (!from || !to || to < from) {
      this.error = 'Choose a start date and an end date on or after it.'
      return
    }
    this.busy = true
    this.error = null
    try {
      this.result = await generateTimetable({ branchId: p.branchId, from, to })
      p.onGenerated()
    } catch (err) {
      this.error = err instanceof ApiError ? err.userMessage : 'Could not generate the lessons.'
    } finally {
      this.busy = false
    }
  }

  /** Cancel, Close, Escape or ✕. */
  private done = () => this.close(this.result ?? undefined)
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-generate-dialog': CrmGenerateDialog
  }
}
