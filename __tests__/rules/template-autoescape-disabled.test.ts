import { templateAutoescapeDisabled } from '../../src/rules/template-autoescape-disabled.js'
import { ruleTester } from '../helpers/rule-tester.js'
import { py } from './fixtures.js'

const DTL = '"django.template.backends.django.DjangoTemplates"'
const JINJA = '"django.template.backends.jinja2.Jinja2"'
const engine = (backend: string, options: string): string[] => ['    {', `        "BACKEND": ${backend},`, '        "APP_DIRS": True,', `        "OPTIONS": {${options}},`, '    },']
const templates = (...engines: string[][]): string => py('TEMPLATES = [', ...engines.flat(), ']')

ruleTester(templateAutoescapeDisabled, {
  valid: [
    { name: 'not set', code: py('DEBUG = False') },
    { name: 'startproject templates', code: templates(engine(DTL, '"context_processors": []')) },
    { name: 'autoescape True', code: templates(engine(DTL, '"autoescape": True')) },
    { name: "Jinja2 with select_autoescape (a callable)", code: py('from jinja2 import select_autoescape') + templates(engine(JINJA, '"autoescape": select_autoescape(["html"])')) },
    { name: 'off only in local.py', code: { 'proj/settings/base.py': py('DEBUG = False'), 'proj/settings/local.py': py('from .base import *') + templates(engine(DTL, '"autoescape": False')), 'proj/settings/production.py': py('from .base import *') } }
  ],
  invalid: [
    { name: 'Django templates with autoescape False', code: templates(engine(DTL, '"autoescape": False')), findings: [{ line: 5, severity: 'high', message: ['TEMPLATES[0] (DjangoTemplates)', 'raw HTML', 'cross-site scripting'] }] },
    { name: 'Jinja2 with autoescape False, second engine', code: templates(engine(DTL, ''), engine(JINJA, '"autoescape": False')), findings: [{ line: 10, message: ['TEMPLATES[1] (Jinja2)'] }] },
    { name: 'from the environment with a false default', code: py('import os') + templates(engine(DTL, '"autoescape": os.environ.get("AUTOESCAPE", "") == "1"')), findings: [{ line: 6 }] },
    { name: 'switched off in production on the base list', code: { 'proj/settings/base.py': py('DEBUG = False') + templates(engine(DTL, '')), 'proj/settings/production.py': py('from .base import *', 'TEMPLATES[0]["OPTIONS"]["autoescape"] = False') }, findings: [{ path: 'proj/settings/production.py', line: 2 }] }
  ]
})
