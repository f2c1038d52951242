import { describe, expect, it } from 'vitest'
import { safeCell, toCsv } from './csv'

describe('CSV exports', () => {
  it('neutralise every cell that a spreadsheet would read as a formula', () => {
    for (const bad of ['=1+1', '+7 (999) 1', '-2+3', '@SUM(A1)', '\t=1', '\r=1', '=HYPERLINK("http://evil")'])
      expect(safeCell(bad)).toBe(`'${bad}`)
    for (const fine of ['Anna', '', ' =1', '1-2', 'a=b', 'Հովհաննիսյան']) expect(safeCell(fine)).toBe(fine)
  })

  it('writes the rows with a header, text cells made safe, numbers kept', () => {
    const csv = toCsv(
      ['Name', 'Age', 'Phone'],
      [
        ['=cmd|calc', 7, '+374 10 555'],
        ['Ann, "Jr"', null, undefined],
      ],
    )
    expect(csv).toBe(['Name,Age,Phone', "'=cmd|calc,7,'+374 10 555", '"Ann, ""Jr""",,', ''].join('\n'))
  })

  it('starts with a byte order mark when asked (spreadsheets then read UTF-8: Անուն, Имя)', () => {
    expect(toCsv(['Անուն', 'Имя'], [], { bom: true })).toBe('\uFEFFԱնուն,Имя\n')
    expect(toCsv(['Name'], [])).toBe('Name\n')
  })
})
