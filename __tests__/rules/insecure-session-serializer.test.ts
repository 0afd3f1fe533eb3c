import { insecureSessionSerializer } from '../../src/rules/insecure-session-serializer.js'
import { ruleTester } from '../helpers/rule-tester.js'
import { py } from './fixtures.js'

const PICKLE = '"django.contrib.sessions.serializers.PickleSerializer"'

ruleTester(insecureSessionSerializer, {
  valid: [
    { name: 'not set (JSON)', code: py('DEBUG = False') },
    { name: 'JSON explicitly', code: py('SESSION_SERIALIZER = "django.contrib.sessions.serializers.JSONSerializer"') },
    { name: 'a custom JSON serializer', code: py('SESSION_SERIALIZER = "core.sessions.OrjsonSerializer"') },
    { name: 'pickle only in local.py', code: { 'proj/settings/base.py': py('DEBUG = False'), 'proj/settings/local.py': py('from .base import *', `SESSION_SERIALIZER = ${PICKLE}`), 'proj/settings/production.py': py('from .base import *') } }
  ],
  invalid: [
    { name: "Django's PickleSerializer", code: py('DEBUG = False', `SESSION_SERIALIZER = ${PICKLE}`), findings: [{ line: 2, severity: 'high', message: ['PickleSerializer', 'run code on the server', 'set at line 2'] }] },
    { name: 'a project pickle serializer', code: py('SESSION_SERIALIZER = "core.sessions.PickleSafeSerializer"'), findings: [{ line: 1 }] },
    { name: 'with signed cookie sessions the attacker sends it', code: py('SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"', `SESSION_SERIALIZER = ${PICKLE}`), findings: [{ line: 2, message: ['signed_cookies session engine'] }] },
    { name: 'env default pickle', code: py('import os', `SESSION_SERIALIZER = os.environ.get("SESSION_SERIALIZER", ${PICKLE})`), findings: [{ line: 2, message: ['SESSION_SERIALIZER unset gets'] }] },
    { name: 'inherited from base', code: { 'proj/settings/base.py': py('DEBUG = False', `SESSION_SERIALIZER = ${PICKLE}`), 'proj/settings/production.py': py('from .base import *') }, findings: [{ path: 'proj/settings/base.py', line: 2 }] }
  ]
})
