#!/bin/sh
# Writes the node's settings (every MHA_* variable) where PHP can read them whatever the SAPI,
# picks the document root (Moodle 5.1+ serves public/), then runs Apache in the foreground.
set -e
# shellcheck disable=SC2016 # PHP code, not shell
php -r '$e = array_filter(getenv(), fn($k) => str_starts_with($k, "MHA_"), ARRAY_FILTER_USE_KEY);
  file_put_contents("/etc/mha/env.php", "<?php return " . var_export($e, true) . ";\n");'
code="${MHA_CODE_DIR:-/var/www/moodle}"
if [ -d "$code/public" ]; then MHA_DOCROOT="$code/public"; else MHA_DOCROOT="$code"; fi
export MHA_DOCROOT MHA_NODE_NAME="${MHA_NODE_NAME:-$(hostname)}"
mkdir -p /mnt/moodledata /var/cache/moodle && chown www-data:www-data /mnt/moodledata /var/cache/moodle
# shellcheck source=/dev/null
. /etc/apache2/envvars
rm -f "$APACHE_PID_FILE"
exec apache2 -D FOREGROUND
