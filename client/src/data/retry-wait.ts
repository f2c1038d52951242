/**
 * A wait as a person says it: seconds while it is under a minute, then whole minutes rounded up
 * ("about 15 minutes" for 847 s), then hours. The catalogue's `common.error.tooMany` words it in
 * each language from these parameters (ICU plurals: the browser may lack Armenian relative-time
 * data, so Intl.RelativeTimeFormat would fall back to English there).
 */
export function waitParams(seconds: number): { unit: 'second' | 'minute' | 'hour'; count: number } {
  const s = Math.max(1, Math.ceil(seconds))
  if (s < 60) return { unit: 'second', count: s }
  if (s < 55 * 60) return { unit: 'minute', count: Math.ceil(s / 60) }
  return { unit: 'hour', count: Math.max(1, Math.round(s / 3600)) }
}
