import type { Rule } from './types.js'

export const settingsOpaqueWrite: Rule = {
  meta: {
    id: 'settings-opaque-write',
    severity: 'medium',
    title: 'A settings line can set any setting, unseen by the review',
    django: [],
    docs: {
      what: 'Finds lines of production settings modules that can set module-level settings in ways a review cannot follow: `exec`/`eval` (under any name), `setattr` on the module or writes through `sys.modules[...]`, `globals()`, `vars()` or a frame with a name computed at run time, the module namespace handed to other code (`plugins.settings(globals())`), and a coding cookie such as `utf-7` that makes Python read the file differently from how it shows. In a diff, an added one is new. Writes whose name is known (`setattr(sys.modules[__name__], "DEBUG", True)`, `globals()["DEBUG"] = True`) are evaluated like assignments and reported by the rules of the settings they set.',
      why: 'This line can set any setting, and the review cannot see which: every setting after it is unknown to the review, so a change that turns DEBUG on or a cookie flag off through it passes unseen. Code review has the same blind spot.',
      bad: 'for name, value in load_overrides().items():\n    setattr(sys.modules[__name__], name, value)\n# or\nexec(open("overrides.py").read())',
      fix: 'from .overrides import *  # the review follows star imports of the repository\n# or name each setting\nSESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=True)'
    }
  },
  check({ settings }) {
    return settings.opaqueWrites().map((w) => ({
      // the line's text, not its number: moving it does not make it new, editing it does
      subject: `${w.loc.path}:${w.text}`,
      loc: w.loc,
      message: `This line can set any setting; the review cannot see which: ${w.what}. Settings of ${settings.path} that it may set are unknown to the review from here on.`,
      fix: { description: 'Assign the settings by name, or star-import a settings module of the repository, so that reviews (and reviewers) can see what production gets.' }
    }))
  }
}
