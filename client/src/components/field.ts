import { html, nothing } from 'lit'

/**
 * A labelled form field (styles: `.field` in baseStyles): the input, then its hint, or its error
 * (`<id>-error`, for aria-describedby) in place of the hint. `className` adds classes beside `field`.
 * @example field('name', 'Name', html`<input id="name" name="name" aria-invalid=${this.form.invalid('name')} />`, { error: this.form.fieldErrors.name })
 */
export function field(
  id: string,
  label: unknown,
  input: unknown,
  { error, hint, className }: { error?: string; hint?: string; className?: string } = {},
) {
  return html`<div class=${className ? `field ${className}` : 'field'}>
    <label for=${id}>${label}</label>${input} ${hint && !error ? html`<span class="hint">${hint}</span>` : nothing}
    ${error ? html`<span class="field-error" id="${id}-error">${error}</span>` : nothing}
  </div>`
}
