import { html, nothing } from 'lit'
import { ifDefined } from 'lit/directives/if-defined.js'
import { formatDateEntry, formatTimeEntry, parseDateEntry, parseTimeEntry } from '../../../domain/i18n/date-entry'
import { currentLocale, t } from '../i18n/locale'

/**
 * Date and time fields in the language shown, not the machine's: the browser's own `type="date"`
 * and `type="time"` fields follow the operating system's language (an Armenian receptionist on an
 * American laptop would read "12/03/2026" and "2:05 PM"). These are text fields that show and read
 * "03.12.2026" / "03/12/2026" and "14:05" (domain/i18n/date-entry.ts) and hand ISO values
 * ("2026-12-03", "14:05") to `onChange`; a date field has a calendar button (the browser's picker).
 * A form that posts itself gets the ISO value under `name` (a hidden input beside the text).
 * Styles: `.date-input` in baseStyles.
 */

interface EntryOptions {
  id: string
  /** Posted with the form (the ISO value). */
  name?: string
  /** ISO: "YYYY-MM-DD" for a date, "HH:MM" for a time; empty or null when none. */
  value: string | null | undefined
  /** The ISO value once a whole value is typed or picked; null when the field is emptied. */
  onChange: (value: string | null) => void
  required?: boolean
  disabled?: boolean
  /** Shown, not changeable (the calendar button is off). */
  readOnly?: boolean
  /** The `data-focus` key a shared document announces to the others while the field has the focus. */
  focus?: string
  invalid?: boolean
  /** Ids of the texts that describe the field (its error). */
  describedBy?: string
  /**
   * Hand each whole value over while it is typed (a form that reacts at once), not only when the
   * field is left or Enter is pressed. Off for fields whose change acts (moves a shared lesson,
   * opens another day): "3.12.20" on the way to "3.12.2026" must not act.
   */
  eager?: boolean
}

export interface DateInputOptions extends EntryOptions {
  /** min and max bound the calendar; a typed day outside them is the form's rules' to refuse (in their own words). */
  min?: string
  max?: string
}

/** The hidden input beside a field's text that a form posts (the ISO value), when it has a name. */
const hiddenOf = (input: HTMLInputElement) => input.parentElement?.querySelector<HTMLInputElement>('input[type="hidden"]') ?? null

/** On leaving the field (or Enter): a value typed whole is shown in the language's form; otherwise the field says what it expects. */
function settle(
  input: HTMLInputElement,
  parsed: string | null,
  shown: string,
  problem: string,
  onChange: (v: string | null) => void,
) {
  const hidden = hiddenOf(input)
  if (!input.value.trim()) {
    input.setCustomValidity('')
    if (hidden) hidden.value = ''
    onChange(null)
    return
  }
  if (parsed === null) {
    input.setCustomValidity(problem)
    input.reportValidity()
    return
  }
  input.setCustomValidity('')
  input.value = shown
  if (hidden) hidden.value = parsed
  onChange(parsed)
}

/** While typing: a whole value reaches the form at once (the text is left as typed until the field is left). */
function typing(e: Event, parse: (text: string) => string | null, onChange: (v: string | null) => void) {
  const input = e.target as HTMLInputElement
  const value = parse(input.value)
  if (value === null) return
  input.setCustomValidity('')
  const hidden = hiddenOf(input)
  if (hidden) hidden.value = value
  onChange(value)
}

/**
 * The text field both kinds share: the value in the language's form, whole values handed over on
 * leaving it or Enter (and while typing when `eager`), the ISO value posted beside it.
 */
function entry(
  o: EntryOptions,
  kind: {
    placeholder: string
    /** Said when the text is not a whole value. */
    problem: string
    parse: (text: string) => string | null
    /** A value in the language's form. */
    show: (value: string | null | undefined) => string
  },
) {
  const typed = (e: Event) => {
    const input = e.target as HTMLInputElement
    const value = kind.parse(input.value)
    settle(input, value, kind.show(value), kind.problem, o.onChange)
  }
  return html`<input
      class="entry"
      type="text"
      id=${o.id}
      inputmode="numeric"
      autocomplete="off"
      placeholder=${kind.placeholder}
      .value=${kind.show(o.value)}
      ?required=${o.required}
      ?disabled=${o.disabled}
      ?readonly=${o.readOnly}
      data-focus=${ifDefined(o.focus)}
      aria-invalid=${o.invalid ? 'true' : 'false'}
      aria-describedby=${ifDefined(o.describedBy)}
      @input=${(e: Event) => o.eager && typing(e, kind.parse, o.onChange)}
      @change=${typed}
      @keydown=${(e: KeyboardEvent) => e.key === 'Enter' && typed(e)}
    />${o.name ? html`<input type="hidden" name=${o.name} .value=${o.value ?? ''} />` : nothing}`
}

/**
 * A date field ("03.12.2026").
 * @example dateInput({ id: 'from', value: this.from, onChange: (v) => (this.from = v ?? '') })
 */
export function dateInput(o: DateInputOptions) {
  const locale = currentLocale()
  const problem = t('common.dateInput.invalid', { example: formatDateEntry('2026-12-31', locale) })
  const show = (iso: string | null | undefined) => formatDateEntry(iso, locale)
  const picked = (e: Event) => {
    const picker = e.target as HTMLInputElement
    const input = picker.parentElement?.querySelector<HTMLInputElement>('input.entry')
    if (!input) return
    input.value = formatDateEntry(picker.value, locale)
    settle(input, picker.value || null, input.value, problem, o.onChange)
  }
  const open = (e: Event) => {
    const picker = (e.currentTarget as HTMLElement).parentElement?.querySelector<HTMLInputElement>('input.picker')
    try {
      picker?.showPicker()
    } catch {
      // a browser without showPicker (or not on a user's click): typing still works
    }
  }
  return html`<span class="date-input"
    >${entry(o, { placeholder: t('common.dateInput.placeholder'), problem, parse: parseDateEntry, show })}<button
      type="button"
      class="pick"
      ?disabled=${o.disabled || o.readOnly}
      aria-label=${t('common.dateInput.pick')}
      title=${t('common.dateInput.pick')}
      @click=${open}
    >
      <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
        <rect x="1.5" y="3" width="13" height="11.5" rx="1.5" fill="none" stroke="currentColor" />
        <path d="M1.5 6.5h13M5 1.5v3M11 1.5v3" stroke="currentColor" />
      </svg></button
    ><input
      class="picker"
      type="date"
      tabindex="-1"
      aria-hidden="true"
      .value=${o.value ?? ''}
      min=${ifDefined(o.min)}
      max=${ifDefined(o.max)}
      @change=${picked}
  /></span>`
}

/**
 * A 24-hour time field ("14:05").
 * @example timeInput({ id: 'start', value: this.start, onChange: (v) => (this.start = v ?? '') })
 */
export function timeInput(o: EntryOptions) {
  return html`<span class="date-input time"
    >${entry(o, { placeholder: t('common.timeInput.placeholder'), problem: t('common.timeInput.invalid'), parse: parseTimeEntry, show: formatTimeEntry })}</span
  >`
}

/**
 * Before a form without the browser's validation (`novalidate`) is sent: a date or time field
 * holding text that is not one says so and takes the focus; false when there is one.
 */
export function datesValid(form: HTMLFormElement): boolean {
  const bad = [...form.querySelectorAll<HTMLInputElement>('.date-input input.entry')].find((i) => i.validity.customError)
  if (!bad) return true
  bad.focus()
  bad.reportValidity()
  return false
}

/** Puts a date into a date field from outside its template (after a form's reset). */
export function setDateInput(input: HTMLInputElement | null, iso: string): void {
  if (!input) return
  input.value = formatDateEntry(iso, currentLocale())
  input.setCustomValidity('')
  const hidden = hiddenOf(input)
  if (hidden) hidden.value = iso
}
