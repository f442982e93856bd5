#!/usr/bin/env bash
# moto_server (a real CloudFormation API on 127.0.0.1) and cfn-lint, the reference linter.
set -euo pipefail
if command -v moto_server >/dev/null && command -v cfn-lint >/dev/null; then
  echo "moto_server and cfn-lint present"
else
  python3 -m pip install --quiet 'moto[server]' cfn-lint
fi
