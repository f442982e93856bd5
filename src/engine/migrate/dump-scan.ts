import { createHash } from 'node:crypto';
import { StringDecoder } from 'node:string_decoder';

/**
 * Reads a mysqldump or pg_dump (plain SQL) as it streams past, line by line, and learns what the
 * checks and the verification need: every table with its engine and collation, its rows and an
 * order-independent checksum of their values, the Moodle version stored in the config table, the
 * content hashes the files table references, and whether the dump ran to its end.
 *
 * The checksum is over each row's parsed values (strings unescaped), so a dump of the restored
 * database by another client version produces the same sums when the data is the same.
 */
export interface TableScan {
  name: string;
  engine?: string;
  /** Table default collation (MySQL) and any column-level collation that differs. */
  collations: string[];
  charset?: string;
  rows: number;
  /** 16 hex digits: the sum over rows of the first 64 bits of SHA-1(row). */
  checksum: string;
  dataBytes: number;
}

export interface DumpScan {
  family: 'mysql' | 'postgres' | 'unknown';
  serverVersion?: string;
  tables: Record<string, TableScan>;
  complete: boolean;
  /** The Moodle version in <prefix>config (name = 'version'), when the dump has it. */
  moodleVersion?: number;
  /** Distinct contenthash values of <prefix>files. */
  contentHashes: string[];
  bytes: number;
  rows: number;
  /** A line that could not be parsed (e.g. a dump cut in the middle of a row). */
  problems: string[];
}

interface Acc { scan: TableScan; a: number; b: number; columns: string[] }

export class DumpScanner {
  private family: DumpScan['family'] = 'unknown';
  private serverVersion?: string;
  private tables = new Map<string, Acc>();
  private complete = false;
  private moodleVersion?: number;
  private hashes = new Set<string>();
  private bytes = 0;
  private rows = 0;
  private problems: string[] = [];
  private pending = '';
  /** Keeps a UTF-8 character that a chunk boundary splits whole (decoding chunks alone corrupts it). */
  private decoder = new StringDecoder('utf8');
  private createBuffer: string[] | undefined;
  private copyTarget: Acc | undefined;
  /** MariaDB 10.11's mysqldump writes `INSERT … VALUES` then one row per line, ending with `;`. */
  private insertTarget: Acc | undefined;

  constructor(private readonly prefix = 'mdl_') {}

  /** Feed raw bytes (already decompressed) in any chunking. */
  write(chunk: Buffer | string): void {
    const text = typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    this.bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
    const lines = (this.pending + text).split('\n');
    this.pending = lines.pop() ?? '';
    for (const line of lines) this.line(line);
  }

  end(): DumpScan {
    this.pending += this.decoder.end();
    if (this.pending) { this.line(this.pending, true); this.pending = ''; }
    const tables: Record<string, TableScan> = {};
    for (const [name, acc] of this.tables) tables[name] = { ...acc.scan, checksum: hex8(acc.a) + hex8(acc.b) };
    return {
      family: this.family, serverVersion: this.serverVersion, tables, complete: this.complete,
      moodleVersion: this.moodleVersion, contentHashes: [...this.hashes].sort(), bytes: this.bytes, rows: this.rows, problems: this.problems,
    };
  }

  get progress(): { bytes: number; rows: number } { return { bytes: this.bytes, rows: this.rows }; }

  private line(line: string, last = false): void {
    if (this.copyTarget) {
      if (line === '\\.') { this.copyTarget = undefined; return; }
      if (last) { this.problems.push(`the data of ${this.copyTarget.scan.name} ends without its terminator`); return; }
      this.row(this.copyTarget, line.split('\t').map(unescapeCopy));
      return;
    }
    if (this.insertTarget) {
      const acc = this.insertTarget;
      acc.scan.dataBytes += line.length + 1;
      const state = parseTuples(line, 0, (values) => this.row(acc, values));
      if (state !== 'more') this.insertTarget = undefined;
      if (state === 'bad' || (state === 'more' && last)) this.problems.push(`the data of ${acc.scan.name} is cut off in the middle of a row`);
      return;
    }
    if (this.createBuffer) {
      this.createBuffer.push(line);
      if (/^\)/.test(line)) { this.createTable(this.createBuffer); this.createBuffer = undefined; }
      return;
    }
    if (line.startsWith('--')) {
      if (/^-- (MySQL|MariaDB) dump/.test(line)) this.family = 'mysql';
      else if (/^-- PostgreSQL database dump/.test(line)) this.family = 'postgres';
      const server = /^-- (?:Server version|Dumped from database version)\s+(.+)$/.exec(line);
      if (server) this.serverVersion = server[1].trim();
      // Both tools write their trailer only after the last row.
      if (/^-- Dump completed/.test(line) || /^-- PostgreSQL database dump complete/.test(line)) this.complete = true;
      return;
    }
    if (line.startsWith('CREATE TABLE ')) { this.createBuffer = [line]; if (/;\s*$/.test(line)) { this.createTable(this.createBuffer); this.createBuffer = undefined; } return; }
    if (line.startsWith('INSERT INTO ')) { this.insert(line, last); return; }
    const copy = /^COPY ([^ ]+) \((.*)\) FROM stdin;$/.exec(line);
    if (copy) {
      const acc = this.table(bareName(copy[1]));
      acc.columns = copy[2].split(',').map((c) => c.trim().replace(/^"|"$/g, ''));
      this.copyTarget = acc;
    }
  }

  private table(name: string): Acc {
    let acc = this.tables.get(name);
    if (!acc) {
      acc = { scan: { name, collations: [], rows: 0, checksum: '', dataBytes: 0 }, a: 0, b: 0, columns: [] };
      this.tables.set(name, acc);
    }
    return acc;
  }

  private createTable(lines: string[]): void {
    const name = bareName(/^CREATE TABLE (?:IF NOT EXISTS )?([^ (]+)/.exec(lines[0])?.[1] ?? '?');
    const acc = this.table(name);
    const columns: string[] = [];
    const collations = new Set<string>();
    for (const l of lines.slice(1)) {
      const column = /^\s+[`"]?([A-Za-z0-9_$]+)[`"]? [a-z]/.exec(l);
      if (column && !/^\s+(PRIMARY|UNIQUE|KEY|CONSTRAINT|INDEX|FULLTEXT|CHECK)\b/i.test(l)) columns.push(column[1]);
      const columnCollation = / COLLATE[= ]([A-Za-z0-9_]+)/.exec(l);
      if (column && columnCollation) collations.add(columnCollation[1]);
    }
    const tail = lines[lines.length - 1];
    const engine = /ENGINE=(\w+)/.exec(tail)?.[1];
    const charset = /(?:DEFAULT )?CHARSET=(\w+)/.exec(tail)?.[1];
    const tableCollation = /COLLATE=(\w+)/.exec(tail)?.[1];
    if (tableCollation) collations.add(tableCollation);
    acc.columns = columns;
    acc.scan.engine = engine;
    acc.scan.charset = charset;
    acc.scan.collations = [...collations].sort();
  }

  private insert(line: string, last: boolean): void {
    const head = /^INSERT INTO [`"]?([^`" ]+)[`"]?(?: \(([^)]*)\))? VALUES ?/.exec(line);
    if (!head) { this.problems.push(`unreadable INSERT: ${line.slice(0, 80)}`); return; }
    const acc = this.table(bareName(head[1]));
    if (head[2]) acc.columns = head[2].split(',').map((c) => c.trim().replace(/^[`"]|[`"]$/g, ''));
    acc.scan.dataBytes += line.length + 1;
    if (head[0].length === line.length) { this.insertTarget = acc; if (last) this.problems.push(`the data of ${acc.scan.name} is cut off`); return; }
    const state = parseTuples(line, head[0].length, (values) => this.row(acc, values));
    if (state === 'more') this.insertTarget = acc;
    if (state === 'bad' || last) this.problems.push(`the data of ${acc.scan.name} is cut off in the middle of a row`);
  }

  private row(acc: Acc, values: Array<string | null>): void {
    const digest = createHash('sha1').update(values.map((v) => (v === null ? '\u0000N' : v)).join('\u001f')).digest();
    acc.a = (acc.a + digest.readUInt32BE(0)) >>> 0;
    acc.b = (acc.b + digest.readUInt32BE(4)) >>> 0;
    acc.scan.rows++;
    this.rows++;
    const name = acc.scan.name;
    if (name === `${this.prefix}files`) {
      const hash = values[acc.columns.indexOf('contenthash')];
      if (hash) this.hashes.add(hash);
    } else if (name === `${this.prefix}config`) {
      const n = acc.columns.indexOf('name'), v = acc.columns.indexOf('value');
      if (n >= 0 && v >= 0 && values[n] === 'version') this.moodleVersion = Number(values[v]);
    }
  }
}

function bareName(name: string): string {
  return name.replace(/[`"]/g, '').replace(/^public\./, '');
}

/**
 * Parses `(v,v,…),(…);` from `start`: 'end' after the closing `;`, 'more' when the line ends after a
 * `,` between rows (the next line goes on), 'bad' when it ends inside a row.
 */
export function parseTuples(line: string, start: number, onRow: (values: Array<string | null>) => void): 'end' | 'more' | 'bad' {
  let i = start;
  while (i < line.length) {
    if (line[i] !== '(') return 'bad';
    i++;
    const values: Array<string | null> = [];
    for (;;) {
      let value: string | null;
      if (line[i] === "'") {
        [value, i] = readQuoted(line, i);
        if (i < 0) return 'bad';
      } else if (line.startsWith('_binary ', i)) {
        [value, i] = readQuoted(line, i + 8);
        if (i < 0) return 'bad';
      } else {
        let end = i;
        while (end < line.length && line[end] !== ',' && line[end] !== ')') end++;
        const raw = line.slice(i, end);
        value = raw === 'NULL' ? null : raw;
        i = end;
      }
      values.push(value);
      if (line[i] === ',') { i++; continue; }
      if (line[i] === ')') { i++; break; }
      return 'bad';
    }
    onRow(values);
    if (line[i] === ',') { i++; if (i === line.length) return 'more'; continue; }
    return line[i] === ';' ? 'end' : 'bad';
  }
  return 'bad';
}

const ESCAPES: Record<string, string> = { '0': '\u0000', n: '\n', r: '\r', t: '\t', b: '\b', Z: '\u001a' };

/** A single-quoted MySQL string at `i`; returns its value and the index after the closing quote (-1: cut off). */
function readQuoted(line: string, i: number): [string, number] {
  let out = '';
  let j = i + 1;
  for (;;) {
    const quote = line.indexOf("'", j);
    const slash = line.indexOf('\\', j);
    if (quote < 0) return ['', -1];
    if (slash >= 0 && slash < quote) {
      out += line.slice(j, slash);
      const c = line[slash + 1];
      out += ESCAPES[c] ?? c;
      j = slash + 2;
      continue;
    }
    out += line.slice(j, quote);
    if (line[quote + 1] === "'") { out += "'"; j = quote + 2; continue; }
    return [out, quote + 1];
  }
}

function unescapeCopy(field: string): string | null {
  if (field === '\\N') return null;
  return field.replace(/\\(.)/g, (_, c: string) => ESCAPES[c] ?? (c === 'v' ? '\v' : c === 'f' ? '\f' : c));
}

function hex8(n: number): string { return n.toString(16).padStart(8, '0'); }
