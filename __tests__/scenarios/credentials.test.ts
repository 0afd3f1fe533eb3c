// Credentials in real code: names and values paired the way each syntax pairs them. Every file below
// is shaped after code of a public Django project where the detector used to report a credential that
// is none (or to miss one that is). A pull request adds them all to a real repository.
import { beforeAll, describe, expect, it } from '@jest/globals'
import { diffFiles } from '../helpers/project.js'

/** Files that hold no credential, by the trap they set. */
const NOT_CREDENTIALS: Record<string, [path: string, text: string]> = {
  'adjacent strings of a tuple': ['accounts/serializers.py', 'class KeySerializer(serializers.ModelSerializer):\n    class Meta:\n        fields = (\n            "private_key",\n            "passphrase",\n            "created",\n        )\n'],
  'a multi-line list of form fields': ['accounts/forms.py', 'class SignupForm(forms.ModelForm):\n    class Meta:\n        fields = [\n            "username",\n            "password1",\n            "password2",\n            "first_name",\n        ]\n'],
  'the arguments of a call that reads no configuration': ['websocket/wscat.js', "program.option('--auth <username:password>', 'Add basic HTTP authentication header. (--connect only)')\n"],
  '__all__': ['extras/secrets/__init__.py', '__all__ = (\n    "SecretError",\n    "SecretParametersError",\n    "SecretProviderError",\n)\n'],
  'a dictionary key that is a field name': ['mail/forms.py', 'FIELDSETS = {\n    "smtp_password": "mail_settings",\n    "smtp_username": "mail_settings",\n}\n'],
  'YAML where the next key is not a value': ['helm/values-uat.yaml', 'envVars:\n  DB_PASSWORD:\n  DB_USER:\n    value: "postgres-uat-reader-9x"\n'],
  'an f-string': ['auth/github.py', 'headers = {"Authorization": f"Bearer {self.token_data.get(\'access_token\')}"}\n'],
  'a call in a shell line': ['scripts/reset-admin.sh', `docker exec web bash -c "echo \\"u.password=make_password('$newpass');u.save()\\" | python manage.py shell"\n`],
  'a compose $$VAR escape': ['docker-compose.yml', 'services:\n  redis:\n    command: redis-server --appendonly yes --requirepass $$REDIS_PASSWORD ## $$ because of docker-compose\n'],
  'a shell "$VAR"': ['docker/redis.conf.sh', 'cat > /etc/redis.conf <<EOF\nrequirepass "$REDIS_PASSWORD"\nEOF\n'],
  'notebook JSON': ['notebooks/fields.ipynb', '{\n "cells": [\n  {\n   "source": [\n    "fields = [\\n",\n    "    \\"password\\",\\n",\n    "    \\"last_login_token_hash\\",\\n",\n    "]\\n"\n   ]\n  }\n ]\n}\n'],
  'docs navigation': ['mkdocs.yml', 'plugins:\n  - redirects:\n      redirect_maps:\n        "core-functionality/secrets.md": "user-guide/platform-functionality/secret.md"\nnav:\n  - Secrets: "user-guide/platform-functionality/secret.md"\n'],
  'a Mapbox public token': ['maps/settings.py', 'MAPBOX_ACCESS_TOKEN = "pk.eyJ1Ijoic2hvcCIsImEiOiJjbGZ4N2QxYjAwMDF6M3BwbmZ0ZzVwZ3ZkIn0.-g_vE53SD2WrJ6tFX7QHmA"\n'],
  'a Stripe publishable key': ['payments/settings.py', 'STRIPE_API_KEY = "pk_live_51HxQaZ2eZvKYlo2C8bT9kqWmN3rFj"\n'],
  'a reCAPTCHA site key': ['forms/settings.py', 'RECAPTCHA_API_KEY = "6LcT8aUUAAAAAJx2Hq9bKf3mN7pR4sV1wY6zC0eD"\n'],
  'a salt named after its purpose': ['orders/hashids.py', 'HASHIDS_SALT = "shop-orders-v2"\n'],
  'a cache key name': ['core/views.py', 'SECRET_CACHE_KEY = "secrets:v2:%s"\n'],
  'UNDEFINED': ['config/defaults.py', 'DB_PASSWORD = "UNDEFINED"\n'],
  'NOT_REAL…': ['ci/mail.env', 'EMAIL_HOST_PASSWORD=not-real-password-123\n'],
  'a value that names the secret': ['deploy/registry.yml', 'registry:\n  DOCKER_REGISTRY_PASS: registry_password\n'],
  'scott:tiger': ['docs_examples/db.py', 'SQLALCHEMY_URL = "oracle://scott:tiger@localhost/xe"\n'],
  'a deny-list of known public default keys': ['config/checks.py', 'INSECURE_DEFAULT_KEYS = [\n    "django-insecure-5$+m1x#9(w@q8k^zv0b!t3r&h7y*u2e-l4n6p_j=o%c)d",\n]\n\nif SECRET_KEY in INSECURE_DEFAULT_KEYS:\n    raise ImproperlyConfigured("set SECRET_KEY")\n'],
  'nginx uwsgi_pass': ['etc/nginx.conf', 'location / {\n    uwsgi_pass  kiwitcms;\n}\n'],
  'a keycloak password hash as JSON': ['dev/realm.json', '      "secretData" : "{\\"value\\":\\"mV1b4nP7BC1G4pY9wlo3IWArn3a5y7w96WpivmMdQaSYENBZF/vz0dMvz8cx4mVPahH/tzScb2vZnN/GzEL0gg==\\"}",\n'],
  'a command substitution': ['Makefile', 'GET_SECRET_KEY=`head -c50 /dev/urandom | base64 | head -c50`\n'],
  'a Terraform reference': ['infra/main.tf', 'module "logs" {\n  s3_access_key = var.s3_logging_keys["access_key"]\n  secret_data = templatefile("etc/env.tpl", {\n'],
  'a CI line writing a .env': ['.github/workflows/test.yml', 'jobs:\n  test:\n    steps:\n      - run: echo -en "SECRET_KEY=asdfasdfasdf\\nSUPERUSER=admin" >> .env\n']
}

/** Files that hold a credential, and the value it is. */
const CREDENTIALS: Record<string, [path: string, text: string, value: string]> = {
  'a 12-character hex API key': ['mail/settings.py', 'MAILGUN_API_KEY = "a4c9e14a9c0e"\n', 'a4c9e14a9c0e'],
  'admin/admin for a superuser a data migration creates': ['accounts/migrations/0002_create_admin.py', 'def forwards(apps, schema_editor):\n    User.objects.create_superuser("admin", "admin@example.com", "admin")\n', 'admin'],
  'a short password': ['app/mail.py', 'EMAIL_HOST_PASSWORD = "k9#x2"\n', 'k9#x2']
}

let out: Awaited<ReturnType<typeof diffFiles>>
beforeAll(async () => {
  const head = Object.fromEntries([...Object.values(NOT_CREDENTIALS), ...Object.values(CREDENTIALS)].map(([path, text]) => [path, text]))
  out = await diffFiles({ 'README.md': '# shop\n' }, head)
}, 60_000)

const reported = (path: string): string[] => out.findings.filter((f) => f.ruleId === 'hardcoded-credential' && f.path === path).map((f) => f.message)

describe('what is not a key/value pair, or not a credential, is not reported', () => {
  it.each(Object.entries(NOT_CREDENTIALS))('%s', (_, [path]) => {
    expect(reported(path)).toEqual([])
  })
})

describe('what is a credential is reported', () => {
  it.each(Object.entries(CREDENTIALS))('%s', (_, [path]) => {
    expect(reported(path)).toHaveLength(1)
  })

  it('names the weak superuser password for what it is', () => {
    expect(reported('accounts/migrations/0002_create_admin.py')[0]).toContain('weak password of a user a migration creates (****)')
  })
})
