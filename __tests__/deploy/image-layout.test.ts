// Where a Dockerfile's COPY puts the repository in the image, and back.
import { describe, expect, it } from '@jest/globals'
import { ImageLayout, buildContext } from '../../src/deploy/image-layout.js'

const paths = new Set(['manage.py', 'src/proj/settings.py', 'src/proj/settings.py.prod', 'docker/web/entrypoint.sh', 'docker/web/Dockerfile'])

describe('ImageLayout', () => {
  it('maps paths under a copied folder back to the repository, the longest copy first', () => {
    const layout = new ImageLayout('', paths)
    layout.record({ line: 3, workdir: '/app', copy: { sources: ['.'], destination: '.' } })
    layout.record({ line: 4, workdir: '/app', copy: { sources: ['src/'], destination: '/srv/code' } })
    expect(layout.toRepo('/app/src/proj/settings.py')).toBe('src/proj/settings.py')
    expect(layout.toRepo('/srv/code/proj/settings.py')).toBe('src/proj/settings.py')
    expect(layout.toRepo('/etc/nginx.conf')).toBeUndefined()
  })

  it('maps a file copied by itself, into a folder when the destination ends with /', () => {
    const layout = new ImageLayout('', paths)
    const copied = layout.record({ line: 2, workdir: '/', copy: { sources: ['docker/web/entrypoint.sh'], destination: '/usr/local/bin/' } })
    expect(copied).toEqual([{ source: 'docker/web/entrypoint.sh', image: '/usr/local/bin/entrypoint.sh', laidOut: undefined }])
    expect(layout.toRepo('/usr/local/bin/entrypoint.sh')).toBe('docker/web/entrypoint.sh')
  })

  it('leaves sources outside the context and patterns alone', () => {
    const layout = new ImageLayout('', paths)
    expect(layout.record({ line: 2, workdir: '/app', copy: { sources: ['../secrets.py', '*.prod'], destination: '/app/' } })).toEqual([])
  })
})

describe('buildContext', () => {
  it("is the Dockerfile's folder when its COPY sources are there, else the repository root", () => {
    expect(buildContext('docker/web/Dockerfile', [{ line: 2, workdir: '/', copy: { sources: ['entrypoint.sh'], destination: '/' } }], paths)).toBe('docker/web')
    expect(buildContext('docker/web/Dockerfile', [{ line: 2, workdir: '/', copy: { sources: ['.'], destination: '/app' } }], paths)).toBe('')
    expect(buildContext('Dockerfile', [], paths)).toBe('')
  })
})
