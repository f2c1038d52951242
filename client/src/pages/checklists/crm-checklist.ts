import { LitElement, css, html, nothing, type PropertyValues } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { formatNumber } from '../../../../domain/i18n/format'
import { formatDateTime } from '../../common/dates'
import '../../components/crm-presence-list'
import '../../components/crm-save-state'
import { LiveDocController } from '../../controllers/live-doc-controller'
import { ApiError } from '../../data/api'
import {
  encodeChecklistDocName,
  fetchChecklist,
  photoUrl,
  readChecklistValues,
  setChecklistNote,
  setChecklistValue,
  submitChecklist,
  submittedMeta,
  uploadPhoto,
  type Checklist,
  type ChecklistItem,
  type FilledItem,
} from '../../data/checklists'
import { roleLabel } from '../../data/roles'
import { LocaleController } from '../../i18n/locale-controller'
import { currentLocale, t } from '../../i18n/locale'
import { baseStyles, pageStyles } from '../../resources/styles'
import type { PageContext } from '../../types'

/** Is this value out of the item's range (a number), or ticked failed? */
function failed(item: ChecklistItem, value: unknown): boolean {
  if (item.kind === 'tick') return value === 'failed'
  if (item.kind !== 'number' || typeof value !== 'number') return false
  return (item.min != null && value < item.min) || (item.max != null && value > item.max)
}

/**
 * One checklist (/checklists/<id>): while open, its live document `checklist:<id>`, filled by
 * several staff at once (who is here; each tick and value signed with who set it and when), notes
 * per item and photos; Submit locks it (on every open screen). Once submitted, the values kept.
 */
@customElement('crm-checklist')
export class CrmChecklist extends LitElement {
  @property({ attribute: false }) ctx!: PageContext
  @property() checklistId = ''
  @state() private checklist: Checklist | null = null
  @state() private error: string | null = null
  @state() private problems = new Map<string, string>()
  @state() private busy = false
  private readonly locale = new LocaleController(this)
  private readonly live = new LiveDocController(this, () => ({
    name: this.checklistId && this.checklist?.status === 'open' ? encodeChecklistDocName(this.checklistId) : null,
    user: this.ctx.user,
  }))

  static styles = [
    baseStyles,
    pageStyles,
    css`
      .live {
        display: flex;
        gap: 0.75rem;
        align-items: center;
      }
      .state {
        margin-block: 0.5rem 1rem;
        padding: 0.5rem 0.75rem;
        border-radius: 6px;
        background: #eef2f7;
      }
      .state.failed {
        background: #fde8e8;
        color: #9b1c1c;
      }
      .state.ok {
        background: #e6f4ea;
        color: #1e6b34;
      }
      ol.items {
        list-style: none;
        padding: 0;
        margin: 0;
        display: grid;
        gap: 0.6rem;
      }
      ol.items > li {
        border: 1px solid var(--crm-border, #d0d7de);
        border-radius: 8px;
        padding: 0.7rem 0.9rem;
        display: grid;
        gap: 0.4rem;
      }
      ol.items > li.failed {
        border-color: #d14343;
        background: #fff7f7;
      }
      .item-head {
        display: flex;
        flex-wrap: wrap;
        justify-content: space-between;
        gap: 0.5rem;
        align-items: center;
      }
      .text {
        font-weight: 600;
      }
      .ticks {
        display: flex;
        gap: 0.4rem;
      }
      .ticks button[aria-pressed='true'].ok {
        background: #1e6b34;
        color: #fff;
        border-color: #1e6b34;
      }
      .ticks button[aria-pressed='true'].bad {
        background: #b42318;
        color: #fff;
        border-color: #b42318;
      }
      .value-row {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: center;
      }
      .value-row input[type='number'] {
        width: 8rem;
      }
      .signed,
      .range {
        color: var(--crm-muted, #57606a);
        font-size: 0.88rem;
      }
      .problem {
        color: #b42318;
        font-size: 0.9rem;
      }
      .note input {
        width: 100%;
        box-sizing: border-box;
      }
      .photos {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        margin-block: 1rem;
        align-items: center;
      }
      .photos img {
        height: 64px;
        border-radius: 4px;
        border: 1px solid var(--crm-border, #d0d7de);
      }
      .norms {
        margin-block: 0 1rem;
      }
      .norms dd {
        margin: 0 0 0.5rem 1rem;
        white-space: pre-line;
      }
      .actions {
        margin-block: 1rem;
        display: flex;
        gap: 0.75rem;
      }
    `,
  ]

  protected willUpdate(changed: PropertyValues<this>) {
    if (changed.has('checklistId') && this.checklistId) void this.load()
  }

  protected updated() {
    // submitted on another screen: the document says so; fetch the kept values
    const live = this.live.live
    if (live && this.checklist?.status === 'open' && submittedMeta(live.doc) && !this.busy) void this.load()
  }

  private async load() {
    try {
      this.checklist = await fetchChecklist(this.checklistId)
      this.error = null
    } catch (e) {
      this.error = e instanceof ApiError ? e.userMessage : t('checklists.screen.loadError')
    }
  }

  private get submitted() {
    const live = this.live.live
    return this.checklist?.status === 'submitted' || (!!live && !!submittedMeta(live.doc))
  }

  private get readOnly(): boolean {
    const live = this.live.live
    if (!this.checklist || this.submitted) return true
    return !live || !live.synced || live.readOnly || !!live.closed
  }

  private values(): Record<string, FilledItem> {
    const c = this.checklist
    if (!c) return {}
    if (c.status === 'submitted') return c.values ?? {}
    const live = this.live.live
    return live ? readChecklistValues(live.doc) : (c.values ?? {})
  }

  private set(key: string, value: unknown) {
    const live = this.live.live
    if (!live || this.readOnly) return
    setChecklistValue(live.doc, key, value, this.ctx.user)
    this.problems = new Map([...this.problems].filter(([k]) => k !== key))
  }

  private note(key: string, note: string) {
    const live = this.live.live
    if (!live || this.readOnly) return
    setChecklistNote(live.doc, key, note)
  }

  private async submit() {
    if (!this.checklist) return
    this.busy = true
    try {
      this.checklist = await submitChecklist(this.checklist.id)
      this.problems = new Map()
      this.error = null
    } catch (e) {
      if (e instanceof ApiError) {
        this.problems = new Map(
          Object.entries(e.fields).flatMap(([path, m]) => {
            const k = /^items\.(.+)$/.exec(path)?.[1]
            return k ? [[k, m] as [string, string]] : []
          }),
        )
        this.error = e.userMessage
      } else this.error = t('checklists.screen.loadError')
    } finally {
      this.busy = false
    }
  }

  private async addPhoto(e: Event) {
    const input = e.target as HTMLInputElement
    const file = input.files?.[0]
    if (!file || !this.checklist) return
    try {
      await uploadPhoto(this.checklist.id, file)
      await this.load()
    } catch (err) {
      this.error = err instanceof ApiError ? (Object.values(err.fields)[0] ?? err.userMessage) : t('checklists.screen.loadError')
    }
    input.value = ''
  }

  render() {
    const c = this.checklist
    const back = html`<a class="back" href="/checklists">← ${t('checklists.screen.back')}</a>`
    if (!c)
      return html`${back}${this.error ? html`<p class="alert error" role="alert">${this.error}</p>` : html`<p aria-busy="true">${t('app.boot.loading')}</p>`}`
    const live = this.live.live
    const values = this.values()
    const meta = live ? submittedMeta(live.doc) : null
    const submitted = this.submitted
    const result = c.result ?? (meta?.result as 'ok' | 'failed' | undefined) ?? null
    const ro = this.readOnly
    const canFill = !this.ctx.user.roles.every((r) => r === 'auditor')
    const at = c.submittedAt ?? meta?.at ?? null
    return html`${back}
      <div class="page-header">
        <div>
          <h1>${c.title}</h1>
          <p class="sub">
            ${t('checklists.screen.dueAt', { when: formatDateTime(c.dueAt, c.timeZone) })} ·
            ${t('checklists.screen.responsible', { role: roleLabel(c.responsibleRole) })}
          </p>
        </div>
        <div class="live">
          ${live ? html`<crm-presence-list .presence=${live.presence}></crm-presence-list>` : nothing}
          ${live && !submitted && !live.closed ? html`<crm-save-state .state=${live.savedState}></crm-save-state>` : nothing}
        </div>
      </div>
      <div class="state ${submitted ? (result ?? '') : ''}" role="status" data-testid="checklist-state">
        ${
          submitted
            ? t(result === 'failed' ? 'checklists.screen.submittedFailed' : 'checklists.screen.submittedOk', {
                when: at ? formatDateTime(at, c.timeZone) : '',
              })
            : c.timeliness === 'overdue'
              ? t('checklists.screen.isOverdue')
              : t('checklists.screen.isOpen')
        }
      </div>
      ${this.error ? html`<p class="alert error" role="alert">${this.error}</p>` : nothing}
      ${live?.closed && !submitted ? html`<p class="alert error" role="alert">${t(live.closed.messageId)}</p>` : nothing}
      ${
        c.norms?.length
          ? html`<details class="norms" data-testid="norms">
              <summary>${t('checklists.screen.norms')}</summary>
              <dl>
                ${c.norms.map(
                  (n) =>
                    html`<dt>${n.activity}</dt>
                      <dd>${n.safetyNotes}</dd>`,
                )}
              </dl>
            </details>`
          : nothing
      }
      <ol class="items">
        ${c.items.map((i) => this.item(i, values[i.key], ro))}
      </ol>
      <div class="photos">
        ${(c.photos ?? []).map(
          (p) =>
            html`<a href=${photoUrl(c.id, p.id)} target="_blank" rel="noopener"
              ><img src=${photoUrl(c.id, p.id)} alt=${p.fileName}
            /></a>`,
        )}
        ${
          !submitted && canFill
            ? html`<label class="button"
                >${t('checklists.screen.addPhoto')}
                <input type="file" accept="image/jpeg,image/png" hidden @change=${(e: Event) => void this.addPhoto(e)}
              /></label>`
            : nothing
        }
      </div>
      ${
        !submitted && canFill
          ? html`<div class="actions">
              <button class="primary" data-testid="submit" ?disabled=${ro || this.busy} @click=${() => void this.submit()}>
                ${t('checklists.screen.submit')}
              </button>
            </div>`
          : nothing
      }`
  }

  private item(i: ChecklistItem, filled: FilledItem | undefined, ro: boolean) {
    const tz = this.checklist?.timeZone
    const value = filled?.value
    const bad = failed(i, value)
    const problem = this.problems.get(i.key)
    const locale = currentLocale()
    const range =
      i.kind === 'number' && (i.min != null || i.max != null)
        ? i.min != null && i.max != null
          ? t('checklists.screen.range', {
              min: formatNumber(i.min, locale),
              max: formatNumber(i.max, locale),
              unit: i.unit ?? '',
            })
          : i.min != null
            ? t('checklists.screen.atLeast', { min: formatNumber(i.min, locale), unit: i.unit ?? '' })
            : t('checklists.screen.atMost', { max: formatNumber(i.max ?? 0, locale), unit: i.unit ?? '' })
        : null
    return html`<li class=${bad ? 'failed' : ''} data-item=${i.key}>
      <div class="item-head">
        <span class="text" id="text-${i.key}">${i.text}</span>
        ${
          i.kind === 'tick'
            ? html`<span class="ticks" role="group" aria-labelledby="text-${i.key}">
                <button
                  type="button"
                  class="ok"
                  aria-pressed=${value === 'ok' ? 'true' : 'false'}
                  ?disabled=${ro}
                  @click=${() => this.set(i.key, value === 'ok' ? null : 'ok')}
                >
                  ✓ ${t('checklists.tick.ok')}
                </button>
                <button
                  type="button"
                  class="bad"
                  aria-pressed=${value === 'failed' ? 'true' : 'false'}
                  ?disabled=${ro}
                  @click=${() => this.set(i.key, value === 'failed' ? null : 'failed')}
                >
                  ✗ ${t('checklists.tick.failed')}
                </button>
              </span>`
            : nothing
        }
      </div>
      ${
        i.kind === 'number'
          ? html`<div class="value-row">
              <input
                type="number"
                step="any"
                inputmode="decimal"
                aria-labelledby="text-${i.key}"
                .value=${typeof value === 'number' ? String(value) : ''}
                ?disabled=${ro}
                @change=${(e: Event) => {
                  const raw = (e.target as HTMLInputElement).value
                  this.set(i.key, raw === '' ? null : Number(raw))
                }}
              />
              ${i.unit ? html`<span>${i.unit}</span>` : nothing} ${range ? html`<span class="range">${range}</span>` : nothing}
              ${bad ? html`<strong class="problem">${t('checklists.screen.outOfRange')}</strong>` : nothing}
            </div>`
          : nothing
      }
      ${
        i.kind === 'text'
          ? html`<input
              type="text"
              aria-labelledby="text-${i.key}"
              .value=${typeof value === 'string' ? value : ''}
              ?disabled=${ro}
              @change=${(e: Event) => this.set(i.key, (e.target as HTMLInputElement).value)}
            />`
          : nothing
      }
      ${
        filled?.byName && filled.at && value !== undefined
          ? html`<span class="signed" data-testid="signed-${i.key}"
              >${t('checklists.screen.signed', { name: filled.byName, when: formatDateTime(filled.at, tz) })}</span
            >`
          : nothing
      }
      ${
        i.kind !== 'text'
          ? html`<label class="note"
              ><span class="visually-hidden">${t('checklists.screen.note')}</span>
              <input
                type="text"
                placeholder=${t('checklists.screen.notePlaceholder')}
                .value=${filled?.note ?? ''}
                ?disabled=${ro}
                @change=${(e: Event) => this.note(i.key, (e.target as HTMLInputElement).value)}
            /></label>`
          : nothing
      }
      ${problem ? html`<span class="problem" role="alert">${problem}</span>` : nothing}
    </li>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-checklist': CrmChecklist
  }
}
