import { LitElement, html, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { fireEvent } from '../../common/fire-event'
import { dateInput, datesValid, setDateInput } from '../../components/date-input'
import { field } from '../../components/field'
import { ApiError } from '../../data/api'
import { RECORD_KINDS, type RecordKind, addClientRecord } from '../../data/clients'
import { LocaleController } from '../../i18n/locale-controller'
import { t } from '../../i18n/locale'
import { baseStyles } from '../../resources/styles'
import { recordDateProblem, todayIso } from '../../../../domain/clients/rules'
import { clientRecordFormStyles } from './crm-client-record-form.styles'
import { recordKindLabel } from './labels'
import { errorText } from './shared'

/** "Add a record": an achievement, award, penalty, certificate or diploma of a client, dated today by default. */
@customElement('crm-client-record-form')
export class CrmClientRecordForm extends LitElement {
  @property({ attribute: false }) clientId = ''
  /** Called after a record was added (the page reloads the client). */
  @property({ attribute: false }) onAdded: () => void = () => {}
  @state() private errors: Record<string, string> = {}
  /** The form's error (a function: rendered in the language shown). */
  @state() private formError: (() => string) | null = null
  @state() private saving = false
  private readonly locale = new LocaleController(this)

  static styles = [baseStyles, clientRecordFormStyles]

  render() {
    const fe = this.errors
    return html`<section class="card" aria-labelledby="add-record-h">
      <h2 id="add-record-h">${t('clients.recordForm.title')}</h2>
      ${this.formError ? html`<p class="alert error" role="alert">${this.formError()}</p>` : nothing}
      <form @submit=${this.submit} novalidate>
        <div class="grid">
          ${field(
            'rec-kind',
            t('clients.recordForm.kind'),
            html`<select id="rec-kind" name="kind">
              ${RECORD_KINDS.map((k) => html`<option value=${k}>${recordKindLabel(k)}</option>`)}
            </select>`,
          )}
          ${field(
            'rec-date',
            t('clients.recordForm.date'),
            dateInput({
              id: 'rec-date',
              name: 'date',
              value: todayIso(),
              max: todayIso(),
              invalid: !!fe.date,
              describedBy: 'rec-date-error',
              onChange: () => {},
            }),
            { error: errorText(fe.date) },
          )}
        </div>
        ${field(
          'rec-title',
          t('clients.recordForm.recordTitle'),
          html`<input
            id="rec-title"
            name="title"
            autocomplete="off"
            aria-invalid=${fe.title ? 'true' : 'false'}
            placeholder=${t('clients.recordForm.titlePlaceholder')}
          />`,
          { error: errorText(fe.title) },
        )}
        ${field(
          'rec-activity',
          html`${t('clients.field.activity')} <span class="muted">${t('clients.optional')}</span>`,
          html`<input
            id="rec-activity"
            name="activity"
            autocomplete="off"
            placeholder=${t('clients.recordForm.activityPlaceholder')}
          />`,
        )}
        ${field('rec-desc', html`${t('clients.recordForm.description')} <span class="muted">${t('clients.optional')}</span>`, html`<textarea id="rec-desc" name="description" rows="2"></textarea>`)}
        <div class="form-actions">
          <button class="primary" type="submit" ?disabled=${this.saving}>
            ${this.saving ? t('clients.recordForm.adding') : t('clients.recordForm.submit')}
          </button>
        </div>
      </form>
    </section>`
  }

  private submit = async (e: Event) => {
    e.preventDefault()
    if (this.saving) return
    const form = e.target as HTMLFormElement
    if (!datesValid(form)) return
    const data = new FormData(form)
    const str = (k: string) => String(data.get(k) ?? '').trim()
    this.formError = null
    // a date in the future or a missing title is said at once, in the language on screen (message ids)
    const dateProblem = recordDateProblem(str('date'), todayIso())
    const local = {
      ...(dateProblem ? { date: dateProblem } : {}),
      ...(str('title') ? {} : { title: 'errors.clients.titleRequired' }),
    }
    this.errors = local
    if (Object.keys(local).length) return
    this.saving = true
    try {
      const activity = str('activity')
      const record = await addClientRecord(this.clientId, {
        kind: str('kind') as RecordKind,
        date: str('date'),
        title: str('title'),
        description: str('description'),
        activity: activity || null,
      })
      fireEvent(this, 'crm-toast', { message: t('clients.recordForm.added', { title: record.title }), kind: 'success' })
      form.reset()
      setDateInput(form.querySelector<HTMLInputElement>('#rec-date'), todayIso())
      this.onAdded()
    } catch (err) {
      if (err instanceof ApiError && Object.keys(err.fields).length) {
        this.errors = err.fields
        const other = Object.entries(err.fields).filter(([k]) => !['date', 'title'].includes(k))
        const text = other.map(([k, m]) => `${k}: ${m}`).join(' ')
        if (other.length) this.formError = () => text
      } else {
        const message = err instanceof ApiError ? err.userMessage : null
        this.formError = message === null ? () => t('clients.recordForm.error') : () => message
      }
    } finally {
      this.saving = false
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-client-record-form': CrmClientRecordForm
  }
}
