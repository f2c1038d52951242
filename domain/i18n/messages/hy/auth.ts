import type { auth as source } from '../en/auth'

export const auth: Record<keyof typeof source, string> = {
  'auth.login.lead': 'Մուտք գործեք ձեր կենտրոնի համակարգ։',
  'auth.login.login': 'Մուտքանուն',
  'auth.login.password': 'Գաղտնաբառ',
  'auth.login.submit': 'Մուտք գործել',
  'auth.login.busy': 'Մուտք…',
  'auth.login.wrong': 'Սխալ մուտքանուն կամ գաղտնաբառ',
  'auth.login.failed': 'Ինչ-որ բան այն չէ։ Փորձեք կրկին։',
}
