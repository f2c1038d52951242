/** Event fired on window whenever the app changes the URL itself (pushState does not fire popstate). */
export const LOCATION_CHANGED = 'crm-location-changed'

/**
 * Client-side navigation: updates the history and tells the app to re-route.
 * @example navigate('/users')
 * @example navigate('/login?next=%2Faudit', { replace: true })
 */
export function navigate(path: string, options: { replace?: boolean } = {}): void {
  const current = location.pathname + location.search + location.hash
  if (path !== current) {
    if (options.replace) history.replaceState(null, '', path)
    else history.pushState(null, '', path)
  }
  window.dispatchEvent(new CustomEvent(LOCATION_CHANGED))
}

/**
 * The same-origin path an `<a>` click should navigate to inside the app, or null when the
 * browser must handle it (modifier keys, other origin, download, target, /api links…).
 */
export function internalHref(event: MouseEvent, origin: string = location.origin): string | null {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)
    return null
  const anchor = event.composedPath().find((n): n is HTMLAnchorElement => (n as Element).tagName === 'A')
  if (!anchor || !anchor.href) return null
  if (
    anchor.hasAttribute('download') ||
    (anchor.target && anchor.target !== '_self') ||
    anchor.getAttribute('rel')?.includes('external')
  )
    return null
  const url = new URL(anchor.href, origin)
  if (url.origin !== origin) return null
  if (isServerPath(url.pathname)) return null
  return url.pathname + url.search + url.hash
}

/** Paths the server answers itself (API, docs, health, live connections). */
export function isServerPath(pathname: string): boolean {
  return /^\/(api|yjs|socket\.io|healthz)(\/|$)/.test(pathname)
}
