import { html, nothing } from 'lit'
import { live } from 'lit/directives/live.js'
import { ifDefined } from 'lit/directives/if-defined.js'
import { styleMap } from 'lit/directives/style-map.js'
import type * as Y from 'yjs'
import type { LiveDoc, PresenceEntry } from '../../data/live-doc'
import '../../components/crm-presence-list'
import '../../components/crm-save-state'
import '../../components/crm-field-author'
import { changedByText } from '../../components/crm-field-author'
import { authorOf, type FieldAuthor } from '../../data/docs-authors'
import { t } from '../../i18n/locale'
import { dateInput } from '../../components/date-input'

/**
 * Inputs bound to a key of a shared Y.Map: the value is read from the map on every render
 * (`live()` so a remote change reaches an input the user is not typing in), and each
 * keystroke writes the whole field value into the map (short fields: last writer wins per
 * field; long free text uses a Y.Text instead). Focus is announced through awareness as
 * `data-focus`, and fields someone else is in get that person's coloured outline and name.
 * Their styles are in live-fields.styles.ts. Their words come from the catalogue: call them while
 * rendering a component that holds a LocaleController.
 */

/** "Who changed this" for the fields of one document: its authors by path, its name, the branch's zone. */
export interface FieldWho {
  byPath: ReadonlyMap<string, FieldAuthor>
  doc: string
  zone: string
}

/** The last author of `path` (a field's focus key is its path), the hover text, and the clock that opens its history. */
export function whoMarks(who: FieldWho | undefined, path: string, label: string) {
  const author = who ? authorOf(who.byPath, path) : null
  if (!who || !author) return { title: undefined, button: nothing }
  return {
    title: changedByText(author, who.zone),
    button: html`<crm-field-author
      .author=${author}
      doc=${who.doc}
      path=${path}
      field=${label}
      zone=${who.zone}
    ></crm-field-author>`,
  }
}

export interface LiveFieldOptions {
  id: string
  label: string
  /** The focus key announced to others, e.g. 'traits.needs'. */
  focus: string
  map: Y.Map<unknown> | undefined
  key: string
  readOnly: boolean
  /** Others in the document (to outline fields they are editing). */
  presence: PresenceEntry[]
  type?: 'text' | 'email' | 'tel' | 'date' | 'textarea'
  rows?: number
  placeholder?: string
  hint?: string
  /** Error to show under the field (e.g. a projection problem). */
  error?: string
  /** Stored value for '' (dates and optional strings store null). */
  emptyAs?: null | ''
  /** Who changed it last (hover) and its history (click); the path is `focus`. */
  who?: FieldWho
}

/** The others (not us) whose focus is on `focus`. */
export function editorsOf(presence: PresenceEntry[], focus: string): PresenceEntry[] {
  return presence.filter((p) => !p.self && p.focus === focus)
}

/** Outline and name tag of the first other person editing a field. */
export function editingMarks(presence: PresenceEntry[], focus: string) {
  const editors = editorsOf(presence, focus)
  if (!editors.length) return { style: {}, tag: nothing, editing: false }
  const colour = editors[0].user.colour
  return {
    style: { '--editor': colour, outline: `2px solid ${colour}`, 'outline-offset': '1px' },
    tag: html`<span
      class="editing-tag"
      style=${styleMap({ background: colour })}
      title=${t('clients.live.editingNow')}
      data-testid="editing-${focus}"
      >${editors.map((e) => e.user.name).join(', ')}</span
    >`,
    editing: true,
  }
}

/** Writes one key of a map in a transaction (no-op when unchanged). */
export function setKey(map: Y.Map<unknown> | undefined, key: string, value: unknown) {
  if (!map || map.get(key) === value) return
  if (map.doc) map.doc.transact(() => map.set(key, value))
  else map.set(key, value)
}

export function liveField(o: LiveFieldOptions) {
  const raw = o.map?.get(o.key)
  const value = raw === null || raw === undefined ? '' : String(raw)
  const marks = editingMarks(o.presence, o.focus)
  const who = whoMarks(o.who, o.focus, o.label)
  const onInput = (e: Event) => {
    const v = (e.target as HTMLInputElement | HTMLTextAreaElement).value
    setKey(o.map, o.key, v === '' && o.emptyAs === null ? null : v)
  }
  const control =
    o.type === 'date'
      ? html`<div style=${styleMap(marks.style)}>
          ${dateInput({
            id: o.id,
            value,
            focus: o.focus,
            readOnly: o.readOnly,
            invalid: !!o.error,
            // a whole day reaches the others when it is typed (on leaving the field or Enter) or picked
            onChange: (v) => setKey(o.map, o.key, v === null && o.emptyAs === null ? null : (v ?? '')),
          })}
        </div>`
      : o.type === 'textarea'
        ? html`<textarea
            id=${o.id}
            rows=${o.rows ?? 3}
            data-focus=${o.focus}
            .value=${live(value)}
            ?readonly=${o.readOnly}
            placeholder=${o.placeholder ?? ''}
            style=${styleMap(marks.style)}
            aria-invalid=${o.error ? 'true' : 'false'}
            @input=${onInput}
          ></textarea>`
        : html`<input
            id=${o.id}
            type=${o.type ?? 'text'}
            data-focus=${o.focus}
            .value=${live(value)}
            ?readonly=${o.readOnly}
            placeholder=${o.placeholder ?? ''}
            autocomplete="off"
            style=${styleMap(marks.style)}
            aria-invalid=${o.error ? 'true' : 'false'}
            @input=${onInput}
          />`
  return html`<div class="field live ${marks.editing ? 'being-edited' : ''}" title=${ifDefined(who.title)}>
    <div class="label-row"><label for=${o.id}>${o.label}</label>${who.button}${marks.tag}</div>
    ${control}
    ${o.error ? html`<span class="field-error">${o.error}</span>` : o.hint ? html`<span class="hint">${o.hint}</span>` : nothing}
  </div>`
}

/** A select bound to a key of a shared Y.Map (empty choice stored as null). */
export function liveSelect(o: {
  id: string
  label: string
  focus: string
  map: Y.Map<unknown> | undefined
  key: string
  options: Array<{ value: string; label: string }>
  readOnly: boolean
  presence: PresenceEntry[]
  who?: FieldWho
}) {
  const marks = editingMarks(o.presence, o.focus)
  const who = whoMarks(o.who, o.focus, o.label)
  const value = String(o.map?.get(o.key) ?? '')
  return html`<div class="field live" title=${ifDefined(who.title)}>
    <div class="label-row"><label for=${o.id}>${o.label}</label>${who.button}${marks.tag}</div>
    <select
      id=${o.id}
      data-focus=${o.focus}
      ?disabled=${o.readOnly}
      style=${styleMap(marks.style)}
      @change=${(e: Event) => setKey(o.map, o.key, (e.target as HTMLSelectElement).value || null)}
    >
      ${o.options.map((x) => html`<option value=${x.value} ?selected=${x.value === value}>${x.label}</option>`)}
    </select>
  </div>`
}

/** A 1–5 scale (radio dots) bound to a key of a shared Y.Map, with its two ends in words and Clear. */
export function liveScale(o: {
  focus: string
  map: Y.Map<unknown> | undefined
  key: string
  label: string
  hint: string
  low: string
  high: string
  readOnly: boolean
  presence: PresenceEntry[]
  who?: FieldWho
}) {
  const marks = editingMarks(o.presence, o.focus)
  const who = whoMarks(o.who, o.focus, o.label)
  const value = Number(o.map?.get(o.key) ?? 0)
  return html`<fieldset class="scale" style=${styleMap(marks.style)} title=${ifDefined(who.title)}>
    <legend>${o.label} <span class="hint">${o.hint}</span>${who.button}</legend>
    ${marks.tag}
    <div class="scale-options">
      <span class="scale-ends">${t('clients.live.scaleLow', { text: o.low })}</span>
      ${[1, 2, 3, 4, 5].map(
        (n) =>
          html`<label
            ><input
              type="radio"
              name=${o.key}
              value=${n}
              data-focus=${o.focus}
              .checked=${live(value === n)}
              ?disabled=${o.readOnly}
              aria-label=${t('clients.live.scaleValue', { label: o.label, n })}
              @change=${() => setKey(o.map, o.key, n)}
            /><span class="dot" aria-hidden="true">${n}</span></label
          >`,
      )}
      <span class="scale-ends">${t('clients.live.scaleHigh', { text: o.high })}</span>
      ${value && !o.readOnly ? html`<button type="button" class="link small" @click=${() => setKey(o.map, o.key, null)}>${t('clients.live.clear')}</button>` : nothing}
    </div>
  </fieldset>`
}

/**
 * Saved state and presence of a live document, for a page header: "All changes saved" (or
 * "Read only" / "Connecting…"), the coloured avatars, and the names of the others in words
 * (tablets have no hover to reveal an avatar's name).
 */
export function liveStatus(doc: LiveDoc, readOnlyByRole: boolean) {
  const seen = new Set<string>()
  const others = doc.presence.filter((p) => !p.self && !seen.has(p.user.id) && (seen.add(p.user.id), true))
  const readOnly = readOnlyByRole || doc.readOnly
  const state =
    !doc.synced && doc.savedState !== 'offline'
      ? html`<span class="doc-note" role="status" data-testid="doc-state">${t('clients.live.connecting')}</span>`
      : readOnly || doc.savedState === 'read-only'
        ? html`<span class="doc-note" role="status" data-testid="doc-state">${t('clients.live.readOnly')}</span>`
        : html`<crm-save-state .state=${doc.savedState}></crm-save-state>`
  return html`<div class="doc-status">
    ${state}
    <div class="doc-people">
      <crm-presence-list .presence=${doc.presence}></crm-presence-list>
      <span class="doc-names" data-testid="presence-names"
        >${
          others.length
            ? html`${t('clients.live.alsoHere')}
              ${others.map((p, i) => html`${i ? ', ' : ''}<span class="doc-name" style=${styleMap({ color: p.user.colour })}>${p.user.name}</span>`)}`
            : t('clients.live.onlyYou')
        }</span
      >
    </div>
  </div>`
}
