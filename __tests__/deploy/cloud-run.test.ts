// Cloud Run: Knative Service manifests, `gcloud run deploy` in Cloud Build files and workflows, and
// the repository image a service runs.
import { describe, expect, it } from '@jest/globals'
import { cloudBuildDeployments, gcloudRunDeploy, isCloudBuildFile } from '../../src/deploy/cloud-run.js'
import { findDeployments, isDeployFile, isDeployingCiFile } from '../../src/deploy/index.js'
import { kubernetesDeployments } from '../../src/deploy/kubernetes.js'
import { workflowDeployments } from '../../src/deploy/workflows.js'
import { isSettingsRelevant } from '../../src/settings/discovery.js'
import { envLines, envValues, fileSet, named } from './helpers.js'

const SERVICE = `apiVersion: serving.knative.dev/v1
kind: Service
metadata:
  name: shop
spec:
  template:
    spec:
      containers:
        - image: gcr.io/acme/shop
          env:
            - name: DJANGO_SETTINGS_MODULE
              value: shop.settings.cloudrun
            - name: DJANGO_SECRET_KEY
              valueFrom:
                secretKeyRef:
                  name: secret-key
                  key: latest
`

const CLOUDBUILD = `steps:
  - name: gcr.io/cloud-builders/docker
    args: ["build", "-t", "gcr.io/$PROJECT_ID/shop", "."]
  - name: gcr.io/google.com/cloudsdktool/cloud-sdk
    entrypoint: gcloud
    args:
      - run
      - deploy
      - shop
      - --image=gcr.io/$PROJECT_ID/shop
      - --region
      - europe-west1
      - --allow-unauthenticated
      - --set-env-vars=DJANGO_DEBUG=False,ALLOWED_HOSTS=\${_HOSTS}
      - --set-secrets=DJANGO_SECRET_KEY=secret-key:latest
substitutions:
  _HOSTS: shop.example.com
`

describe('which files', () => {
  it('Cloud Build files are CI files that may deploy; a Knative service.yaml is a deploy file', () => {
    for (const path of ['cloudbuild.yaml', 'gcp/cloudbuild.prod.yml', 'cloudbuild.json']) {
      expect(isCloudBuildFile(path)).toBe(true)
      expect(isDeployingCiFile(path)).toBe(true)
      expect(isDeployFile(path)).toBe(false)
      expect(isSettingsRelevant(path)).toBe(true)
    }
    expect(isDeployingCiFile('.github/workflows/deploy.yml')).toBe(true)
    for (const path of ['service.yaml', 'cloudrun.yaml', 'gcp/cloud-run-service.yml']) expect(isDeployFile(path)).toBe(true)
  })
})

describe('Knative Service manifests', () => {
  it('each container is a deployment with its env and the variables Cloud Run sets, running the repository’s image', () => {
    const [d] = kubernetesDeployments('service.yaml', SERVICE)
    expect(d).toMatchObject({ name: 'service.yaml container ?', role: 'serving', runsImage: true })
    expect(envValues(d)).toEqual({ DJANGO_SETTINGS_MODULE: 'shop.settings.cloudrun', DJANGO_SECRET_KEY: undefined })
    expect(d.settings?.value).toBe('shop.settings.cloudrun')
    expect([...d.env.values()].filter((e) => e.platform).map((e) => e.name)).toEqual(['K_SERVICE', 'K_REVISION', 'K_CONFIGURATION', 'PORT'])
  })

  it('a Kubernetes Service (no containers) or a Deployment gets none of them', () => {
    const k8s = 'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: shop\n'
    const [d] = kubernetesDeployments('k8s/web.yaml', k8s)
    expect(d.env.has('K_SERVICE')).toBe(false)
    expect(d.runsImage).toBeUndefined()
    expect(kubernetesDeployments('k8s/svc.yaml', 'apiVersion: v1\nkind: Service\nspec:\n  ports: []\n')).toEqual([])
  })
})

describe('gcloud run deploy', () => {
  it('reads the service, --set-env-vars (with substitutions), --set-secrets and --command/--args', () => {
    const run = gcloudRunDeploy(['gcloud', 'run', 'deploy', 'shop', '--region', 'us-central1', '--set-env-vars', 'A=1,B=$_B', '--update-secrets=KEY=k:1', '--command=gunicorn', '--args=shop.wsgi', '--quiet'], (n) => (n === '_B' ? 'two' : undefined))
    expect(run?.service).toBe('shop')
    expect(Object.fromEntries(run?.env ?? [])).toEqual({ A: '1', B: 'two', KEY: undefined })
    expect(run?.command).toEqual(['gunicorn', 'shop.wsgi'])
  })

  it('a delimiter of the list’s choosing; other commands are no deployment', () => {
    expect(Object.fromEntries(gcloudRunDeploy(['gcloud', 'beta', 'run', 'deploy', 'web', '--set-env-vars=^;^HOSTS=a.com,b.com;DEBUG=0'])?.env ?? [])).toEqual({ HOSTS: 'a.com,b.com', DEBUG: '0' })
    expect(gcloudRunDeploy(['gcloud', 'app', 'deploy'])).toBeUndefined()
    expect(gcloudRunDeploy(['npm', 'run', 'deploy'])).toBeUndefined()
  })

  it('a Cloud Build step that deploys is a deployment at its line', () => {
    const [d, ...rest] = cloudBuildDeployments('cloudbuild.yaml', CLOUDBUILD)
    expect(rest).toEqual([])
    expect(d).toMatchObject({ name: 'cloudbuild.yaml Cloud Run service shop', line: 4, role: 'serving', runsImage: true })
    expect(envValues(d)).toEqual({ DJANGO_DEBUG: 'False', ALLOWED_HOSTS: 'shop.example.com', DJANGO_SECRET_KEY: undefined })
    expect(envLines(d).DJANGO_DEBUG).toBe('cloudbuild.yaml:4')
    expect(d.env.get('K_SERVICE')?.platform).toBe(true)
  })

  it('a bash script step, and the JSON form', () => {
    const script = 'steps:\n  - name: gcr.io/google.com/cloudsdktool/cloud-sdk\n    entrypoint: bash\n    args:\n      - -c\n      - |\n        gcloud run deploy api \\\n          --set-env-vars DJANGO_SETTINGS_MODULE=shop.settings.prod\n        echo done\n'
    expect(cloudBuildDeployments('cloudbuild.yaml', script).map((d) => [d.name, d.settings?.value])).toEqual([['cloudbuild.yaml Cloud Run service api', 'shop.settings.prod']])
    const json = JSON.stringify({ steps: [{ name: 'gcr.io/cloud-builders/gcloud', args: ['run', 'deploy', 'web', '--set-env-vars', 'X=1'] }] })
    expect(cloudBuildDeployments('cloudbuild.json', json).map((d) => envValues(d))).toEqual([{ X: '1' }])
    expect(cloudBuildDeployments('cloudbuild.yaml', 'steps: [')).toEqual([])
  })

  it('a workflow: the deploy-cloudrun action’s env_vars and secrets, or a run script', () => {
    const workflow = `on: push
jobs:
  test:
    runs-on: ubuntu-latest
    env:
      DJANGO_SETTINGS_MODULE: shop.settings.test
    steps:
      - run: pytest
  deploy:
    runs-on: ubuntu-latest
    steps:
      - uses: google-github-actions/deploy-cloudrun@v2
        with:
          service: shop
          env_vars: |
            DJANGO_DEBUG=False
            TOKEN=\${{ secrets.TOKEN }}
          secrets: |
            DJANGO_SECRET_KEY=secret-key:latest
      - name: Deploy worker
        run: gcloud run deploy worker --set-env-vars=ROLE=worker --command=celery --args=-A,shop,worker
`
    const found = workflowDeployments('.github/workflows/deploy.yml', workflow)
    expect(found.map((d) => [d.name, d.role])).toEqual([
      ['.github/workflows/deploy.yml Cloud Run service shop', 'serving'],
      ['.github/workflows/deploy.yml Cloud Run service worker', 'worker']
    ])
    expect(envValues(found[0])).toEqual({ DJANGO_DEBUG: 'False', TOKEN: undefined, DJANGO_SECRET_KEY: undefined })
    expect(workflowDeployments('.github/workflows/ci.yml', 'on: push\njobs:\n  test:\n    steps:\n      - run: pytest\n')).toEqual([])
  })
})

describe('the image a Cloud Run service runs', () => {
  const DOCKERFILE = 'FROM python:3.12\nENV DJANGO_SETTINGS_MODULE=shop.settings.prod PORT=8080\nCMD ["gunicorn", "shop.wsgi"]\n'

  it('the service gets the image’s ENV under its own, and the image runs on Cloud Run', () => {
    const found = findDeployments(fileSet({ Dockerfile: DOCKERFILE, 'cloudbuild.yaml': CLOUDBUILD }))
    const service = named(found, 'shop')
    expect(envValues(service)).toMatchObject({ DJANGO_SETTINGS_MODULE: 'shop.settings.prod', DJANGO_DEBUG: 'False' })
    expect(service.settings).toMatchObject({ value: 'shop.settings.prod', path: 'Dockerfile' })
    const image = found.find((d) => d.path === 'Dockerfile')
    expect(image?.env.get('K_SERVICE')).toMatchObject({ platform: true, path: 'cloudbuild.yaml' })
    // the image's own PORT wins over the platform's unknown one
    expect(image?.env.get('PORT')?.value).toBe('8080')
  })

  it('the nearest Dockerfile at or above the deploy file, else the only one; a developer’s Dockerfile is none', () => {
    const files = { 'Dockerfile': DOCKERFILE, 'backend/Dockerfile': DOCKERFILE, 'backend/deploy/service.yaml': SERVICE, 'Dockerfile.dev': 'FROM python:3.12\nCMD ["python", "manage.py", "runserver"]\n' }
    const found = findDeployments(fileSet(files))
    expect(found.filter((d) => d.env.get('K_SERVICE')?.platform).map((d) => d.path).sort()).toEqual(['backend/Dockerfile', 'backend/deploy/service.yaml'])
    const only = findDeployments(fileSet({ 'app/Dockerfile': DOCKERFILE, 'cloudbuild.yaml': CLOUDBUILD }))
    expect(only.find((d) => d.path === 'app/Dockerfile')?.env.has('K_SERVICE')).toBe(true)
    const none = findDeployments(fileSet({ 'Dockerfile.dev': 'FROM python:3.12\nCMD ["python", "manage.py", "runserver"]\n', 'cloudbuild.yaml': CLOUDBUILD }))
    expect(none.find((d) => d.path === 'Dockerfile.dev')?.env.has('K_SERVICE')).toBe(false)
  })
})
