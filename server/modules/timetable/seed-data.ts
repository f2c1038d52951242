/** The demo center's timetable: its activity catalogue, holidays and groups (data only; `seed.ts` feeds them to the commands). */

/** Ten activities with realistic norms: the reference book a manager starts from. */
export const DEMO_ACTIVITIES = [
  {
    name: 'Robotics',
    category: 'science',
    color: '#2f80ed',
    durationMinutes: 90,
    minGroupSize: 4,
    maxGroupSize: 12,
    ageMin: 7,
    ageMax: 14,
    staffRatio: 8,
    pricePerSession: 18,
    consumables: [{ item: 'AA battery', quantity: 0.5, unit: 'pcs' }],
  },
  {
    name: 'Chess',
    category: 'games',
    color: '#6d6875',
    durationMinutes: 60,
    minGroupSize: 4,
    maxGroupSize: 12,
    ageMin: 6,
    ageMax: null,
    staffRatio: 12,
    pricePerSession: 10,
    consumables: [],
  },
  {
    name: 'Painting',
    category: 'art',
    color: '#e76f51',
    durationMinutes: 90,
    minGroupSize: 4,
    maxGroupSize: 14,
    ageMin: 4,
    ageMax: 16,
    staffRatio: 10,
    pricePerSession: 15,
    consumables: [
      { item: 'Gouache paint', quantity: 0.05, unit: 'l' },
      { item: 'A3 paper', quantity: 2, unit: 'sheets' },
    ],
  },
  {
    name: 'Ballet',
    category: 'dance',
    color: '#f4a3c4',
    durationMinutes: 60,
    minGroupSize: 6,
    maxGroupSize: 16,
    ageMin: 4,
    ageMax: 12,
    staffRatio: 16,
    pricePerSession: 14,
    consumables: [],
  },
  {
    name: 'Hip-hop',
    category: 'dance',
    color: '#9b5de5',
    durationMinutes: 60,
    minGroupSize: 6,
    maxGroupSize: 20,
    ageMin: 10,
    ageMax: null,
    staffRatio: 20,
    pricePerSession: 14,
    consumables: [],
  },
  {
    name: 'Swimming',
    category: 'sport',
    color: '#00b4d8',
    durationMinutes: 45,
    minGroupSize: 4,
    maxGroupSize: 8,
    ageMin: 5,
    ageMax: 14,
    staffRatio: 8,
    pricePerSession: 20,
    consumables: [],
  },
  {
    name: 'English for kids',
    category: 'language',
    color: '#2a9d8f',
    durationMinutes: 60,
    minGroupSize: 4,
    maxGroupSize: 10,
    ageMin: 5,
    ageMax: 11,
    staffRatio: 10,
    pricePerSession: 16,
    consumables: [{ item: 'Worksheet', quantity: 2, unit: 'sheets' }],
  },
  {
    name: 'Football',
    category: 'sport',
    color: '#52b788',
    durationMinutes: 90,
    minGroupSize: 8,
    maxGroupSize: 20,
    ageMin: 6,
    ageMax: 14,
    staffRatio: 12,
    pricePerSession: 12,
    consumables: [],
  },
  {
    name: 'Piano',
    category: 'music',
    color: '#ffb703',
    durationMinutes: 45,
    minGroupSize: 1,
    maxGroupSize: 1,
    ageMin: 6,
    ageMax: null,
    staffRatio: 1,
    pricePerSession: 30,
    consumables: [],
    kind: 'individual',
  },
  {
    name: 'Birthday party',
    category: 'event',
    color: '#ff6b6b',
    durationMinutes: 180,
    minGroupSize: 8,
    maxGroupSize: 25,
    ageMin: 4,
    ageMax: 12,
    staffRatio: 10,
    pricePerSession: 250,
    consumables: [
      { item: 'Party plates', quantity: 25, unit: 'pcs' },
      { item: 'Balloons', quantity: 20, unit: 'pcs' },
    ],
    kind: 'event',
  },
]

/** The holidays: [years after this year, month-day]. */
export const DEMO_CLOSURES: Array<{
  branch: 'central' | 'riverside' | null
  from: [number, string]
  to: [number, string]
  name: string
}> = [
  { branch: null, from: [0, '12-23'], to: [1, '01-06'], name: 'Winter holidays' },
  { branch: 'riverside', from: [1, '02-16'], to: [1, '02-20'], name: 'Pool maintenance' },
]

/** Who keeps each branch's timetable: generates its lessons, enrols its groups' members, books its events. */
export const DEMO_RECEPTION: Record<'central' | 'riverside', string> = { central: 'reception', riverside: 'reception2' }

/** A one-off event in every week of the Riverside timetable: a birthday party on Saturday afternoon. */
export const DEMO_PARTY = {
  branch: 'riverside' as const,
  activity: 'Birthday party',
  room: 'Party Room',
  teacher: 'teacher2',
  /** Days after the week's Monday. */
  day: 5,
  start: '14:00:00+01:00',
  end: '17:00:00+01:00',
  note: 'Birthday party: Emma turns 7 (22 guests)',
}

type Slot = { weekday: number; start: string; end: string }
const both = (d1: number, d2: number, start: string, end: string): Slot[] => [
  { weekday: d1, start, end },
  { weekday: d2, start, end },
]

/** The demo groups: who teaches them where, when, for which ages, and how many members they start with. */
export const DEMO_GROUPS: Array<{
  name: string
  activity: string
  teacher: string
  room: string
  pattern: Slot[]
  ages: [number, number]
  members: number
}> = [
  {
    name: 'Robotics Juniors',
    activity: 'Robotics',
    teacher: 'teacher',
    room: 'Robotics Lab',
    pattern: both(1, 3, '16:00', '17:30'),
    ages: [7, 10],
    members: 9,
  },
  {
    name: 'Robotics Advanced',
    activity: 'Robotics',
    teacher: 'teacher',
    room: 'Robotics Lab',
    pattern: both(2, 4, '17:00', '18:30'),
    ages: [11, 14],
    members: 7,
  },
  {
    name: 'Little Artists',
    activity: 'Painting',
    teacher: 'ahmed.khan',
    room: 'Art Studio',
    pattern: both(1, 3, '15:00', '16:30'),
    ages: [4, 8],
    members: 10,
  },
  {
    name: 'Chess Club',
    activity: 'Chess',
    teacher: 'ahmed.khan',
    room: 'Classroom 1',
    pattern: both(2, 4, '16:00', '17:00'),
    ages: [6, 99],
    members: 8,
  },
  {
    name: 'English Starters',
    activity: 'English for kids',
    teacher: 'maria.lopez',
    room: 'Classroom 1',
    pattern: both(1, 3, '15:45', '16:45'),
    ages: [5, 9],
    members: 6,
  },
  {
    name: 'Ballet Beginners',
    activity: 'Ballet',
    teacher: 'maria.lopez',
    room: 'Dance Hall',
    pattern: both(1, 3, '17:00', '18:00'),
    ages: [4, 8],
    members: 10,
  },
  {
    name: 'Ballet Intermediate',
    activity: 'Ballet',
    teacher: 'maria.lopez',
    room: 'Dance Hall',
    pattern: both(2, 4, '17:00', '18:00'),
    ages: [8, 12],
    members: 8,
  },
  {
    name: 'Piano with Yuki',
    activity: 'Piano',
    teacher: 'yuki.tanaka',
    room: 'Music Room',
    pattern: both(2, 4, '15:00', '15:45'),
    ages: [6, 99],
    members: 1,
  },
  {
    name: 'Swimming Dolphins',
    activity: 'Swimming',
    teacher: 'nina.ivanova',
    room: 'Pool',
    pattern: both(1, 3, '16:00', '16:45'),
    ages: [5, 9],
    members: 7,
  },
  {
    name: 'Swimming Sharks',
    activity: 'Swimming',
    teacher: 'nina.ivanova',
    room: 'Pool',
    pattern: both(1, 3, '17:00', '17:45'),
    ages: [9, 14],
    members: 6,
  },
  {
    name: 'Football U10',
    activity: 'Football',
    teacher: 'tom.walker',
    room: 'Sports Hall',
    pattern: both(2, 4, '16:00', '17:30'),
    ages: [6, 10],
    members: 12,
  },
  {
    name: 'Football U14',
    activity: 'Football',
    teacher: 'tom.walker',
    room: 'Sports Hall',
    pattern: both(2, 4, '17:30', '19:00'),
    ages: [10, 14],
    members: 10,
  },
  {
    name: 'Hip-hop Crew',
    activity: 'Hip-hop',
    teacher: 'sam.okafor',
    room: 'Sports Hall',
    pattern: both(1, 3, '18:00', '19:00'),
    ages: [12, 99],
    members: 12,
  },
  // Fridays are busy too
  {
    name: 'Friday Painting Club',
    activity: 'Painting',
    teacher: 'ahmed.khan',
    room: 'Art Studio',
    pattern: [{ weekday: 5, start: '16:00', end: '17:30' }],
    ages: [8, 12],
    members: 8,
  },
  {
    name: 'English Movers',
    activity: 'English for kids',
    teacher: 'maria.lopez',
    room: 'Classroom 1',
    pattern: both(2, 5, '15:00', '16:00'),
    ages: [8, 11],
    members: 7,
  },
  {
    name: 'Piano Fridays',
    activity: 'Piano',
    teacher: 'yuki.tanaka',
    room: 'Music Room',
    pattern: [{ weekday: 5, start: '15:00', end: '15:45' }],
    ages: [6, 99],
    members: 1,
  },
  {
    name: 'Saturday Chess',
    activity: 'Chess',
    teacher: 'teacher2',
    room: 'Party Room',
    pattern: [{ weekday: 6, start: '10:00', end: '11:00' }],
    ages: [6, 99],
    members: 6,
  },
]
