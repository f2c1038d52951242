import type { auth as source } from '../en/auth'

export const auth: Record<keyof typeof source, string> = {
  'auth.login.lead': 'Войдите в систему своего центра.',
  'auth.login.login': 'Логин',
  'auth.login.password': 'Пароль',
  'auth.login.submit': 'Войти',
  'auth.login.busy': 'Вход…',
  'auth.login.wrong': 'Неверный логин или пароль',
  'auth.login.failed': 'Что-то пошло не так. Попробуйте ещё раз.',
}
