import { markSafeDynamic } from '../../src/rules/mark-safe-dynamic.js'
import { treeRuleTester } from '../helpers/tree-rule-tester.js'

const HEAD = `from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

BR = "<br>"
`
const fn = (body: string): string => `${HEAD}\n\ndef badge(user):\n${body.split('\n').map((l) => (l ? `    ${l}` : l)).join('\n')}\n`
const at = 8
const file = (body: string) => ({ 'shop/templatetags/badges.py': fn(body) })
const P = 'shop/templatetags/badges.py'

treeRuleTester(markSafeDynamic, {
  valid: [
    { name: 'mark_safe on a literal', files: file('return mark_safe("<br>")') },
    { name: 'mark_safe on a module constant', files: file('return mark_safe(BR)') },
    { name: 'mark_safe on a local assigned a literal', files: file('html = "<hr>"\nreturn mark_safe(html)') },
    { name: 'format_html with arguments (the fix)', files: file('return format_html("<b>{}</b>", user.name)') },
    { name: 'mark_safe of format_html()', files: file('return mark_safe(format_html("<b>{}</b>", user.name))') },
    { name: 'format_html with a literal built from literals', files: file('return format_html("<b>" + "{}" + "</b>", user.name)') },
    { name: 'in tests', files: { 'shop/tests/test_badges.py': fn('return mark_safe(user.name)') } },
    { name: 'a setting or a constant', files: file('return mark_safe(settings.EXTRA_HEAD_HTML) + mark_safe(self.TEMPLATE)') },
    { name: 'an escaped template filled with escaped values', files: file('return mark_safe(escape(_("Editing %s")) % (format_html("<a href=\'{}\'>{}</a>", user.url, user.name),))') }
  ],
  invalid: [
    { name: 'mark_safe(x)', files: file('return mark_safe(user.bio)'), findings: [{ path: P, line: at, severity: 'medium', message: ['mark_safe() marks a value that is not a literal as safe HTML in badge'], fix: ['format_html("<b>{}</b>", value)'] }] },
    { name: 'mark_safe(f-string)', files: file('return mark_safe(f"<b>{user.name}</b>")'), findings: [{ path: P, line: at, message: ['built with an f-string'] }] },
    { name: 'an escaped template filled with a raw value', files: file('return mark_safe(escape(_("Editing %s")) % user.name)'), findings: [{ path: P, line: at }] },
    { name: 'json.dumps marked safe: the fix names json_script', files: file('return mark_safe(json.dumps(user.prefs))'), findings: [{ path: P, line: at, fix: ['json_script'] }] },
    { name: 'SafeString(x)', files: file('return SafeString(user.name)'), findings: [{ path: P, line: at, message: ['SafeString()'] }] },
    { name: 'format_html(f"…")', files: file('return format_html(f"<b>{user.name}</b>")'), findings: [{ path: P, line: at, message: ['format_html() is given a string already formatted with an f-string'] }] },
    { name: 'format_html(a % b)', files: file('return format_html("<b>%s</b>" % user.name)'), findings: [{ path: P, line: at, message: ['`%` formatting'] }] },
    { name: 'format_html of a variable built earlier', files: file('html = "<b>{}</b>".format(user.name)\nreturn format_html(html)'), findings: [{ path: P, line: at + 1, message: ['`.format()`', 'assigned to `html`'] }] }
  ],
  diffValid: [{ name: 'an old mark_safe left as it was', base: file('return mark_safe(user.bio)'), head: file('x = 1\nreturn mark_safe(user.bio)') }],
  diffInvalid: [{ name: 'mark_safe on a user field added', base: file('return user.bio'), head: file('return mark_safe(user.bio)'), findings: [{ path: P, line: at }] }]
})
