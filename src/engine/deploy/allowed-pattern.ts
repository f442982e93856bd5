import { RE2JS } from 're2js';

/**
 * A parameter's AllowedPattern, matched the way CloudFormation does (the whole value), with a
 * linear-time engine: a template's own pattern must never be able to hang a deploy or VS Code's
 * input box (JavaScript's RegExp backtracks: `(a+)+$` against "aaaa…!" runs for ever).
 *
 * RE2 has no lookaround or backreferences. A pattern that only a backtracking engine understands is
 * left to CloudFormation, which checks every value itself; a pattern no engine accepts is an error.
 */
export type CompiledPattern =
  | { kind: 'linear'; matches(value: string): boolean }
  | { kind: 'leftToCloudFormation' }
  | { kind: 'invalid'; reason: string };

const cache = new Map<string, CompiledPattern>();
const CACHE_LIMIT = 200;

export function compileAllowedPattern(pattern: string): CompiledPattern {
  const hit = cache.get(pattern);
  if (hit) return hit;
  const compiled = compile(pattern);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(pattern, compiled);
  return compiled;
}

function compile(pattern: string): CompiledPattern {
  try {
    const re = RE2JS.compile(pattern);
    return { kind: 'linear', matches: (value) => re.matches(value) };
  } catch (re2Error) {
    try {
      // Compiling never runs the pattern, so this cannot hang; it only tells "unsupported" from "wrong".
      new RegExp(pattern, 'u');
      return { kind: 'leftToCloudFormation' };
    } catch {
      return { kind: 'invalid', reason: (re2Error as Error).message.replace(/^error parsing regexp: /, '') };
    }
  }
}
