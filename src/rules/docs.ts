// Everything user-facing about a rule is generated from its meta: docs pages, SARIF help, links.
import { TOOL_URL } from '../version.js'
import type { RuleMeta } from './types.js'

export function ruleDocsUrl(id: string): string {
  return `${TOOL_URL}/blob/main/docs/rules/${id}.md`
}

export function ruleHelpText(meta: RuleMeta): string {
  return `${meta.docs.what.replace(/`/g, '')}\n\nWhy: ${meta.docs.why}\n\nFix:\n${meta.docs.fix}`
}

export function ruleHelpMarkdown(meta: RuleMeta): string {
  return [
    `**${meta.title}** (\`${meta.id}\`, ${meta.severity}${meta.django.length ? `; Django ${meta.django.map((d) => `\`${d}\``).join(', ')}` : ''})`,
    '',
    meta.docs.what,
    '',
    `**Why it matters.** ${meta.docs.why}`,
    '',
    '**Reported:**',
    `\`\`\`${meta.docs.language ?? 'python'}`,
    meta.docs.bad,
    '```',
    '**Instead:**',
    `\`\`\`${meta.docs.language ?? 'python'}`,
    meta.docs.fix,
    '```'
  ].join('\n')
}

/** The docs/rules/<id>.md page. */
export function rulePage(meta: RuleMeta): string {
  return [
    `# ${meta.id}`,
    '',
    `${meta.title}. Severity: **${meta.severity}**.${meta.django.length ? ` Django system checks: ${meta.django.map((d) => `\`${d}\``).join(', ')}.` : ' No Django system check covers this.'}`,
    '',
    '## What it finds',
    '',
    meta.docs.what,
    '',
    '## Why it is dangerous',
    '',
    meta.docs.why,
    '',
    '## Example',
    '',
    `\`\`\`${meta.docs.language ?? 'python'}`,
    meta.docs.bad,
    '```',
    '',
    '## Fix',
    '',
    `\`\`\`${meta.docs.language ?? 'python'}`,
    meta.docs.fix,
    '```',
    '',
    '## Suppressing',
    '',
    `When the finding is a deliberate choice, say why on the line (or the line above):`,
    '',
    ...(meta.docs.language === 'html+django'
      ? ['```html+django', `{# django-security: ignore[${meta.id}] -- the reason reviewers will read #}`, '```']
      : ['```python', `# django-security: ignore[${meta.id}] -- the reason reviewers will read`, '```']),
    '',
    `_Generated from \`src/rules/${meta.id}.ts\`; do not edit by hand._`,
    ''
  ].join('\n')
}
