import type { audit as source } from '../en/audit'

export const audit: Record<keyof typeof source, string> = {
  'audit.page.title': 'Աուդիտ',
  'audit.page.lead': 'Clubroom-ում կատարված բոլոր փոփոխությունները՝ ով, ինչ և երբ։ Նորերը վերևում։',
  'audit.page.loadFailed': 'Աուդիտի մատյանը չհաջողվեց բեռնել։',
  'audit.filters.label': 'Աուդիտի մատյանի զտիչ',
  'audit.filters.actor': 'Ով (մուտքանուն)',
  'audit.filters.actorPlaceholder': 'օր.՝ manager',
  'audit.filters.entity': 'Ինչ',
  'audit.filters.entityPlaceholder': 'օր.՝ user',
  'audit.filters.since': 'Սկսած',
  'audit.filters.apply': 'Կիրառել',
  'audit.filters.clear': 'Մաքրել',
  'audit.table.label': 'Աուդիտի մատյան',
  'audit.table.when': 'Երբ',
  'audit.table.who': 'Ով',
  'audit.table.action': 'Գործողություն',
  'audit.table.on': 'Օբյեկտ',
  'audit.table.changes': 'Փոփոխություններ',
  'audit.table.system': 'համակարգ',
  'audit.table.empty': 'Այս զտիչներին ոչինչ չի համապատասխանում։',
  'audit.table.more': 'և ևս {count, number}',
}
