/** WCAG's relative luminance of a `#rrggbb` colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  })
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

/** The contrast of white text on a `#rrggbb` background. */
export const contrastWithWhite = (hex: string): number => 1.05 / (luminance(hex) + 0.05)

/**
 * A user's presence colour made dark enough for white initials on it (WCAG AA, 4.5:1): the same hue,
 * darkened step by step (a yellow or a light green from the hash would read 2.9:1 as it is).
 */
export function avatarBackground(hex: string): string {
  if (!/^#[0-9a-f]{6}$/i.test(hex)) return hex
  let [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16))
  const toHex = () => `#${[r, g, b].map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`
  for (let i = 0; i < 40 && contrastWithWhite(toHex()) < 4.6; i++) {
    r *= 0.93
    g *= 0.93
    b *= 0.93
  }
  return toHex()
}
