import type { Locale } from '../../../domain/i18n/locales'

/** The demo branches' keys: the other areas' demo data says where things are by these. */
export type DemoBranchKey = 'central' | 'riverside'
/** The demo rooms' keys (`ctx.roomIds[key]`): the timetable's demo data books rooms by these. */
export type DemoRoomKey = 'robotics' | 'art' | 'dance' | 'music' | 'classroom' | 'pool' | 'sports' | 'party'

export interface DemoBranch {
  name: string
  address: string
  phone: string
  timezone: string
}

export interface DemoRoom {
  key: DemoRoomKey
  branch: DemoBranchKey
  name: string
  capacity: number
  /** In the center's currency. */
  hourlyCost: number
  equipment: string[]
}

/**
 * The demo center's two branches, by language: an Armenian center in Yerevan (Kentron and
 * Arabkir), a Russian one in Moscow, an English-speaking one in Berlin (the e2e suite's).
 */
export const DEMO_BRANCHES: Record<Locale, Record<DemoBranchKey, DemoBranch>> = {
  hy: {
    central: { name: 'Կենտրոն', address: 'Երևան, Աբովյան փողոց 24', phone: '+374 10 52 18 40', timezone: 'Asia/Yerevan' },
    riverside: { name: 'Արաբկիր', address: 'Երևան, Կոմիտասի պողոտա 38', phone: '+374 10 23 67 15', timezone: 'Asia/Yerevan' },
  },
  ru: {
    central: { name: 'Центральный', address: 'Москва, ул. Покровка, 12', phone: '+7 495 621-18-40', timezone: 'Europe/Moscow' },
    riverside: {
      name: 'Хамовники',
      address: 'Москва, Комсомольский просп., 27',
      phone: '+7 495 246-67-15',
      timezone: 'Europe/Moscow',
    },
  },
  en: {
    central: { name: 'Central', address: '12 Market Street', phone: '+49 30 5550 1200', timezone: 'Europe/Berlin' },
    riverside: { name: 'Riverside', address: '3 Quay Road', phone: '+49 30 5550 3400', timezone: 'Europe/Berlin' },
  },
}

/** Their rooms: the same rooms in every language (capacities alike), named and priced in it. */
export const DEMO_ROOMS_BY_LOCALE: Record<Locale, DemoRoom[]> = {
  hy: [
    {
      key: 'robotics',
      branch: 'central',
      name: 'Ռոբոտաշինության լաբորատորիա',
      capacity: 12,
      hourlyCost: 12000,
      equipment: ['LEGO Spike հավաքածուներ', '12 նոթբուք', 'պրոյեկտոր'],
    },
    {
      key: 'art',
      branch: 'central',
      name: 'Նկարչական արվեստանոց',
      capacity: 14,
      hourlyCost: 9000,
      equipment: ['մոլբերտներ', 'լվացարան', 'չորացման դարակ'],
    },
    {
      key: 'dance',
      branch: 'central',
      name: 'Պարասրահ',
      capacity: 20,
      hourlyCost: 14000,
      equipment: ['հայելիներ', 'պարաձող', 'ձայնային համակարգ'],
    },
    {
      key: 'music',
      branch: 'central',
      name: 'Երաժշտական սենյակ',
      capacity: 6,
      hourlyCost: 7000,
      equipment: ['դաշնամուր', 'թվային դաշնամուր'],
    },
    {
      key: 'classroom',
      branch: 'central',
      name: 'Դասասենյակ 1',
      capacity: 12,
      hourlyCost: 6000,
      equipment: ['գրատախտակ', 'շախմատի հավաքածուներ'],
    },
    {
      key: 'pool',
      branch: 'riverside',
      name: 'Լողավազան',
      capacity: 16,
      hourlyCost: 20000,
      equipment: ['4 ուղի', 'լողատախտակներ'],
    },
    {
      key: 'sports',
      branch: 'riverside',
      name: 'Մարզադահլիճ',
      capacity: 24,
      hourlyCost: 15000,
      equipment: ['դարպասներ', 'ներքնակներ'],
    },
    {
      key: 'party',
      branch: 'riverside',
      name: 'Տոնական սրահ',
      capacity: 25,
      hourlyCost: 18000,
      equipment: ['սեղաններ', 'խոհանոցային անկյուն', 'ձայնային համակարգ'],
    },
  ],
  ru: [
    {
      key: 'robotics',
      branch: 'central',
      name: 'Лаборатория робототехники',
      capacity: 12,
      hourlyCost: 2500,
      equipment: ['наборы LEGO Spike', '12 ноутбуков', 'проектор'],
    },
    {
      key: 'art',
      branch: 'central',
      name: 'Художественная студия',
      capacity: 14,
      hourlyCost: 1800,
      equipment: ['мольберты', 'раковина', 'сушилка для работ'],
    },
    {
      key: 'dance',
      branch: 'central',
      name: 'Танцевальный зал',
      capacity: 20,
      hourlyCost: 3000,
      equipment: ['зеркала', 'балетный станок', 'акустика'],
    },
    {
      key: 'music',
      branch: 'central',
      name: 'Музыкальный класс',
      capacity: 6,
      hourlyCost: 1500,
      equipment: ['пианино', 'цифровое фортепиано'],
    },
    { key: 'classroom', branch: 'central', name: 'Кабинет 1', capacity: 12, hourlyCost: 1200, equipment: ['доска', 'шахматы'] },
    {
      key: 'pool',
      branch: 'riverside',
      name: 'Бассейн',
      capacity: 16,
      hourlyCost: 4500,
      equipment: ['4 дорожки', 'доски для плавания'],
    },
    { key: 'sports', branch: 'riverside', name: 'Спортзал', capacity: 24, hourlyCost: 3500, equipment: ['ворота', 'маты'] },
    {
      key: 'party',
      branch: 'riverside',
      name: 'Праздничный зал',
      capacity: 25,
      hourlyCost: 4000,
      equipment: ['столы', 'мини-кухня', 'акустика'],
    },
  ],
  en: [
    {
      key: 'robotics',
      branch: 'central',
      name: 'Robotics Lab',
      capacity: 12,
      hourlyCost: 35,
      equipment: ['LEGO Spike kits', '12 laptops', 'projector'],
    },
    {
      key: 'art',
      branch: 'central',
      name: 'Art Studio',
      capacity: 14,
      hourlyCost: 25,
      equipment: ['easels', 'sink', 'drying rack'],
    },
    {
      key: 'dance',
      branch: 'central',
      name: 'Dance Hall',
      capacity: 20,
      hourlyCost: 40,
      equipment: ['mirrors', 'barre', 'sound system'],
    },
    {
      key: 'music',
      branch: 'central',
      name: 'Music Room',
      capacity: 6,
      hourlyCost: 20,
      equipment: ['upright piano', 'digital piano'],
    },
    {
      key: 'classroom',
      branch: 'central',
      name: 'Classroom 1',
      capacity: 12,
      hourlyCost: 18,
      equipment: ['whiteboard', 'chess sets'],
    },
    { key: 'pool', branch: 'riverside', name: 'Pool', capacity: 16, hourlyCost: 60, equipment: ['4 lanes', 'kickboards'] },
    { key: 'sports', branch: 'riverside', name: 'Sports Hall', capacity: 24, hourlyCost: 45, equipment: ['goals', 'mats'] },
    {
      key: 'party',
      branch: 'riverside',
      name: 'Party Room',
      capacity: 25,
      hourlyCost: 50,
      equipment: ['tables', 'kitchenette', 'sound system'],
    },
  ],
}
