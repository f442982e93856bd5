#!/bin/sh
# First start: host keys, the database, config.php and the seeded site. Later starts: just run.
set -e
[ -f /etc/ssh/ssh_host_ed25519_key ] || ssh-keygen -A >/dev/null
if [ -n "$MHA_SSH_PUBKEY" ]; then
  install -d -m 700 -o moodleadmin -g moodleadmin /home/moodleadmin/.ssh
  printf '%s\n' "$MHA_SSH_PUBKEY" > /home/moodleadmin/.ssh/authorized_keys
  chown moodleadmin:moodleadmin /home/moodleadmin/.ssh/authorized_keys; chmod 600 /home/moodleadmin/.ssh/authorized_keys
fi
chown mysql:mysql /var/lib/mysql /run/mysqld
[ -d /var/lib/mysql/mysql ] || mariadb-install-db --user=mysql --datadir=/var/lib/mysql --skip-test-db >/dev/null
mariadbd --user=mysql &
for _ in $(seq 1 120); do mariadb-admin ping >/dev/null 2>&1 && break; sleep 0.5; done
if [ ! -f /var/moodledata/.legacy-seeded ]; then
  [ -f /var/www/moodle/version.php ] || cp -a /opt/legacy-code/. /var/www/moodle/
  php /opt/legacy/seed.php
  chown -R www-data:www-data /var/moodledata
  chmod -R g+rX /var/moodledata /var/www/moodle
  chgrp www-data /var/www/moodle/config.php && chmod 640 /var/www/moodle/config.php
  touch /var/moodledata/.legacy-seeded
fi
/usr/sbin/sshd
. /etc/apache2/envvars
rm -f "$APACHE_PID_FILE"
exec apache2 -D FOREGROUND
