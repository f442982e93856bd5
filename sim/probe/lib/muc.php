<?php
// Moodle's cache configuration (MUC) where high availability is decided, as Moodle 5.0's cache/ has it:
// - \core_cache\config_writer keeps the stores and the mode mappings in moodledata/muc/config.php (one
//   file every node reads), with Moodle's checks: a duplicate or unknown store, an unknown plugin, a
//   plugin whose PHP extension is missing, or a muc folder that cannot be written is a cache_exception;
// - the application cache chains the application mode's stores in their order: a store that is not
//   ready (Redis refused the connection within its timeout, 3 s by default) is left out, a hit in a
//   later store is copied into the earlier ones, and a value is written to every one;
// - a Redis error after the connection was made is not caught, so that request fails, as in Moodle.

namespace core_cache {
    class cache_exception extends \Exception {
    }

    class store {
        const MODE_APPLICATION = 1;
        const MODE_SESSION = 2;
        const MODE_REQUEST = 4;
    }

    class config_writer {
        /** Plugins Moodle ships that the probe knows, with the mode each one can serve. */
        private const PLUGINS = ['file' => 3, 'session' => 2, 'static' => 4, 'redis' => 3];
        private array $configuration;

        private function __construct(array $configuration) {
            $this->configuration = $configuration;
        }

        public static function instance(): self {
            return new self(\probe_muc_configuration());
        }

        public function get_all_stores(): array {
            return $this->configuration['stores'];
        }

        public function add_store_instance($name, $plugin, array $configuration = []) {
            if (array_key_exists($name, $this->configuration['stores'])) {
                throw new cache_exception('Duplicate name specificed for cache plugin instance. You must provide a unique name.');
            }
            $this->configuration['stores'][$name] = $this->store_record($name, $plugin, $configuration, false);
            $this->save();
            return true;
        }

        public function edit_store_instance($name, $plugin, $configuration) {
            if (!array_key_exists($name, $this->configuration['stores'])) {
                throw new cache_exception('The requested instance does not exist.');
            }
            $default = $this->configuration['stores'][$name]['default'];
            $this->configuration['stores'][$name] = $this->store_record($name, $plugin, $configuration, $default);
            $this->save();
            return true;
        }

        public function set_mode_mappings(array $modemappings) {
            $mappings = [store::MODE_APPLICATION => [], store::MODE_SESSION => [], store::MODE_REQUEST => []];
            foreach ($modemappings as $mode => $stores) {
                if (!array_key_exists($mode, $mappings)) {
                    throw new cache_exception('The cache mode for the new mapping does not exist');
                }
                $sort = 0;
                foreach ($stores as $storename) {
                    if (!array_key_exists($storename, $this->configuration['stores'])) {
                        throw new cache_exception('The instance name for the new mapping does not exist');
                    }
                    $mappings[$mode][] = ['store' => $storename, 'mode' => $mode, 'sort' => $sort++];
                }
            }
            $this->configuration['modemappings'] = array_merge(...array_values($mappings));
            $this->save();
            return true;
        }

        private function store_record(string $name, string $plugin, array $configuration, bool $default): array {
            if (!array_key_exists($plugin, self::PLUGINS)) {
                throw new cache_exception('Invalid plugin name specified. The plugin does not exist or is not valid.');
            }
            if ($plugin === 'redis' && !class_exists('Redis')) {
                throw new cache_exception('Unable to add new cache plugin instance. The requested plugin type is not supported.');
            }
            return ['name' => $name, 'plugin' => $plugin, 'configuration' => $configuration, 'modes' => self::PLUGINS[$plugin],
                'mappingsonly' => !empty($configuration['mappingsonly']), 'class' => 'cachestore_' . $plugin, 'default' => $default];
        }

        /** As Moodle's config_save: the muc folder must be writable; the file is replaced whole. */
        private function save(): void {
            $file = \probe_muc_config_path();
            $dir = dirname($file);
            if (!is_dir($dir) && !@mkdir($dir, 02777, true)) {
                throw new cache_exception('Cannot create config directory. Check the permissions on your moodledata directory.');
            }
            if (!is_writable($dir)) {
                throw new cache_exception('Config directory is not writable. Check the permissions on the moodledata/muc directory.');
            }
            $content = "<?php defined('MOODLE_INTERNAL') || die();\n \$configuration = " . var_export($this->configuration, true) . ";";
            $tmp = "$file.tmp";
            file_put_contents($tmp, $content);
            rename($tmp, $file);
            if (function_exists('opcache_invalidate')) @opcache_invalidate($file, true);
        }
    }
}

namespace {
    function probe_muc_config_path(): string {
        global $CFG;
        return $CFG->dataroot . '/muc/config.php';
    }

    /** moodledata/muc/config.php, or Moodle's default configuration (the three default stores) when there is none. */
    function probe_muc_configuration(): array {
        $file = probe_muc_config_path();
        if (is_readable($file)) {
            $configuration = null;
            include $file;
            if (is_array($configuration)) return $configuration;
        }
        $store = fn(string $name, string $plugin, int $modes) => ['name' => $name, 'plugin' => $plugin, 'configuration' => [], 'modes' => $modes,
            'mappingsonly' => false, 'class' => "cachestore_$plugin", 'default' => true];
        return [
            'siteidentifier' => null,
            'stores' => ['default_application' => $store('default_application', 'file', 3), 'default_session' => $store('default_session', 'session', 2),
                'default_request' => $store('default_request', 'static', 4)],
            'modemappings' => [['store' => 'default_application', 'mode' => 1, 'sort' => -1], ['store' => 'default_session', 'mode' => 2, 'sort' => -1],
                ['store' => 'default_request', 'mode' => 4, 'sort' => -1]],
            'definitions' => [], 'definitionmappings' => [], 'locks' => [],
        ];
    }

    /** The application mode's stores, in their mapping's order. */
    function probe_muc_application_stores(): array {
        $configuration = probe_muc_configuration();
        $mappings = array_values(array_filter($configuration['modemappings'], fn($m) => (int)$m['mode'] === 1));
        usort($mappings, fn($a, $b) => $a['sort'] <=> $b['sort']);
        $stores = [];
        foreach ($mappings as $m) if (isset($configuration['stores'][$m['store']])) $stores[] = $configuration['stores'][$m['store']];
        return $stores;
    }

    /** A store's Redis connection as cachestore_redis makes it, once per request; null when it is not ready. */
    function probe_muc_redis(array $store): ?Redis {
        static $connections = [];
        $name = $store['name'];
        if (array_key_exists($name, $connections)) return $connections[$name];
        $config = $store['configuration'];
        $timeout = (int)($config['connectiontimeout'] ?? 3);
        [$host, $port] = array_pad(explode(':', strtolower(trim(explode("\n", (string)$config['server'])[0]))), 2, '6379');
        try {
            $redis = new Redis();
            $redis->connect(!empty($config['encryption']) ? "tls://$host" : $host, (int)$port, $timeout, null, 100, $timeout);
            if (!empty($config['password'])) $redis->auth($config['password']);
            if (!empty($config['prefix'])) $redis->setOption(Redis::OPT_PREFIX, $config['prefix']);
            return $connections[$name] = $redis;
        } catch (RedisException $e) {
            error_log("Failed to connect to Redis at $host:$port, the error returned was: {$e->getMessage()}");
            return $connections[$name] = null;
        }
    }

    /** One ready store of the application mode: get/set/purge over a file folder or a Redis hash. */
    function probe_muc_store(array $store): ?array {
        global $CFG;
        if ($store['plugin'] === 'redis') {
            $redis = probe_muc_redis($store);
            if ($redis === null) return null;
            return [
                'get' => function (string $key) use ($redis) { $text = $redis->hGet('probe_app', $key); return $text === false ? null : json_decode($text, true); },
                'set' => function (string $key, $value) use ($redis) { $redis->hSet('probe_app', $key, json_encode($value)); },
            ];
        }
        if ($store['plugin'] !== 'file') return null;
        $dir = rtrim($CFG->cachedir ?? ($CFG->dataroot . '/cache'), '/') . '/probe/';
        $file = fn(string $key) => $dir . preg_replace('/[^a-z0-9_]/', '_', $key) . '.json';
        return [
            'get' => function (string $key) use ($file) { $text = @file_get_contents($file($key)); return $text === false ? null : json_decode($text, true); },
            'set' => function (string $key, $value) use ($file, $dir) {
                @mkdir($dir, 0777, true);
                $tmp = $file($key) . '.' . bin2hex(random_bytes(4));
                if (@file_put_contents($tmp, json_encode($value)) !== false) @rename($tmp, $file($key));
            },
        ];
    }

    /**
     * The application cache: the mapped stores chained as Moodle's loaders are. Returns the cached value,
     * or computes it and stores it in every ready store. No ready store: computed every time (Moodle's dummy store).
     */
    function probe_app_cache(string $key, callable $compute) {
        $stores = array_values(array_filter(array_map('probe_muc_store', probe_muc_application_stores())));
        foreach ($stores as $i => $store) {
            $value = $store['get']($key);
            if ($value === null) continue;
            for ($j = 0; $j < $i; $j++) $stores[$j]['set']($key, $value);
            return $value;
        }
        $value = $compute();
        foreach ($stores as $store) $store['set']($key, $value);
        return $value;
    }

    /** purge_caches.php's part for Redis stores: each ready one loses the keys under its prefix. */
    function probe_purge_redis_stores(): void {
        foreach (probe_muc_configuration()['stores'] as $store) {
            if ($store['plugin'] !== 'redis' || ($redis = probe_muc_redis($store)) === null) continue;
            $redis->del('probe_app');
        }
    }
}
