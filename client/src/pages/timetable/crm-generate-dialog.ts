import { html, nothing } from 'lit'
import { customElement, state } from 'lit/decorators.js'
import '../../components/crm-dialog'
import { CrmDialogElement } from '../../components/dialogs'
import { dateInput } from '../../components/date-input'
import { field } from '../../components/field'
import { ApiError } from '../../data/api'
import type { MessageId } from '../../../../domain/i18n/catalogue'
import { type GenerateResult, generateTimetable } from '../../data/timetable'
import { LocaleController } from '../../i18n/locale-controller'
import { t } from '../../i18n/locale'
import { baseStyles } from '../../resources/styles'
import { generateDialogStyles } from './crm-generate-dialog.styles'
import { clashText, generatedClashText, num } from './labels'

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
  /** What went wrong: the server's message (already in the reader's language), or one of ours. */
  @state() private error: string | { id: MessageId } | null = null
  @state() private result: GenerateResult | null = null
  private readonly locale = new LocaleController(this)

  static styles = [baseStyles, generateDialogStyles]

  showDialog(params: GenerateDialogParams, close: (result?: GenerateResult) => void) {
    super.showDialog(params, close)
    this.range = { from: params.from, to: params.to }
  }

  render() {
    const p = this.params
    if (!p) return nothing
    const error = this.error && (typeof this.error === 'string' ? this.error : t(this.error.id))
    return html`<crm-dialog heading=${t('timetable.generate.title')} open @crm-dialog-closed=${this.done}>
      <form @submit=${this.onSubmit}>
        <p class="muted" style="margin-bottom:12px">
          ${p.branchName ? t('timetable.generate.intro', { branch: p.branchName }) : t('timetable.generate.introAny')}
        </p>
        <div class="two">
          ${field(
            'from',
            t('timetable.generate.from'),
            dateInput({
              id: 'from',
              required: true,
              value: this.range.from,
              onChange: (v) => (this.range = { ...this.range, from: v ?? '' }),
            }),
          )}
          ${field(
            'to',
            t('timetable.generate.to'),
            dateInput({
              id: 'to',
              required: true,
              value: this.range.to,
              onChange: (v) => (this.range = { ...this.range, to: v ?? '' }),
            }),
          )}
        </div>
        ${error ? html`<p class="alert error" role="alert">${error}</p>` : nothing}
        ${this.result ? this.renderResult(this.result) : nothing}
        <div class="form-actions">
          <button type="button" @click=${this.done}>${t(this.result ? 'common.close' : 'common.cancel')}</button>
          <button type="submit" class="primary" ?disabled=${this.busy}>
            ${t(this.busy ? 'timetable.generate.generating' : this.result ? 'timetable.generate.again' : 'timetable.generate.submit')}
          </button>
        </div>
      </form>
    </crm-dialog>`
  }

  private renderResult(r: GenerateResult) {
    return html`<div class="result" role="status" data-testid="generate-result">
      <div class="numbers">
        <span><strong>${num(r.created)}</strong>${t('timetable.generate.created', { count: r.created })}</span>
        <span><strong>${num(r.skipped)}</strong>${t('timetable.generate.skipped', { count: r.skipped })}</span>
        <span><strong>${num(r.clashes.length)}</strong>${t('timetable.generate.clashes', { count: r.clashes.length })}</span>
      </div>
      ${
        r.clashes.length
          ? html`<p class="alert error">${t('timetable.generate.clashList')}</p>
              <ul>
                ${r.clashes.map((c) => html`<li><strong>${clashText(c.kind)}</strong>: ${generatedClashText(c)}</li>`)}
              </ul>`
          : html`<p class="alert info">${t('timetable.generate.noClashes')}</p>`
      }
    </div>`
  }

  private onSubmit = async (e: Event) => {
    e.preventDefault()
    const p = this.params
    const { from, to } = this.range
    if (!p) return
    if (!from || !to || to < from) {
      this.error = { id: 'timetable.generate.badRange' }
      return
    }
    this.busy = true
    this.error = null
    try {
      this.result = await generateTimetable({ branchId: p.branchId, from, to })
      p.onGenerated()
    } catch (err) {
      this.error = err instanceof ApiError ? err.userMessage : { id: 'timetable.generate.failed' }
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
