import { css } from 'lit'

/** crm-notes-editor: a tall textarea. */
export const notesEditorStyles = css`
  :host {
    display: block;
  }
  textarea {
    min-height: 160px;
    resize: vertical;
    line-height: 1.5;
  }
`
