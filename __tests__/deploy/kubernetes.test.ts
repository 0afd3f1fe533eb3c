// Kubernetes manifests: each container of a workload, with its env and the ConfigMaps it takes.
import { describe, expect, it } from '@jest/globals'
import { deploymentsOf } from '../../src/deploy/index.js'
import { kubernetesDeployments, mayBeKubernetes } from '../../src/deploy/kubernetes.js'
import { envLines, envValues, fileSet, named, roles } from './helpers.js'

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop-web
spec:
  replicas: 3
  template:
    metadata:
      labels:
        app: shop
    spec:
      containers:
        - name: web
          image: ghcr.io/acme/shop:1.2.3
          command: ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000"]
          env:
            - name: DJANGO_SETTINGS_MODULE
              value: config.settings.production
            - name: DJANGO_SECRET_KEY
              valueFrom:
                secretKeyRef:
                  name: shop-secrets
                  key: secret-key
            - name: DJANGO_DEBUG
              value: "False"
            - name: EMPTY
        - name: nginx
          image: nginx:1.27
`

describe('mayBeKubernetes', () => {
  it('needs a YAML file with kind: and containers:', () => {
    expect(mayBeKubernetes('k8s/web.yaml', DEPLOYMENT)).toBe(true)
    expect(mayBeKubernetes('k8s/web.json', DEPLOYMENT)).toBe(false)
    expect(mayBeKubernetes('k8s/service.yaml', 'kind: Service\nspec:\n  ports: []\n')).toBe(false)
    expect(mayBeKubernetes('mkdocs.yml', 'site_name: docs\n')).toBe(false)
  })
})

describe('kubernetesDeployments', () => {
  it('each container is a deployment: env value and valueFrom (set, but unknown), with lines', () => {
    const found = kubernetesDeployments('k8s/web.yaml', DEPLOYMENT)
    expect(found.map((d) => d.name)).toEqual(['k8s/web.yaml container web', 'k8s/web.yaml container nginx'])
    const web = named(found, 'web')
    expect(web).toMatchObject({ path: 'k8s/web.yaml', line: 13, role: 'serving' })
    expect(envValues(web)).toEqual({ DJANGO_SETTINGS_MODULE: 'config.settings.production', DJANGO_SECRET_KEY: undefined, DJANGO_DEBUG: 'False', EMPTY: '' })
    expect(envLines(web)).toMatchObject({ DJANGO_SETTINGS_MODULE: 'k8s/web.yaml:17', DJANGO_SECRET_KEY: 'k8s/web.yaml:19', DJANGO_DEBUG: 'k8s/web.yaml:24' })
    expect(web.settings).toEqual({ name: 'DJANGO_SETTINGS_MODULE', value: 'config.settings.production', path: 'k8s/web.yaml', line: 17 })
    expect(named(found, 'nginx').env.size).toBe(0)
  })

  it('envFrom a ConfigMap of the same file gives its data; the container’s env overrides it', () => {
    const text = `apiVersion: v1
kind: ConfigMap
metadata:
  name: shop-config
data:
  DJANGO_SETTINGS_MODULE: config.settings.k8s
  DJANGO_ALLOWED_HOSTS: shop.example.com
  DJANGO_DEBUG: "True"
---
apiVersion: v1
kind: Service
metadata:
  name: shop
spec:
  ports:
    - port: 80
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: shop
spec:
  template:
    spec:
      containers:
        - name: web
          image: shop
          envFrom:
            - configMapRef:
                name: shop-config
            - secretRef:
                name: shop-secrets
            - configMapRef:
                name: defined-elsewhere
          env:
            - name: DJANGO_DEBUG
              value: "False"
`
    const web = named(kubernetesDeployments('deploy/shop.yaml', text), 'web')
    expect(envValues(web)).toEqual({ DJANGO_SETTINGS_MODULE: 'config.settings.k8s', DJANGO_ALLOWED_HOSTS: 'shop.example.com', DJANGO_DEBUG: 'False' })
    expect(web.settings).toEqual({ name: 'DJANGO_SETTINGS_MODULE', value: 'config.settings.k8s', path: 'deploy/shop.yaml', line: 6 })
  })

  it('Jobs, CronJobs, Pods and workers: roles from the command', () => {
    const text = `apiVersion: batch/v1
kind: Job
metadata:
  name: migrate
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: migrate
          image: shop
          command: ["python", "manage.py", "migrate", "--noinput"]
          args: ["--settings=config.settings.production"]
---
apiVersion: batch/v1
kind: CronJob
metadata:
  name: cleanup
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          containers:
            - name: cleanup
              image: shop
              command: ["python", "manage.py", "clearsessions"]
              env:
                - name: DJANGO_SETTINGS_MODULE
                  value: config.settings.cron
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: celery
spec:
  template:
    spec:
      containers:
        - name: celery
          image: shop
          args: ["celery", "-A", "config", "worker"]
---
apiVersion: v1
kind: Pod
metadata:
  name: debug
spec:
  containers:
    - name: shell
      image: shop
      command: ["python", "manage.py", "runserver", "0.0.0.0:8000"]
`
    const found = kubernetesDeployments('k8s/jobs.yaml', text)
    expect(roles(found)).toEqual({ 'k8s/jobs.yaml container migrate': 'release', 'k8s/jobs.yaml container cleanup': 'serving', 'k8s/jobs.yaml container celery': 'worker', 'k8s/jobs.yaml container shell': 'development' })
    expect(named(found, 'migrate').settings).toMatchObject({ value: 'config.settings.production', line: 10 })
    expect(named(found, 'cleanup').settings?.value).toBe('config.settings.cron')
  })

  it('manifests in a development or test folder are development', () => {
    const found = kubernetesDeployments('k8s/dev/web.yaml', DEPLOYMENT)
    expect(found.map((d) => d.role)).toEqual(['development', 'development'])
    expect(found[0].why).toBe('it is in a development-only folder (k8s/dev/)')
  })

  it('a Helm template that is not YAML until rendered gives nothing and does not throw', () => {
    const text = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "shop.fullname" . }}
spec:
  template:
    spec:
      containers:
        - name: web
          {{- with .Values.env }}
          env:
            {{- toYaml . | nindent 12 }}
          {{- end }}
`
    expect(kubernetesDeployments('charts/shop/templates/deployment.yaml', text)).toEqual([])
  })

  it('a broken document is skipped, the others are read', () => {
    const text = `kind: Deployment\nspec: [broken\n---\n${DEPLOYMENT}`
    expect(kubernetesDeployments('k8s/web.yaml', text).map((d) => d.name)).toEqual(['k8s/web.yaml container web', 'k8s/web.yaml container nginx'])
  })

  it.each([
    ['an empty file', ''],
    ['only separators', '---\n---\n'],
    ['a list', '- kind: Deployment\n  containers: []\n'],
    ['containers that are not a list', 'kind: Pod\nspec:\n  containers: web\n'],
    ['odd containers and env', 'kind: Pod\nspec:\n  containers:\n    - 1\n    - name: web\n      env: [1, {name: null}, {value: x}]\n      envFrom: [1, {configMapRef: 2}]\n      command: 42\n'],
    ['a kind that runs nothing', 'kind: Secret\ndata:\n  containers: x\n']
  ])('%s does not throw', (_, text) => {
    expect(() => kubernetesDeployments('k8s/x.yaml', text)).not.toThrow()
    const found = kubernetesDeployments('k8s/x.yaml', text)
    expect(found.every((d) => d.env.size === 0 && d.settings === undefined)).toBe(true)
  })

  it('huge or deeply nested manifests give a sane result', () => {
    const containers = Array.from({ length: 2000 }, (_, i) => `    - name: c${i}\n      image: shop\n      env:\n        - name: DJANGO_SETTINGS_MODULE\n          value: shop.settings.c${i}\n`).join('')
    const found = kubernetesDeployments('k8s/many.yaml', `kind: Pod\nspec:\n  containers:\n${containers}`)
    expect(found).toHaveLength(2000)
    expect(found[1999].settings?.value).toBe('shop.settings.c1999')
    const deep = `kind: Pod\nspec:\n  containers: ${'['.repeat(5000)}${']'.repeat(5000)}\n`
    expect(() => deploymentsOf('k8s/deep.yaml', deep, fileSet())).not.toThrow()
    const docs = Array.from({ length: 5000 }, () => 'kind: Service\ncontainers: []\n').join('---\n')
    expect(deploymentsOf('k8s/docs.yaml', docs, fileSet())).toEqual([])
  })
})
