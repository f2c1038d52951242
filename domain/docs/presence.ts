/**
 * Presence identity as every client sees it. The server overwrites the `user` field of each
 * awareness state with this, so nobody can appear as someone else.
 */
export interface PresenceUser {
  id: string
  name: string
  /** `#rrggbb`, derived from the user id (same colour on every screen and every visit). */
  colour: string
}

/**
 * A stable, readable colour for a user id (FNV-1a hash → hue; fixed saturation and lightness).
 * @example userColour('6f1c…') // '#2f8f5b'
 */
export function userColour(userId: string): string {
  let h = 0x811c9dc5
  for (let i = 0; i < userId.length; i++) {
    h ^= userId.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return hslToHex(h % 360, 0.62, 0.42)
}

function hslToHex(hue: number, s: number, l: number): string {
  const a = s * Math.min(l, 1 - l)
  const f = (n: number) => {
    const k = (n + hue / 30) % 12
    const c = l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))
    return Math.round(c * 255)
      .toString(16)
      .padStart(2, '0')
  }
  return `#${f(0)}${f(8)}${f(4)}`
}
