import { LitElement, css, html, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { fireEvent } from '../../common/fire-event'
import { navigate } from '../../common/navigate'
import { ApiError } from '../../data/api'
import {
  type ClientCreateInput,
  type ClientStatus,
  DuplicateClientError,
  type KnownGuardian,
  LEAD_SOURCES,
  type LeadSource,
  type PossibleDuplicate,
  type RequirableField,
  checkDuplicates,
  createClient,
  fetchRegistrationSettings,
  leadSourceLabel,
  statusLabel,
} from '../../data/clients'
import { baseStyles, pageStyles } from '../../resources/styles'
import type { PageContext } from '../../types'
import { phoneDigits, todayIso } from '../../../../domain/clients/rules'
import { type KnownPerson, groupKnown, isMinor } from './logic'
import { formatDay } from './shared'

/** The fields of the form, kept as typed (a failed save never clears them). */
interface GuardianDraft {
  /** Local key for rendering and ids. */
  uid: number
  name: string
  relation: string
  phone: string
  email: string
  canPickUp: boolean
  /** Known guardians with this phone (other clients' families). */
  known: KnownGuardian[]
  /** Filled from a known guardian: the children whose family this links to. */
  linkedTo: Array<{ id: string; name: string }> | null
}

interface Draft {
  firstName: string
  lastName: string
  birthDate: string
  phone: string
  email: string
  consent: boolean
  source: LeadSource | ''
  status: ClientStatus
  guardians: GuardianDraft[]
}

const RELATIONS = ['mother', 'father', 'grandmother', 'grandfather', 'aunt', 'uncle', 'legal guardian', 'other']
const REGISTER_STATUSES: ClientStatus[] = ['lead', 'trial', 'active']
const LOOKUP_DEBOUNCE_MS = 300

/** The registration form: mandatory fields from the settings, guardians for minors, known-guardian links and the duplicate warning. */
@customElement('crm-client-register')
export class CrmClientRegister extends LitElement {
  @property({ attribute: false }) ctx!: PageContext
  @state() private draft: Draft = {
    firstName: '',
    lastName: '',
    birthDate: '',
    phone: '',
    email: '',
    consent: false,
    source: '',
    status: 'lead',
    guardians: [],
  }
  @state() private required = new Set<RequirableField>(['firstName', 'lastName', 'birthDate', 'phoneOrGuardianPhone', 'consent'])
  @state() private errors: Record<string, string> = {}
  @state() private formError: string | null = null
  @state() private duplicates: PossibleDuplicate[] = []
  @state() private saving = false
  private uid = 0
  private lookupTimers = new Map<number, ReturnType<typeof setTimeout>>()

  static styles = [
    baseStyles,
    pageStyles,
    css`
      :host {
        max-width: 920px;
      }
      form {
        display: flex;
        flex-direction: column;
        gap: 16px;
      }
      section.card {
        padding: 18px 20px 6px;
      }
      section.card > h2 {
        margin-bottom: 4px;
      }
      section.card > .hint {
        margin-bottom: 12px;
      }
      .grid {
        display: grid;
        grid-template-columns: repeat(2, minmax(0, 1fr));
        gap: 0 16px;
      }
      .grid.three {
        grid-template-columns: repeat(3, minmax(0, 1fr));
      }
      .req {
        color: var(--crm-danger);
        margin-left: 2px;
      }
      .opt {
        color: var(--crm-muted);
        font-weight: 400;
      }
      .check {
        display: flex;
        align-items: center;
        gap: 8px;
        font-weight: 500;
      }
      .guardians-head {
        display: flex;
        align-items: baseline;
        justify-content: space-between;
        gap: 12px;
      }
      section.guardians.invalid {
        border-color: var(--crm-danger);
        box-shadow: 0 0 0 1px var(--crm-danger);
      }
      .guardian {
        border: 1px solid var(--crm-border);
        border-radius: var(--crm-radius);
        padding: 12px 14px 2px;
        margin-bottom: 12px;
        background: var(--crm-surface-2);
      }
      .guardian-head {
        display: flex;
        justify-content: space-between;
        align-items: center;
        margin-bottom: 8px;
      }
      .known {
        display: flex;
        align-items: center;
        gap: 10px;
        flex-wrap: wrap;
        margin: -6px 0 12px;
      }
      .linked {
        margin: -6px 0 12px;
      }
      .section-error {
        display: block;
        margin: 0 0 12px;
      }
      .dups ul {
        margin: 8px 0;
        padding-left: 20px;
      }
      .dups li {
        margin: 4px 0;
      }
      .dups .buttons {
        display: flex;
        gap: 8px;
        margin-top: 8px;
      }
      .form-actions {
        position: sticky;
        bottom: 0;
        z-index: 1;
        background: var(--crm-bg);
        padding: 12px 6px;
        margin: 0 -6px;
        box-shadow:
          0 -1px 0 var(--crm-border),
          0 -8px 16px -12px rgb(16 24 40 / 25%);
      }
      @media (max-width: 700px) {
        .grid,
        .grid.three {
          grid-template-columns: 1fr;
        }
      }
    `,
  ]

  connectedCallback() {
    super.connectedCallback()
    void fetchRegistrationSettings()
      .then((s) => (this.required = new Set(s.requiredFields)))
      .catch(() => undefined)
  }

  disconnectedCallback() {
    super.disconnectedCallback()
    for (const t of this.lookupTimers.values()) clearTimeout(t)
  }

  private get minor(): boolean | null {
    return isMinor(this.draft.birthDate)
  }

  render() {
    const d = this.draft
    const minor = this.minor
    const showGuardians = minor === true || d.guardians.length > 0
    return html`
      <div class="page-header">
        <div>
          <p><a href="/clients">← Clients</a></p>
          <h1>Register a client</h1>
          <p>Fields marked <span class="req">*</span> are required by your center's settings.</p>
        </div>
      </div>
      <form @submit=${this.submit} novalidate aria-label="Register a client">
        ${this.formError ? html`<p class="alert error" role="alert">${this.formError}</p>` : nothing}
        ${this.duplicates.length ? this.renderDuplicates() : nothing}
        <section class="card" aria-labelledby="person-h">
          <h2 id="person-h">Client</h2>
          <p class="hint">A child or an adult who will attend.</p>
          <div class="grid">
            ${this.input('firstName', 'First name', { autocomplete: 'off' })}
            ${this.input('lastName', 'Last name', { autocomplete: 'off' })}
            ${this.input('birthDate', 'Birth date', { type: 'date', hint: minor === true ? 'Under 18: a guardian is required.' : undefined })}
            ${this.input('phone', 'Phone', { type: 'tel', required: false, hint: this.required.has('phoneOrGuardianPhone') ? 'The client’s phone or a guardian’s is required.' : undefined })}
            ${this.input('email', 'Email', { type: 'email' })}
            <div class="field">
              <label for="source">Lead source${this.mark('source')}</label>
              <select
                id="source"
                aria-invalid=${this.errors.source ? 'true' : 'false'}
                aria-describedby="source-error"
                @change=${(e: Event) => this.patch({ source: (e.target as HTMLSelectElement).value as LeadSource })}
              >
                <option value="" ?selected=${!d.source}>—</option>
                ${LEAD_SOURCES.map((s) => html`<option value=${s} ?selected=${d.source === s}>${leadSourceLabel(s)}</option>`)}
              </select>
              ${this.errorFor('source')}
            </div>
            <div class="field">
              <label for="status">Status</label>
              <select
                id="status"
                @change=${(e: Event) => this.patch({ status: (e.target as HTMLSelectElement).value as ClientStatus })}
              >
                ${REGISTER_STATUSES.map((s) => html`<option value=${s} ?selected=${d.status === s}>${statusLabel(s)}</option>`)}
              </select>
            </div>
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
              /><span>Consent to data processing${this.mark('consent')}</span></label
            >
            ${this.errorFor('consent')}
          </div>
        </section>
        ${showGuardians ? this.renderGuardians(minor === true) : html`<p><button type="button" @click=${this.addGuardian}>Add a guardian (optional)</button></p>`}
        <div class="form-actions">
          <a class="button" href="/clients">Cancel</a>
          <button class="primary" type="submit" ?disabled=${this.saving}>
            ${this.saving ? 'Registering…' : 'Register client'}
          </button>
        </div>
      </form>
    `
  }

  private mark(field: RequirableField) {
    return this.required.has(field)
      ? html`<span class="req" aria-hidden="true">*</span>`
      : html` <span class="opt">(optional)</span>`
  }

  private errorFor(key: string) {
    return this.errors[key]
      ? html`<span class="field-error" id="${key.replace(/\./g, '-')}-error">${this.errors[key]}</span>`
      : nothing
  }

  private input(
    key: 'firstName' | 'lastName' | 'birthDate' | 'phone' | 'email',
    label: string,
    o: { type?: string; hint?: string; autocomplete?: string; required?: boolean } = {},
  ) {
    const err = this.errors[key]
    const req = o.required === false ? nothing : this.mark(key as RequirableField)
    return html`<div class="field">
      <label for=${key}>${label}${req}</label>
      <input
        id=${key}
        type=${o.type ?? 'text'}
        .value=${this.draft[key]}
        autocomplete=${o.autocomplete ?? 'off'}
        aria-invalid=${err ? 'true' : 'false'}
        aria-describedby="${key}-error"
        max=${o.type === 'date' ? todayIso() : nothing}
        @input=${(e: Event) => this.patch({ [key]: (e.target as HTMLInputElement).value })}
      />
      ${err ? html`<span class="field-error" id="${key}-error">${err}</span>` : o.hint ? html`<span class="hint">${o.hint}</span>` : nothing}
    </div>`
  }

  private renderGuardians(required: boolean) {
    const gs = this.draft.guardians
    const err = this.errors.guardians
    return html`<section
      class="card guardians ${err ? 'invalid' : ''}"
      aria-labelledby="guardians-h"
      aria-describedby="guardians-error"
      data-testid="guardians-section"
    >
      <div class="guardians-head">
        <h2 id="guardians-h">
          Guardians${required ? html`<span class="req" aria-hidden="true">*</span>` : html` <span class="opt">(optional)</span>`}
        </h2>
      </div>
      <p class="hint">
        ${required ? 'A client under 18 needs at least one guardian. Several are possible.' : 'Parents or other contacts. Several are possible.'}
        A phone already known links the family.
      </p>
      ${err ? html`<span class="field-error section-error" id="guardians-error" role="alert">${err}</span>` : nothing}
      ${gs.map((g, i) => this.renderGuardian(g, i))}
      <p style="margin-bottom:14px"><button type="button" @click=${this.addGuardian}>+ Add guardian</button></p>
      <datalist id="relations">${RELATIONS.map((r) => html`<option value=${r}></option>`)}</datalist>
    </section>`
  }

  private renderGuardian(g: GuardianDraft, i: number) {
    const id = (f: string) => `g${g.uid}-${f}`
    const key = (f: string) => `guardians.${i}.${f}`
    const field = (f: 'name' | 'relation' | 'phone' | 'email', label: string, type = 'text', extra: unknown = nothing) =>
      html`<div class="field">
        <label for=${id(f)}
          >${label}${f === 'email' ? html` <span class="opt">(optional)</span>` : html`<span class="req" aria-hidden="true">*</span>`}</label
        >
        <input
          id=${id(f)}
          type=${type}
          .value=${g[f]}
          autocomplete="off"
          list=${f === 'relation' ? 'relations' : nothing}
          aria-invalid=${this.errors[key(f)] ? 'true' : 'false'}
          @input=${(e: Event) => this.patchGuardian(g.uid, { [f]: (e.target as HTMLInputElement).value })}
        />
        ${this.errorFor(key(f))} ${extra}
      </div>`
    return html`<div class="guardian" data-testid="guardian-${i}" role="group" aria-label="Guardian ${i + 1}">
      <div class="guardian-head">
        <h3>Guardian ${i + 1}</h3>
        <button
          type="button"
          class="small danger"
          @click=${() => this.removeGuardian(g.uid)}
          aria-label="Remove guardian ${i + 1}"
        >
          Remove
        </button>
      </div>
      <div class="grid">${field('phone', 'Phone', 'tel')} ${field('name', 'Name')}</div>
      ${
        g.linkedTo
          ? html`<p class="alert info linked" role="status">
              Linked to the family of
              ${g.linkedTo.map((c, i) => html`${i ? ' and ' : ''}<a href="/clients/${c.id}" target="_blank" rel="noopener">${c.name}</a>`)}.
            </p>`
          : g.known.length
            ? groupKnown(g.known).map(
                (k) =>
                  html`<p class="alert info known" role="status">
                    <span
                      >Known guardian: <strong>${k.name}</strong>, ${k.relation} of
                      ${k.children.map((c) => c.name).join(' and ')}</span
                    >
                    <button
                      type="button"
                      class="small"
                      @click=${() => this.useKnown(g.uid, k)}
                      aria-label="Use ${k.name}, ${k.relation} of ${k.children.map((c) => c.name).join(' and ')}"
                    >
                      Use
                    </button>
                  </p>`,
              )
            : nothing
      }
      <div class="grid">${field('relation', 'Relation')} ${field('email', 'Email', 'email')}</div>
      <div class="field">
        <label class="check"
          ><input
            type="checkbox"
            .checked=${g.canPickUp}
            @change=${(e: Event) => this.patchGuardian(g.uid, { canPickUp: (e.target as HTMLInputElement).checked })}
          />May pick the child up</label
        >
      </div>
    </div>`
  }

  private renderDuplicates() {
    return html`<section class="alert warning dups" role="alert" data-testid="duplicate-warning">
      <strong
        >This may be a duplicate of
        ${this.duplicates.length === 1 ? 'an existing client' : `${this.duplicates.length} existing clients`}:</strong
      >
      <ul>
        ${this.duplicates.map(
          (d) =>
            html`<li>
              ${d.firstName} ${d.lastName}${d.birthDate ? `, born ${formatDay(d.birthDate)}` : ''}${d.phone ? `, ${d.phone}` : ''}
              —
              <a href="/clients/${d.id}" target="_blank" rel="noopener">Open existing file</a>
            </li>`,
        )}
      </ul>
      <div class="buttons">
        <button type="button" class="primary" ?disabled=${this.saving} @click=${() => void this.save(true)}>
          Register anyway
        </button>
        <button type="button" @click=${() => (this.duplicates = [])}>Go back to the form</button>
      </div>
    </section>`
  }

  private patch(p: Partial<Draft>) {
    this.draft = { ...this.draft, ...p }
    // a corrected field loses its error; the others stay until the next save
    const keys = Object.keys(p)
    if (keys.some((k) => this.errors[k]))
      this.errors = Object.fromEntries(Object.entries(this.errors).filter(([k]) => !keys.includes(k)))
    if (this.duplicates.length && keys.some((k) => ['firstName', 'lastName', 'birthDate', 'phone'].includes(k)))
      this.duplicates = []
  }

  private patchGuardian(uid: number, p: Partial<GuardianDraft>) {
    const guardians = this.draft.guardians.map((g) =>
      g.uid === uid ? { ...g, ...p, ...('phone' in p ? { linkedTo: null } : {}) } : g,
    )
    const i = guardians.findIndex((g) => g.uid === uid)
    this.draft = { ...this.draft, guardians }
    const keys = [...Object.keys(p).map((k) => `guardians.${i}.${k}`), ...('phone' in p ? ['phone'] : [])]
    if (keys.some((k) => this.errors[k]))
      this.errors = Object.fromEntries(Object.entries(this.errors).filter(([k]) => !keys.includes(k)))
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

  private useKnown(uid: number, k: KnownPerson) {
    this.draft = {
      ...this.draft,
      guardians: this.draft.guardians.map((g) =>
        g.uid === uid
          ? { ...g, name: k.name, relation: k.relation, phone: k.phone, email: k.email ?? '', known: [], linkedTo: k.children }
          : g,
      ),
    }
    const i = this.draft.guardians.findIndex((g) => g.uid === uid)
    this.errors = Object.fromEntries(
      Object.entries(this.errors).filter(([key]) => !key.startsWith(`guardians.${i}.`) && key !== 'phone'),
    )
  }

  private addGuardian = () => {
    const g: GuardianDraft = {
      uid: ++this.uid,
      name: '',
      relation: '',
      phone: '',
      email: '',
      canPickUp: true,
      known: [],
      linkedTo: null,
    }
    this.draft = { ...this.draft, guardians: [...this.draft.guardians, g] }
    if (this.errors.guardians) this.errors = Object.fromEntries(Object.entries(this.errors).filter(([k]) => k !== 'guardians'))
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>(`#g${g.uid}-phone`)?.focus())
  }

  private removeGuardian(uid: number) {
    const i = this.draft.guardians.findIndex((g) => g.uid === uid)
    this.draft = { ...this.draft, guardians: this.draft.guardians.filter((g) => g.uid !== uid) }
    // indexes after the removed one shift: their errors no longer match
    this.errors = Object.fromEntries(
      Object.entries(this.errors).filter(([k]) => !k.startsWith('guardians.') || Number(k.split('.')[1]) < i),
    )
  }

  private submit = (e: Event) => {
    e.preventDefault()
    void this.save(false)
  }

  private input_(): ClientCreateInput {
    const d = this.draft
    const opt = (s: string) => (s.trim() ? s.trim() : null)
    return {
      firstName: d.firstName.trim(),
      lastName: d.lastName.trim(),
      birthDate: opt(d.birthDate),
      phone: opt(d.phone),
      email: opt(d.email),
      consent: d.consent,
      source: d.source || null,
      status: d.status,
      guardians: d.guardians.map((g) => ({
        name: g.name.trim(),
        relation: g.relation.trim(),
        phone: g.phone.trim(),
        email: opt(g.email),
        canPickUp: g.canPickUp,
      })),
    }
  }

  private async save(confirmNotDuplicate: boolean) {
    if (this.saving) return
    this.saving = true
    this.formError = null
    try {
      const { id, client } = await createClient({
        ...this.input_(),
        ...(confirmNotDuplicate ? { confirmNotDuplicate: true } : {}),
      })
      fireEvent(this, 'crm-toast', { message: `${client.name} is registered.`, kind: 'success' })
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
      const known = (k: string) =>
        ['firstName', 'lastName', 'birthDate', 'phone', 'email', 'consent', 'source', 'guardians', 'status'].includes(k) ||
        /^guardians\.\d+\.(name|relation|phone|email)$/.test(k)
      const other = Object.entries(err.fields).filter(([k]) => !known(k))
      this.formError = other.length
        ? other.map(([k, m]) => `${k}: ${m}`).join(' ')
        : 'Some fields need attention: see the messages below.'
      void this.updateComplete.then(() => this.focusFirstError())
      return
    }
    this.formError = err instanceof ApiError ? err.userMessage : 'Something went wrong. Try again.'
  }

  private focusFirstError() {
    const first = this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')
    if (first) first.focus()
    else if (this.errors.guardians)
      this.renderRoot.querySelector<HTMLElement>('[data-testid="guardians-section"] button')?.focus()
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-client-register': CrmClientRegister
  }
}
