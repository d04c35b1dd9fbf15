#!/usr/bin/env bash
# Installs the real identity providers the SSO tests run, from the package registries:
# node-oidc-provider (npm ci, from package-lock.json) and pysaml2 (pip, in a venv beside it).
# Needs node + npm, python3 with venv, and Debian's xmlsec1 (pysaml2 signs through it).
# Idempotent: does nothing when both are already installed.
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -f oidc/node_modules/oidc-provider/package.json ]; then
  npm ci --prefix oidc --no-audit --no-fund --loglevel=error
fi
if ! saml/.venv/bin/python -c 'import saml2' 2>/dev/null; then
  rm -rf saml/.venv
  python3 -m venv saml/.venv
  saml/.venv/bin/pip install --quiet --disable-pip-version-check -r saml/requirements.txt
fi
command -v xmlsec1 >/dev/null || { echo "xmlsec1 is missing: apt-get install xmlsec1" >&2; exit 1; }
