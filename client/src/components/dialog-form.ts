import { html, nothing } from 'lit'
import './crm-dialog'

export interface DialogFormOptions {
  heading: string
  /** While false the dialog is closed and holds no form, so each opening starts from the values given. */
  open: boolean
  /** Busy (the submit button waits) and the error shown above the fields, e.g. a FormController. */
  state: { busy: boolean; error: string | null }
  submitLabel: string
  /** The submit button's label while busy. */
  busyLabel?: string
  /** 'danger' for a step that cannot be undone. */
  tone?: 'primary' | 'danger'
  /** The form's data, the browser's submit already prevented. */
  onSubmit: (data: FormData) => void
  /** Cancel, Escape or ✕. */
  onClose: () => void
}

/**
 * A dialog holding one form: the error above the fields, the fields (`body`), then Cancel and
 * the submit button.
 * @example dialogForm({ heading: 'New user', open, state: this.form, submitLabel: 'Create user', onSubmit, onClose }, html`${field(…)}`)
 */
export function dialogForm(o: DialogFormOptions, body: unknown) {
  const { busy, error } = o.state
  const submit = (e: Event) => {
    e.preventDefault()
    o.onSubmit(new FormData(e.target as HTMLFormElement))
  }
  return html`<crm-dialog heading=${o.heading} .open=${o.open} @crm-dialog-closed=${() => o.onClose()}>
    ${
      o.open
        ? html`<form @submit=${submit} novalidate>
            ${error ? html`<p class="alert error" role="alert">${error}</p>` : nothing} ${body}
            <div class="form-actions">
              <button type="button" @click=${() => o.onClose()}>Cancel</button>
              <button class=${o.tone ?? 'primary'} type="submit" ?disabled=${busy}>
                ${busy ? (o.busyLabel ?? 'Saving…') : o.submitLabel}
              </button>
            </div>
          </form>`
        : nothing
    }
  </crm-dialog>`
}

/**
 * A labelled form field: the input, then its hint, or its error in place of the hint.
 * @example field('name', 'Name', html`<input id="name" name="name" aria-invalid=${this.form.invalid('name')} />`, { error: this.form.fieldErrors.name })
 */
export function field(id: string, label: unknown, input: unknown, { error, hint }: { error?: string; hint?: string } = {}) {
  return html`<div class="field">
    <label for=${id}>${label}</label>${input} ${hint && !error ? html`<span class="hint">${hint}</span>` : nothing}
    ${error ? html`<span class="field-error" id="${id}-error">${error}</span>` : nothing}
  </div>`
}
