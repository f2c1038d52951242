/**
 * Name pools for the search benchmark in the three scripts a center in Armenia sees: Latin
 * (~5,000 surnames), Russian (Cyrillic: -ов/-ова, -ев/-ева, -ин/-ина, -ский/-ская) and Armenian
 * (Armenian script: -յան, some -ունի). Deterministic; the Latin first names come from bench/clients/data.ts.
 */

const words = (s: string) => s.trim().split(/\s+/)

/** 100 Latin stems × 50 endings: 5,000 surnames (German, Slavic, Romance, Nordic, Turkish-looking). */
const LATIN_STEMS = words(`
  Al Bar Berg Brand Dor Eck Fal Fried Gar Hal Hein Holz Kal Kirch Lind Mar Mor Nord Ost Pol
  Ros Sand Stein Tan Vol Wal West Zel Kov Jur Mil Rad Bog Dan Sok Lar Ab Ad Ag Am An Ar As
  Bal Ban Bel Ben Bir Bla Bor Bra Bri Bur Car Cas Cor Dal Del Dom Dun Ed El Em Er Fer Fin Fox
  Gal Gil Gor Gra Gro Gun Ham Har Hil Hof Hub Ing Jan Jen Kar Kel Kle Kor Kra Lan Leh Lob Lud
  Mai Men Mos Nag Nie Pet Pfe Rei Sal Sch Vog
`)
const LATIN_ENDS = words(`
  er mann ski son ova ić ek ov escu ez ini hardt inger berg feld sen ke ler enko ich
  ner ling hofer bauer meier huber wald dorf stedt haus brook ford ton well ley ham wood
  rich helm mond burg aro elli etti oglu demir yilmaz dottir ström lund qvist gaard
`)
export const LATIN_SURNAMES = LATIN_STEMS.flatMap((s) => LATIN_ENDS.map((e) => s + e.toLowerCase()))

/** Russian surnames as [masculine, feminine]. */
const RU_OV = words(`
  Иван Петр Смирн Кузнец Поп Сокол Михайл Новик Федор Мороз Волк Лебед Семен Егор
  Павл Козл Степан Орл Макар Никит Захар Зайц Солов Борис Яковл Григорь Роман Воробь Фрол
  Александр Корол Гус Кисел Максим Виноград Ковал Бел Медвед Антон Тарас Жук Баран Комар
  Мельник Мелех Щерб Тимоф Голуб Гром Крыл Кудрявц Лазар Назар Осип Рябц Сидор Тихон
  Устин Филипп Хохл Цвет Черн Шаш Щегл Ястреб
`)
const RU_IN = words(`Ильин Кузьмин Сорокин Лапин Никитин Гришин Фомин Зимин Мишин Пушкин Галкин Ежин Лукин`)
const RU_EV = words(`Алексе Андре Серге Дмитри Матве Горде Афанась Тимофе Мелентье Игнать Ереме Мелье`)
const RU_SKY = words(`Иванов Петров Мелехов Коваль Жуков Покров Успен Рождествен Богослов Вознесен`)
const RU_CKY = words(`Нови Трои Мельни Белени Вишневе Лисови`)
export const RU_SURNAMES: Array<[string, string]> = [
  ...RU_OV.map((s): [string, string] => [`${s}ов`, `${s}ова`]),
  ...RU_IN.map((s): [string, string] => [s, `${s}а`]),
  ...RU_EV.map((s): [string, string] => [`${s}ев`, `${s}ева`]),
  ...RU_SKY.map((s): [string, string] => [`${s}ский`, `${s}ская`]),
  ...RU_CKY.map((s): [string, string] => [`${s}цкий`, `${s}цкая`]),
]
export const RU_FIRST_F = words(`
  Анна Мария Елена Ольга Наталья Татьяна Ирина Светлана Екатерина Юлия Дарья Алина Полина
  Ксения Софья Виктория Вероника Мелания Милана Алёна Ивана Варвара Ева Василиса Анастасия
`)
export const RU_FIRST_M = words(`
  Иван Александр Дмитрий Сергей Андрей Алексей Михаил Николай Павел Артём Максим Егор Илья
  Кирилл Никита Тимофей Матвей Роман Владимир Георгий Лев Марк Фёдор Мелентий Ярослав
`)

/** Armenian surnames: stems with -յան, and some old princely -ունի names. */
const HY_YAN = words(`
  Հովհաննիս Հովսեփ Հովակիմ Հովնան Սարգս Սարիբեկ Սարուխան Սահակ Պետրոս Գրիգոր Ավետիս
  Հարություն Մարտիրոս Կարապետ Խաչատր Մկրտչ Ղազար Վարդան Աբրահամ Բաղդասար Գասպար Դավթ
  Եղիազար Զաքար Թադևոս Իսրայել Լևոն Մանուկ Ներսիս Շահին Ոսկան Չոբան Պողոս Ռուբեն Սիմոն
  Վահան Տիգրան Փիլիպպոս Քոչար Օհան Ֆարման Հակոբ Մինաս Առաքել Գալստ Մելքոն Համբարձում
  Ստեփան Աղաջան Բարսեղ Գևորգ Դանիել Երվանդ Թորոս Կիրակոս Մարգար Նազար Շմավոն Պապ
  Սեդրակ Վարդ Տեր-Պետրոս Ալեքսան Բաբ Հայրապետ Մովսիս Մուրադ Սողոմոն Ասատր
`)
const HY_UNI = words(`Բագրատ Արծր Ամատ Ռշտ Գնթ Սյ`)
export const HY_SURNAMES = [...HY_YAN.map((s) => `${s}յան`), ...HY_UNI.map((s) => `${s}ունի`)]
export const HY_FIRST_F = words(`
  Անի Մարիամ Նարե Էլեն Լիլիթ Սոֆի Եվա Մանե Արփի Նանե Մելինե Տաթև Միլենա Գայանե Աստղիկ
  Մանան Նաիրա Լուսինե Հասմիկ Սաթենիկ Անահիտ Արմինե Սիրանուշ Հռիփսիմե Գոհար Շուշան
`)
export const HY_FIRST_M = words(`
  Դավիթ Նարեկ Արամ Տիգրան Հայկ Գոռ Արման Սամվել Էրիկ Մարկ Արտյոմ Վահե Գևորգ Մհեր Հովհաննես
  Սարգիս Արսեն Կարեն Արթուր Վարդան Հրանտ Ռուբեն Սուրեն Արշակ Ոսկան Երվանդ
`)
