import { LitElement, html, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import type { MessageId } from '../../../../domain/i18n/catalogue'
import { formatNumber } from '../../../../domain/i18n/format'
import { fireEvent } from '../../common/fire-event'
import { ApiError } from '../../data/api'
import type { AgeCategory, RegistrationSettings, RequirableField } from '../../data/clients'
import { fetchRegistrationSettings, saveRegistrationSettings } from '../../data/settings'
import { LocaleController } from '../../i18n/locale-controller'
import { currentLocale, t } from '../../i18n/locale'
import { baseStyles, pageStyles } from '../../resources/styles'
import type { PageContext } from '../../types'
import { ageCategoryLabel } from '../clients/labels'
import { REQUIRABLE_FIELDS, categoryFields, categoryProblems, differs, ownLists, requiredIn } from './registration-logic'
import { registrationSettingsStyles } from './crm-registration-settings-page.styles'

const FIELD_LABEL: Record<RequirableField | 'guardian', MessageId> = {
  firstName: 'settings.registration.field.firstName',
  lastName: 'settings.registration.field.lastName',
  birthDate: 'settings.registration.field.birthDate',
  phoneOrGuardianPhone: 'settings.registration.field.phoneOrGuardianPhone',
  email: 'settings.registration.field.email',
  consent: 'settings.registration.field.consent',
  source: 'settings.registration.field.source',
  guardian: 'settings.registration.field.guardian',
}

/**
 * The owner's and managers' Registration settings: which client fields registration makes mandatory
 * (for every age, then per age category in a table of fields by categories), and the age categories
 * (code, name, ages).
 */
@customElement('crm-registration-settings-page')
export class CrmRegistrationSettingsPage extends LitElement {
  @property({ attribute: false }) ctx!: PageContext
  @state() private saved: RegistrationSettings | null = null
  @state() private draft: RegistrationSettings | null = null
  @state() private loadError: string | null = null
  @state() private serverErrors: Record<string, string> = {}
  @state() private showErrors = false
  @state() private saving = false
  private readonly locale = new LocaleController(this)

  static styles = [baseStyles, pageStyles, registrationSettingsStyles]

  connectedCallback() {
    super.connectedCallback()
    void this.load()
  }

  private async load() {
    try {
      const s = await fetchRegistrationSettings()
      this.saved = s
      this.draft = structuredClone(s)
      this.loadError = null
    } catch (e) {
      this.loadError = e instanceof ApiError ? e.userMessage : t('settings.registration.loadFailed')
    }
  }

  private get problems() {
    return this.draft ? categoryProblems(this.draft.ageCategories) : {}
  }

  private error(path: string): string | undefined {
    const p = this.showErrors ? this.problems[path] : undefined
    return p ? t(p.id, p.params) : this.serverErrors[path]
  }

  private setCategory(i: number, patch: Partial<AgeCategory>) {
    if (!this.draft) return
    const old = this.draft.ageCategories[i]
    const ageCategories = this.draft.ageCategories.map((c, j) => (j === i ? { ...c, ...patch } : c))
    // a category's own fields follow it when its code is retyped
    const renamed = old && patch.key !== undefined && patch.key !== old.key ? { from: old.key, to: patch.key } : null
    const byCategory = Object.fromEntries(
      Object.entries(this.draft.requiredByCategory ?? {}).map(([k, v]) => [renamed && k === renamed.from ? renamed.to : k, v]),
    )
    this.draft = { ...this.draft, ageCategories, requiredByCategory: byCategory }
  }

  /** A field for every age: the center's list and every category's. */
  private toggleField(f: RequirableField, on: boolean) {
    if (!this.draft) return
    const flip = (list: readonly RequirableField[]) => {
      const set = new Set(list)
      if (on) set.add(f)
      else set.delete(f)
      return REQUIRABLE_FIELDS.filter((x) => set.has(x))
    }
    const byCategory = Object.fromEntries(Object.entries(this.draft.requiredByCategory ?? {}).map(([k, v]) => [k, flip(v)]))
    this.draft = { ...this.draft, requiredFields: flip(this.draft.requiredFields), requiredByCategory: byCategory }
  }

  /** A field for one age category only (the table's checkbox). */
  private toggleCell(key: string, f: RequirableField, on: boolean) {
    if (!this.draft) return
    const set = new Set(categoryFields(this.draft, key))
    if (on) set.add(f)
    else set.delete(f)
    this.draft = {
      ...this.draft,
      requiredByCategory: { ...this.draft.requiredByCategory, [key]: REQUIRABLE_FIELDS.filter((x) => set.has(x)) },
    }
  }

  private addCategory() {
    if (!this.draft) return
    const last = this.draft.ageCategories.at(-1)
    const min = last ? (last.max ?? last.min) + 1 : 0
    const at = this.draft.ageCategories.length
    this.draft = { ...this.draft, ageCategories: [...this.draft.ageCategories, { key: '', label: '', min, max: null }] }
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>(`#cat-${at}-key`)?.focus())
  }

  private removeCategory(i: number) {
    if (!this.draft) return
    const gone = this.draft.ageCategories[i]?.key
    const byCategory = Object.fromEntries(Object.entries(this.draft.requiredByCategory ?? {}).filter(([k]) => k !== gone))
    this.draft = {
      ...this.draft,
      ageCategories: this.draft.ageCategories.filter((_, j) => j !== i),
      requiredByCategory: byCategory,
    }
    // focus stays in the table: on the next row's code, else the Add button
    void this.updateComplete.then(() => {
      const next =
        this.renderRoot.querySelector<HTMLElement>(`#cat-${i}-key`) ?? this.renderRoot.querySelector<HTMLElement>('#add')
      next?.focus()
    })
  }

  private async save(e: Event) {
    e.preventDefault()
    if (!this.draft) return
    this.showErrors = true
    if (Object.keys(this.problems).length) {
      fireEvent(this, 'crm-toast', { message: () => t('settings.registration.error.fix'), kind: 'error' })
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus())
      return
    }
    this.saving = true
    try {
      const trimmed: RegistrationSettings = {
        requiredFields: this.draft.requiredFields,
        ageCategories: this.draft.ageCategories.map((c) => ({ ...c, key: c.key.trim(), label: c.label.trim() })),
        // only the categories that differ from the center's list keep one of their own
        requiredByCategory: ownLists(this.draft),
      }
      const s = await saveRegistrationSettings(trimmed)
      this.saved = s
      this.draft = structuredClone(s)
      this.serverErrors = {}
      this.showErrors = false
      fireEvent(this, 'crm-toast', { message: () => t('settings.registration.saved'), kind: 'success' })
    } catch (err) {
      if (err instanceof ApiError) {
        this.serverErrors = err.fields
        if (!Object.keys(err.fields).length) fireEvent(this, 'crm-toast', { message: err.userMessage, kind: 'error' })
      }
    } finally {
      this.saving = false
    }
  }

  render() {
    return html`
      <div class="page-header">
        <div>
          <h1>${t('settings.registration.title')}</h1>
          <p>${t('settings.registration.lead')}</p>
        </div>
      </div>
      ${this.loadError ? html`<p class="alert error" role="alert">${this.loadError}</p>` : nothing}
      ${
        !this.draft && !this.loadError
          ? html`<p class="muted" aria-busy="true">${t('settings.registration.loading')}</p>`
          : nothing
      }
      ${this.draft ? this.renderForm(this.draft) : nothing}
    `
  }

  private renderForm(d: RegistrationSettings) {
    const changed = this.saved !== null && differs(d, this.saved)
    return html`<form novalidate @submit=${(e: Event) => void this.save(e)}>
      <fieldset class="card required">
        <legend>${t('settings.registration.required.title')}</legend>
        <p class="muted help" id="required-help">${t('settings.registration.required.help')}</p>
        <div class="checks">
          ${REQUIRABLE_FIELDS.map(
            (f) =>
              html`<label class="check">
                <input
                  type="checkbox"
                  name=${f}
                  aria-describedby="required-help"
                  .checked=${d.requiredFields.includes(f)}
                  @change=${(e: Event) => this.toggleField(f, (e.target as HTMLInputElement).checked)}
                />
                <span>${t(FIELD_LABEL[f])}</span>
              </label>`,
          )}
        </div>
      </fieldset>

      <section class="card categories" aria-labelledby="categories-title">
        <h2 id="categories-title">${t('settings.registration.categories.title')}</h2>
        <p class="muted help" id="categories-help">${t('settings.registration.categories.help')}</p>
        ${this.error('ageCategories') ? html`<p class="field-error" role="alert">${this.error('ageCategories')}</p>` : nothing}
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">${t('settings.registration.categories.key')}</th>
                <th scope="col">${t('settings.registration.categories.label')}</th>
                <th scope="col" class="num">${t('settings.registration.categories.min')}</th>
                <th scope="col" class="num">${t('settings.registration.categories.max')}</th>
                <th scope="col"><span class="visually-hidden">${t('settings.registration.categories.remove')}</span></th>
              </tr>
            </thead>
            <tbody>
              ${d.ageCategories.map((c, i) => this.renderCategory(c, i, d.ageCategories.length))}
            </tbody>
          </table>
        </div>
        <button id="add" type="button" class="small" @click=${() => this.addCategory()}>
          ${t('settings.registration.categories.add')}
        </button>
      </section>

      ${this.renderMatrix(d)}

      <div class="form-actions bar">
        ${changed ? html`<span class="muted unsaved" role="status">${t('settings.registration.unsaved')}</span>` : nothing}
        <button class="primary" type="submit" ?disabled=${this.saving || !changed}>${t('settings.registration.save')}</button>
      </div>
    </form>`
  }

  private renderCategory(c: AgeCategory, i: number, count: number) {
    const n = String(i + 1)
    const input = (field: 'key' | 'label' | 'min' | 'max', label: MessageId) => {
      const path = `ageCategories.${i}.${field}`
      const err = this.error(path)
      const numeric = field === 'min' || field === 'max'
      const value = field === 'max' ? (c.max === null ? '' : String(c.max)) : String(c[field])
      return html`<td class=${numeric ? 'num' : ''}>
        <input
          id="cat-${i}-${field}"
          type=${numeric ? 'number' : 'text'}
          inputmode=${numeric ? 'numeric' : 'text'}
          min=${numeric ? '0' : nothing}
          max=${numeric ? '120' : nothing}
          maxlength=${numeric ? nothing : '40'}
          aria-label=${t(label, { number: n })}
          aria-invalid=${err ? 'true' : 'false'}
          aria-describedby=${err ? `cat-${i}-${field}-error` : 'categories-help'}
          .value=${value}
          @input=${(e: Event) => {
            const v = (e.target as HTMLInputElement).value
            if (field === 'key' || field === 'label') this.setCategory(i, { [field]: v })
            else if (field === 'max') this.setCategory(i, { max: v.trim() === '' ? null : Number(v) })
            else this.setCategory(i, { min: v.trim() === '' ? Number.NaN : Number(v) })
          }}
        />
        ${err ? html`<span class="field-error" id="cat-${i}-${field}-error">${err}</span>` : nothing}
      </td>`
    }
    return html`<tr data-key=${c.key}>
      ${input('key', 'settings.registration.categories.keyOf')} ${input('label', 'settings.registration.categories.labelOf')}
      ${input('min', 'settings.registration.categories.minOf')} ${input('max', 'settings.registration.categories.maxOf')}
      <td class="actions">
        <button
          type="button"
          class="small"
          ?disabled=${count <= 1}
          aria-label=${t('settings.registration.categories.removeLabel', { name: c.label || c.key || n })}
          @click=${() => this.removeCategory(i)}
        >
          ${t('settings.registration.categories.remove')}
        </button>
      </td>
    </tr>`
  }

  private renderMatrix(d: RegistrationSettings) {
    const fields: Array<RequirableField | 'guardian'> = [...REQUIRABLE_FIELDS, 'guardian']
    const locale = currentLocale()
    const ages = (c: AgeCategory) =>
      Number.isFinite(c.min)
        ? c.max === null
          ? t('settings.registration.matrix.agesOpen', { min: formatNumber(c.min, locale) })
          : t('settings.registration.matrix.ages', { min: formatNumber(c.min, locale), max: formatNumber(c.max, locale) })
        : ''
    return html`<section class="card matrix" aria-labelledby="matrix-title">
      <h2 id="matrix-title">${t('settings.registration.matrix.title')}</h2>
      <p class="muted help">${t('settings.registration.matrix.help')}</p>
      <div class="table-wrap scroll">
        <table>
          <thead>
            <tr>
              <td><span class="visually-hidden">${t('settings.registration.matrix.field')}</span></td>
              ${d.ageCategories.map((c) => {
                const name = ageCategoryLabel(c) || c.key
                return html`<th scope="col">
                  ${name}${ages(c) && ages(c) !== name ? html`<span class="muted ages">${ages(c)}</span>` : nothing}
                </th>`
              })}
            </tr>
          </thead>
          <tbody>
            ${fields.map(
              (f) =>
                html`<tr data-field=${f}>
                  <th scope="row">${t(FIELD_LABEL[f])}</th>
                  ${d.ageCategories.map((c) => {
                    const on = requiredIn(c, f, f === 'guardian' ? [] : categoryFields(d, c.key))
                    if (f === 'guardian')
                      return on
                        ? html`<td class="yes">${t('settings.registration.matrix.required')}</td>`
                        : html`<td class="no muted">${t('settings.registration.matrix.optional')}</td>`
                    return html`<td class=${on ? 'yes cell' : 'no cell'}>
                      <input
                        type="checkbox"
                        data-category=${c.key}
                        aria-label=${t('settings.registration.matrix.cellLabel', {
                          field: t(FIELD_LABEL[f]),
                          category: ageCategoryLabel(c) || c.key,
                        })}
                        .checked=${on}
                        @change=${(e: Event) => this.toggleCell(c.key, f, (e.target as HTMLInputElement).checked)}
                      />
                    </td>`
                  })}
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </section>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-registration-settings-page': CrmRegistrationSettingsPage
  }
}
