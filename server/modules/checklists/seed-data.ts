import type { ItemKind, Schedule } from '../../../domain/checklists/checklist'
import type { Locale } from '../../../domain/i18n/locales'

/** A demo template: its items and schedule, in the demo's language. */
export interface DemoTemplate {
  key: 'opening' | 'fire' | 'pool' | 'firstAid'
  name: string
  /** In the pool's branch only (of the pool room), or in every branch. */
  room?: 'pool'
  schedule: Schedule
  weekday?: number
  monthDay?: number
  dueTime: string
  responsibleRole: 'receptionist' | 'manager' | 'teacher'
  items: Array<{ key: string; text: string; kind: ItemKind; min?: number; max?: number; unit?: string }>
}

const shape = (names: Record<DemoTemplate['key'], string>, texts: Record<string, string>): DemoTemplate[] => [
  {
    key: 'opening',
    name: names.opening,
    schedule: 'daily',
    dueTime: '10:00',
    responsibleRole: 'receptionist',
    items: [
      { key: 'doors', text: texts.doors, kind: 'tick' },
      { key: 'lights', text: texts.lights, kind: 'tick' },
      { key: 'heating', text: texts.heating, kind: 'number', min: 18, max: 24, unit: '°C' },
      { key: 'clean', text: texts.clean, kind: 'tick' },
      { key: 'remarks', text: texts.remarks, kind: 'text' },
    ],
  },
  {
    key: 'fire',
    name: names.fire,
    schedule: 'weekly',
    weekday: 1,
    dueTime: '12:00',
    responsibleRole: 'manager',
    items: [
      { key: 'exits', text: texts.exits, kind: 'tick' },
      { key: 'extinguishers', text: texts.extinguishers, kind: 'tick' },
      { key: 'alarm', text: texts.alarm, kind: 'tick' },
      { key: 'plan', text: texts.plan, kind: 'tick' },
    ],
  },
  {
    key: 'pool',
    name: names.pool,
    room: 'pool',
    schedule: 'daily',
    dueTime: '09:00',
    responsibleRole: 'teacher',
    items: [
      { key: 'chlorine', text: texts.chlorine, kind: 'number', min: 0.3, max: 0.5, unit: 'mg/l' },
      { key: 'ph', text: texts.ph, kind: 'number', min: 7.2, max: 7.6 },
      { key: 'water', text: texts.water, kind: 'number', min: 24, max: 29, unit: '°C' },
      { key: 'clear', text: texts.clear, kind: 'tick' },
    ],
  },
  {
    key: 'firstAid',
    name: names.firstAid,
    schedule: 'monthly',
    monthDay: 1,
    dueTime: '18:00',
    responsibleRole: 'manager',
    items: [
      { key: 'bandages', text: texts.bandages, kind: 'tick' },
      { key: 'antiseptic', text: texts.antiseptic, kind: 'tick' },
      { key: 'gloves', text: texts.gloves, kind: 'number', min: 10, unit: texts.pairs },
      { key: 'coldPack', text: texts.coldPack, kind: 'tick' },
      { key: 'expiry', text: texts.expiry, kind: 'tick' },
    ],
  },
]

/** The demo's templates in each language. */
export const DEMO_TEMPLATES: Record<Locale, DemoTemplate[]> = {
  en: shape(
    {
      opening: 'Daily opening check',
      fire: 'Weekly fire-safety check',
      pool: 'Pool water test',
      firstAid: 'First-aid kit contents',
    },
    {
      doors: 'Entrance and emergency doors unlocked',
      lights: 'Lights and emergency lighting work',
      heating: 'Temperature in the halls',
      clean: 'Halls and toilets clean',
      remarks: 'Remarks',
      exits: 'Escape routes free',
      extinguishers: 'Extinguishers in place and sealed',
      alarm: 'Fire alarm panel shows no fault',
      plan: 'Evacuation plan posted on every floor',
      chlorine: 'Free chlorine',
      ph: 'pH',
      water: 'Water temperature',
      clear: 'Water clear, bottom visible',
      bandages: 'Bandages and plasters',
      antiseptic: 'Antiseptic',
      gloves: 'Disposable gloves',
      pairs: 'pairs',
      coldPack: 'Cold pack',
      expiry: 'Nothing past its expiry date',
    },
  ),
  ru: shape(
    {
      opening: 'Ежедневная проверка при открытии',
      fire: 'Еженедельная проверка пожарной безопасности',
      pool: 'Анализ воды в бассейне',
      firstAid: 'Состав аптечки',
    },
    {
      doors: 'Входные и запасные двери открыты',
      lights: 'Освещение и аварийное освещение работают',
      heating: 'Температура в залах',
      clean: 'Залы и туалеты убраны',
      remarks: 'Замечания',
      exits: 'Пути эвакуации свободны',
      extinguishers: 'Огнетушители на месте и опломбированы',
      alarm: 'Пожарная сигнализация без неисправностей',
      plan: 'План эвакуации вывешен на каждом этаже',
      chlorine: 'Свободный хлор',
      ph: 'pH',
      water: 'Температура воды',
      clear: 'Вода прозрачная, дно видно',
      bandages: 'Бинты и пластыри',
      antiseptic: 'Антисептик',
      gloves: 'Одноразовые перчатки',
      pairs: 'пар',
      coldPack: 'Охлаждающий пакет',
      expiry: 'Нет просроченных средств',
    },
  ),
  hy: shape(
    {
      opening: 'Բացման ամենօրյա ստուգում',
      fire: 'Հրդեհային անվտանգության շաբաթական ստուգում',
      pool: 'Լողավազանի ջրի անալիզ',
      firstAid: 'Դեղատուփի պարունակություն',
    },
    {
      doors: 'Մուտքի և վթարային դռները բաց են',
      lights: 'Լուսավորությունը և վթարային լույսերն աշխատում են',
      heating: 'Ջերմաստիճանը դահլիճներում',
      clean: 'Դահլիճներն ու զուգարանները մաքուր են',
      remarks: 'Դիտողություններ',
      exits: 'Տարհանման ուղիներն ազատ են',
      extinguishers: 'Կրակմարիչները տեղում են և կնքված',
      alarm: 'Հրդեհային ազդանշանը անսարքություն ցույց չի տալիս',
      plan: 'Տարհանման պլանը փակցված է յուրաքանչյուր հարկում',
      chlorine: 'Ազատ քլոր',
      ph: 'pH',
      water: 'Ջրի ջերմաստիճանը',
      clear: 'Ջուրը թափանցիկ է, հատակը երևում է',
      bandages: 'Վիրակապեր և սպեղանիներ',
      antiseptic: 'Հակասեպտիկ',
      gloves: 'Միանգամյա ձեռնոցներ',
      pairs: 'զույգ',
      coldPack: 'Սառեցնող փաթեթ',
      expiry: 'Ժամկետանց միջոցներ չկան',
    },
  ),
}

/** The note on the demo's one failed check (what was done about it). */
export const DEMO_FAILED_NOTE: Record<Locale, string> = {
  en: 'Chlorine dosing pump reset; water tested again at 11:00: 0.4 mg/l',
  ru: 'Дозатор хлора перезапущен; повторный анализ в 11:00: 0,4 мг/л',
  hy: 'Քլորի դոզատորը վերագործարկվեց, կրկնակի անալիզը 11:00-ին՝ 0,4 մգ/լ',
}
