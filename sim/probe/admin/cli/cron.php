<?php
// As Moodle's admin/cli/cron.php on every node: suspended in CLI maintenance or with an upgrade
// pending (exit 1); each task runs under a database lock (lock_factory 'auto' on MariaDB/PostgreSQL),
// so two nodes never run the same task at once. A task whose lock is taken is skipped this run.
define('CLI_SCRIPT', true);
require dirname(__DIR__, 2) . '/config.php';
probe_cli_options(['execute' => false, 'keep-alive' => false, 'help' => false]);
if (CLI_MAINTENANCE) probe_cli_exit('Cron is suspended: CLI maintenance mode is on.', 1);
if (empty($CFG->version) || probe_code_version() > $CFG->version) probe_cli_exit('Cron is suspended: an upgrade is pending.', 1);
foreach (['session_cleanup', 'file_trash_cleanup'] as $task) {
    $lock = "cron_task_$task";
    if (!$DB->tryLock($lock)) { echo "Task $task: lock taken by another node, skipped\n"; continue; }
    try {
        $DB->exec('INSERT INTO ' . $DB->t('mha_task_runs') . ' (node, task) VALUES (?, ?)', [probe_node(), $task]);
        echo "Task $task: done on " . probe_node() . "\n";
    } finally {
        $DB->unlock($lock);
    }
}
exit(0);
