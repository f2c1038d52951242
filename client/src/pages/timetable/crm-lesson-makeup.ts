import { LitElement, html, nothing, type PropertyValues } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { fireEvent } from '../../common/fire-event'
import { ApiError } from '../../data/api'
import { type MakeUpCandidate, type MakeUpCredit, addMakeUp, fetchMakeUpCandidates } from '../../data/passes'
import { LocaleController } from '../../i18n/locale-controller'
import { t } from '../../i18n/locale'
import { baseStyles } from '../../resources/styles'
import { makeUpCreditText } from '../passes/makeup-labels'
import { lessonMakeUpStyles } from './crm-lesson-makeup.styles'

declare global {
  interface HTMLElementEventMap {
    /** A client was added to the lesson with a make-up credit (the roster has them now). */
    'crm-makeup-added': CustomEvent<{ lessonId: string; clientId: string }>
  }
  interface HTMLElementTagNameMap {
    'crm-lesson-makeup': CrmLessonMakeUp
  }
}

/**
 * The lesson panel's "Make-up" (issue #15): the clients holding an open make-up credit usable for
 * this lesson (same activity, a cancelled lesson of another group in the branch), each credit with
 * the lesson it came from; "Add to the lesson" uses the credit (`POST /api/lessons/{id}/make-up`):
 * the visit is written off their pass and the roster shows them. Fires `crm-makeup-added`.
 */
@customElement('crm-lesson-makeup')
export class CrmLessonMakeUp extends LitElement {
  @property() lessonId = ''
  /** Bumped when the lesson changed elsewhere (someone checked a client in): an open list reloads. */
  @property({ type: Number }) refreshKey = 0
  @state() private open = false
  @state() private candidates: MakeUpCandidate[] | null = null
  @state() private busy: number | null = null
  @state() private error: string | null = null
  private loadSeq = 0
  private readonly locale = new LocaleController(this)

  static styles = [baseStyles, lessonMakeUpStyles]

  protected willUpdate(changed: PropertyValues<this>) {
    if (changed.has('lessonId')) {
      this.open = false
      this.candidates = null
      this.error = null
      this.busy = null
    } else if (changed.has('refreshKey') && this.open) void this.load()
  }

  private async load() {
    const seq = ++this.loadSeq
    const lessonId = this.lessonId
    try {
      const list = await fetchMakeUpCandidates(lessonId)
      if (seq === this.loadSeq) this.candidates = list
    } catch (e) {
      if (seq === this.loadSeq) this.error = e instanceof ApiError ? e.userMessage : t('passes.screens.loadError')
    }
  }

  private toggle() {
    this.open = !this.open
    this.error = null
    if (this.open) {
      this.candidates = null
      void this.load()
    }
  }

  private async add(c: MakeUpCandidate, m: MakeUpCredit) {
    if (this.busy !== null) return
    this.busy = m.id
    this.error = null
    const lessonId = this.lessonId
    try {
      await addMakeUp(lessonId, { clientId: c.clientId, creditId: m.id })
      fireEvent(this, 'crm-toast', { message: t('passes.screens.makeUp.added', { name: c.name }), kind: 'success' })
      this.dispatchEvent(
        new CustomEvent('crm-makeup-added', { detail: { lessonId, clientId: c.clientId }, bubbles: true, composed: true }),
      )
      await this.load()
    } catch (e) {
      this.error = e instanceof ApiError ? e.userMessage : t('common.error.unexpected')
      void this.load()
    } finally {
      this.busy = null
    }
  }

  render() {
    return html`<button
        type="button"
        aria-expanded=${this.open ? 'true' : 'false'}
        aria-controls=${this.open ? 'makeup-list' : nothing}
        data-testid="make-up-action"
        @click=${() => this.toggle()}
      >
        ${this.open ? t('passes.screens.makeUp.hide') : t('passes.screens.makeUp.action')}
      </button>
      ${this.open ? this.renderList() : nothing}`
  }

  private renderList() {
    const list = this.candidates
    return html`<section id="makeup-list" aria-labelledby="makeup-title" data-testid="make-up-list">
      <h3 id="makeup-title">${t('passes.screens.makeUp.panelTitle')}</h3>
      <p class="lead">${t('passes.screens.makeUp.panelLead')}</p>
      ${this.error ? html`<p class="alert error" role="alert">${this.error}</p>` : nothing}
      ${
        list === null
          ? this.error
            ? nothing
            : html`<p class="empty" aria-busy="true">${t('common.loading')}</p>`
          : list.length === 0
            ? html`<p class="empty">${t('passes.screens.makeUp.noCandidates')}</p>`
            : html`<ul>
                ${list.flatMap((c) =>
                  c.credits.map(
                    (m) =>
                      html`<li data-client=${c.clientId} data-credit=${m.id}>
                        <span class="who"><strong>${c.name}</strong><span class="credit">${makeUpCreditText(m)}</span></span>
                        <button
                          type="button"
                          class="primary"
                          ?disabled=${this.busy !== null}
                          aria-label=${t('passes.screens.makeUp.addWho', { name: c.name })}
                          @click=${() => void this.add(c, m)}
                        >
                          ${this.busy === m.id ? t('passes.screens.makeUp.adding') : t('passes.screens.makeUp.add')}
                        </button>
                      </li>`,
                  ),
                )}
              </ul>`
      }
    </section>`
  }
}
