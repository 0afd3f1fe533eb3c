// The rule registry: every rule, in the order findings are listed.
import { allowedHostsEmpty } from './allowed-hosts-empty.js'
import { allowedHostsWildcard } from './allowed-hosts-wildcard.js'
import { clickjackingProtectionWeakened } from './clickjacking-protection-weakened.js'
import { contentTypeNosniffDisabled } from './content-type-nosniff-disabled.js'
import { cookieSamesiteNone } from './cookie-samesite-none.js'
import { corsAllowAllOrigins } from './cors-allow-all-origins.js'
import { crossOriginOpenerPolicyWeakened } from './cross-origin-opener-policy-weakened.js'
import { csrfCookieInsecure } from './csrf-cookie-insecure.js'
import { csrfFailureViewBroken } from './csrf-failure-view-broken.js'
import { csrfMiddlewareMissing } from './csrf-middleware-missing.js'
import { csrfTrustedOriginsTooBroad } from './csrf-trusted-origins-too-broad.js'
import { debugEnabled } from './debug-enabled.js'
import { debugToolsInProduction } from './debug-tools-in-production.js'
import { drfDefaultAllowAny } from './drf-default-allow-any.js'
import { hashingAlgorithmInvalid } from './hashing-algorithm-invalid.js'
import { cspSettingInvalid } from './csp-setting-invalid.js'
import { hstsWeakened } from './hsts-weakened.js'
import { insecureSessionSerializer } from './insecure-session-serializer.js'
import { jwtSigningKeyWeak } from './jwt-signing-key-weak.js'
import { passwordValidatorsWeakened } from './password-validators-weakened.js'
import { referrerPolicyWeakened } from './referrer-policy-weakened.js'
import { secretKeyHardcoded } from './secret-key-hardcoded.js'
import { secretKeyWeak } from './secret-key-weak.js'
import { silencedChecksRule } from './security-checks-silenced.js'
import { securityMiddlewareMissing } from './security-middleware-missing.js'
import { sessionCookieHttponlyDisabled } from './session-cookie-httponly-disabled.js'
import { sessionCookieInsecure } from './session-cookie-insecure.js'
import { settingsOpaqueWrite } from './settings-opaque-write.js'
import { sslRedirectDisabled } from './ssl-redirect-disabled.js'
import { templateAutoescapeDisabled } from './template-autoescape-disabled.js'
import { weakPasswordHasher } from './weak-password-hasher.js'
import { xssFilterOff } from './xss-filter-off.js'
import type { Rule } from './types.js'

/** Silenced checks are weighed by the rules that mirror them: the registry below. */
export const securityChecksSilenced = silencedChecksRule(() => RULES)

export const RULES: readonly Rule[] = [
  debugEnabled,
  secretKeyHardcoded,
  secretKeyWeak,
  allowedHostsWildcard,
  allowedHostsEmpty,
  corsAllowAllOrigins,
  securityMiddlewareMissing,
  csrfMiddlewareMissing,
  clickjackingProtectionWeakened,
  sessionCookieInsecure,
  sessionCookieHttponlyDisabled,
  csrfCookieInsecure,
  cookieSamesiteNone,
  hstsWeakened,
  sslRedirectDisabled,
  contentTypeNosniffDisabled,
  referrerPolicyWeakened,
  crossOriginOpenerPolicyWeakened,
  xssFilterOff,
  hashingAlgorithmInvalid,
  cspSettingInvalid,
  csrfFailureViewBroken,
  csrfTrustedOriginsTooBroad,
  securityChecksSilenced,
  weakPasswordHasher,
  passwordValidatorsWeakened,
  insecureSessionSerializer,
  debugToolsInProduction,
  templateAutoescapeDisabled,
  drfDefaultAllowAny,
  jwtSigningKeyWeak,
  settingsOpaqueWrite
]

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.meta.id === id)
}
