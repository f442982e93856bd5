import { parse as parseYaml } from 'yaml';

/** The parameters block of an SSM Command document (schema 2.2), as SSM reads it. */
interface DocumentParameter { type?: string; default?: unknown; allowedValues?: string[]; allowedPattern?: string }

/**
 * What real SSM's SendCommand answers InvalidParameters for, checked against the document's own
 * declaration: a parameter the document does not declare, one it requires (no default) left out,
 * a value outside allowedValues or not matching allowedPattern. moto's SendCommand accepts anything, so tests check through this.
 */
export function ssmParameterProblems(documentContent: string | object, sent: Record<string, string[]> | undefined): string[] {
  const content = (typeof documentContent === 'string' ? parseYaml(documentContent) : documentContent) as { parameters?: Record<string, DocumentParameter> };
  const declared = content.parameters ?? {};
  const problems: string[] = [];
  for (const [name, values] of Object.entries(sent ?? {})) {
    const spec = declared[name];
    if (!spec) { problems.push(`${name} is not a parameter of the document`); continue; }
    for (const value of values) {
      if (spec.allowedValues && !spec.allowedValues.includes(value)) problems.push(`${name}=${value} is not one of ${spec.allowedValues.join('|')}`);
      if (spec.allowedPattern && !new RegExp(spec.allowedPattern).test(value)) problems.push(`${name}=${value} does not match ${spec.allowedPattern}`);
    }
  }
  for (const [name, spec] of Object.entries(declared)) {
    if (spec.default === undefined && !(sent && name in sent)) problems.push(`${name} is required and was not sent`);
  }
  return problems;
}

/** Every {{ Name }} a document's steps use must be declared (SSM refuses to create the document otherwise). */
export function undeclaredPlaceholders(documentContent: object): string[] {
  const declared = new Set(Object.keys((documentContent as { parameters?: object }).parameters ?? {}));
  const used = [...JSON.stringify((documentContent as { mainSteps?: unknown }).mainSteps ?? []).matchAll(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g)].map((m) => m[1]);
  return [...new Set(used)].filter((name) => !declared.has(name));
}
