import type { ReactiveController, ReactiveControllerHost } from 'lit'
import { ApiError, formErrors } from '../data/api'
import { t } from '../i18n/locale'

type Host = ReactiveControllerHost

export interface FormFailure {
  /** Shown above the form; null when every message sits by its field. */
  error: string | null
  /** By field name, shown beside the field. */
  fieldErrors: Record<string, string>
}

/**
 * What a failed request means for a form: the server's messages for the form's `fields`
 * beside them, any other message above the form (the server's own message when it named no
 * field), and `fallback` when no usable answer came back.
 */
export function formFailure(err: unknown, fields: readonly string[], fallback: string): FormFailure {
  if (!(err instanceof ApiError)) return { error: fallback, fieldErrors: {} }
  const { byField, other } = formErrors(err.fields, fields)
  return { fieldErrors: byField, error: other.length ? other.join(' ') : Object.keys(byField).length ? null : err.userMessage }
}

/**
 * A form that is sent to the server: busy while the request runs (one at a time), the errors
 * beside its fields and the one above it. Renders the host on every change.
 * @example
 * private form = new FormController(this, { fields: ['name', 'login'] })
 * submit = (data: FormData) => void this.form.send(async () => { await createUser(…); this.editing = null })
 */
export class FormController implements ReactiveController {
  busy = false
  error: string | null = null
  fieldErrors: Record<string, string> = {}

  constructor(
    private readonly host: Host,
    private readonly options: { fields: readonly string[]; fallback?: string },
  ) {
    host.addController(this)
  }

  /** For aria-invalid. */
  invalid(field: string): 'true' | 'false' {
    return this.fieldErrors[field] ? 'true' : 'false'
  }

  /** Forgets the errors of an earlier attempt (the form opens afresh). */
  clear() {
    this.error = null
    this.fieldErrors = {}
    this.host.requestUpdate()
  }

  /** Errors found before asking the server, beside their fields. */
  refuse(fieldErrors: Record<string, string>) {
    this.fieldErrors = fieldErrors
    this.host.requestUpdate()
  }

  /** Runs the request unless one is under way: earlier errors cleared, busy until it settles, a failure shown on the form. */
  async send(request: () => Promise<void>): Promise<void> {
    if (this.busy) return
    this.busy = true
    this.clear()
    try {
      await request()
    } catch (err) {
      const failure = formFailure(err, this.options.fields, this.options.fallback ?? t('common.error.unexpected'))
      this.error = failure.error
      this.fieldErrors = failure.fieldErrors
    } finally {
      this.busy = false
      this.host.requestUpdate()
    }
  }

  hostConnected() {}
}
