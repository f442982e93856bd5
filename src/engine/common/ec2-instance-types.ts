/**
 * What the scaffold and the rules need to know of an EC2 instance type from its name alone:
 * its CPU architecture, and for burstable types the share of each vCPU its credits pay for.
 */

export type CpuArchitecture = 'arm64' | 'x86_64';

/**
 * Graviton families carry a `g` right after their generation number (m7g, c7gn, r8gd, t4g,
 * im4gn, hpc7g, g5g); the first-generation a1 is the one that does not.
 */
const ARM_FAMILY = '[a-z]+[0-9]+g[a-z0-9-]*|a1';
const ARM_TYPE = new RegExp(`^(${ARM_FAMILY})\\.[a-z0-9]+$`);

export function instanceArchitecture(type: string): CpuArchitecture {
  return ARM_TYPE.test(type) ? 'arm64' : 'x86_64';
}

/**
 * CloudFormation AllowedPattern for the instance types of one architecture. Written without
 * look-arounds, so every dialect that reads it agrees: Java's (CloudFormation), Python's
 * (cfn-lint) and JavaScript's (our parameter checks).
 */
export function instanceTypePattern(architecture: CpuArchitecture): string {
  return architecture === 'arm64' ? ARM_TYPE.source : '^[a-z]+[0-9]+([a-fh-z][a-z0-9-]*)?\\.[a-z0-9]+$';
}

/**
 * Baseline CPU of burstable (T) instances, in percent of each vCPU: what the credits they earn
 * pay for. Above it a node spends credits; T3, T3a and T4g then buy surplus credits (unlimited
 * mode, their default), T2 and standard mode throttle to the baseline. From the EC2 User Guide's
 * "Key concepts and definitions for burstable performance instances" table.
 */
const T_BASELINES: Record<string, Record<string, number>> = {
  t2: { nano: 5, micro: 10, small: 20, medium: 20, large: 30, xlarge: 22.5, '2xlarge': 17 },
  t3: { nano: 5, micro: 10, small: 20, medium: 20, large: 30, xlarge: 40, '2xlarge': 40 },
  t3a: { nano: 5, micro: 10, small: 20, medium: 20, large: 30, xlarge: 40, '2xlarge': 40 },
  t4g: { nano: 5, micro: 10, small: 20, medium: 20, large: 30, xlarge: 40, '2xlarge': 40 },
};

export interface Burstable {
  family: string;
  baselinePercent: number;
  /** The credit mode a launch gets when it does not say: unlimited for T3/T3a/T4g, standard for T2. */
  defaultCredits: 'standard' | 'unlimited';
}

export function burstable(type: string): Burstable | undefined {
  const [family, size] = type.split('.');
  const baselinePercent = T_BASELINES[family]?.[size];
  if (baselinePercent === undefined) return undefined;
  return { family, baselinePercent, defaultCredits: family === 't2' ? 'standard' : 'unlimited' };
}

/**
 * A type of the same size and architecture that is not burstable, for a quick fix: the general
 * purpose family of the current generation (Graviton m7g for t4g, AMD m7a for t3a, Intel m7i
 * otherwise). Sizes below large have no M7 equivalent, so they map to large.
 */
export function steadyEquivalent(type: string): string | undefined {
  const found = burstable(type);
  if (!found) return undefined;
  const size = type.split('.')[1];
  const steadySize = ['xlarge', '2xlarge'].includes(size) ? size : 'large';
  const family = found.family === 't4g' ? 'm7g' : found.family === 't3a' ? 'm7a' : 'm7i';
  return `${family}.${steadySize}`;
}

/** The public SSM parameter that names the latest Amazon Linux 2023 AMI of an architecture. */
export function al2023AmiParameter(architecture: CpuArchitecture): string {
  return `/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-${architecture}`;
}
