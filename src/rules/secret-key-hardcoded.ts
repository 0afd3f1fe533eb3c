import type { Binding } from '../python/evaluate.js'
import { judge, locOf, mask, suppliedBy } from './helpers.js'
import type { Rule, RuleFinding } from './types.js'

export const secretKeyHardcoded: Rule = {
  meta: {
    id: 'secret-key-hardcoded',
    severity: 'critical',
    title: 'SECRET_KEY is committed to the repository',
    django: [],
    docs: {
      what: 'Finds a `SECRET_KEY` or `SECRET_KEY_FALLBACKS` entry that production takes from a literal in the code: assigned directly, or as the fallback of an environment read (`os.environ.get("SECRET_KEY", "…")`, `env("SECRET_KEY", default=…)`, `config("SECRET_KEY", default=…)`). The value is always masked.',
      why: 'Anyone who can read the repository (or its history, forks and CI logs) can forge session cookies, password-reset tokens and signed data, and with some session backends log in as any user. A committed key must be rotated, not just removed.',
      bad: 'SECRET_KEY = "django-insecure-3x!k…"\n# or\nSECRET_KEY = os.environ.get("SECRET_KEY", "dev-key-123")',
      fix: 'SECRET_KEY = os.environ["SECRET_KEY"]  # required: the site refuses to start without it'
    }
  },
  check({ settings }) {
    const out: RuleFinding[] = []
    const key = settings.get('SECRET_KEY')
    const report = (subject: string, value: string, binding: Binding | null | undefined, label: string, fallback = false): void => {
      if (!value || !binding) return
      const read = fallback ? undefined : binding.env.find((r) => r.defaultText !== undefined)
      const how = binding.supplied
        ? `${label} is a literal (${mask(value)}) committed in a deploy file: ${suppliedBy(binding)}`
        : fallback
        ? `${label} falls back to a literal (${mask(value)}) when the lookup at ${binding.loc.path}:${binding.loc.line} finds no key in what it reads`
        : read
        ? `${label} falls back to a literal (${mask(value)}) when ${read.name} is unset`
        : `${label} is a literal (${mask(value)}) committed in ${binding.loc.path}`
      out.push({
        subject,
        loc: binding.loc,
        message: `${how}; anyone with access to the code can sign sessions and tokens for this site.`,
        fix: { description: binding.supplied ? `Set ${binding.supplied.variable} from a secret store or an untracked env file instead of ${binding.loc.path}, and rotate the key.` : fallback ? 'Give the lookup no literal default, so a missing key stops the site from starting, and rotate the key.' : read ? `Remove the default so the read is required: \`os.environ["${read.name}"]\`, and rotate the key.` : 'Read the key from the environment (`os.environ["SECRET_KEY"]`) and rotate it: the committed value stays in git history.' }
      })
    }
    // Every branch of an `if` is checked: a literal on any of them is committed.
    const literal = judge(key, (v) => v.kind === 'str' && v.value !== '')
    if (literal.value?.kind === 'str' && !key.isDefault) report('SECRET_KEY', literal.value.value, literal.binding, 'SECRET_KEY', literal.fallback)
    const fallbacks = settings.get('SECRET_KEY_FALLBACKS')
    if (fallbacks.value.kind === 'seq' && fallbacks.binding) {
      fallbacks.value.items.forEach((item, i) => {
        if (item.value.kind !== 'str' || !fallbacks.binding) return
        const binding = { ...fallbacks.binding, loc: item.loc ?? locOf(fallbacks, settings) }
        report(`SECRET_KEY_FALLBACKS[${i}]`, item.value.value, binding, `SECRET_KEY_FALLBACKS[${i}]`)
      })
    }
    return out
  }
}
