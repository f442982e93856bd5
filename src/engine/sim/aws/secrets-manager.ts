import { randomBytes } from 'node:crypto';

/** The database side of a rotation: change a user's password (and create the user when the replica lacks it). */
export interface DatabaseUsers {
  setPassword(username: string, password: string): Promise<void>;
}

export interface SecretValue { username: string; password: string }

interface Version { id: string; value: SecretValue; stages: string[] }

/**
 * Secrets Manager, as far as a rotation goes: a secret with versions and the AWSCURRENT and
 * AWSPREVIOUS stages. `rotate` does what RDS managed rotation (and the single-user rotation
 * function) does: a new random password, set on the database user, then the new version becomes
 * AWSCURRENT. Nobody tells the web nodes: they keep whatever config.php was rendered with until
 * something renders it again. Values never leave this object except through `current()`; the
 * description and events never include them.
 */
export class SecretStandIn {
  private readonly versions: Version[] = [];
  rotations = 0;

  constructor(readonly name: string, initial: SecretValue, private readonly db: DatabaseUsers, private readonly newPassword: () => string = () => randomBytes(16).toString('hex')) {
    this.versions.push({ id: 'v1', value: { ...initial }, stages: ['AWSCURRENT'] });
  }

  /** GetSecretValue with the AWSCURRENT stage. */
  current(): SecretValue {
    return { ...this.versions.find((v) => v.stages.includes('AWSCURRENT'))!.value };
  }

  /** createSecret → setSecret (the database) → finishSecret (move AWSCURRENT). */
  async rotate(): Promise<{ versionId: string; username: string }> {
    const previous = this.versions.find((v) => v.stages.includes('AWSCURRENT'))!;
    const next: Version = { id: `v${this.versions.length + 1}`, value: { username: previous.value.username, password: this.newPassword() }, stages: ['AWSPENDING'] };
    this.versions.push(next);
    await this.db.setPassword(next.value.username, next.value.password);
    for (const v of this.versions) v.stages = v.stages.filter((s) => s !== 'AWSPREVIOUS');
    previous.stages = ['AWSPREVIOUS'];
    next.stages = ['AWSCURRENT'];
    this.rotations++;
    return { versionId: next.id, username: next.value.username };
  }

  /** Puts the first value back on the database (a drill leaves the replica as it found it). */
  async restoreOriginal(): Promise<void> {
    const first = this.versions[0];
    await this.db.setPassword(first.value.username, first.value.password);
    for (const v of this.versions) v.stages = [];
    first.stages = ['AWSCURRENT'];
  }

  describe(): string {
    return `${this.name}: user ${this.current().username}, ${this.rotations} rotation(s), ${this.versions.length} version(s)`;
  }
}
