import { describe, expect, it } from '@jest/globals'
import { classifyFile } from '../../src/files/classify.js'

describe('classifyFile', () => {
  it.each([
    ['shop/settings.py', 'production'],
    ['config/settings/production.py', 'production'],
    ['docker-compose.yml', 'production'],
    ['deploy/k8s/web.yaml', 'production'],
    ['docker/prod/env/.django', 'production'],
    ['shop/templates/shop/index.html', 'production'],
    ['requirements.txt', 'production'],
    ['shop/migrations/0002_create_admin.py', 'production'],
    ['shop/tests.py', 'test'],
    ['shop/tests/test_views.py', 'test'],
    ['shop/test_models.py', 'test'],
    ['shop/models_test.py', 'test'],
    ['conftest.py', 'test'],
    ['unittests/scans/zap/report.json', 'test'],
    ['shop/fixtures/users.json', 'test'],
    ['frontend/src/app.spec.ts', 'test'],
    ['tests/cassettes/login.yaml', 'test'],
    ['pytest.ini', 'test'],
    ['.github/workflows/ci.yml', 'ci'],
    ['.gitlab-ci.yml', 'ci'],
    ['.circleci/config.yml', 'ci'],
    ['docker-compose.dev.yml', 'development'],
    ['docker-compose.override.yml', 'development'],
    ['compose.local.yaml', 'development'],
    ['.env.dev', 'development'],
    ['.devcontainer/devcontainer.json', 'development'],
    ['Dockerfile.dev', 'development'],
    ['.env.example', 'template'],
    ['config/configuration_example.py', 'template'],
    ['settings/local.example.py', 'template'],
    ['examples/basic/settings.py', 'template'],
    ['docs/deploy.md', 'docs'],
    ['README.md', 'docs'],
    ['notebooks/analysis.ipynb', 'docs'],
    ['static/vendor/jquery.js', 'vendored'],
    ['shop/static/shop/lib/chart.js', 'vendored'],
    ['martor/static/plugins/js/mode-markdown.js', 'vendored'],
    ['assets/app.min.js', 'vendored'],
    ['venv/lib/python3.11/site-packages/requests/auth.py', 'vendored'],
    ['third_party/oauth/client.py', 'vendored']
  ])('%s is %s', (path, kind) => {
    expect(classifyFile(path).kind).toBe(kind)
  })

  it('says why, naming the folder', () => {
    expect(classifyFile('shop/tests/data/keys.py').why).toBe('it is in test code (shop/tests/)')
  })
})
