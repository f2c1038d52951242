import { LitElement, html } from 'lit'
import { customElement, property, query } from 'lit/decorators.js'
import type * as Y from 'yjs'
import { type TextDelta, diffText, transformIndex } from '../../common/text-diff'
import { baseStyles } from '../../resources/styles'
import { notesEditorStyles } from './crm-notes-editor.styles'

/**
 * A textarea bound to a Y.Text. Local typing becomes the smallest insert/delete (so concurrent
 * typing elsewhere in the text merges); remote changes update the textarea and keep the caret
 * where it was in the text around it.
 */
@customElement('crm-notes-editor')
export class CrmNotesEditor extends LitElement {
  @property({ attribute: false }) text!: Y.Text
  @property({ type: Boolean }) readOnly = false
  @property() label = ''
  @property() placeholder = ''
  @property({ attribute: false }) onFocusChange: (focus: string | null) => void = () => {}
  @query('textarea') private area!: HTMLTextAreaElement
  private observed: Y.Text | null = null

  static styles = [baseStyles, notesEditorStyles]

  render() {
    return html`<label for="notes" class="visually-hidden">${this.label}</label>
      <textarea
        id="notes"
        rows="8"
        ?readonly=${this.readOnly}
        placeholder=${this.placeholder}
        spellcheck="true"
        @input=${this.onInput}
        @focus=${() => this.onFocusChange('notes')}
        @blur=${() => this.onFocusChange(null)}
      ></textarea>`
  }

  protected updated() {
    if (this.text !== this.observed) {
      this.observed?.unobserve(this.onRemote)
      this.observed = this.text ?? null
      this.observed?.observe(this.onRemote)
      this.area.value = this.text?.toString() ?? ''
    }
  }

  disconnectedCallback() {
    super.disconnectedCallback()
    this.observed?.unobserve(this.onRemote)
    this.observed = null
  }

  private onInput() {
    if (this.readOnly || !this.text) return
    const edit = diffText(this.text.toString(), this.area.value)
    if (!edit) return
    this.text.doc?.transact(() => {
      if (edit.remove) this.text.delete(edit.index, edit.remove)
      if (edit.insert) this.text.insert(edit.index, edit.insert)
    }, this)
  }

  private onRemote = (event: Y.YTextEvent) => {
    if (event.transaction.origin === this) return
    const area = this.area
    if (!area) return
    const focused = this.shadowRoot?.activeElement === area
    const { selectionStart, selectionEnd, selectionDirection } = area
    const delta = event.delta as TextDelta
    area.value = this.text.toString()
    if (focused)
      area.setSelectionRange(
        transformIndex(delta, selectionStart),
        transformIndex(delta, selectionEnd),
        selectionDirection ?? undefined,
      )
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-notes-editor': CrmNotesEditor
  }
}
