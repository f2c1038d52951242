import { html, nothing } from 'lit'
import { customElement, state } from 'lit/decorators.js'
import { fireEvent } from '../../common/fire-event'
import { dateInput, datesValid } from '../../components/date-input'
import { dialogForm } from '../../components/dialog-form'
import { CrmDialogElement } from '../../components/dialogs'
import { field } from '../../components/field'
import { FormController } from '../../controllers/form-controller'
import {
  ACTIVITY_CATEGORIES,
  ACTIVITY_TYPES,
  type ActivityInput,
  type CatalogueActivity,
  type Consumable,
  type NormVersion,
  createActivity,
  fetchNormVersions,
  updateActivity,
} from '../../data/catalogue'
import { LocaleController } from '../../i18n/locale-controller'
import { t } from '../../i18n/locale'
import { baseStyles } from '../../resources/styles'
import { dialogActivityStyles } from './dialog-activity.styles'
import { ageRange, categoryLabel, day, typeLabel } from './labels'

export interface ActivityDialogParams {
  /** The activity to edit; null: a new one. */
  activity: CatalogueActivity | null
}

const FIELDS = [
  'name',
  'activityType',
  'category',
  'color',
  'durationMinutes',
  'minGroupSize',
  'maxGroupSize',
  'ageMin',
  'ageMax',
  'staffRatio',
  'pricePerSession',
  'roomRequirements',
  'consumables',
  'safetyNotes',
  'normsFrom',
  'description',
] as const

/** "Paint; 0,5; l" (or "Paint, 0.5, l") per line → consumables; null when a line does not read. */
export function parseConsumables(text: string): Consumable[] | null {
  const out: Consumable[] = []
  for (const line of text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)) {
    // semicolons when the line has them (a decimal comma stays in the number), else commas
    const parts = line.split(line.includes(';') ? ';' : ',').map((p) => p.trim())
    const quantity = Number((parts[1] ?? '').replace(',', '.'))
    if (parts.length !== 3 || !parts[0] || !parts[2] || !Number.isFinite(quantity) || quantity <= 0) return null
    out.push({ item: parts[0], quantity, unit: parts[2] })
  }
  return out
}

const consumablesText = (c: readonly Consumable[]) => c.map((x) => `${x.item}; ${x.quantity}; ${x.unit}`).join('\n')

/**
 * "New activity" / "Edit <name>": the catalogue entry and its norms reference (ages, duration,
 * group sizes, staff ratio, room requirements, consumables per lesson, safety and hygiene notes)
 * with the date they apply from; an edit lists the earlier versions of the norms.
 */
@customElement('crm-dialog-activity')
export class CrmDialogActivity extends CrmDialogElement<ActivityDialogParams, CatalogueActivity> {
  private form = new FormController(this, { fields: FIELDS })
  @state() private versions: NormVersion[] = []
  private readonly locale = new LocaleController(this)
  static styles = [baseStyles, dialogActivityStyles]

  showDialog(params: ActivityDialogParams, close: (result?: CatalogueActivity) => void) {
    super.showDialog(params, close)
    if (params.activity)
      void fetchNormVersions(params.activity.id).then(
        (v) => (this.versions = v),
        () => (this.versions = []),
      )
  }

  render() {
    if (!this.params) return nothing
    const a = this.params.activity
    const fe = this.form.fieldErrors
    const inv = (id: string) => this.form.invalid(id)
    const numInput = (id: string, value: number | null | undefined, o: { min?: number; step?: string } = {}) =>
      html`<input
        id=${id}
        name=${id}
        type="number"
        min=${o.min ?? 0}
        step=${o.step ?? '1'}
        .value=${value == null ? '' : String(value)}
        aria-invalid=${inv(id)}
      />`
    return dialogForm(
      {
        heading: a ? t('setup.activity.edit', { name: a.name }) : t('setup.activity.new'),
        state: this.form,
        submitLabel: t('common.save'),
        onSubmit: this.submit,
        onClose: () => this.close(),
      },
      html`${field('name', t('setup.activity.name'), html`<input id="name" name="name" .value=${a?.name ?? ''} aria-invalid=${inv('name')} />`, { error: fe.name })}
        <div class="row3">
          ${field(
            'activityType',
            t('setup.activity.type'),
            html`<select id="activityType" name="activityType">
              ${ACTIVITY_TYPES.map((ty) => html`<option value=${ty} ?selected=${(a?.activityType ?? 'course') === ty}>${typeLabel(ty)}</option>`)}
            </select>`,
            { error: fe.activityType },
          )}
          ${field(
            'category',
            t('setup.activity.category'),
            html`<select id="category" name="category">
              ${ACTIVITY_CATEGORIES.map((c) => html`<option value=${c} ?selected=${(a?.category ?? 'art') === c}>${categoryLabel(c)}</option>`)}
            </select>`,
            { error: fe.category },
          )}
          ${field('color', t('setup.activity.color'), html`<input id="color" name="color" type="color" .value=${a?.color ?? '#4f7cff'} />`, { error: fe.color })}
        </div>
        <fieldset>
          <legend>${t('setup.activity.norms')}</legend>
          <div class="row3">
            ${field('durationMinutes', t('setup.activity.duration'), numInput('durationMinutes', a?.durationMinutes ?? 60, { min: 5 }), { error: fe.durationMinutes })}
            ${field('minGroupSize', t('setup.activity.minGroup'), numInput('minGroupSize', a?.minGroupSize ?? 1, { min: 1 }), { error: fe.minGroupSize })}
            ${field('maxGroupSize', t('setup.activity.maxGroup'), numInput('maxGroupSize', a?.maxGroupSize ?? 10, { min: 1 }), { error: fe.maxGroupSize })}
            ${field('ageMin', t('setup.activity.ageMin'), numInput('ageMin', a?.ageMin), { error: fe.ageMin })}
            ${field('ageMax', t('setup.activity.ageMax'), numInput('ageMax', a?.ageMax), { error: fe.ageMax })}
            ${field('staffRatio', t('setup.activity.staffRatio'), numInput('staffRatio', a?.staffRatio ?? 8, { min: 1 }), {
              error: fe.staffRatio,
              hint: t('setup.activity.staffRatioHint'),
            })}
          </div>
          ${field(
            'roomRequirements',
            t('setup.activity.roomRequirements'),
            html`<textarea
              id="roomRequirements"
              name="roomRequirements"
              rows="2"
              .value=${a?.roomRequirements ?? ''}
            ></textarea>`,
            { error: fe.roomRequirements },
          )}
          ${field(
            'consumables',
            t('setup.activity.consumables'),
            html`<textarea
              id="consumables"
              name="consumables"
              rows="3"
              .value=${consumablesText(a?.consumables ?? [])}
              aria-invalid=${inv('consumables')}
            ></textarea>`,
            { error: fe.consumables, hint: t('setup.activity.consumablesHint') },
          )}
          ${field(
            'safetyNotes',
            t('setup.activity.safetyNotes'),
            html`<textarea id="safetyNotes" name="safetyNotes" rows="2" .value=${a?.safetyNotes ?? ''}></textarea>`,
            {
              error: fe.safetyNotes,
            },
          )}
          ${field(
            'normsFrom',
            t('setup.activity.normsFrom'),
            dateInput({
              id: 'normsFrom',
              name: 'normsFrom',
              value: a?.normsFrom ?? null,
              onChange: () => {},
              invalid: !!fe.normsFrom,
            }),
            { error: fe.normsFrom, hint: t('setup.activity.normsFromHint') },
          )}
        </fieldset>
        <div class="row2">
          ${field(
            'pricePerSession',
            t('setup.activity.price'),
            numInput('pricePerSession', a ? Number(a.pricePerSession) : 0, { step: '0.01' }),
            {
              error: fe.pricePerSession,
              hint: t('setup.activity.priceHint'),
            },
          )}
        </div>
        ${field(
          'description',
          t('setup.activity.description'),
          html`<textarea id="description" name="description" rows="2" .value=${a?.description ?? ''}></textarea>`,
          {
            error: fe.description,
          },
        )}
        ${a && this.versions.length ? this.renderVersions() : nothing}`,
    )
  }

  private renderVersions() {
    return html`<section class="versions" aria-labelledby="versions-title">
      <h3 id="versions-title">${t('setup.activity.versions')}</h3>
      <ul>
        ${this.versions.map(
          (v) =>
            html`<li>
              <strong>${t('setup.activity.versionFrom', { date: day(v.validFrom) })}</strong>
              ${t('setup.activity.versionSummary', {
                minutes: v.norms.durationMinutes,
                min: v.norms.minGroupSize,
                max: v.norms.maxGroupSize,
                ratio: v.norms.staffRatio,
                ages: ageRange(v.norms.ageMin, v.norms.ageMax),
              })}
            </li>`,
        )}
      </ul>
    </section>`
  }

  private submit = (data: FormData) => {
    const p = this.params
    if (!p) return
    const formEl = this.renderRoot.querySelector('form')
    if (formEl && !datesValid(formEl)) return
    const str = (k: string) => String(data.get(k) ?? '').trim()
    const int = (k: string) => (str(k) === '' ? null : Number(str(k)))
    void this.form.send(async () => {
      const local: Record<string, string> = {}
      const whole = (k: string, min: number): number => {
        const v = int(k)
        if (v === null || !Number.isInteger(v) || v < min) {
          local[k] = t('setup.activity.wholeNumber', { min })
          return 0
        }
        return v
      }
      const optional = (k: string): number | null => (int(k) === null ? null : whole(k, 0))
      const consumables = parseConsumables(str('consumables'))
      if (!consumables) local.consumables = t('setup.activity.consumablesInvalid')
      const price = Number(str('pricePerSession') || '0')
      if (!Number.isFinite(price) || price < 0) local.pricePerSession = t('setup.activity.priceInvalid')
      const input: ActivityInput = {
        name: str('name'),
        activityType: str('activityType') as ActivityInput['activityType'],
        category: str('category') as ActivityInput['category'],
        color: str('color') || '#4f7cff',
        description: str('description'),
        durationMinutes: whole('durationMinutes', 5),
        minGroupSize: whole('minGroupSize', 1),
        maxGroupSize: whole('maxGroupSize', 1),
        ageMin: optional('ageMin'),
        ageMax: optional('ageMax'),
        staffRatio: whole('staffRatio', 1),
        pricePerSession: price,
        consumables: consumables ?? [],
        roomRequirements: str('roomRequirements'),
        safetyNotes: str('safetyNotes'),
        normsFrom: str('normsFrom') || null,
        active: p.activity?.active ?? true,
      }
      if (!input.name) local.name = t('setup.activity.nameRequired')
      if (Object.keys(local).length) {
        this.form.refuse(local)
        return
      }
      const saved = p.activity ? await updateActivity(p.activity.id, input) : await createActivity(input)
      fireEvent(this, 'crm-toast', { message: () => t('setup.activity.saved', { name: saved.name }), kind: 'success' })
      this.close(saved)
    })
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-dialog-activity': CrmDialogActivity
  }
}
