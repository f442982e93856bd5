import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const MUC_PHP = path.resolve(__dirname, '../../../../../sim/probe/lib/muc.php');

/** Runs PHP with the probe's lib/muc.php and a dataroot of its own; returns what the snippet echoes as JSON. */
function php(dataroot: string, body: string): { out: unknown; stderr: string; status: number | null } {
  const script = `<?php define('MOODLE_INTERNAL', true); $CFG = (object)['dataroot' => ${JSON.stringify(dataroot)}, 'cachedir' => ${JSON.stringify(dataroot)} . '/cache'];
require ${JSON.stringify(MUC_PHP)};
function attempt(callable $f) { try { $f(); return 'ok'; } catch (\\core_cache\\cache_exception $e) { return $e->getMessage(); } }
${body}`;
  const r = spawnSync('php', ['-d', 'display_errors=stderr', '--'], { input: script, encoding: 'utf8' });
  let out: unknown;
  try { out = JSON.parse(r.stdout); } catch { out = r.stdout; }
  return { out, stderr: r.stderr, status: r.status };
}

describe('probe: Moodle\'s cache configuration (lib/muc.php), held to Moodle 5.0\'s config_writer', () => {
  let dataroot: string;
  beforeEach(() => { dataroot = fs.mkdtempSync(path.join(os.tmpdir(), 'mha-muc-')); });
  afterEach(() => { fs.rmSync(dataroot, { recursive: true, force: true }); });

  it('refuses what Moodle refuses: a duplicate store, an unknown plugin, a mapping to an unknown store or mode, an edit of a missing store', () => {
    const r = php(dataroot, `$w = \\core_cache\\config_writer::instance();
echo json_encode([
  attempt(fn() => $w->add_store_instance('default_application', 'file')),
  attempt(fn() => $w->add_store_instance('x', 'nosuchplugin')),
  attempt(fn() => $w->set_mode_mappings([\\core_cache\\store::MODE_APPLICATION => ['missing']])),
  attempt(fn() => $w->set_mode_mappings([99 => ['default_application']])),
  attempt(fn() => $w->edit_store_instance('missing', 'file', [])),
]);`);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(r.out, [
      'Duplicate name specificed for cache plugin instance. You must provide a unique name.',
      'Invalid plugin name specified. The plugin does not exist or is not valid.',
      'The instance name for the new mapping does not exist',
      'The cache mode for the new mapping does not exist',
      'The requested instance does not exist.',
    ]);
  });

  it('a Redis store is accepted only where PHP has the redis extension (cachestore_redis::are_requirements_met)', () => {
    const r = php(dataroot, `echo json_encode([class_exists('Redis'), attempt(fn() => \\core_cache\\config_writer::instance()->add_store_instance('r', 'redis', ['server' => '127.0.0.1:1']))]);`);
    assert.equal(r.status, 0, r.stderr);
    const [hasRedis, result] = r.out as [boolean, string];
    assert.equal(result, hasRedis ? 'ok' : 'Unable to add new cache plugin instance. The requested plugin type is not supported.');
  });

  it('writes moodledata/muc/config.php as Moodle does, and the application mode reads the mapping back in its order', () => {
    const r = php(dataroot, `$w = \\core_cache\\config_writer::instance();
$w->add_store_instance('extra', 'file', ['path' => '/tmp']);
$w->set_mode_mappings([\\core_cache\\store::MODE_APPLICATION => ['extra', 'default_application'], \\core_cache\\store::MODE_SESSION => ['default_session'], \\core_cache\\store::MODE_REQUEST => ['default_request']]);
echo json_encode([array_column(probe_muc_application_stores(), 'name'), array_keys(\\core_cache\\config_writer::instance()->get_all_stores())]);`);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(r.out, [['extra', 'default_application'], ['default_application', 'default_session', 'default_request', 'extra']]);
    const file = fs.readFileSync(path.join(dataroot, 'muc/config.php'), 'utf8');
    assert.match(file, /^<\?php defined\('MOODLE_INTERNAL'\) \|\| die\(\);\n \$configuration = array \(/);
  });

  it('a muc folder that cannot be made is a cache_exception (Moodle\'s message), and nothing is written', () => {
    fs.writeFileSync(path.join(dataroot, 'muc'), 'not a folder');
    const r = php(dataroot, `echo json_encode(attempt(fn() => \\core_cache\\config_writer::instance()->add_store_instance('extra', 'file')));`);
    assert.equal(r.out, 'Cannot create config directory. Check the permissions on your moodledata directory.', r.stderr);
    assert.equal(fs.readFileSync(path.join(dataroot, 'muc'), 'utf8'), 'not a folder');
  });

  it('the application cache keeps a value in the file store and serves it again without computing it (no Redis mapped)', () => {
    const r = php(dataroot, `$n = 0; $f = function () use (&$n) { return ['computed' => ++$n]; };
echo json_encode([probe_app_cache('site', $f), probe_app_cache('site', $f)]);`);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(r.out, [{ computed: 1 }, { computed: 1 }]);
  });
});
