import type { Locale } from '../../../domain/i18n/locales'
import type { Role } from '../../../domain/roles'
import type { DemoStaffKey } from '../../contracts/seed'

export type { DemoStaffKey }

export interface DemoStaff {
  key: DemoStaffKey
  login: string
  name: string
  roles: Role[]
  /** Branches the user works in (none: every branch, owners, managers and auditors only). */
  branches: Array<'central' | 'riverside'>
  /** The language the user picked in their profile (null: the center's). */
  locale: Locale | null
}

type Place = Omit<DemoStaff, 'login' | 'name' | 'locale'>
const PLACES: Place[] = [
  { key: 'owner', roles: ['owner'], branches: [] },
  { key: 'manager', roles: ['manager'], branches: [] },
  { key: 'reception', roles: ['receptionist'], branches: ['central'] },
  { key: 'reception2', roles: ['receptionist'], branches: ['riverside'] },
  { key: 'teacher', roles: ['teacher'], branches: ['central'] },
  { key: 'teacher2', roles: ['teacher'], branches: ['riverside'] },
  { key: 'storekeeper', roles: ['storekeeper'], branches: ['central'] },
  { key: 'accountant', roles: ['accountant'], branches: ['central', 'riverside'] },
  { key: 'auditor', roles: ['auditor'], branches: [] },
  { key: 'languages', roles: ['teacher'], branches: ['central'] },
  { key: 'sports', roles: ['teacher'], branches: ['riverside'] },
  { key: 'music', roles: ['teacher'], branches: ['central'] },
  { key: 'art', roles: ['teacher'], branches: ['central'] },
  { key: 'swimming', roles: ['teacher'], branches: ['riverside'] },
  { key: 'dance', roles: ['teacher'], branches: ['riverside'] },
]

/** Who fills each place, by language: [login (the place's key for one per role), name, profile language]. */
const PEOPLE: Record<Locale, Record<DemoStaffKey, [string | null, string, Locale | null]>> = {
  // an Armenian center: the desks show all three languages at a first look (null: the center's, Armenian)
  hy: {
    owner: [null, 'Լիլիթ Հակոբյան', null],
    manager: [null, 'Արամ Պետրոսյան', 'en'],
    reception: [null, 'Անի Հովհաննիսյան', 'hy'],
    reception2: [null, 'Наталья Кузнецова', 'ru'],
    teacher: [null, 'Դավիթ Սարգսյան', null],
    teacher2: [null, 'Կարեն Մարտիրոսյան', null],
    storekeeper: [null, 'Գագիկ Ավետիսյան', null],
    accountant: [null, 'Նարինե Գևորգյան', null],
    auditor: [null, 'Սուրեն Մկրտչյան', null],
    languages: ['mariam.grigoryan', 'Մարիամ Գրիգորյան', 'en'],
    sports: ['armen.harutyunyan', 'Արմեն Հարությունյան', null],
    music: ['gohar.vardanyan', 'Գոհար Վարդանյան', null],
    art: ['tigran.khachatryan', 'Տիգրան Խաչատրյան', null],
    swimming: ['olga.morozova', 'Ольга Морозова', 'ru'],
    dance: ['sona.ghazaryan', 'Սոնա Ղազարյան', null],
  },
  // a Russian-speaking center in Moscow
  ru: {
    owner: [null, 'Елена Соколова', null],
    manager: [null, 'Андрей Волков', 'en'],
    reception: [null, 'Анна Петрова', null],
    reception2: [null, 'Ирина Смирнова', null],
    teacher: [null, 'Дмитрий Орлов', null],
    teacher2: [null, 'Сергей Козлов', null],
    storekeeper: [null, 'Игорь Павлов', null],
    accountant: [null, 'София Романова', null],
    auditor: [null, 'Галина Белова', null],
    languages: ['maria.lebedeva', 'Мария Лебедева', null],
    sports: ['pavel.nikitin', 'Павел Никитин', null],
    music: ['yulia.zaitseva', 'Юлия Зайцева', null],
    art: ['arsen.manukyan', 'Арсен Манукян', 'hy'],
    swimming: ['nina.ivanova', 'Нина Иванова', null],
    dance: ['timur.aliev', 'Тимур Алиев', null],
  },
  // the English-speaking center (the e2e suite's: its names are the ones the specs read)
  en: {
    owner: [null, 'Elena Sokolova', null],
    manager: [null, 'Mark Davies', null],
    reception: [null, 'Anna Petrova', null],
    reception2: [null, 'Lucy Chen', null],
    teacher: [null, 'Karen Miller', null],
    teacher2: [null, 'David Novak', null],
    storekeeper: [null, 'Igor Pavlov', null],
    accountant: [null, 'Sofia Rossi', null],
    auditor: [null, 'Helen Brooks', null],
    languages: ['maria.lopez', 'Maria Lopez', null],
    sports: ['tom.walker', 'Tom Walker', null],
    music: ['yuki.tanaka', 'Yuki Tanaka', null],
    art: ['ahmed.khan', 'Ahmed Khan', null],
    swimming: ['nina.ivanova', 'Nina Ivanova', null],
    dance: ['sam.okafor', 'Sam Okafor', null],
  },
}

/** The demo center's staff in a language: one login per role plus six more teachers. */
export function demoStaff(locale: Locale): DemoStaff[] {
  return PLACES.map((p) => {
    const [login, name, userLocale] = PEOPLE[locale][p.key]
    return { ...p, login: login ?? p.key, name, locale: userLocale }
  })
}
