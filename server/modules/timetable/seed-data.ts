/**
 * The demo center's timetable: its activity catalogue, holidays and groups (data only; `seed.ts`
 * feeds them to the commands). The catalogue's norms, the groups' times, rooms and teachers are
 * the same in every language (so the week has no clashes in any); names, prices, holidays and
 * notes are the language's and its country's.
 */
import type { Locale } from '../../../domain/i18n/locales'
import type { DemoStaffKey } from '../../contracts/seed'
import { addDays } from '../../../domain/docs/timetable-week'

export type DemoActivityKey =
  'robotics' | 'chess' | 'painting' | 'dance' | 'modernDance' | 'swimming' | 'english' | 'football' | 'piano' | 'party'
type RoomKey = 'robotics' | 'art' | 'dance' | 'music' | 'classroom' | 'pool' | 'sports' | 'party'
type BranchKey = 'central' | 'riverside'

interface Norms {
  category: 'sport' | 'art' | 'music' | 'science' | 'language' | 'games' | 'dance' | 'event'
  color: string
  durationMinutes: number
  minGroupSize: number
  maxGroupSize: number
  ageMin: number
  ageMax: number | null
  staffRatio: number
  kind?: 'individual' | 'event'
  /** The catalogue's type (a course unless said): the chess club, the birthday party. */
  activityType?: 'club' | 'party'
}

/** Ten activities with realistic norms: the reference book a manager starts from. */
const NORMS: Record<DemoActivityKey, Norms> = {
  robotics: {
    category: 'science',
    color: '#2f80ed',
    durationMinutes: 90,
    minGroupSize: 4,
    maxGroupSize: 12,
    ageMin: 7,
    ageMax: 14,
    staffRatio: 8,
  },
  chess: {
    category: 'games',
    color: '#6d6875',
    durationMinutes: 60,
    minGroupSize: 4,
    maxGroupSize: 12,
    ageMin: 6,
    ageMax: null,
    staffRatio: 12,
    activityType: 'club',
  },
  painting: {
    category: 'art',
    color: '#e76f51',
    durationMinutes: 90,
    minGroupSize: 4,
    maxGroupSize: 14,
    ageMin: 4,
    ageMax: 16,
    staffRatio: 10,
  },
  dance: {
    category: 'dance',
    color: '#f4a3c4',
    durationMinutes: 60,
    minGroupSize: 6,
    maxGroupSize: 16,
    ageMin: 4,
    ageMax: 12,
    staffRatio: 16,
  },
  modernDance: {
    category: 'dance',
    color: '#9b5de5',
    durationMinutes: 60,
    minGroupSize: 6,
    maxGroupSize: 20,
    ageMin: 10,
    ageMax: null,
    staffRatio: 20,
  },
  swimming: {
    category: 'sport',
    color: '#00b4d8',
    durationMinutes: 45,
    minGroupSize: 4,
    maxGroupSize: 8,
    ageMin: 5,
    ageMax: 14,
    staffRatio: 8,
  },
  english: {
    category: 'language',
    color: '#2a9d8f',
    durationMinutes: 60,
    minGroupSize: 4,
    maxGroupSize: 10,
    ageMin: 5,
    ageMax: 11,
    staffRatio: 10,
  },
  football: {
    category: 'sport',
    color: '#52b788',
    durationMinutes: 90,
    minGroupSize: 8,
    maxGroupSize: 20,
    ageMin: 6,
    ageMax: 14,
    staffRatio: 12,
  },
  piano: {
    category: 'music',
    color: '#ffb703',
    durationMinutes: 45,
    minGroupSize: 1,
    maxGroupSize: 1,
    ageMin: 6,
    ageMax: null,
    staffRatio: 1,
    kind: 'individual',
  },
  party: {
    category: 'event',
    color: '#ff6b6b',
    durationMinutes: 180,
    minGroupSize: 8,
    maxGroupSize: 25,
    ageMin: 4,
    ageMax: 12,
    staffRatio: 10,
    kind: 'event',
    activityType: 'party',
  },
}

type Consumable = { item: string; quantity: number; unit: string }
/** An activity in a language: its name, its price per session in the center's currency, what a session uses. */
type Named = [name: string, pricePerSession: number, consumables?: Consumable[]]

const ACTIVITY_NAMES: Record<Locale, Record<DemoActivityKey, Named>> = {
  // drams: 4000–6000 ֏ a session, a birthday party 60000 ֏
  hy: {
    robotics: ['Ռոբոտաշինություն', 6000, [{ item: 'AA մարտկոց', quantity: 0.5, unit: 'հատ' }]],
    chess: ['Շախմատ', 4000],
    painting: [
      'Նկարչություն',
      5000,
      [
        { item: 'Գուաշ', quantity: 0.05, unit: 'լ' },
        { item: 'A3 թուղթ', quantity: 2, unit: 'թերթ' },
      ],
    ],
    dance: ['Հայկական պար', 4500],
    modernDance: ['Հիփ-հոփ', 4500],
    swimming: ['Լող', 6000],
    english: ['Անգլերեն երեխաների համար', 5000, [{ item: 'Աշխատանքային թերթիկ', quantity: 2, unit: 'թերթ' }]],
    football: ['Ֆուտբոլ', 5000],
    piano: ['Դաշնամուր', 6000],
    party: [
      'Ծննդյան տոն',
      60000,
      [
        { item: 'Թղթե ափսեներ', quantity: 25, unit: 'հատ' },
        { item: 'Փուչիկներ', quantity: 20, unit: 'հատ' },
      ],
    ],
  },
  // roubles
  ru: {
    robotics: ['Робототехника', 1200, [{ item: 'Батарейка AA', quantity: 0.5, unit: 'шт.' }]],
    chess: ['Шахматы', 700],
    painting: [
      'Живопись',
      900,
      [
        { item: 'Гуашь', quantity: 0.05, unit: 'л' },
        { item: 'Бумага A3', quantity: 2, unit: 'лист.' },
      ],
    ],
    dance: ['Балет', 900],
    modernDance: ['Хип-хоп', 900],
    swimming: ['Плавание', 1300],
    english: ['Английский для детей', 1000, [{ item: 'Рабочий листок', quantity: 2, unit: 'лист.' }]],
    football: ['Футбол', 1000],
    piano: ['Фортепиано', 2000],
    party: [
      'День рождения',
      15000,
      [
        { item: 'Бумажные тарелки', quantity: 25, unit: 'шт.' },
        { item: 'Воздушные шары', quantity: 20, unit: 'шт.' },
      ],
    ],
  },
  // euros (the e2e suite's catalogue)
  en: {
    robotics: ['Robotics', 18, [{ item: 'AA battery', quantity: 0.5, unit: 'pcs' }]],
    chess: ['Chess', 10],
    painting: [
      'Painting',
      15,
      [
        { item: 'Gouache paint', quantity: 0.05, unit: 'l' },
        { item: 'A3 paper', quantity: 2, unit: 'sheets' },
      ],
    ],
    dance: ['Ballet', 14],
    modernDance: ['Hip-hop', 14],
    swimming: ['Swimming', 20],
    english: ['English for kids', 16, [{ item: 'Worksheet', quantity: 2, unit: 'sheets' }]],
    football: ['Football', 15],
    piano: ['Piano', 30],
    party: [
      'Birthday party',
      250,
      [
        { item: 'Party plates', quantity: 25, unit: 'pcs' },
        { item: 'Balloons', quantity: 20, unit: 'pcs' },
      ],
    ],
  },
}

/** The catalogue in a language, in the order the manager enters it. */
export function demoActivities(locale: Locale) {
  return (Object.keys(NORMS) as DemoActivityKey[]).map((key) => {
    const [name, pricePerSession, consumables = []] = ACTIVITY_NAMES[locale][key]
    return { key, name, pricePerSession, consumables, ...NORMS[key] }
  })
}

/** A holiday: [years after the school year's start, month-day]. */
interface Closure {
  branch: BranchKey | null
  from: [number, string]
  to: [number, string]
  name: string
}
const day = (years: number, md: string, name: string): Closure => ({ branch: null, from: [years, md], to: [years, md], name })

/** The holidays of the school year (September to June, and the summer after), the country's. */
export const DEMO_CLOSURES: Record<Locale, Closure[]> = {
  // Armenia's public holidays
  hy: [
    day(0, '09-21', 'Անկախության օր'),
    { branch: null, from: [0, '12-31'], to: [1, '01-07'], name: 'Ամանոր և Սուրբ Ծնունդ' },
    day(1, '01-28', 'Բանակի օր'),
    day(1, '03-08', 'Կանանց միջազգային օր'),
    day(1, '04-24', 'Հայոց ցեղասպանության զոհերի հիշատակի օր'),
    day(1, '05-01', 'Աշխատանքի օր'),
    day(1, '05-09', 'Հաղթանակի և խաղաղության տոն'),
    day(1, '05-28', 'Հանրապետության օր'),
    day(1, '07-05', 'Սահմանադրության օր'),
    { branch: 'riverside', from: [1, '02-16'], to: [1, '02-20'], name: 'Լողավազանի սպասարկում' },
  ],
  // Russia's
  ru: [
    day(0, '11-04', 'День народного единства'),
    { branch: null, from: [0, '12-31'], to: [1, '01-08'], name: 'Новогодние каникулы' },
    day(1, '02-23', 'День защитника Отечества'),
    day(1, '03-08', 'Международный женский день'),
    day(1, '05-01', 'Праздник Весны и Труда'),
    day(1, '05-09', 'День Победы'),
    day(1, '06-12', 'День России'),
    { branch: 'riverside', from: [1, '02-16'], to: [1, '02-20'], name: 'Профилактика бассейна' },
  ],
  en: [
    { branch: null, from: [0, '12-23'], to: [1, '01-06'], name: 'Winter holidays' },
    { branch: 'riverside', from: [1, '02-16'], to: [1, '02-20'], name: 'Pool maintenance' },
  ],
}

/** The school year `today` falls in, by the year it starts (September). */
export function demoSchoolYear(today: string): number {
  return Number(today.slice(0, 4)) - (today.slice(5) >= '09-01' ? 0 : 1)
}

/**
 * The holidays the demo declares, dated in the school year starting `schoolYear`: the country's,
 * less any that would touch the weeks around `today` (a week back, two ahead). The demo center is
 * in session on the day it is made — a holiday there would leave the first look's timetable, wall
 * and morning lists empty; the center's own holidays are its manager's to declare.
 *
 * @example demoClosures('en', 2026, '2026-12-28') // only Pool maintenance: the winter break is left out
 */
export function demoClosures(
  locale: Locale,
  schoolYear: number,
  today: string,
): Array<{ branch: BranchKey | null; fromDate: string; toDate: string; name: string }> {
  const first = addDays(today, -7)
  const last = addDays(today, 14)
  return DEMO_CLOSURES[locale]
    .map((c) => ({
      branch: c.branch,
      fromDate: `${schoolYear + c.from[0]}-${c.from[1]}`,
      toDate: `${schoolYear + c.to[0]}-${c.to[1]}`,
      name: c.name,
    }))
    .filter((c) => c.toDate < first || c.fromDate > last)
}

/** Who keeps each branch's timetable: generates its lessons, enrols its groups' members, books its events. */
export const DEMO_RECEPTION: Record<BranchKey, DemoStaffKey> = { central: 'reception', riverside: 'reception2' }

/** A one-off event in every week of the Riverside timetable: a birthday party on Saturday afternoon (in the branch's time zone). */
export const DEMO_PARTY = {
  branch: 'riverside' as const,
  activity: 'party' as DemoActivityKey,
  room: 'party' as RoomKey,
  teacher: 'teacher2' as DemoStaffKey,
  /** Days after the week's Monday. */
  day: 5,
  start: '14:00:00',
  end: '17:00:00',
  /** The branch's offset from UTC (none of the demo's zones changes it in winter and summer but Berlin's). */
  offset: { hy: '+04:00', ru: '+03:00', en: '+01:00' } satisfies Record<Locale, string>,
  note: {
    hy: 'Ծննդյան տոն՝ Անին դառնում է 7 տարեկան (22 հյուր)',
    ru: 'День рождения: Еве исполняется 7 лет (22 гостя)',
    en: 'Birthday party: Emma turns 7 (22 guests)',
  } satisfies Record<Locale, string>,
}

type Slot = { weekday: number; start: string; end: string }
const both = (d1: number, d2: number, start: string, end: string): Slot[] => [
  { weekday: d1, start, end },
  { weekday: d2, start, end },
]

interface Group {
  activity: DemoActivityKey
  teacher: DemoStaffKey
  room: RoomKey
  pattern: Slot[]
  ages: [number, number]
  members: number
  name: Record<Locale, string>
}

/** The demo groups: who teaches them where, when, for which ages, how many members they start with, and their names. */
const GROUPS: Group[] = [
  {
    activity: 'robotics',
    teacher: 'teacher',
    room: 'robotics',
    pattern: both(1, 3, '16:00', '17:30'),
    ages: [7, 10],
    members: 9,
    name: { hy: 'Ռոբոտաշինություն՝ կրտսեր խումբ', ru: 'Робототехника: младшие', en: 'Robotics Juniors' },
  },
  {
    activity: 'robotics',
    teacher: 'teacher',
    room: 'robotics',
    pattern: both(2, 4, '17:00', '18:30'),
    ages: [11, 14],
    members: 7,
    name: { hy: 'Ռոբոտաշինություն՝ ավագ խումբ', ru: 'Робототехника: старшие', en: 'Robotics Advanced' },
  },
  {
    activity: 'painting',
    teacher: 'art',
    room: 'art',
    pattern: both(1, 3, '15:00', '16:30'),
    ages: [4, 8],
    members: 10,
    name: { hy: 'Փոքրիկ նկարիչներ', ru: 'Юные художники', en: 'Little Artists' },
  },
  {
    activity: 'chess',
    teacher: 'art',
    room: 'classroom',
    pattern: both(2, 4, '16:00', '17:00'),
    ages: [6, 99],
    members: 8,
    name: { hy: 'Շախմատի ակումբ', ru: 'Шахматный клуб', en: 'Chess Club' },
  },
  {
    activity: 'english',
    teacher: 'languages',
    room: 'classroom',
    pattern: both(1, 3, '15:45', '16:45'),
    ages: [5, 9],
    members: 6,
    name: { hy: 'Անգլերեն՝ սկսնակներ', ru: 'Английский: начинающие', en: 'English Starters' },
  },
  {
    activity: 'dance',
    teacher: 'languages',
    room: 'dance',
    pattern: both(1, 3, '17:00', '18:00'),
    ages: [4, 8],
    members: 10,
    name: { hy: 'Հայկական պար՝ սկսնակներ', ru: 'Балет: начинающие', en: 'Ballet Beginners' },
  },
  {
    activity: 'dance',
    teacher: 'languages',
    room: 'dance',
    pattern: both(2, 4, '17:00', '18:00'),
    ages: [8, 12],
    members: 8,
    name: { hy: 'Հայկական պար՝ միջին խումբ', ru: 'Балет: средняя группа', en: 'Ballet Intermediate' },
  },
  {
    activity: 'piano',
    teacher: 'music',
    room: 'music',
    pattern: both(2, 4, '15:00', '15:45'),
    ages: [6, 99],
    members: 1,
    name: { hy: 'Դաշնամուր Գոհարի հետ', ru: 'Фортепиано с Юлией', en: 'Piano with Yuki' },
  },
  {
    activity: 'swimming',
    teacher: 'swimming',
    room: 'pool',
    pattern: both(1, 3, '16:00', '16:45'),
    ages: [5, 9],
    members: 7,
    name: { hy: 'Լող՝ Դելֆիններ', ru: 'Плавание: Дельфины', en: 'Swimming Dolphins' },
  },
  {
    activity: 'swimming',
    teacher: 'swimming',
    room: 'pool',
    pattern: both(1, 3, '17:00', '17:45'),
    ages: [9, 14],
    members: 6,
    name: { hy: 'Լող՝ Շնաձկներ', ru: 'Плавание: Акулы', en: 'Swimming Sharks' },
  },
  {
    activity: 'football',
    teacher: 'sports',
    room: 'sports',
    pattern: both(2, 4, '16:00', '17:30'),
    ages: [6, 10],
    members: 12,
    name: { hy: 'Ֆուտբոլ՝ մինչև 10 տարեկան', ru: 'Футбол до 10 лет', en: 'Football U10' },
  },
  {
    activity: 'football',
    teacher: 'sports',
    room: 'sports',
    pattern: both(2, 4, '17:30', '19:00'),
    ages: [10, 14],
    members: 10,
    name: { hy: 'Ֆուտբոլ՝ մինչև 14 տարեկան', ru: 'Футбол до 14 лет', en: 'Football U14' },
  },
  {
    activity: 'modernDance',
    teacher: 'dance',
    room: 'sports',
    pattern: both(1, 3, '18:00', '19:00'),
    ages: [12, 99],
    members: 12,
    name: { hy: 'Հիփ-հոփ թիմ', ru: 'Хип-хоп команда', en: 'Hip-hop Crew' },
  },
  // Fridays are busy too
  {
    activity: 'painting',
    teacher: 'art',
    room: 'art',
    pattern: [{ weekday: 5, start: '16:00', end: '17:30' }],
    ages: [8, 12],
    members: 8,
    name: { hy: 'Ուրբաթօրյա նկարչություն', ru: 'Пятничная живопись', en: 'Friday Painting Club' },
  },
  {
    activity: 'english',
    teacher: 'languages',
    room: 'classroom',
    pattern: both(2, 5, '15:00', '16:00'),
    ages: [8, 11],
    members: 7,
    name: { hy: 'Անգլերեն՝ միջին մակարդակ', ru: 'Английский: продолжающие', en: 'English Movers' },
  },
  {
    activity: 'piano',
    teacher: 'music',
    room: 'music',
    pattern: [{ weekday: 5, start: '15:00', end: '15:45' }],
    ages: [6, 99],
    members: 1,
    name: { hy: 'Դաշնամուր՝ ուրբաթ', ru: 'Фортепиано по пятницам', en: 'Piano Fridays' },
  },
  {
    activity: 'chess',
    teacher: 'teacher2',
    room: 'party',
    pattern: [{ weekday: 6, start: '10:00', end: '11:00' }],
    ages: [6, 99],
    members: 6,
    name: { hy: 'Շաբաթօրյա շախմատ', ru: 'Субботние шахматы', en: 'Saturday Chess' },
  },
]

/** The groups in a language. */
export function demoGroups(locale: Locale) {
  return GROUPS.map(({ name, ...g }) => ({ ...g, name: name[locale] }))
}
