/**
 * Latin transliteration of Armenian and Russian names, as staff would type them from a passport:
 * `Հովհաննիսյան` → `hovhannisyan`, `Иванова` → `ivanova`. Used only for search (the client list
 * finds `Հովհաննիսյան` when `Hovhannisyan` is typed); the stored names never change.
 *
 * Armenian: the common passport style (close to ISO 9985 without diacritics): `ու` → u, `և` → ev,
 * `ե` → ye and `ո` → vo at the start of a word (Երևան → yerevan, Ոսկան → voskan), else e and o.
 * Russian: BGN/PCGN without diacritics (й → y, я → ya, ю → yu, х → kh, щ → shch, е → ye at the
 * start of a word or after a vowel or a sign: Евгений → yevgeniy), the soft and hard signs dropped.
 * Output is lower case; characters of other scripts pass through unchanged.
 */

const ARMENIAN: Record<string, string> = {
  ա: 'a',
  բ: 'b',
  գ: 'g',
  դ: 'd',
  ե: 'e',
  զ: 'z',
  է: 'e',
  ը: 'y',
  թ: 't',
  ժ: 'zh',
  ի: 'i',
  լ: 'l',
  խ: 'kh',
  ծ: 'ts',
  կ: 'k',
  հ: 'h',
  ձ: 'dz',
  ղ: 'gh',
  ճ: 'ch',
  մ: 'm',
  յ: 'y',
  ն: 'n',
  շ: 'sh',
  ո: 'o',
  չ: 'ch',
  պ: 'p',
  ջ: 'j',
  ռ: 'r',
  ս: 's',
  վ: 'v',
  տ: 't',
  ր: 'r',
  ց: 'ts',
  ւ: 'v',
  փ: 'p',
  ք: 'k',
  և: 'ev',
  օ: 'o',
  ֆ: 'f',
}

const RUSSIAN: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
  // Ukrainian and Belarusian letters that turn up in Russian-speaking families' names
  і: 'i',
  ї: 'yi',
  є: 'ye',
  ґ: 'g',
  ў: 'u',
}

const RU_VOWELS_AND_SIGNS = new Set('аеёиоуыэюяъьіїє')

/** True when the text holds an Armenian or Cyrillic letter (only those have a transliteration). */
export function needsTransliteration(text: string): boolean {
  return /[\u0400-\u04ff\u0531-\u0587]/.test(text)
}

/** The Latin transliteration of `text`, lower-cased: see the module's comment for the rules. */
export function transliterate(text: string): string {
  const s = text.toLowerCase()
  let out = ''
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]
    const prev = i > 0 ? s[i - 1] : ''
    const atWordStart = !/\p{L}/u.test(prev)
    if (ch === 'ո' && s[i + 1] === 'ւ') {
      out += 'u'
      i++
    } else if (ch === 'ե' && atWordStart) out += 'ye'
    else if (ch === 'ո' && atWordStart) out += 'vo'
    else if (ch === 'և' && atWordStart) out += 'yev'
    else if (ch === 'е' && (atWordStart || RU_VOWELS_AND_SIGNS.has(prev))) out += 'ye'
    else if (ch in ARMENIAN) out += ARMENIAN[ch]
    else if (ch in RUSSIAN) out += RUSSIAN[ch]
    else out += ch
  }
  return out
}
