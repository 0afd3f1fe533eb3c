import { rawSqlStringFormatting } from '../../src/rules/raw-sql-string-formatting.js'
import { treeRuleTester } from '../helpers/tree-rule-tester.js'

const HEAD = `from django.db import connection
from django.db.models.expressions import RawSQL

from .models import Order

TABLE = "shop_order"
`

const fn = (body: string): string => `${HEAD}\n\ndef orders(request, ref):\n${body.split('\n').map((l) => (l ? `    ${l}` : l)).join('\n')}\n`
const at = 10 // the first line of the function body
const file = (body: string) => ({ 'shop/reports.py': fn(body) })

treeRuleTester(rawSqlStringFormatting, {
  valid: [
    { name: 'a parameterised query', files: file('with connection.cursor() as cursor:\n    cursor.execute("SELECT * FROM shop_order WHERE ref = %s", [ref])') },
    { name: 'a parameterised query in a variable', files: file('sql = "SELECT * FROM shop_order WHERE ref = %s"\nwith connection.cursor() as cursor:\n    cursor.execute(sql, [ref])') },
    { name: 'a literal query', files: file('connection.cursor().execute("DELETE FROM shop_cart WHERE created < now()")') },
    { name: 'an f-string of module constants only', files: file('connection.cursor().execute(f"SELECT count(*) FROM {TABLE}")') },
    { name: 'literals joined with +', files: file('connection.cursor().execute("SELECT * FROM shop_order " + "WHERE paid")') },
    { name: '% with literal arguments', files: file('connection.cursor().execute("SELECT * FROM %s" % "shop_order")') },
    { name: 'raw() with params', files: file('return Order.objects.raw("SELECT * FROM shop_order WHERE ref = %s", [ref])') },
    { name: 'RawSQL with params', files: file('return Order.objects.annotate(x=RawSQL("SELECT %s", (ref,)))') },
    { name: 'extra() with params', files: file('return Order.objects.extra(where=["ref = %s"], params=[ref])') },
    { name: 'an execute() that is not SQL', files: file('return task_runner.execute(f"build {ref}")') },
    { name: 'in tests', files: { 'shop/tests/test_reports.py': fn('connection.cursor().execute(f"SELECT * FROM x WHERE ref = \'{ref}\'")') } },
    { name: "a model's own table name", files: file('connection.cursor().execute("TRUNCATE TABLE %s" % Order._meta.db_table)') },
    { name: 'a quoted identifier', files: file('connection.cursor().execute("ANALYZE %s" % connection.ops.quote_name(ref))') },
    { name: 'an identifier quoted through an alias, a number', files: file('quote = connection.ops.quote_name\nconnection.cursor().execute("SELECT * FROM {} LIMIT {}".format(quote(TABLE), int(ref)))') },
    { name: 'a management command (a scan leaves operators\' scripts out)', files: { 'shop/management/commands/rebuild.py': fn('connection.cursor().execute(f"ANALYZE {ref}")') } },
    { name: 'in a migration', files: { 'shop/migrations/0003_data.py': fn('connection.cursor().execute(f"UPDATE shop_order SET ref = \'{ref}\'")') } }
  ],
  invalid: [
    { name: 'an f-string', files: file('with connection.cursor() as cursor:\n    cursor.execute(f"SELECT * FROM shop_order WHERE ref = \'{ref}\'")'), findings: [{ path: 'shop/reports.py', line: at + 1, severity: 'high', message: ['cursor.execute() runs SQL built with an f-string that interpolates values in orders'], fix: ['cursor.execute("… WHERE id = %s", [value])'] }] },
    { name: '% formatting', files: file('connection.cursor().execute("SELECT * FROM shop_order WHERE ref = \'%s\'" % ref)'), findings: [{ path: 'shop/reports.py', line: at, message: ['`%` formatting'] }] },
    { name: '.format()', files: file('connection.cursor().executemany("INSERT INTO log VALUES (\'{}\')".format(ref), [])'), findings: [{ path: 'shop/reports.py', line: at, message: ['`.format()`'] }] },
    { name: '+ of a non-literal', files: file('connection.cursor().execute("SELECT * FROM shop_order WHERE ref = \'" + ref + "\'")'), findings: [{ path: 'shop/reports.py', line: at, message: ['concatenation'] }] },
    { name: 'a variable assigned an f-string in the same function', files: file('sql = f"SELECT * FROM shop_order WHERE ref = \'{ref}\'"\ncursor = connection.cursor()\ncursor.execute(sql)'), findings: [{ path: 'shop/reports.py', line: at + 2, message: ['assigned to `sql` at line 10'] }] },
    { name: 'a query grown with +=', files: file('sql = "SELECT * FROM shop_order WHERE 1=1"\nsql += " AND ref = \'" + ref + "\'"\nconnection.cursor().execute(sql)'), findings: [{ path: 'shop/reports.py', line: at + 2 }] },
    { name: 'Model.objects.raw()', files: file('return Order.objects.raw(f"SELECT * FROM shop_order WHERE ref = \'{ref}\'")'), findings: [{ path: 'shop/reports.py', line: at, message: ['Order.objects.raw()'] }] },
    { name: 'RawSQL()', files: file('return Order.objects.annotate(x=RawSQL(f"SELECT total FROM t WHERE ref = \'{ref}\'", ()))'), findings: [{ path: 'shop/reports.py', line: at, message: ['RawSQL()'] }] },
    { name: '.extra(where=…, select=…)', files: file('return Order.objects.extra(where=[f"ref = \'{ref}\'"], select={"x": "total * %s" % ref})'), findings: [{ path: 'shop/reports.py', line: at, message: ['.extra()'] }] },
    { name: 'an execute() on something else whose text is SQL', files: file('return session.execute(f"SELECT * FROM shop_order WHERE ref = \'{ref}\'")'), findings: [{ path: 'shop/reports.py', line: at }] }
  ],
  diffValid: [
    { name: 'a line next to an old formatted query', base: file('connection.cursor().execute(f"SELECT * FROM t WHERE ref = \'{ref}\'")'), head: file('connection.cursor().execute(f"SELECT * FROM t WHERE ref = \'{ref}\'")\nreturn None') },
    { name: 'a formatted query made parameterised', base: file('connection.cursor().execute(f"SELECT * FROM t WHERE ref = \'{ref}\'")'), head: file('connection.cursor().execute("SELECT * FROM t WHERE ref = %s", [ref])') }
  ],
  diffInvalid: [
    { name: 'the query a call already ran rebuilt with an f-string: reported on the added line', base: file('sql = "SELECT * FROM t WHERE ref = %s"\nconnection.cursor().execute(sql)'), head: file('sql = f"SELECT * FROM t WHERE ref = \'{ref}\'"\nconnection.cursor().execute(sql)'), findings: [{ path: 'shop/reports.py', line: at, message: ['(line 11)'] }] },
    { name: 'an f-string query added', base: file('return None'), head: file('connection.cursor().execute(f"SELECT * FROM t WHERE ref = \'{ref}\'")\nreturn None'), findings: [{ path: 'shop/reports.py', line: at }] }
  ]
})
