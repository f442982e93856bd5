#!/bin/sh
# Web node start: picks the document root (Moodle 5.1+ serves public/), writes config.php once the
# way CodeDeploy's AfterInstall does (the scaffold bundle's render-config.php over its template, with
# the node's values from /etc/mha/render.env), then runs Apache in the foreground. A node restarted
# later keeps the config.php it has (as an EC2 instance does after a reboot).
set -e
code="${MHA_CODE_DIR:-/var/www/moodle}"
bundle=/opt/moodle-ha/bundle
if [ ! -f "$code/config.php" ] && [ -f /etc/mha/render.env ]; then
  # shellcheck disable=SC1091 # written by the simulator
  (set -a && . /etc/mha/render.env && set +a && php "$bundle/render-config.php" "$bundle/config.php.template") > "$code/config.php.new"
  php -l "$code/config.php.new" >/dev/null
  mv "$code/config.php.new" "$code/config.php"
  chown root:www-data "$code/config.php" && chmod 640 "$code/config.php"
fi
if [ -d "$code/public" ]; then MHA_DOCROOT="$code/public"; else MHA_DOCROOT="$code"; fi
export MHA_DOCROOT MHA_NODE_NAME="${MHA_NODE_NAME:-$(hostname)}"
mkdir -p /mnt/moodledata /var/cache/moodle && chown www-data:www-data /mnt/moodledata /var/cache/moodle
# shellcheck source=/dev/null
. /etc/apache2/envvars
rm -f "$APACHE_PID_FILE"
exec apache2 -D FOREGROUND
