import { html, nothing } from 'lit'
import { t } from '../i18n/locale'
import './crm-dialog'

export interface DialogFormOptions {
  heading: string
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
 * @example dialogForm({ heading: 'New user', state: this.form, submitLabel: 'Create user', onSubmit, onClose }, html`${field(…)}`)
 */
export function dialogForm(o: DialogFormOptions, body: unknown) {
  const { busy, error } = o.state
  const submit = (e: Event) => {
    e.preventDefault()
    o.onSubmit(new FormData(e.target as HTMLFormElement))
  }
  return html`<crm-dialog heading=${o.heading} open @crm-dialog-closed=${() => o.onClose()}>
    <form @submit=${submit} novalidate>
      ${error ? html`<p class="alert error" role="alert">${error}</p>` : nothing} ${body}
      <div class="form-actions">
        <button type="button" @click=${() => o.onClose()}>${t('common.cancel')}</button>
        <button class=${o.tone ?? 'primary'} type="submit" ?disabled=${busy}>
          ${busy ? (o.busyLabel ?? t('common.form.saving')) : o.submitLabel}
        </button>
      </div>
    </form>
  </crm-dialog>`
}
