import { describe, expect, it } from 'vitest'
import { needsTransliteration, transliterate } from './transliterate'

describe('transliterate', () => {
  it('writes Armenian names as their passports do', () => {
    expect(transliterate('Հովհաննիսյան')).toBe('hovhannisyan')
    expect(transliterate('Սարգսյան')).toBe('sargsyan')
    expect(transliterate('Գրիգորյան')).toBe('grigoryan')
    expect(transliterate('Ղազարյան')).toBe('ghazaryan')
    expect(transliterate('Բագրատունի')).toBe('bagratuni')
    expect(transliterate('Շահինյան')).toBe('shahinyan')
    expect(transliterate('Թովմասյան')).toBe('tovmasyan')
    expect(transliterate('Խաչատրյան')).toBe('khachatryan')
    expect(transliterate('Ծատուրյան')).toBe('tsaturyan')
    expect(transliterate('Ջհանգիրյան')).toBe('jhangiryan')
    expect(transliterate('Ժիրայր')).toBe('zhirayr')
    expect(transliterate('Ֆրունզե')).toBe('frunze')
  })

  it('spells ու as u, ե and ո at a word start as ye and vo, և as ev', () => {
    expect(transliterate('Լուսինե')).toBe('lusine')
    expect(transliterate('Երևան')).toBe('yerevan')
    expect(transliterate('Ոսկանյան')).toBe('voskanyan')
    expect(transliterate('Գևորգ')).toBe('gevorg')
    expect(transliterate('Անի Երեմյան')).toBe('ani yeremyan')
  })

  it('writes Russian names in BGN/PCGN without diacritics', () => {
    expect(transliterate('Иванова')).toBe('ivanova')
    expect(transliterate('Мельников')).toBe('melnikov')
    expect(transliterate('Щукин')).toBe('shchukin')
    expect(transliterate('Хрущёва')).toBe('khrushcheva')
    expect(transliterate('Юлия Зайцева')).toBe('yuliya zaytseva')
    expect(transliterate('Евгений')).toBe('yevgeniy')
    expect(transliterate('Андреевский')).toBe('andreyevskiy')
    expect(transliterate('Подъячев')).toBe('podyachev')
  })

  it('leaves Latin text, digits and spaces as they are, lower-cased', () => {
    expect(transliterate('Anna Müller +374 10')).toBe('anna müller +374 10')
  })

  it('says which texts need it', () => {
    expect(needsTransliteration('Anna Müller')).toBe(false)
    expect(needsTransliteration('Анна')).toBe(true)
    expect(needsTransliteration('Անի')).toBe(true)
    expect(needsTransliteration('+374 91 123456')).toBe(false)
  })
})
