import { defaultConfig } from '../../src/config/config.js'
import { describe, expect, it } from '@jest/globals'
import { templateUnescapedOutput } from '../../src/rules/template-unescaped-output.js'
import { blockFilterExpressions, filterExpression, isTemplatePath, tokenize } from '../../src/templates/tokenize.js'
import { diffFiles, scanFiles } from '../helpers/project.js'
import { treeRuleTester } from '../helpers/tree-rule-tester.js'

const PAGE = `{% extends "base.html" %}
{% block content %}
<h1>{{ profile.name }}</h1>
<div class="bio">{{ profile.bio }}</div>
{% endblock %}
`
const T = 'shop/templates/shop/profile.html'
const edit = (line: string): string => PAGE.replace('<div class="bio">{{ profile.bio }}</div>', line)

treeRuleTester(templateUnescapedOutput, {
  valid: [
    { name: 'escaped output', files: { [T]: PAGE } },
    { name: '|safe on a literal', files: { [T]: edit('{{ "<br>"|safe }} {{ _("<b>Hi</b>")|safe }}') } },
    { name: 'a |safe inside {% comment %}', files: { [T]: edit('{% comment %}{{ profile.bio|safe }}{% endcomment %}') } },
    { name: 'a |safe inside {% verbatim %}', files: { [T]: edit('{% verbatim %}{{ profile.bio|safe }}{% endverbatim %}') } },
    { name: 'a |safe in a template comment', files: { [T]: edit('{# {{ profile.bio|safe }} #}') } },
    { name: 'a filter named like safe', files: { [T]: edit('{{ profile.bio|safe_markdown }} {{ profile.safe }}') } },
    { name: '{% autoescape on %}', files: { [T]: edit('{% autoescape on %}{{ x }}{% endautoescape %}') } },
    { name: 'a |safe with a reasoned suppression', files: { [T]: edit('{{ profile.bio_html|safe }} {# django-security: ignore[template-unescaped-output] -- bio_html is sanitised with nh3 on save #}') } },
    { name: 'an html file outside templates/', files: { 'docs/_static/page.html': edit('{{ x|safe }}') } },
    { name: 'a test template', files: { 'shop/tests/templates/t.html': edit('{{ x|safe }}') } },
    { name: 'a tag split over two lines is no tag (as Django reads it)', files: { [T]: edit('{{ profile.bio\n|safe }}') } }
  ],
  invalid: [
    { name: '{{ x|safe }}', files: { [T]: edit('<div class="bio">{{ profile.bio|safe }}</div>') }, findings: [{ path: T, line: 4, severity: 'medium', message: ['`{{ profile.bio|safe }}` outputs profile.bio without escaping', '{# django-security: ignore[template-unescaped-output] --'], fix: ['format_html'] }] },
    { name: '|safeseq after other filters, and quoted pipes', files: { [T]: edit('{{ tags|default:"a|b"|safeseq|join:", " }}') }, findings: [{ path: T, line: 4, message: ['tags|safeseq'] }] },
    { name: '{% autoescape off %}', files: { [T]: edit('{% autoescape off %}{{ profile.bio }}{% endautoescape %}') }, findings: [{ path: T, line: 4, message: ['`{% autoescape off %}`'] }] },
    { name: '{% filter safe %}', files: { [T]: edit('{% filter force_escape|safe %}{{ x }}{% endfilter %}') }, findings: [{ path: T, line: 4, message: ['`{% filter safe %}`'] }] },
    { name: '|safe in a tag argument', files: { [T]: edit('{% include "card.html" with body=profile.bio|safe %}') }, findings: [{ path: T, line: 4, message: ['`profile.bio|safe` in `{% include %}`'] }] },
    { name: 'a .txt template is reported at low', files: { 'shop/templates/emails/welcome.txt': 'Hello {{ user.name|safe }}\n' }, findings: [{ path: 'shop/templates/emails/welcome.txt', line: 1, severity: 'low' }] },
    { name: 'a template named like a "template"', files: { 'shop/templates/email_template.html': edit('{{ x|safe }}') }, findings: [{ path: 'shop/templates/email_template.html', line: 4 }] },
    { name: 'a suppression without a reason is not honoured', files: { [T]: edit('{{ profile.bio|safe }} {# django-security: ignore[template-unescaped-output] #}') }, findings: [{ path: T, line: 4 }] }
  ],
  diffValid: [{ name: 'an old |safe, another line edited', base: { [T]: edit('{{ profile.bio|safe }}') }, head: { [T]: edit('{{ profile.bio|safe }}').replace('{{ profile.name }}', '{{ profile.full_name }}') } }],
  diffInvalid: [{ name: '|safe added', base: { [T]: PAGE }, head: { [T]: edit('{{ profile.bio|safe }}') }, findings: [{ path: T, line: 4 }] }]
})

describe('the template tokenizer', () => {
  it('reads variables, tags and comments with their lines', () => {
    expect(tokenize('a {{ x|safe }} b\n{% if y %}{# c #}{% endif %}')).toEqual([
      { kind: 'var', line: 1, content: 'x|safe' },
      { kind: 'block', line: 2, content: 'if y' },
      { kind: 'comment', line: 2, content: 'c' },
      { kind: 'block', line: 2, content: 'endif' }
    ])
  })

  it('splits filters outside quotes', () => {
    expect(filterExpression('x|default:"a|b"|safe')).toEqual({ value: 'x', filters: ['default', 'safe'] })
    expect(blockFilterExpressions('with a=b|safe c="x y"')).toEqual([{ value: 'b', filters: ['safe'] }, { value: '"x y"', filters: [] }])
  })

  it('knows template files', () => {
    expect(isTemplatePath('app/templates/a/b.html')).toBe(true)
    expect(isTemplatePath('app/templates/mail.txt')).toBe(true)
    expect(isTemplatePath('app/page.djhtml')).toBe(true)
    expect(isTemplatePath('static/index.html')).toBe(false)
    expect(isTemplatePath('app/templates/logo.png')).toBe(false)
  })

  it('stays linear on hostile lines (openers without closers, closers without openers)', () => {
    for (const text of ['{{'.repeat(200_000), '{%'.repeat(200_000) + '}}', '{#{{{%'.repeat(60_000), `${'{{ x '.repeat(100_000)}}}`]) {
      const start = process.hrtime.bigint()
      tokenize(text)
      expect(Number(process.hrtime.bigint() - start) / 1e6).toBeLessThan(500)
    }
  })

  it('does not read a file over the size limit', () => {
    expect(tokenize(`{{ x|safe }}${' '.repeat(1_000_001)}`)).toEqual([])
  })
})

describe('a template named like a "template"', () => {
  it('is classified as production code in the finding', async () => {
    const r = await scanFiles({ 'shop/templates/email_template.html': edit('{{ x|safe }}') }, { ...defaultConfig(), includeTests: true })
    expect(r.findings.find((f) => f.ruleId === 'template-unescaped-output')?.fileClass).toEqual({ kind: 'production', why: 'a Django template production renders' })
  })

  it('a scan of the tree sets it aside in one count; --include-tests lists it', async () => {
    const r = await scanFiles({ 'shop/templates/email_template.html': edit('{{ x|safe }}') })
    expect(r.findings.filter((f) => f.ruleId === 'template-unescaped-output')).toEqual([])
    expect(r.notices.map((n) => n.message).join('\n')).toContain('1 use of |safe or autoescape off in a template (reported when a change adds one)')
  })
})

describe('template suppressions in a diff', () => {
  it('a |safe the change adds with a reasoned suppression on its line is listed as suppressed, not reported', async () => {
    const r = await diffFiles({ [T]: PAGE }, { [T]: edit('{{ profile.bio_html|safe }} {# django-security: ignore[template-unescaped-output] -- sanitised with nh3 on save #}') })
    expect(r.findings.filter((f) => f.ruleId === 'template-unescaped-output')).toEqual([])
    expect(r.suppressed?.map((s) => `${s.finding.ruleId}:${s.reason}`)).toEqual(['template-unescaped-output:sanitised with nh3 on save'])
  })
})
