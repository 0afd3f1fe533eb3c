// Shell commands that put one file in place of another: copies, moves, links, rendered templates.
import { describe, expect, it } from '@jest/globals'
import { fileMoves } from '../../src/deploy/file-commands.js'

const brief = (text: string) => fileMoves(text).map((m) => `${m.kind} ${m.from} -> ${m.to}${m.intoFolder ? ' (folder)' : ''} @${m.line}`)

describe('fileMoves', () => {
  it('reads cp, mv and install with their flags, and several sources into a folder', () => {
    expect(brief('cp proj/settings.py.prod proj/settings.py')).toEqual(['copy proj/settings.py.prod -> proj/settings.py @1'])
    expect(brief('mv -f settings.py.staging settings.py')).toEqual(['move settings.py.staging -> settings.py @1'])
    expect(brief('cp -v a.prod b.prod conf/')).toEqual(['copy a.prod -> conf/ (folder) @1', 'copy b.prod -> conf/ (folder) @1'])
    expect(brief('install -m 0644 local.py.tpl /app/local_settings.py')).toEqual(['copy local.py.tpl -> /app/local_settings.py @1'])
    expect(brief('cp -t /app/conf/ settings.py.prod')).toEqual(['copy settings.py.prod -> /app/conf/ (folder) @1'])
  })

  it('reads symbolic links only (a hard link is not followed)', () => {
    expect(brief('ln -sf /etc/app/settings.py.prod /app/proj/settings.py')).toEqual(['link /etc/app/settings.py.prod -> /app/proj/settings.py @1'])
    expect(brief('ln a b')).toEqual([])
  })

  it('reads templates rendered by redirection, also through a pipe', () => {
    expect(brief('envsubst < settings.tpl > proj/settings.py')).toEqual(['render settings.tpl -> proj/settings.py @1'])
    expect(brief('cat settings.tpl | envsubst > proj/settings.py')).toEqual(['render settings.tpl -> proj/settings.py @1'])
    expect(brief("sed 's/__HOST__/example.org/' settings.py.in > settings.py")).toEqual(['render settings.py.in -> settings.py @1'])
    expect(brief('j2 settings.py.j2 > settings.py')).toEqual(['render settings.py.j2 -> settings.py @1'])
    // writing without a template renders nothing
    expect(brief('echo "DEBUG = False" > settings.py')).toEqual([])
  })

  it('splits chained commands, follows continued lines, skips comments and keeps $VARS', () => {
    const script = '#!/bin/sh\nset -e\n# cp old.py.prod old.py\npip install -r requirements.txt && \\\n  cp conf/settings.py.prod $APP/settings.py; python manage.py migrate\nexec gunicorn proj.wsgi 2>&1\n'
    expect(brief(script)).toEqual(['copy conf/settings.py.prod -> ${APP}/settings.py @4'])
  })

  it('ignores text it cannot read as a command', () => {
    expect(brief('cp "unterminated')).toEqual([])
    expect(brief('cp onlyone')).toEqual([])
  })
})
