import { html, nothing } from 'lit'
import { customElement, state } from 'lit/decorators.js'
import { formatDate, formatTime, formatWeekday } from '../../../../domain/i18n/format'
import { fireEvent } from '../../common/fire-event'
import '../../components/crm-dialog'
import type { DataTableColumn } from '../../components/crm-data-table'
import '../../components/crm-data-table'
import { dateInput, datesValid } from '../../components/date-input'
import { CrmDialogElement } from '../../components/dialogs'
import { field } from '../../components/field'
import { FormController } from '../../controllers/form-controller'
import { fetchCatalogue } from '../../data/catalogue'
import { type ClosureInput, type ClosureLesson, createClosure, previewClosure } from '../../data/closures'
import { fetchGroupList } from '../../data/groups'
import type { Branch } from '../../data/types'
import { LocaleController } from '../../i18n/locale-controller'
import { currentLocale, t } from '../../i18n/locale'
import { baseStyles } from '../../resources/styles'
import { daySpan, num } from '../catalogue/labels'
import { setupCellStyles } from '../catalogue/setup-list.styles'
import { todayIso } from '../groups/schedule'
import { dialogClosureStyles } from './dialog-closure.styles'

export interface ClosureDialogParams {
  /** The branches this user may close. */
  branches: Branch[]
  /** May close the whole center (works in every branch). */
  wholeCenter: boolean
}

type Step = 'form' | 'preview' | 'done'

const WHOLE = 'all'

/**
 * "New closure": its name, branch (or the whole center) and days; then the lessons it cancels,
 * listed before it is confirmed (with or without make-up lessons for their members); then what was
 * done: lessons cancelled and make-up credits given.
 */
@customElement('crm-dialog-closure')
export class CrmDialogClosure extends CrmDialogElement<ClosureDialogParams, true> {
  private form = new FormController(this, { fields: ['name', 'branchId', 'fromDate', 'toDate', 'cancelLessons', 'offerMakeUp'] })
  @state() private step: Step = 'form'
  @state() private input: ClosureInput = { branchId: null, fromDate: todayIso(), toDate: todayIso(), name: '' }
  @state() private lessons: ClosureLesson[] = []
  @state() private credits = 0
  @state() private offerMakeUp = true
  @state() private names = { activities: new Map<string, string>(), groups: new Map<string, string>() }
  private readonly locale = new LocaleController(this)
  static styles = [baseStyles, dialogClosureStyles]

  showDialog(params: ClosureDialogParams, close: (result?: true) => void) {
    super.showDialog(params, close)
    this.input = { ...this.input, branchId: params.branches[0]?.id ?? null }
    void Promise.all([fetchCatalogue(), fetchGroupList()]).then(
      ([a, g]) =>
        (this.names = { activities: new Map(a.map((x) => [x.id, x.name])), groups: new Map(g.map((x) => [x.id, x.name])) }),
      () => {},
    )
  }

  render() {
    const p = this.params
    if (!p) return nothing
    const heading = this.step === 'done' ? t('setup.closure.doneTitle', { name: this.input.name }) : t('setup.closure.new')
    return html`<crm-dialog
      heading=${heading}
      open
      @crm-dialog-closed=${() => this.close(this.step === 'done' ? true : undefined)}
    >
      ${this.step === 'form' ? this.renderForm(p) : this.renderLessons()}
    </crm-dialog>`
  }

  private renderForm(p: ClosureDialogParams) {
    const fe = this.form.fieldErrors
    const i = this.input
    return html`<form @submit=${this.onPreview} novalidate>
      ${this.form.error ? html`<p class="alert error" role="alert">${this.form.error}</p>` : nothing}
      ${field(
        'name',
        t('setup.closure.name'),
        html`<input
          id="name"
          name="name"
          .value=${i.name}
          aria-invalid=${this.form.invalid('name')}
          @input=${(e: Event) => (this.input = { ...this.input, name: (e.target as HTMLInputElement).value })}
        />`,
        { error: fe.name, hint: t('setup.closure.nameHint') },
      )}
      ${field(
        'branchId',
        t('setup.closure.where'),
        html`<select
          id="branchId"
          @change=${(e: Event) => {
            const v = (e.target as HTMLSelectElement).value
            this.input = { ...this.input, branchId: v === WHOLE ? null : v }
          }}
        >
          ${p.branches.map((b) => html`<option value=${b.id} ?selected=${b.id === i.branchId}>${b.name}</option>`)}
          ${p.wholeCenter ? html`<option value=${WHOLE} ?selected=${i.branchId === null}>${t('setup.closures.wholeCenter')}</option>` : nothing}
        </select>`,
        { error: fe.branchId },
      )}
      <div class="row2">
        ${field(
          'fromDate',
          t('setup.closure.from'),
          dateInput({
            id: 'fromDate',
            value: i.fromDate,
            eager: true,
            invalid: !!fe.fromDate,
            onChange: (v) =>
              (this.input = { ...this.input, fromDate: v ?? '', toDate: v && this.input.toDate < v ? v : this.input.toDate }),
          }),
          { error: fe.fromDate },
        )}
        ${field(
          'toDate',
          t('setup.closure.to'),
          dateInput({
            id: 'toDate',
            value: i.toDate,
            eager: true,
            invalid: !!fe.toDate,
            onChange: (v) => (this.input = { ...this.input, toDate: v ?? '' }),
          }),
          { error: fe.toDate },
        )}
      </div>
      <div class="form-actions">
        <button type="button" @click=${() => this.close()}>${t('common.cancel')}</button>
        <button class="primary" type="submit" ?disabled=${this.form.busy}>
          ${this.form.busy ? t('common.loading') : t('setup.closure.preview')}
        </button>
      </div>
    </form>`
  }

  private renderLessons() {
    const done = this.step === 'done'
    const i = this.input
    const where = i.branchId
      ? (this.params?.branches.find((b) => b.id === i.branchId)?.name ?? '')
      : t('setup.closures.wholeCenter')
    const makeUp = done ? this.credits : this.offerMakeUp ? this.credits : 0
    return html`<div class="summary" role="status" data-testid=${done ? 'closure-done' : 'closure-preview'}>
        <p><strong>${i.name}</strong> · ${where} · ${daySpan(i.fromDate, i.toDate)}</p>
        <p class="numbers">
          <span
            ><strong>${num(this.lessons.length)}</strong>
            ${done ? t('setup.closure.cancelledCount', { count: this.lessons.length }) : t('setup.closure.toCancelCount', { count: this.lessons.length })}</span
          >
          <span
            ><strong>${num(makeUp)}</strong>
            ${done ? t('setup.closure.creditsGiven', { count: makeUp }) : t('setup.closure.creditsToGive', { count: makeUp })}</span
          >
        </p>
      </div>
      ${
        this.lessons.length
          ? html`<crm-data-table
              flat
              layout=${this.lessons.length > 50 ? 'virtual' : 'table'}
              style=${this.lessons.length > 50 ? 'height:340px' : ''}
              label=${done ? t('setup.closure.cancelledLabel') : t('setup.closure.toCancelLabel')}
              .columns=${this.lessonColumns()}
              .rows=${this.lessons}
              .keyFn=${(l: ClosureLesson) => l.id}
              .cellStyles=${setupCellStyles}
            ></crm-data-table>`
          : html`<p class="muted">${t('setup.closure.noLessons')}</p>`
      }
      ${this.form.error ? html`<p class="alert error" role="alert">${this.form.error}</p>` : nothing}
      ${
        done
          ? html`<div class="form-actions">
              <button class="primary" type="button" @click=${() => this.close(true)}>${t('common.close')}</button>
            </div>`
          : html`${
                this.lessons.length
                  ? html`<label class="check"
                      ><input
                        type="checkbox"
                        .checked=${this.offerMakeUp}
                        @change=${(e: Event) => (this.offerMakeUp = (e.target as HTMLInputElement).checked)}
                      />
                      ${t('setup.closure.offerMakeUp')}</label
                    >`
                  : nothing
              }
              <div class="form-actions">
                <button type="button" @click=${() => (this.step = 'form')}>${t('setup.closure.back')}</button>
                <button class="primary" type="button" ?disabled=${this.form.busy} @click=${() => void this.confirm()}>
                  ${this.form.busy ? t('common.form.saving') : this.lessons.length ? t('setup.closure.confirmCancel', { count: this.lessons.length }) : t('setup.closure.confirm')}
                </button>
              </div>`
      }`
  }

  private lessonColumns(): DataTableColumn<ClosureLesson>[] {
    const tz = (l: ClosureLesson) => this.params?.branches.find((b) => b.id === l.branchId)?.timezone ?? 'UTC'
    const locale = currentLocale()
    return [
      {
        key: 'when',
        title: t('setup.closure.col.when'),
        width: 'minmax(140px, 1.4fr)',
        render: (l) => {
          if (!l.start) return '—'
          const s = new Date(l.start)
          return `${formatWeekday(s, locale, tz(l), 'short')} ${formatDate(s, locale, tz(l))}, ${formatTime(s, locale, tz(l))}`
        },
      },
      {
        key: 'what',
        title: t('setup.closure.col.what'),
        width: 'minmax(120px, 2fr)',
        render: (l) => {
          const name =
            (l.groupId && this.names.groups.get(l.groupId)) || (l.activityId && this.names.activities.get(l.activityId)) || '—'
          // the group opens its page (and the list has something to reach with the keyboard)
          return l.groupId
            ? html`<a class="name" href="/groups/${encodeURIComponent(l.groupId)}">${name}</a>`
            : html`<span class="name">${name}</span>`
        },
      },
      {
        key: 'members',
        title: t('setup.closure.col.members'),
        width: '80px',
        align: 'end',
        render: (l) => html`<span class="num">${num(l.memberCount)}</span>`,
      },
    ]
  }

  private onPreview = (e: Event) => {
    e.preventDefault()
    if (!datesValid(e.target as HTMLFormElement)) return
    const i = { ...this.input, name: this.input.name.trim() }
    if (!i.name) {
      this.form.refuse({ name: t('setup.activity.nameRequired') })
      return
    }
    void this.form.send(async () => {
      const r = await previewClosure(i)
      this.input = i
      this.lessons = r.items
      this.credits = r.makeUpCredits
      this.step = 'preview'
    })
  }

  private async confirm() {
    await this.form.send(async () => {
      const r = await createClosure({ ...this.input, cancelLessons: true, offerMakeUp: this.offerMakeUp })
      this.lessons = r.cancelled
      this.credits = r.makeUpCredits
      this.step = 'done'
      fireEvent(this, 'crm-toast', { message: () => t('setup.closure.saved', { name: r.closure.name }), kind: 'success' })
    })
    // a refusal of the days or the name belongs to the first step's fields
    if (this.step === 'preview' && Object.keys(this.form.fieldErrors).length) this.step = 'form'
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-dialog-closure': CrmDialogClosure
  }
}
