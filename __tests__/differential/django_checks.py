"""Runs Django's own security checks on settings modules, for the differential test.

Reads a JSON list of settings-module sources on stdin; writes a JSON object: the Django version and,
for each module, the sorted ids of every message the security-tagged checks return (deploy checks
included), each as Django's tests call them: the check function on configured settings.

One process for every module: the settings are reset (`settings._wrapped = empty`, which also clears
LazySettings' cache) and configured again from the module's upper-case globals.
"""
import json
import sys

import django
from django.conf import settings
from django.utils.functional import empty


def main():
    modules = json.load(sys.stdin)
    settings.configure()
    # importing django.core.checks registers the security checks (base, csrf, sessions)
    from django.core.checks.registry import registry

    checks = [c for c in registry.get_checks(include_deployment_checks=True) if "security" in c.tags]
    results = []
    for source in modules:
        namespace = {}
        exec(compile(source, "settings.py", "exec"), namespace)
        values = {k: v for k, v in namespace.items() if k.isupper()}
        settings._wrapped = empty
        settings.configure(**values)
        ids = set()
        for check in checks:
            for message in check(app_configs=None):
                ids.add(message.id)
        results.append(sorted(ids))
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
