// A serving process runs no management command and no test runner: settings that switch on
// sys.argv or sys.modules for those take the serving branch; anything else about argv stays unknown.
import { beforeAll, describe, expect, it } from '@jest/globals'
import { initPython } from '../../src/python/parser.js'
import { values } from '../helpers/evaluate.js'

beforeAll(() => initPython())

describe('the command line of a serving process', () => {
  it('holds no management command or test runner, however the settings ask', () => {
    const src = [
      'import sys',
      'from sys import argv',
      'A = "test" in sys.argv',
      'B = sys.argv[1] == "test"',
      'C = len(sys.argv) > 1 and sys.argv[1] == "test"',
      'D = "runserver" not in argv',
      'E = "pytest" in sys.modules',
      'F = "collectstatic" in sys.argv[1:]',
      'G = sys.argv[1] != "migrate"'
    ].join('\n')
    expect(values(src, ['A', 'B', 'C', 'D', 'E', 'F', 'G'])).toEqual({ A: 'False', B: 'False', C: 'False', D: 'True', E: 'False', F: 'False', G: 'True' })
  })

  it('is otherwise unknown: its program, other words, other modules', () => {
    const src = ['import sys', 'A = "gunicorn" in sys.argv', 'B = sys.argv[0] == "manage.py"', 'C = "django" in sys.modules', 'D = len(sys.argv) > 1 and sys.argv[1] == "celery"'].join('\n')
    expect(values(src, ['A', 'B', 'C', 'D'])).toEqual({ A: '<unknown>', B: '<unknown>', C: '<unknown>', D: '<unknown>' })
  })

  it('picks the serving branch of a test switch', () => {
    const src = [
      'import sys',
      'TESTING = "test" in sys.argv or "pytest" in sys.modules',
      'PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]',
      'if TESTING:',
      '    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]',
      'if len(sys.argv) > 1 and sys.argv[1] == "test":',
      '    ALLOWED_HOSTS = ["*"]',
      'else:',
      '    ALLOWED_HOSTS = ["example.com"]'
    ].join('\n')
    expect(values(src, ['PASSWORD_HASHERS', 'ALLOWED_HOSTS'])).toEqual({ PASSWORD_HASHERS: "['django.contrib.auth.hashers.PBKDF2PasswordHasher']", ALLOWED_HOSTS: "['example.com']" })
  })
})
