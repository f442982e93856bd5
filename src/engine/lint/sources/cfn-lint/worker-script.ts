/**
 * The Python side of the cfn-lint source: imports cfnlint once, builds its rule set once, then
 * lints one template per JSON line on stdin and answers with one JSON line on stdout. A cold
 * `cfn-lint` run spends 1–5 s importing and loading rules; this pays that once per session.
 *
 * Why not Pyodide: npm's `pyodide` (314.0.7, checked with `npm view pyodide`) ships the
 * interpreter and standard library only. cfn-lint needs aws-sam-translator, pydantic (with its
 * compiled core), regex, networkx, sympy, jsonpatch and PyYAML, which Pyodide installs through
 * micropip from its CDN or PyPI: neither is reachable offline (only the npm registry is), and
 * vendoring those wheels would ship a second, older cfn-lint than the one the user installed.
 * So cfn-lint joins where the user has it, through their own Python.
 *
 * Passed to `python -c`, so nothing but this string has to ship.
 */
export const CFN_LINT_WORKER_PY = String.raw`
import json, sys
reply = sys.stdout
sys.stdout = sys.stderr  # anything cfn-lint prints must not corrupt the protocol

def send(message):
    reply.write(json.dumps(message) + "\n")
    reply.flush()

try:
    from cfnlint.config import ConfigMixIn
    from cfnlint.decode.decode import decode_str
    from cfnlint.runner import run_template_by_data
    from cfnlint.runner.cli import Runner
    from cfnlint.version import __version__
except Exception as error:  # not installed, or too old for this API
    send({"kind": "failed", "error": "cfnlint could not be imported: %s" % error})
    sys.exit(0)

configs = {}
rules = None

def lint(text, region):
    global rules
    config = configs.get(region)
    if config is None:
        config = configs[region] = ConfigMixIn(regions=[region])
    if rules is None:
        rules = Runner(config).rules
    template, errors = decode_str(text)
    if errors:
        return errors
    if template is None:
        return []
    return list(run_template_by_data(template, config, rules))

def shape(match):
    return {
        "rule": match.rule.id, "severity": match.rule.severity, "message": match.message,
        "line": match.linenumber, "column": match.columnnumber,
        "endLine": match.linenumberend, "endColumn": match.columnnumberend,
    }

try:
    lint("Resources:\n  T:\n    Type: AWS::SNS::Topic\n", "us-east-1")
except Exception as error:
    send({"kind": "failed", "error": "cfnlint could not lint a one-resource template: %s" % error})
    sys.exit(0)
send({"kind": "ready", "version": __version__})

for line in sys.stdin:
    request = json.loads(line)
    try:
        matches = lint(request["text"], request.get("region") or "us-east-1")
        send({"kind": "result", "id": request["id"], "matches": [shape(m) for m in matches]})
    except Exception as error:
        send({"kind": "error", "id": request["id"], "error": "%s: %s" % (type(error).__name__, error)})
`;
