// What the command line of a production server process holds, as settings test it. Settings often
// switch on it: `if "test" in sys.argv:` or `if sys.argv[1] == "test":` picks test settings,
// `"runserver" in sys.argv` development ones, `"pytest" in sys.modules` a test run. A serving process
// (gunicorn, uwsgi, daphne…) runs no management command and no test runner, so such a test is False
// there, whatever else its command line holds; anything else about it stays unknown.
import { FALSE, TRUE, bool, type Value } from './values.js'

/** sys.argv, or a slice of it. */
export const ARGV = 'sys.argv'
/** One of sys.argv's arguments after the program (`sys.argv[1]`). */
const ARGUMENT = 'sys.argv[n]'

/** Management commands and test runners: words a serving process's command line never holds. */
const COMMANDS = new Set([
  'test', 'pytest', 'py.test', 'testserver', 'jenkins', 'behave', 'harvest',
  'runserver', 'runserver_plus', 'shell', 'shell_plus', 'dbshell',
  'migrate', 'makemigrations', 'collectstatic', 'compilemessages', 'makemessages',
  'check', 'createsuperuser', 'loaddata', 'dumpdata', 'flush'
])

/** Modules only a test run imports. */
const TEST_RUNNERS = new Set(['pytest', '_pytest', 'nose', 'nose2'])

/** `sys.argv[i]` (an argument when i ≥ 1) or `sys.argv[1:]` (still the command line); undefined for anything else. */
export function argvSubscript(index: Value | 'slice'): Value | undefined {
  if (index === 'slice') return { kind: 'ext', qname: ARGV }
  return index.kind === 'int' && index.value >= 1 ? { kind: 'ext', qname: ARGUMENT } : undefined
}

const isExt = (v: Value, qname: string): boolean => v.kind === 'ext' && v.qname === qname

/** A comparison with the command line or the loaded modules that a serving process decides; undefined when it does not. */
export function serverComparison(op: string, left: Value, right: Value): Value | undefined {
  if (left.kind !== 'str' && right.kind !== 'str') return undefined
  const word = left.kind === 'str' ? left.value : right.kind === 'str' ? right.value : ''
  if (op === 'in' || op === 'not in') {
    const known = (isExt(right, ARGV) && COMMANDS.has(word)) || (isExt(right, 'sys.modules') && TEST_RUNNERS.has(word))
    return known ? bool(op === 'not in') : undefined
  }
  if ((op === '==' || op === '!=') && (isExt(left, ARGUMENT) || isExt(right, ARGUMENT)) && COMMANDS.has(word)) return op === '==' ? FALSE : TRUE
  return undefined
}
