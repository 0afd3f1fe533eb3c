"""Runs Django's own security checks on settings modules, for the differential test.

Reads a JSON list on stdin, one object per module: `source`, the settings module's source, and `files`,
the project's files by path (the settings module among them, and the views module a CSRF_FAILURE_VIEW
names). Writes a JSON object: the Django version and, for each module, the sorted ids of every message
the security-tagged checks return (deploy checks and the always-run E100, E101/E102 included), each as
Django's tests call them: the check function on configured settings. A check that raises instead
(check_csrf_failure_view on a name a module lacks: ViewDoesNotExist is no ImportError) gives
`raised <exception> in <check>`.

One process for every module: the settings are reset (`settings._wrapped = empty`, which also clears
LazySettings' cache) and configured again from the module's upper-case globals. Each module's files are
written to a directory of their own, first on sys.path while its checks run; the modules imported from
the previous one are forgotten, and so is get_callable's cache.
"""
import importlib
import json
import os
import sys
import tempfile

import django
from django.conf import settings
from django.utils.functional import empty


def write_tree(root, files):
    for path, text in files.items():
        full = os.path.join(root, *path.split("/"))
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w", encoding="utf-8") as f:
            f.write(text)


def forget(tops):
    for name in list(sys.modules):
        if name.split(".")[0] in tops:
            del sys.modules[name]


def main():
    modules = json.load(sys.stdin)
    settings.configure()
    # importing django.core.checks registers the security checks (base, csrf, sessions)
    from django.core.checks.registry import registry
    from django.urls.utils import get_callable

    checks = [c for c in registry.get_checks(include_deployment_checks=True) if "security" in c.tags]
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for i, module in enumerate(modules):
            root = os.path.join(tmp, str(i))
            files = module.get("files", {})
            write_tree(root, files)
            tops = {path.split("/")[0].removesuffix(".py") for path in files}
            forget(tops)
            importlib.invalidate_caches()
            get_callable.cache_clear()
            sys.path.insert(0, root)
            try:
                namespace = {}
                exec(compile(module["source"], "settings.py", "exec"), namespace)
                values = {k: v for k, v in namespace.items() if k.isupper()}
                settings._wrapped = empty
                settings.configure(**values)
                ids = set()
                for check in checks:
                    try:
                        for message in check(app_configs=None):
                            ids.add(message.id)
                    except Exception as e:  # noqa: BLE001 -- what Django's check raises is the result
                        ids.add("raised %s in %s" % (type(e).__name__, check.__name__))
                results.append(sorted(ids))
            finally:
                sys.path.remove(root)
                forget(tops)
    json.dump(
        {
            "version": django.get_version(),
            "checks": sorted(c.__module__ + "." + c.__name__ for c in checks),
            "results": results,
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main()
