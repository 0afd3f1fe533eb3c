// Change scenarios for the code and deploy rules: real git repositories, real Python, the whole
// review pipeline, on a cookiecutter-django project that starts clean.
import { describe, expect, it } from '@jest/globals'
import { brief, diffFiles, scanFiles } from '../helpers/project.js'
import { CC_WSGI, VIEWS, cookiecutter, edit, lineOf, only, worsened } from './projects.js'

const V = 'shop/orders/views.py'
const DOCKERFILE = `FROM python:3.12-slim AS base
ENV PYTHONUNBUFFERED=1 \\
    DJANGO_SETTINGS_MODULE=config.settings.production
WORKDIR /app
COPY requirements/ requirements/
RUN pip install -r requirements/production.txt
COPY . .
RUN DJANGO_SETTINGS_MODULE=config.settings.test python manage.py collectstatic --noinput
EXPOSE 8000
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
`
const CODE_AND_DEPLOY = ['csrf-exempt-added', 'csrf-check-disabled', 'raw-sql-string-formatting', 'mark-safe-dynamic', 'template-unescaped-output', 'access-control-removed', 'debug-in-deploy-config', 'runserver-in-production', 'production-settings-switched']

describe('code and deploy rules on a clean project', () => {
  it('a scan of the project, views, templates and Dockerfile included, reports none of them', async () => {
    const r = await scanFiles({ ...cookiecutter(), Dockerfile: DOCKERFILE, 'shop/templates/orders/detail.html': '{% extends "base.html" %}\n{% block content %}{{ order.ref }}{% endblock %}\n' })
    expect(r.findings.filter((f) => CODE_AND_DEPLOY.includes(f.ruleId))).toEqual([])
  })
})

describe('CSRF', () => {
  it('@csrf_exempt added to a logged-in view is new, at medium, and says the view requires a login', async () => {
    const base = cookiecutter()
    const head = edit(base, V, '@login_required\ndef order_detail', '@csrf_exempt\n@login_required\ndef order_detail').replace('from django.shortcuts', 'from django.views.decorators.csrf import csrf_exempt\nfrom django.shortcuts')
    const r = await diffFiles(base, { [V]: head })

    expect(worsened(r)).toEqual([`csrf-exempt-added@${V}:${lineOf(head, '@csrf_exempt')}`])
    const f = only(r, 'csrf-exempt-added')
    expect(f.severity).toBe('medium')
    expect(f.baselineState).toBe('new')
    expect(f.evidence).toBe('@csrf_exempt')
    expect(f.message).toContain('exempts order_detail from Django\'s CSRF check')
    expect(f.message).toContain('The view requires a login')
    expect(f.fileClass?.kind).toBe('production')
  })

  it('a DRF SessionAuthentication whose enforce_csrf does nothing, added with the viewset that uses it, is one high finding on the override', async () => {
    const base = cookiecutter()
    const auth = 'from rest_framework.authentication import SessionAuthentication\n\n\nclass CsrfExemptSessionAuthentication(SessionAuthentication):\n    def enforce_csrf(self, request):\n        return  # To not perform the csrf check previously happening\n'
    const api = 'from rest_framework import viewsets\n\nfrom shop.api.authentication import CsrfExemptSessionAuthentication\n\nfrom .models import Order\n\n\nclass OrderViewSet(viewsets.ModelViewSet):\n    queryset = Order.objects.all()\n    authentication_classes = (CsrfExemptSessionAuthentication,)\n'
    const r = await diffFiles(base, { 'shop/api/__init__.py': '', 'shop/api/authentication.py': auth, 'shop/api/views.py': api })

    expect(worsened(r)).toEqual(['csrf-check-disabled@shop/api/authentication.py:5'])
    const f = only(r, 'csrf-check-disabled')
    expect(f.severity).toBe('high')
    expect(f.message).toContain("OrderViewSet's authentication_classes (shop/api/views.py:10)")
  })

  it('enforce_csrf overridden later in the class the API already uses: reported, though the views are not part of the change', async () => {
    const auth = 'from rest_framework.authentication import SessionAuthentication\n\n\nclass ApiSessionAuthentication(SessionAuthentication):\n    """The API\'s session authentication."""\n'
    const api = 'from rest_framework import viewsets\n\nfrom shop.api.authentication import ApiSessionAuthentication\n\n\nclass OrderViewSet(viewsets.ModelViewSet):\n    authentication_classes = [ApiSessionAuthentication]\n'
    const base = { ...cookiecutter(), 'shop/api/__init__.py': '', 'shop/api/authentication.py': auth, 'shop/api/views.py': api }
    const r = await diffFiles(base, { 'shop/api/authentication.py': `${auth}\n    def enforce_csrf(self, request):\n        pass\n` })
    expect(worsened(r)).toEqual(['csrf-check-disabled@shop/api/authentication.py:7'])
    // the views are not part of the change, so the diff's source did not read them: the message says so
    expect(only(r, 'csrf-check-disabled').message).toContain('saw no use of it')
  })
})

describe('access control', () => {
  it('@login_required removed from a view that stays is new and high; deleting the view instead is silent', async () => {
    const base = cookiecutter()
    const head = edit(base, V, '@login_required\n', '')
    const r = await diffFiles(base, { [V]: head })

    expect(worsened(r)).toEqual([`access-control-removed@${V}:${lineOf(head, 'def order_detail')}`])
    const f = only(r, 'access-control-removed')
    expect(f.severity).toBe('high')
    expect(f.message).toContain(`\`@login_required\` was removed from the view order_detail, which stays (it was at ${V}:${lineOf(VIEWS, '@login_required\n'.trim())} before)`)

    const deleted = await diffFiles(base, { [V]: 'from django.shortcuts import render\n' })
    expect(brief(deleted)).toEqual([])
  })
})

describe('deploy files', () => {
  it('runserver put into the production Dockerfile is new and medium; gunicorn back is silent', async () => {
    const base = { ...cookiecutter(), Dockerfile: DOCKERFILE }
    const head = edit(base, 'Dockerfile', 'CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]', 'CMD ["python", "manage.py", "runserver", "0.0.0.0:8000"]')
    const r = await diffFiles(base, { Dockerfile: head })

    expect(worsened(r)).toEqual([`runserver-in-production@Dockerfile:${lineOf(head, 'runserver')}`])
    const f = only(r, 'runserver-in-production')
    expect(f.severity).toBe('medium')
    expect(f.message).toContain('Dockerfile runs `manage.py runserver`')
  })

  it('wsgi.py switched from production to local settings is new and high', async () => {
    const base = cookiecutter()
    const head = edit(base, 'config/wsgi.py', 'config.settings.production', 'config.settings.local')
    const r = await diffFiles(base, { 'config/wsgi.py': head })
    expect(worsened(r)).toContain(`production-settings-switched@config/wsgi.py:${lineOf(CC_WSGI, 'config.settings.production')}`)
    expect(only(r, 'production-settings-switched').message).toContain('instead of config.settings.production')
  })

  it('DJANGO_DEBUG turned on in the production Dockerfile: one comment on its line, from debug-enabled (the settings read it)', async () => {
    const base = { ...cookiecutter(), Dockerfile: DOCKERFILE }
    const head = edit(base, 'Dockerfile', 'ENV PYTHONUNBUFFERED=1 \\\n', 'ENV PYTHONUNBUFFERED=1 \\\n    DJANGO_DEBUG=True \\\n')
    const r = await diffFiles(base, { Dockerfile: head })
    // production.py reads DJANGO_DEBUG through base.py: debug-enabled reports the line, debug-in-deploy-config stays silent there
    expect(worsened(r)).toEqual(['debug-enabled@Dockerfile:2'])
    expect(only(r, 'debug-enabled').message).toContain('config/settings/base.py:19 reads it')
  })
})
