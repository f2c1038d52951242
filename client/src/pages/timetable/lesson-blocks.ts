import { type TemplateResult, html, nothing } from 'lit'
import { repeat } from 'lit/directives/repeat.js'
import { initials } from '../../components/crm-presence-list'
import type { MessageId } from '../../../../domain/i18n/catalogue'
import type { Locale } from '../../../../domain/i18n/locales'
import { type Translator, translatorFor } from '../../../../domain/i18n/translator'
import type { GridNames } from './crm-timetable-grid'
import { cancelledText, clashText, problemsText, reasonsText } from './labels'
import { ERASED_CLIENT_NAME } from '../../../../domain/clients/names'
import type { Placed, ViewLesson } from './layout'
import { messageKey } from '../../data/timetable'
import { formatMinutes } from './time'

/** More new blocks than this in one render: the ones in view first, the others after the paint. */
const DEFER_OVER = 60

const tints = new Map<string, string>()

/**
 * A lesson's inline colours from its activity colour: a light fill, a softer border and the
 * colour itself on the left edge (computed once per colour).
 * @example tint('#2f80ed') // 'background:#e6effc;border-color:#b1cef8;border-left-color:#2f80ed'
 */
export function tint(colour: string): string {
  let t = tints.get(colour)
  if (!t) {
    const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour)
    if (m) {
      const mix = (w: number) =>
        '#' +
        m
          .slice(1, 4)
          .map((h) =>
            Math.round(parseInt(h, 16) * w + 255 * (1 - w))
              .toString(16)
              .padStart(2, '0'),
          )
          .join('')
      t = `background:${mix(0.12)};border-color:${mix(0.45)};border-left-color:${colour}`
    } else {
      t = `background:color-mix(in srgb, ${colour} 12%, #fff);border-color:color-mix(in srgb, ${colour} 45%, #fff);border-left-color:${colour}`
    }
    tints.set(colour, t)
  }
  return t
}

const looksOf = new WeakMap<ViewLesson, string>()

/**
 * Everything of a lesson its block shows, as one string: two lesson objects with the same
 * string draw the same block (the projection arriving with nothing new for it redraws nothing).
 */
function looks(l: ViewLesson): string {
  let k = looksOf.get(l)
  if (k === undefined) {
    const owing = l.owing.length
      ? l.owing.map((o) => `${o.erased ? '' : o.name}:${o.reasons.map(messageKey).join(',')}`).join(';')
      : ''
    const count = l.memberCount !== null && (l.groupId || l.memberCount > 0) ? `${l.memberCount}/${l.capacity ?? '–'}` : ''
    k = `${l.roomId}|${l.date}|${l.startMin}|${l.endMin}|${l.activityId}|${l.groupId}|${l.teacherId}|${l.status}|${l.valid}|${l.problems.map(messageKey).join(';')}|${l.clashes.join(';')}|${count}|${l.red}|${owing}|${l.cancelReason ?? ''}`
    looksOf.set(l, k)
  }
  return k
}

/** The words every block may show, the same for all of them: looked up once per language, not per block. */
export interface BlockWords {
  lesson: string
  clash: string
  clashShort: string
  owes: string
  owesShort: string
  done: string
  doneShort: string
  cancelled: string
  owesSomeone: string
  problemUnknown: string
  /** An erased client's name (who owes). */
  erasedClient: string
  /** "Changed since the audit" (an outlined block's description). */
  sinceAudit: string
  /** The description's lines with their parameters filled in (see `filler`). */
  line: Record<'title' | 'group' | 'teacher' | 'room' | 'members' | 'clash' | 'problem' | 'owes' | 'owing' | 'remote', Fill>
}

type Fill = (...values: string[]) => string

/**
 * A message whose parameters are plain text (no plural or select) as a function of them: the
 * message is formatted once with markers in place of its parameters, and each block only puts
 * its values where the markers were. A week's thousand blocks need five lines each.
 * @example filler(t, 'timetable.describe.group', ['name'])('Juniors') // 'Group: Juniors'
 */
function filler(t: Translator['t'], id: MessageId, params: string[]): Fill {
  const marked = t(id, Object.fromEntries(params.map((p, i) => [p, `\u0000${i}\u0000`])))
  const parts = marked.split('\u0000')
  // parts: literal, index, literal, index, …, literal
  return (...values) => {
    let out = parts[0]
    for (let i = 1; i < parts.length; i += 2) out += (values[Number(parts[i])] ?? '') + parts[i + 1]
    return out
  }
}

const wordsOf = new Map<Locale, BlockWords>()

/** The blocks' words in `locale`, kept per language. */
export function blockWords(locale: Locale): BlockWords {
  let w = wordsOf.get(locale)
  const { t } = translatorFor(locale)
  if (!w)
    wordsOf.set(
      locale,
      (w = {
        lesson: t('timetable.block.lesson'),
        clash: t('timetable.block.clash'),
        clashShort: t('timetable.block.clashShort'),
        owes: t('timetable.block.owes'),
        owesShort: t('timetable.block.owesShort'),
        done: t('timetable.mark.done'),
        doneShort: t('timetable.block.doneShort'),
        cancelled: t('timetable.status.cancelled'),
        owesSomeone: t('timetable.describe.owesSomeone'),
        problemUnknown: t('timetable.describe.problemUnknown'),
        erasedClient: t(ERASED_CLIENT_NAME),
        sinceAudit: t('audit.highlight.changed'),
        line: {
          title: filler(t, 'timetable.describe.title', ['activity', 'time']),
          group: filler(t, 'timetable.describe.group', ['name']),
          teacher: filler(t, 'timetable.describe.teacher', ['name']),
          room: filler(t, 'timetable.describe.room', ['name']),
          members: filler(t, 'timetable.describe.members', ['count']),
          clash: filler(t, 'timetable.describe.clash', ['kind']),
          problem: filler(t, 'timetable.describe.problem', ['problems']),
          owes: filler(t, 'timetable.describe.owes', ['who']),
          owing: filler(t, 'timetable.describe.owing', ['name', 'reasons']),
          remote: filler(t, 'timetable.describe.remote', ['name']),
        },
      }),
    )
  return w
}

/** Where blocks go and what they show besides the lesson: shared by every block of one render. */
export interface BlockGeometry {
  /** Column width and pixels per minute. */
  colW: number
  ppm: number
  /** The first minute shown (the grid's top). */
  from: number
  names: GridNames
  /** The words of the language shown (a new object when the language changes: every block is drawn again). */
  words: BlockWords
  /** Lesson id → who else has it selected or is dragging it. */
  marks: ReadonlyMap<string, { colour: string; name: string }>
  /** Lessons added or changed since the last audit, outlined ("Highlight since audit"; empty when off). */
  since: ReadonlySet<string>
}

/** One render's blocks: which lessons, where, and which of them are special. */
export interface BlockRequest {
  placed: readonly Placed[]
  /** Columns [from, to) rendered. */
  range: [number, number]
  /** The columns in view now (when blocks are deferred, those outside wait). */
  inView: () => [number, number]
  selectedId: string | null
  /** The lesson being dragged (drawn faded where it was). */
  originId: string | null
}

type Block = { key: unknown[]; tpl: TemplateResult }

/**
 * Each block's template, kept while nothing it shows changed: a new selection, a remote mark or
 * the projection's flags on a few lessons re-render those blocks, not the hundreds around them.
 * When many blocks are new at once (a week arriving, another week or view), those in view are
 * rendered first and the ones in the margin columns after that frame is painted, in an idle
 * moment: the screen shows the data sooner.
 */
export class LessonBlocks {
  /** Bumped when the blocks a render left out are to be rendered (part of the host's render key). */
  catchUp = 0
  private blocks = new Map<string, Block>()
  private env: unknown[] = []
  private mayDefer = true
  private catchUpPending = false

  /** @param requestRender asks the host to render again (for the blocks left out). */
  constructor(private readonly requestRender: () => void) {}

  /** The blocks of the rendered columns, one keyed list. */
  render(g: BlockGeometry, r: BlockRequest) {
    const { placed, selectedId: selected, originId } = r
    const tabId = selected && placed.some((p) => p.lesson.id === selected) ? selected : placed[0]?.lesson.id
    const [a, b] = r.range
    const env = [g.colW, g.ppm, g.from, g.names, g.words]
    const prev = env.every((v, i) => v === this.env[i]) ? this.blocks : new Map<string, Block>()
    this.env = env
    const wanted: Array<{ p: Placed; key: unknown[]; old: Block | undefined }> = []
    let misses = 0
    for (const p of placed) {
      const id = p.lesson.id
      if (!((p.col >= a && p.col < b) || id === selected || id === tabId)) continue
      const mark = g.marks.get(id)
      const key = [
        looks(p.lesson),
        p.col,
        p.lane,
        p.lanes,
        id === selected,
        id === tabId,
        id === originId,
        mark?.colour,
        mark?.name,
        g.since.has(id),
      ]
      const old = prev.get(id)
      const hit = old && old.key.every((v, i) => v === key[i]) ? old : undefined
      if (!hit) misses++
      wanted.push({ p, key, old: hit })
    }
    const defer = this.mayDefer && misses > DEFER_OVER
    this.mayDefer = true
    const [va, vb] = defer ? r.inView() : [a, b]
    const next = new Map<string, Block>()
    const tpls: TemplateResult[] = []
    const ids: string[] = []
    let deferred = 0
    for (const { p, key, old } of wanted) {
      const id = p.lesson.id
      if (!old && defer && !(p.col >= va && p.col < vb) && id !== selected && id !== tabId) {
        deferred++
        continue
      }
      const entry = old ?? { key, tpl: renderBlock(p, g, id === selected, id === tabId, id === originId) }
      next.set(id, entry)
      tpls.push(entry.tpl)
      ids.push(id)
    }
    this.blocks = next
    if (deferred) this.catchUpSoon()
    return repeat(
      tpls,
      (_t, i) => ids[i],
      (t) => t,
    )
  }

  /** After the next paint, in an idle moment: render the blocks left out. */
  private catchUpSoon() {
    if (this.catchUpPending) return
    this.catchUpPending = true
    requestAnimationFrame(() => {
      const go = () => {
        this.catchUpPending = false
        this.mayDefer = false
        this.catchUp++
        this.requestRender()
      }
      if (typeof requestIdleCallback === 'function') requestIdleCallback(go, { timeout: 250 })
      else setTimeout(go, 30)
    })
  }
}

/**
 * About how wide a row of badges is (bold 11 px: some 7 px a letter, 8 px of padding and 2 px apart
 * per badge): enough to tell words that fit from words that would stick out of the block.
 */
const badgesWidth = (labels: string[]) => labels.reduce((w, label) => w + label.length * 7 + 10, 0)

/** One lesson's block: one element, its text a line per fact, its flags as classes and badges. */
function renderBlock(p: Placed, g: BlockGeometry, selected: boolean, tabbable: boolean, origin: boolean) {
  const { colW, ppm, words } = g
  const l = p.lesson
  const laneW = colW / p.lanes
  /** Short badges when a block is too narrow for the words (in this language: "конфликт ✓ проведено" needs more than "clash ✓ done"). */
  // a cancelled lesson takes no one: who owes does not colour it
  const red = l.red && l.status !== 'cancelled'
  const labels = [l.clashes.length ? words.clash : '', red ? words.owes : '', l.status === 'done' ? words.done : ''].filter(
    Boolean,
  )
  const narrow = laneW < 96 || badgesWidth(labels) > laneW - 10
  const left = p.col * colW + p.lane * laneW + 2
  const top = (l.startMin - g.from) * ppm + 1
  const height = Math.max(10, (l.endMin - l.startMin) * ppm - 2)
  const activity = g.names.activity.get(l.activityId)
  const group = l.groupId ? g.names.group.get(l.groupId)?.name : null
  const teacher = g.names.teacher.get(l.teacherId)?.name
  const mark = g.marks.get(l.id)
  // members/capacity for group lessons (a one-off has no members, only walk-ins)
  const count = l.memberCount !== null && (l.groupId || l.memberCount > 0) ? `${l.memberCount}/${l.capacity ?? '–'}` : ''
  const time = `${formatMinutes(l.startMin)}–${formatMinutes(l.endMin)}`
  // resizable when the grid is editable (CSS: :host([editable]) .rs), so that the document
  // arriving (the grid becomes editable) does not touch every block
  const resizable = l.status === 'planned'
  const cls = `lesson ${l.status}${l.valid ? '' : ' invalid'}${l.clashes.length ? ' clash' : ''}${red ? ' red' : ''}${selected ? ' selected' : ''}${mark ? ' remote' : ''}${origin ? ' origin' : ''}${resizable ? ' rs' : ''}${g.since.has(l.id) ? ' since-audit' : ''}`
  const title = describe(l, g, activity?.name, group, teacher, time, count)
  const name = activity?.name ?? words.lesson
  // narrow (week view, side-by-side lanes): name, then start and count, then group; wide: name
  // (count top right), time and group, teacher
  const wide = laneW >= 110
  const text = wide
    ? `${name}\n${time}${group ? ` · ${group}` : ''}${teacher ? `\n${teacher}` : ''}`
    : `${name}\n${formatMinutes(l.startMin)}${count && laneW >= 96 ? `  ${count}` : ''}${group ? `\n${group}` : ''}`
  const badges =
    l.clashes.length || red || l.status === 'done'
      ? html`<span class="badges"
          >${l.clashes.length ? html`<span class="badge clash">${narrow ? words.clashShort : words.clash}</span>` : nothing}${red ? html`<span class="badge owes">${narrow ? words.owesShort : words.owes}</span>` : nothing}${
            l.status === 'done'
              ? html`<span class="badge done" data-testid="done-mark">${narrow ? words.doneShort : words.done}</span>`
              : nothing
          }</span
        >`
      : nothing
  return html`<div
    class=${cls}
    style="left:${left}px;top:${top}px;width:${laneW - 4}px;height:${height}px;${tint(activity?.color ?? '#7a8884')}${mark ? `;--mark:${mark.colour}` : ''}"
    data-id=${l.id}
    data-status=${l.status}
    data-count=${wide && count ? count : nothing}
    data-remote=${mark ? mark.name : nothing}
    data-since-audit=${g.since.has(l.id) ? '' : nothing}
    data-initials=${mark ? initials(mark.name) : nothing}
    role="button"
    tabindex=${tabbable ? 0 : -1}
    aria-current=${selected ? 'true' : nothing}
    aria-label=${title.replace(/\n/g, '. ')}
  >
    ${text}${badges}
  </div>`
}

/** The block's accessible label (and tooltip): everything it shows and what it cannot show. */
function describe(
  l: ViewLesson,
  g: BlockGeometry,
  activity: string | undefined,
  group: string | null | undefined,
  teacher: string | undefined,
  time: string,
  count: string,
): string {
  // (a line per fact, from the render's words: no message is formatted per block)
  const { words: w } = g
  const d = w.line
  const lines = [d.title(activity ?? w.lesson, time)]
  if (group) lines.push(d.group(group))
  if (teacher) lines.push(d.teacher(teacher))
  const room = g.names.room.get(l.roomId)?.name
  if (room) lines.push(d.room(room))
  if (count) lines.push(d.members(count))
  if (l.status === 'done') lines.push(w.done)
  // (the reason as typed, in the language's "Cancelled: …")
  if (l.status === 'cancelled') lines.push(l.cancelReason ? cancelledText(l.cancelReason) : w.cancelled)
  for (const c of l.clashes) lines.push(d.clash(clashText(c)))
  // (problems and reasons are messages from the server, worded in the language shown)
  if (!l.valid) lines.push(l.problems.length ? d.problem(problemsText(l.problems)) : w.problemUnknown)
  if (l.red && l.status !== 'cancelled')
    lines.push(
      l.owing.length
        ? d.owes(l.owing.map((o) => d.owing(o.erased ? w.erasedClient : o.name, reasonsText(o.reasons))).join('; '))
        : w.owesSomeone,
    )
  const mark = g.marks.get(l.id)
  if (mark) lines.push(d.remote(mark.name))
  if (g.since.has(l.id)) lines.push(w.sinceAudit)
  return lines.join('\n')
}
