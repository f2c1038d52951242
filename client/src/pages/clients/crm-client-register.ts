import { LitElement, html, nothing } from 'lit'
import { customElement, property, query, state } from 'lit/decorators.js'
import { fireEvent } from '../../common/fire-event'
import { navigate } from '../../common/navigate'
import { dateInput, datesValid } from '../../components/date-input'
import { field } from '../../components/field'
import { ApiError } from '../../data/api'
import {
  type ClientStatus,
  DuplicateClientError,
  type KnownGuardian,
  LEAD_SOURCES,
  type LeadSource,
  type PossibleDuplicate,
  type RegistrationSettings,
  type RequirableField,
  checkDuplicates,
  createClient,
  fetchRegistrationSettings,
} from '../../data/clients'
import { LocaleController } from '../../i18n/locale-controller'
import { t } from '../../i18n/locale'
import { baseStyles, pageStyles } from '../../resources/styles'
import type { PageContext } from '../../types'
import { phoneDigits, requiredFieldsFor, todayIso } from '../../../../domain/clients/rules'
import { registerCardStyles } from './register-card.styles'
import { clientRegisterStyles } from './crm-client-register.styles'
import './crm-register-guardians'
import type { CrmRegisterGuardians } from './crm-register-guardians'
import { type KnownPerson, isMinor } from './logic'
import {
  type Draft,
  type Errors,
  type GuardianDraft,
  addGuardian,
  emptyDraft,
  isFormField,
  patchDraft,
  patchGuardian,
  removeGuardian,
  draftProblems,
  toCreateInput,
  useKnownGuardian,
} from './register-draft'
import { errorText } from './shared'
import { dayText, leadSourceLabel, statusLabel } from './labels'

const REGISTER_STATUSES: ClientStatus[] = ['lead', 'trial', 'active']
const LOOKUP_DEBOUNCE_MS = 300

/** The registration form: mandatory fields from the settings, guardians for minors, known-guardian links and the duplicate warning. */
@customElement('crm-client-register')
export class CrmClientRegister extends LitElement {
  @property({ attribute: false }) ctx!: PageContext
  @state() private draft: Draft = emptyDraft()
  @state() private settings: RegistrationSettings | null = null
  /** The mandatory fields of the client's age category (by the birth date typed), else the center's. */
  private get required(): Set<RequirableField> {
    const s = this.settings
    if (!s) return new Set<RequirableField>(['firstName', 'lastName', 'birthDate', 'phoneOrGuardianPhone', 'consent'])
    return new Set(requiredFieldsFor(s, this.draft.birthDate, todayIso()))
  }
  @state() private errors: Errors = {}
  /** The error above the form (a function: rendered in the language shown). */
  @state() private formError: (() => string) | null = null
  @state() private duplicates: PossibleDuplicate[] = []
  @state() private saving = false
  @query('crm-register-guardians') private guardiansSection?: CrmRegisterGuardians
  private uid = 0
  private readonly locale = new LocaleController(this)
  private lookupTimers = new Map<number, ReturnType<typeof setTimeout>>()

  static styles = [baseStyles, pageStyles, registerCardStyles, clientRegisterStyles]

  connectedCallback() {
    super.connectedCallback()
    void fetchRegistrationSettings()
      .then((s) => (this.settings = s))
      .catch(() => undefined)
  }

  disconnectedCallback() {
    super.disconnectedCallback()
    for (const t of this.lookupTimers.values()) clearTimeout(t)
  }

  render() {
    const d = this.draft
    const minor = isMinor(d.birthDate)
    const showGuardians = minor === true || d.guardians.length > 0
    return html`
      <div class="page-header">
        <div>
          <p><a href="/clients">${t('clients.back')}</a></p>
          <h1>${t('clients.register.title')}</h1>
          <p>${t('clients.register.requiredNote')}</p>
        </div>
      </div>
      <form @submit=${this.submit} novalidate aria-label=${t('clients.register.title')}>
        ${this.formError ? html`<p class="alert error" role="alert">${this.formError()}</p>` : nothing}
        ${this.duplicates.length ? this.renderDuplicates() : nothing}
        <section class="card" aria-labelledby="person-h">
          <h2 id="person-h">${t('clients.register.client')}</h2>
          <p class="hint">${t('clients.register.clientHint')}</p>
          <div class="grid">
            ${this.input('firstName', t('clients.field.firstName'), { autocomplete: 'off' })}
            ${this.input('lastName', t('clients.field.lastName'), { autocomplete: 'off' })}
            ${this.birthDateInput(minor === true ? t('clients.register.minorHint') : undefined)}
            ${this.input('phone', t('clients.field.phone'), { type: 'tel', required: false, hint: this.required.has('phoneOrGuardianPhone') ? t('clients.register.phoneHint') : undefined })}
            ${this.input('email', t('clients.field.email'), { type: 'email' })}
            ${field(
              'source',
              html`${t('clients.field.source')}${this.mark('source')}`,
              html`<select
                id="source"
                aria-invalid=${this.errors.source ? 'true' : 'false'}
                aria-describedby="source-error"
                @change=${(e: Event) => this.patch({ source: (e.target as HTMLSelectElement).value as LeadSource })}
              >
                <option value="" ?selected=${!d.source}>—</option>
                ${LEAD_SOURCES.map((s) => html`<option value=${s} ?selected=${d.source === s}>${leadSourceLabel(s)}</option>`)}
              </select>`,
              { error: errorText(this.errors.source) },
            )}
            ${field(
              'sourceNote',
              html`${t('clients.field.sourceNote')} <span class="muted">${t('clients.optional')}</span>`,
              html`<input
                id="sourceNote"
                maxlength="200"
                autocomplete="off"
                .value=${d.sourceNote}
                aria-invalid=${this.errors.sourceNote ? 'true' : 'false'}
                aria-describedby="sourceNote-error"
                @input=${(e: Event) => this.patch({ sourceNote: (e.target as HTMLInputElement).value })}
              />`,
              { error: errorText(this.errors.sourceNote) },
            )}
            ${field(
              'status',
              t('clients.field.status'),
              html`<select
                id="status"
                @change=${(e: Event) => this.patch({ status: (e.target as HTMLSelectElement).value as ClientStatus })}
              >
                ${REGISTER_STATUSES.map((s) => html`<option value=${s} ?selected=${d.status === s}>${statusLabel(s)}</option>`)}
              </select>`,
            )}
          </div>
          <div class="field">
            <label class="check"
              ><input
                id="consent"
                type="checkbox"
                .checked=${d.consent}
                aria-invalid=${this.errors.consent ? 'true' : 'false'}
                aria-describedby="consent-error"
                @change=${(e: Event) => this.patch({ consent: (e.target as HTMLInputElement).checked })}
              /><span>${t('clients.field.consent')}${this.mark('consent')}</span></label
            >
            ${this.errorFor('consent')}
          </div>
        </section>
        ${
          showGuardians
            ? html`<crm-register-guardians
                .guardians=${d.guardians}
                .errors=${this.errors}
                ?required=${minor === true}
                .onAdd=${this.addGuardian}
                .onRemove=${(uid: number) => this.update_(removeGuardian(this.draft, this.errors, uid))}
                .onPatch=${this.patchGuardian}
                .onUseKnown=${(uid: number, k: KnownPerson) => this.update_(useKnownGuardian(this.draft, this.errors, uid, k))}
              ></crm-register-guardians>`
            : html`<p><button type="button" @click=${this.addGuardian}>${t('clients.register.addGuardianOptional')}</button></p>`
        }
        <div class="form-actions">
          <a class="button" href="/clients">${t('common.cancel')}</a>
          <button class="primary" type="submit" ?disabled=${this.saving}>
            ${this.saving ? t('clients.register.saving') : t('clients.register.submit')}
          </button>
        </div>
      </form>
    `
  }

  private mark(field: RequirableField) {
    return this.required.has(field)
      ? html`<span class="req" aria-hidden="true">*</span>`
      : html` <span class="opt">${t('clients.optional')}</span>`
  }

  private errorFor(key: string) {
    return this.errors[key] ? html`<span class="field-error" id="${key}-error">${errorText(this.errors[key])}</span>` : nothing
  }

  private input(
    key: 'firstName' | 'lastName' | 'phone' | 'email',
    label: string,
    o: { type?: string; hint?: string; autocomplete?: string; required?: boolean } = {},
  ) {
    const err = errorText(this.errors[key])
    const req = o.required === false ? nothing : this.mark(key as RequirableField)
    return field(
      key,
      html`${label}${req}`,
      html`<input
        id=${key}
        type=${o.type ?? 'text'}
        .value=${this.draft[key]}
        autocomplete=${o.autocomplete ?? 'off'}
        aria-invalid=${err ? 'true' : 'false'}
        aria-describedby="${key}-error"
        @input=${(e: Event) => this.patch({ [key]: (e.target as HTMLInputElement).value })}
      />`,
      { error: err, hint: o.hint },
    )
  }

  /** The birth date, typed in the language's order (03.12.2016) or picked on a calendar. */
  private birthDateInput(hint: string | undefined) {
    const err = errorText(this.errors.birthDate)
    return field(
      'birthDate',
      html`${t('clients.field.birthDate')}${this.mark('birthDate')}`,
      dateInput({
        id: 'birthDate',
        value: this.draft.birthDate,
        max: todayIso(),
        invalid: !!err,
        describedBy: 'birthDate-error',
        eager: true,
        onChange: (v) => this.patch({ birthDate: v ?? '' }),
      }),
      { error: err, hint },
    )
  }

  private renderDuplicates() {
    return html`<section class="alert warning dups" role="alert" data-testid="duplicate-warning">
      <strong>${t('clients.register.duplicates', { count: this.duplicates.length })}</strong>
      <ul>
        ${this.duplicates.map(
          (d) =>
            html`<li>
              ${t('clients.register.duplicate', {
                name: `${d.firstName} ${d.lastName}`,
                hasBirth: d.birthDate ? 'yes' : 'no',
                born: d.birthDate ? dayText(d.birthDate) : '',
                hasPhone: d.phone ? 'yes' : 'no',
                phone: d.phone ?? '',
              })}
              —
              <a href="/clients/${d.id}" target="_blank" rel="noopener">${t('clients.register.openExisting')}</a>
            </li>`,
        )}
      </ul>
      <div class="buttons">
        <button type="button" class="primary" ?disabled=${this.saving} @click=${() => void this.save(true)}>
          ${t('clients.register.registerAnyway')}
        </button>
        <button type="button" @click=${() => (this.duplicates = [])}>${t('clients.register.goBack')}</button>
      </div>
    </section>`
  }

  /** Takes a new draft and errors (from register-draft.ts). */
  private update_(next: { draft: Draft; errors: Errors }) {
    this.draft = next.draft
    this.errors = next.errors
  }

  private patch(p: Partial<Draft>) {
    const next = patchDraft(this.draft, this.errors, p)
    this.update_(next)
    if (this.duplicates.length && next.identityChanged) this.duplicates = []
  }

  private patchGuardian = (uid: number, p: Partial<GuardianDraft>) => {
    this.update_(patchGuardian(this.draft, this.errors, uid, p))
    if ('phone' in p) this.lookupGuardian(uid, p.phone ?? '')
  }

  /** While a guardian phone is typed: is it someone we know (another child's guardian)? */
  private lookupGuardian(uid: number, phone: string) {
    clearTimeout(this.lookupTimers.get(uid))
    const digits = phoneDigits(phone)
    if (!digits) {
      this.setKnown(uid, [])
      return
    }
    this.lookupTimers.set(
      uid,
      setTimeout(async () => {
        try {
          const { knownGuardians } = await checkDuplicates({ guardianPhone: phone })
          const current = this.draft.guardians.find((g) => g.uid === uid)
          if (current && phoneDigits(current.phone) === digits) this.setKnown(uid, knownGuardians)
        } catch {
          // a failed lookup only means no suggestion
        }
      }, LOOKUP_DEBOUNCE_MS),
    )
  }

  private setKnown(uid: number, known: KnownGuardian[]) {
    this.draft = { ...this.draft, guardians: this.draft.guardians.map((g) => (g.uid === uid ? { ...g, known } : g)) }
  }

  private addGuardian = () => {
    const uid = ++this.uid
    this.update_(addGuardian(this.draft, this.errors, uid))
    void this.updateComplete.then(() => this.guardiansSection?.focusPhone(uid))
  }

  private submit = (e: Event) => {
    e.preventDefault()
    if (!datesValid(e.target as HTMLFormElement)) return
    void this.save(false)
  }

  private async save(confirmNotDuplicate: boolean) {
    if (this.saving) return
    // what the rules refuse is said at once, in the language on screen, without asking the server
    const problems = draftProblems(this.draft, this.required, todayIso())
    if (Object.keys(problems).length) {
      this.duplicates = []
      this.errors = problems
      this.formError = () => t('clients.register.fieldsNeedAttention')
      void this.updateComplete.then(() => this.focusFirstError())
      return
    }
    this.saving = true
    this.formError = null
    try {
      const { id, client } = await createClient({
        ...toCreateInput(this.draft),
        ...(confirmNotDuplicate ? { confirmNotDuplicate: true } : {}),
      })
      fireEvent(this, 'crm-toast', { message: t('clients.register.registered', { name: client.name }), kind: 'success' })
      navigate(`/clients/${id}`)
    } catch (err) {
      this.showError(err)
    } finally {
      this.saving = false
    }
  }

  private showError(err: unknown) {
    if (err instanceof DuplicateClientError) {
      this.errors = {}
      this.duplicates = err.duplicates
      void this.updateComplete.then(() =>
        this.renderRoot.querySelector<HTMLElement>('[data-testid="duplicate-warning"] a')?.focus(),
      )
      return
    }
    this.duplicates = []
    if (err instanceof ApiError && err.status === 400 && Object.keys(err.fields).length) {
      this.errors = err.fields
      const other = Object.entries(err.fields).filter(([k]) => !isFormField(k))
      const text = other.map(([k, m]) => `${k}: ${m}`).join(' ')
      this.formError = other.length ? () => text : () => t('clients.register.fieldsNeedAttention')
      void this.updateComplete.then(() => this.focusFirstError())
      return
    }
    const message = err instanceof ApiError ? err.userMessage : null
    this.formError = message === null ? () => t('clients.register.error') : () => message
  }

  /** The first field with an error, in the order of the form (the client's, then the guardians'). */
  private async focusFirstError() {
    const first = this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')
    if (first) first.focus()
    else {
      await this.guardiansSection?.updateComplete
      this.guardiansSection?.focusFirstError()
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-client-register': CrmClientRegister
  }
}
