import { numeric, type Item, type Loc, type Value } from '../python/values.js'
import type { SettingsView } from '../settings/view.js'
import { entryOf, judge, lastSegment, locOf, origin, pyRepr } from './helpers.js'
import type { Rule, RuleFinding } from './types.js'

const SETTING = 'AUTH_PASSWORD_VALIDATORS'
/** MinimumLengthValidator's default min_length, and the floor NIST SP 800-63B sets for passwords. */
const DEFAULT_MIN = 8

interface Validator {
  name: string
  item: Item
  /** min_length for MinimumLengthValidator (its default when not given); undefined when unknown or another validator. */
  minLength?: number
  minLoc?: Loc
}

/** The validators of a closed, known list; undefined when the list cannot be known. */
function validators(v: Value | undefined): Validator[] | undefined {
  if (v?.kind !== 'seq' || v.open) return undefined
  const out: Validator[] = []
  for (const item of v.items) {
    const name = entryOf(item.value, 'NAME')?.value
    if (name?.kind !== 'str') return undefined
    const options = entryOf(item.value, 'OPTIONS')
    const min = entryOf(options?.value, 'min_length')
    const known = !options || (options.value.kind === 'dict' && !options.value.open) || min
    const minLength = lastSegment(name.value) !== 'MinimumLengthValidator' || !known ? undefined : min ? numeric(min.value) : DEFAULT_MIN
    out.push({ name: name.value, item, minLength, minLoc: min?.loc })
  }
  return out
}

function minLengthFindings(now: Validator[], before: Validator[] | undefined, from: string, fallback: Loc): RuleFinding[] {
  const v = now.find((x) => x.minLength !== undefined)
  if (!v || v.minLength === undefined) return []
  const was = before?.find((x) => x.minLength !== undefined)?.minLength
  const lowered = was !== undefined && v.minLength < was
  const short = v.minLength < DEFAULT_MIN
  if (!short && !lowered) return []
  // A lowering that stays short, or stays at 8 or more, is its own finding; one that goes below 8 is the short one.
  const subject = lowered && ((was ?? 0) < DEFAULT_MIN || !short) ? `${SETTING}:min_length:lowered` : `${SETTING}:min_length`
  return [
    {
      subject,
      loc: v.minLoc ?? v.item.loc ?? fallback,
      severity: short ? undefined : 'low',
      message: `MinimumLengthValidator's min_length ${lowered ? `is lowered from ${was} to ${v.minLength}` : `is ${v.minLength}`} in production${short ? `, below ${DEFAULT_MIN} (Django's default and the NIST minimum): short passwords fall to online guessing and, once hashes leak, to cracking in minutes` : ', so shorter passwords are accepted from now on'} (${from}).`,
      fix: { description: `Set "OPTIONS": {"min_length": ${Math.max(DEFAULT_MIN, was ?? 0, 12)}} (12 or more is common; never below ${DEFAULT_MIN}).` }
    }
  ]
}

function baseValidators(base: SettingsView | undefined): Validator[] | undefined {
  return base ? validators(base.get(SETTING).value) : undefined
}

export const passwordValidatorsWeakened: Rule = {
  meta: {
    id: 'password-validators-weakened',
    severity: 'medium',
    title: 'Password validation is removed or weakened',
    django: [],
    docs: {
      what: "Finds production `AUTH_PASSWORD_VALIDATORS` that accept weak passwords. In a scan: the list set to empty, or `MinimumLengthValidator` with `min_length` below 8. In a diff, also: validators removed (each one named), the list emptied, and `min_length` lowered (at low when it stays at 8 or more). A module that does not set the list at all is not reported: Django's default is no validation, but many projects have no passwords of their own (single sign-on), so that is left to review.",
      why: 'Validators are the only thing between a sign-up form and passwords like `123456` or the user name. Weak passwords fall to credential stuffing and online guessing, and once hashes leak they are cracked first.',
      bad: 'AUTH_PASSWORD_VALIDATORS = [\n    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 4}},\n]',
      fix: 'AUTH_PASSWORD_VALIDATORS = [\n    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},\n    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},\n    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},\n    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},\n]'
    }
  },
  check({ settings, base }) {
    const s = settings.get(SETTING)
    if (s.isDefault) return []
    const before = baseValidators(base)
    const from = origin(s, settings)
    const empty = judge(s, (v) => (v.kind === 'seq' ? v.items.length === 0 && !v.open && !v.only : undefined))
    if (empty.verdict !== 'none') {
      const had = before?.length ? ` (it had ${before.length} validator${before.length === 1 ? '' : 's'}: ${before.map((b) => lastSegment(b.name)).join(', ')})` : ''
      return [
        {
          subject: SETTING,
          loc: locOf(s, settings, empty.binding),
          message: `${SETTING} ${empty.verdict === 'possible' ? 'can be' : 'is'} ${had ? 'emptied' : 'empty'} in production${had}, so Django accepts any password, however short or common (${origin(s, settings, empty.binding)}).`,
          fix: { description: "Restore the validators startproject writes: UserAttributeSimilarityValidator, MinimumLengthValidator (min_length 12), CommonPasswordValidator and NumericPasswordValidator." }
        }
      ]
    }
    const now = validators(s.value)
    if (!now) return []
    const out = minLengthFindings(now, before, from, locOf(s, settings))
    for (const gone of before ?? []) {
      if (now.some((v) => v.name === gone.name)) continue
      out.push({
        subject: `${SETTING}:removed:${gone.name}`,
        loc: locOf(s, settings),
        removed: gone.item.loc && { loc: gone.item.loc, text: pyRepr(gone.name) },
        message: `${lastSegment(gone.name)} is removed from ${SETTING} in production, so passwords it rejected (${describe(gone.name)}) are now accepted (${from}).`,
        fix: { description: `Add {"NAME": ${pyRepr(gone.name)}} to ${SETTING} again.` }
      })
    }
    return out
  }
}

/** What a validator rejects, in words. */
function describe(name: string): string {
  switch (lastSegment(name)) {
    case 'MinimumLengthValidator':
      return 'short ones'
    case 'CommonPasswordValidator':
      return 'the 20,000 most common passwords'
    case 'NumericPasswordValidator':
      return 'all-digit ones'
    case 'UserAttributeSimilarityValidator':
      return "ones close to the user's name or e-mail"
    default:
      return 'what this validator checks'
  }
}
