import { configPhpWritten } from '../config-php-writers';
import { displayName, familyModels, type StackFamily } from './family';

/**
 * The config.php another template of the stack writes, for a web tier whose template writes none
 * and gets its code by deployment. Only when exactly one other template writes one: with two, which
 * of them reaches these servers cannot be told from the templates, and the rules stay silent.
 */
export function moodleConfigFromElsewhere(family: StackFamily): { file: string; config: string } | undefined {
  const writers = familyModels(family)
    .filter((m) => m.file !== family.file)
    .map((m) => ({ file: displayName(family, m.file), config: configPhpWritten(m.model) }))
    .filter((w): w is { file: string; config: string } => w.config !== undefined);
  return writers.length === 1 ? writers[0] : undefined;
}
