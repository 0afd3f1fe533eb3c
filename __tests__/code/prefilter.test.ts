import { describe, expect, it } from '@jest/globals'
import { mayPassNonLiteral } from '../../src/code/prefilter.js'

describe('which files need parsing', () => {
  it.each([
    ['format_html("<b>{}</b>", x)', false],
    ['format_html(\n    "<b>{}</b>"\n    "<i>{}</i>",\n    x,\n)', false],
    ['format_html("""<b>{}</b>""", x)', false],
    ["format_html(r'<b>{}</b>')", false],
    ['my_format_html(f"{x}")', false],
    ['from django.utils.html import format_html', false],
    ['format_html(f"<b>{x}</b>")', true],
    ['format_html("<b>%s</b>" % x)', true],
    ['format_html("<b>{}</b>".format(x))', true],
    ['format_html(template, x)', true],
    ['format_html("<b>" + x)', true],
    ['format_html("unterminated', true]
  ])('%s → %s', (text, expected) => {
    expect(mayPassNonLiteral(text, 'format_html')).toBe(expected)
  })

  it('a method name matches after its receiver', () => {
    expect(mayPassNonLiteral('qs.extra(where=["a"])', '.extra')).toBe(true)
    expect(mayPassNonLiteral('cursor.execute("SELECT 1")', '.execute')).toBe(false)
    expect(mayPassNonLiteral('cursor.execute(sql, [x])', '.execute')).toBe(true)
  })

  it('stays linear on a file of unterminated calls', () => {
    const text = 'format_html("'.repeat(50_000)
    const start = Date.now()
    expect(mayPassNonLiteral(text, 'format_html')).toBe(true)
    expect(Date.now() - start).toBeLessThan(1000)
  })
})
