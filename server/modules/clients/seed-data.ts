/**
 * The demo clients' names and the words staff write in their files, by language (data only;
 * `seed.ts` draws families from them and feeds them to the commands). A family speaks one
 * language: its names are in its script, and its notes, needs and observations in its language.
 */
import type { Locale } from '../../../domain/i18n/locales'
import { transliterate } from '../../../domain/clients/transliterate'

export type Gender = 'f' | 'm'
/** A text that agrees with the client's gender (Russian past tenses), or one for both. */
export type Gendered = string | Record<Gender, string>

export interface NameSet {
  girls: readonly string[]
  boys: readonly string[]
  /** Adults' first names with their gender. */
  adults: ReadonlyArray<readonly [string, Gender]>
  /** Surnames: the man's and the woman's form (the same in Armenian and English). */
  surnames: ReadonlyArray<Record<Gender, string>>
}

/** Armenian: first names by gender, surnames in -յան (the same for women and men). */
const HY_NAMES: NameSet = {
  girls: [
    'Անի',
    'Մարիամ',
    'Նարե',
    'Էլեն',
    'Լիլիթ',
    'Սոֆի',
    'Եվա',
    'Մանե',
    'Արփի',
    'Նանե',
    'Մելինե',
    'Տաթև',
    'Ալիսա',
    'Միլենա',
    'Գայանե',
    'Աստղիկ',
    'Մանան',
    'Արինա',
    'Նաիրա',
    'Լուսինե',
  ],
  boys: [
    'Դավիթ',
    'Նարեկ',
    'Արամ',
    'Տիգրան',
    'Հայկ',
    'Գոռ',
    'Արման',
    'Սամվել',
    'Էրիկ',
    'Մարկ',
    'Ալեքս',
    'Արտյոմ',
    'Վահե',
    'Գևորգ',
    'Մհեր',
    'Արեն',
    'Էդգար',
    'Ռաֆայել',
    'Լևոն',
    'Միքայել',
  ],
  adults: [
    ['Անահիտ', 'f'],
    ['Գոհար', 'f'],
    ['Լուսինե', 'f'],
    ['Նունե', 'f'],
    ['Սիրանուշ', 'f'],
    ['Արմինե', 'f'],
    ['Մարինե', 'f'],
    ['Քնարիկ', 'f'],
    ['Հասմիկ', 'f'],
    ['Անուշ', 'f'],
    ['Արմեն', 'm'],
    ['Գագիկ', 'm'],
    ['Վարդան', 'm'],
    ['Արթուր', 'm'],
    ['Հովհաննես', 'm'],
    ['Աշոտ', 'm'],
    ['Կարեն', 'm'],
    ['Ռուբեն', 'm'],
    ['Արսեն', 'm'],
    ['Սարգիս', 'm'],
  ],
  surnames: [
    'Հովհաննիսյան',
    'Սարգսյան',
    'Հարությունյան',
    'Պետրոսյան',
    'Գրիգորյան',
    'Խաչատրյան',
    'Մարտիրոսյան',
    'Հակոբյան',
    'Ավետիսյան',
    'Գևորգյան',
    'Կարապետյան',
    'Մկրտչյան',
    'Վարդանյան',
    'Ղազարյան',
    'Աբրահամյան',
    'Սահակյան',
    'Մանուկյան',
    'Ստեփանյան',
    'Բաղդասարյան',
    'Դավթյան',
    'Առաքելյան',
    'Մովսիսյան',
    'Ալեքսանյան',
    'Մինասյան',
    'Զաքարյան',
    'Թադևոսյան',
    'Ներսիսյան',
    'Համբարձումյան',
    'Եղիազարյան',
    'Սիմոնյան',
  ].map((s) => ({ f: s, m: s })),
}

/** Russian: first names by gender, surnames in -ов/-ев/-ин (the woman's with -а). */
const RU_NAMES: NameSet = {
  girls: [
    'София',
    'Анна',
    'Мария',
    'Алиса',
    'Ева',
    'Виктория',
    'Полина',
    'Варвара',
    'Александра',
    'Ксения',
    'Дарья',
    'Вероника',
    'Милана',
    'Арина',
    'Василиса',
    'Елизавета',
    'Таисия',
    'Ульяна',
    'Злата',
    'Кира',
  ],
  boys: [
    'Александр',
    'Михаил',
    'Максим',
    'Лев',
    'Артём',
    'Матвей',
    'Иван',
    'Марк',
    'Тимофей',
    'Дмитрий',
    'Даниил',
    'Фёдор',
    'Егор',
    'Кирилл',
    'Илья',
    'Роман',
    'Никита',
    'Савелий',
    'Мирон',
    'Глеб',
  ],
  adults: [
    ['Ольга', 'f'],
    ['Наталья', 'f'],
    ['Екатерина', 'f'],
    ['Татьяна', 'f'],
    ['Юлия', 'f'],
    ['Светлана', 'f'],
    ['Елена', 'f'],
    ['Ирина', 'f'],
    ['Марина', 'f'],
    ['Анастасия', 'f'],
    ['Алексей', 'm'],
    ['Сергей', 'm'],
    ['Андрей', 'm'],
    ['Дмитрий', 'm'],
    ['Павел', 'm'],
    ['Владимир', 'm'],
    ['Николай', 'm'],
    ['Евгений', 'm'],
    ['Игорь', 'm'],
    ['Олег', 'm'],
  ],
  surnames: [
    'Иванов',
    'Смирнов',
    'Кузнецов',
    'Попов',
    'Васильев',
    'Петров',
    'Соколов',
    'Михайлов',
    'Новиков',
    'Фёдоров',
    'Морозов',
    'Волков',
    'Алексеев',
    'Лебедев',
    'Семёнов',
    'Егоров',
    'Павлов',
    'Козлов',
    'Степанов',
    'Николаев',
    'Орлов',
    'Андреев',
    'Макаров',
    'Никитин',
    'Захаров',
    'Зайцев',
    'Соловьёв',
    'Борисов',
    'Яковлев',
    'Григорьев',
  ].map((s) => ({ m: s, f: `${s}а` })),
}

/** The demo's Latin first and last names (the English center's, and bench/clients/data.ts's pool). */
export const FIRST_GIRLS = [
  'Mia',
  'Emma',
  'Sofia',
  'Lena',
  'Hannah',
  'Anna',
  'Lea',
  'Marie',
  'Ella',
  'Clara',
  'Ida',
  'Nora',
  'Lina',
  'Emilia',
  'Zoe',
  'Alina',
  'Maya',
  'Olivia',
  'Greta',
  'Frida',
]
export const FIRST_BOYS = [
  'Noah',
  'Leon',
  'Paul',
  'Ben',
  'Finn',
  'Elias',
  'Felix',
  'Jonas',
  'Luis',
  'Henry',
  'Emil',
  'Theo',
  'Anton',
  'Max',
  'Oskar',
  'Liam',
  'Milan',
  'David',
  'Jakob',
  'Samuel',
]
const EN_ADULTS: ReadonlyArray<readonly [string, Gender]> = [
  ['Julia', 'f'],
  ['Katrin', 'f'],
  ['Sabine', 'f'],
  ['Nadia', 'f'],
  ['Irina', 'f'],
  ['Laura', 'f'],
  ['Petra', 'f'],
  ['Monika', 'f'],
  ['Thomas', 'm'],
  ['Michael', 'm'],
  ['Stefan', 'm'],
  ['Andreas', 'm'],
  ['Markus', 'm'],
  ['Daniel', 'm'],
  ['Oliver', 'm'],
  ['Sergei', 'm'],
  ['Ayşe', 'f'],
  ['Mehmet', 'm'],
  ['Chiara', 'f'],
  ['Lukas', 'm'],
]
export const ADULT_FIRST = EN_ADULTS.map(([name]) => name)
export const LAST = [
  'Müller',
  'Schmidt',
  'Schneider',
  'Fischer',
  'Weber',
  'Meyer',
  'Wagner',
  'Becker',
  'Hoffmann',
  'Koch',
  'Richter',
  'Klein',
  'Wolf',
  'Neumann',
  'Schwarz',
  'Braun',
  'Zimmermann',
  'Krüger',
  'Hartmann',
  'Lange',
  'Novak',
  'Kowalski',
  'Rossi',
  'Yilmaz',
  'Ivanova',
  'Petrov',
  'Garcia',
  'Nguyen',
  'Kaya',
  'Jansen',
]
const EN_NAMES: NameSet = {
  girls: FIRST_GIRLS,
  boys: FIRST_BOYS,
  adults: EN_ADULTS,
  surnames: LAST.map((s) => ({ f: s, m: s })),
}

/** The families' names by the language they speak. */
export const NAMES: Record<Locale, NameSet> = { hy: HY_NAMES, ru: RU_NAMES, en: EN_NAMES }

/** English-speaking families in the Armenian and Russian centers (the English center keeps its own, the e2e suite's). */
export const EXPAT_NAMES: NameSet = {
  girls: ['Olivia', 'Amelia', 'Isla', 'Ava', 'Grace', 'Lily', 'Freya', 'Emily', 'Ella', 'Chloe'],
  boys: ['Oliver', 'George', 'Harry', 'Jack', 'Leo', 'Arthur', 'Oscar', 'Charlie', 'James', 'William'],
  adults: [
    ['Sarah', 'f'],
    ['Emma', 'f'],
    ['Rachel', 'f'],
    ['Claire', 'f'],
    ['Jennifer', 'f'],
    ['Michael', 'm'],
    ['David', 'm'],
    ['Andrew', 'm'],
    ['Richard', 'm'],
    ['Matthew', 'm'],
  ],
  surnames: [
    'Smith',
    'Johnson',
    'Brown',
    'Wilson',
    'Taylor',
    'Walker',
    'Wright',
    'Thompson',
    'Hughes',
    'Edwards',
    'Green',
    'Carter',
  ].map((s) => ({ f: s, m: s })),
}

/**
 * Which language each next family (or adult client) speaks, in turn: an Armenian center has
 * three Armenian families in four (15 of 20), some Russian-speaking (3) and English-speaking (2)
 * ones; a Russian (Moscow) center mostly Russian ones with some Armenian and English; the English
 * center English ones only (the e2e suite's names).
 */
export const FAMILY_LANGUAGES: Record<Locale, readonly Locale[]> = {
  hy: ['hy', 'hy', 'ru', 'hy', 'hy', 'en', 'hy', 'hy', 'hy', 'ru', 'hy', 'hy', 'hy', 'hy', 'en', 'hy', 'ru', 'hy', 'hy', 'hy'],
  ru: ['ru', 'ru', 'ru', 'hy', 'ru', 'ru', 'en', 'ru', 'ru', 'ru', 'ru', 'ru', 'hy', 'ru', 'ru', 'ru', 'ru', 'en', 'ru', 'ru'],
  en: ['en'],
}

/** What staff write in a family's files, in the family's language. */
export interface FileTexts {
  relation: Record<'mother' | 'father', string>
  /** The allergy and what to do about it (the first: peanuts, with its EpiPen). */
  allergies: ReadonlyArray<{ allergy: string; instructions: string }>
  needs: readonly Gendered[]
  preferences: readonly Gendered[]
  observations: readonly Gendered[]
  asthma: string
  nickname: string
  /** An achievement's activity and title. */
  recordActivities: readonly string[]
  recordTitles: readonly string[]
}

export const FILE_TEXTS: Record<Locale, FileTexts> = {
  hy: {
    relation: { mother: 'մայր', father: 'հայր' },
    allergies: [
      { allergy: 'գետնանուշ', instructions: 'EpiPen-ը ընդունարանի առաջին օգնության արկղում է։ Զանգել 911' },
      { allergy: 'լակտոզ', instructions: 'Զանգահարել խնամակալին' },
      { allergy: 'մեղվի խայթոց', instructions: 'Զանգահարել խնամակալին' },
      { allergy: 'ծաղկափոշի (խոտատենդ)', instructions: 'Զանգահարել խնամակալին' },
      { allergy: 'լատեքս', instructions: 'Զանգահարել խնամակալին' },
      { allergy: 'գլյուտեն', instructions: 'Զանգահարել խնամակալին' },
    ],
    needs: [
      'Յուրաքանչյուր 20 րոպեն մեկ կարճ ընդմիջման կարիք ունի',
      'Նախընտրում է աշխատել զույգերով',
      'Մոտիկից աշխատելիս ակնոց է կրում',
      'Ձախլիկ է՝ նստեցնել շարքի ձախ ծայրում',
      'Մեծ խմբում սկզբում ամաչկոտ է',
      '',
    ],
    preferences: ['Սիրում է կառուցել', 'Սիրում է երաժշտություն', 'Նկարելը նախընտրում է գրելուց', 'Սիրում է թիմային խաղեր', ''],
    observations: [
      'Ամբողջ դասի ընթացքում կենտրոնացած էր, առաջադրանքը շուտ ավարտեց և օգնեց հարևանին։',
      'Այսօր հոգնած էր, ավարտելու համար խրախուսանքի կարիք ուներ։',
      'Առաջադրանքին շատ ստեղծագործ մոտեցում ցուցաբերեց։',
      'Նոր նյութը դժվարությամբ էր յուրացնում, բայց չէր հանձնվում։',
      'Անցյալ ամսվա համեմատ մեծ առաջընթաց ունի։',
    ],
    asthma: 'Ասթմա՝ երկար վազք չի կարելի',
    nickname: 'Նախընտրում է, որ իրեն մականունով դիմեն։ Ճշտել խնամակալից։',
    recordActivities: ['Ռոբոտաշինություն', 'Շախմատ', 'Հայկական պար', 'Լող', 'Դաշնամուր'],
    recordTitles: [
      'Առաջին տեղ, քաղաքային շախմատի գավաթ',
      'Լողի կրծքանշան՝ 25 մ',
      'Ռոբոտաշինության լիգայի եզրափակիչ',
      'Հանձնել է դաշնամուրի 1-ին աստիճանի քննությունը',
    ],
  },
  ru: {
    relation: { mother: 'мама', father: 'папа' },
    allergies: [
      { allergy: 'арахис', instructions: 'EpiPen в аптечке на ресепшене; звонить 112' },
      { allergy: 'лактоза', instructions: 'Позвонить родителю' },
      { allergy: 'укусы пчёл', instructions: 'Позвонить родителю' },
      { allergy: 'пыльца (поллиноз)', instructions: 'Позвонить родителю' },
      { allergy: 'латекс', instructions: 'Позвонить родителю' },
      { allergy: 'глютен', instructions: 'Позвонить родителю' },
    ],
    needs: [
      'Нужны короткие перерывы каждые 20 минут',
      'Предпочитает работать в паре',
      'Носит очки для работы вблизи',
      'Левша: сажать с левого края',
      'Поначалу стесняется в больших группах',
      '',
    ],
    preferences: ['Любит конструировать', 'Любит музыку', 'Рисовать любит больше, чем писать', 'Любит командные игры', ''],
    observations: [
      {
        m: 'Всё занятие был сосредоточен, закончил задание раньше всех и помог соседу.',
        f: 'Всё занятие была сосредоточена, закончила задание раньше всех и помогла соседке.',
      },
      {
        m: 'Сегодня устал, чтобы закончить, понадобилась поддержка.',
        f: 'Сегодня устала, чтобы закончить, понадобилась поддержка.',
      },
      'Очень творческий подход к заданию.',
      { m: 'Новый материал давался с трудом, но не сдавался.', f: 'Новый материал давался с трудом, но не сдавалась.' },
      'Большой прогресс за последний месяц.',
    ],
    asthma: 'Астма: без длительного бега',
    nickname: 'Просит называть уменьшительным именем; уточнить у родителей.',
    recordActivities: ['Робототехника', 'Шахматы', 'Танцы', 'Плавание', 'Фортепиано'],
    recordTitles: [
      'Первое место, городской кубок по шахматам',
      'Значок по плаванию: 25 м',
      'Финалист лиги по робототехнике',
      'Сдан экзамен по фортепиано (1-й класс)',
    ],
  },
  en: {
    relation: { mother: 'mother', father: 'father' },
    allergies: [
      { allergy: 'peanuts', instructions: 'EpiPen in the reception first-aid box; call 112' },
      { allergy: 'lactose', instructions: 'Call the guardian' },
      { allergy: 'bee stings', instructions: 'Call the guardian' },
      { allergy: 'pollen (hay fever)', instructions: 'Call the guardian' },
      { allergy: 'latex', instructions: 'Call the guardian' },
      { allergy: 'gluten', instructions: 'Call the guardian' },
    ],
    needs: [
      'Needs short breaks every 20 minutes',
      'Prefers working in pairs',
      'Wears glasses for close work',
      'Left-handed: seat at the left end',
      'Shy in large groups at first',
      '',
    ],
    preferences: ['Likes building things', 'Loves music', 'Prefers drawing to writing', 'Enjoys team games', ''],
    observations: [
      'Concentrated for the whole lesson; finished the task early and helped a neighbour.',
      'Was tired today, needed encouragement to finish.',
      'Very creative approach to the assignment.',
      'Struggled with the new material, but kept trying.',
      'Great progress since last month.',
    ],
    asthma: 'Asthma: no long runs',
    nickname: 'Prefers to be called by a nickname; ask the guardian.',
    recordActivities: ['Robotics', 'Chess', 'Ballet', 'Swimming', 'Piano'],
    recordTitles: [
      'First place, city chess cup',
      'Swimming badge: 25 m',
      'Robotics league finalist',
      'Grade 1 piano exam passed',
    ],
  },
}

/** A surname in Latin letters for an e-mail address (`Հովհաննիսյան` → `hovhannisyan`, `Соловьёв` → `solovev`). */
export function latinForEmail(name: string): string {
  return transliterate(name)
    .normalize('NFD')
    .replace(/[^a-z]/g, '')
}
