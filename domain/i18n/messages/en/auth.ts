/** The sign-in page (English: the source). */
export const auth = {
  'auth.login.lead': 'Sign in to your center.',
  'auth.login.login': 'Login',
  'auth.login.password': 'Password',
  'auth.login.submit': 'Sign in',
  'auth.login.busy': 'Signing in…',
  'auth.login.wrong': 'Wrong login or password',
  'auth.login.failed': 'Something went wrong. Try again.',
} as const
