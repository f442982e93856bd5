#!/bin/sh
# First start on an empty volume: create the system tables, the Moodle database and its user.
set -e
: "${MHA_DB_NAME:=moodle}" "${MHA_DB_USER:=moodle}" "${MHA_DB_PASS:?MHA_DB_PASS must be set}"
mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld /var/lib/mysql
if [ ! -f /var/lib/mysql/.mha-initialised ]; then
  [ -d /var/lib/mysql/mysql ] || mariadb-install-db --user=mysql --datadir=/var/lib/mysql --skip-test-db >/dev/null
  mariadbd --user=mysql --skip-networking --socket=/run/mysqld/init.sock &
  pid=$!
  for _ in $(seq 1 60); do mariadb-admin --socket=/run/mysqld/init.sock ping >/dev/null 2>&1 && break; sleep 0.5; done
  mariadb --socket=/run/mysqld/init.sock <<SQL
CREATE DATABASE IF NOT EXISTS \`$MHA_DB_NAME\` DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS '$MHA_DB_USER'@'%' IDENTIFIED BY '$MHA_DB_PASS';
GRANT ALL ON \`$MHA_DB_NAME\`.* TO '$MHA_DB_USER'@'%';
FLUSH PRIVILEGES;
SQL
  kill "$pid"; wait "$pid" || true
  touch /var/lib/mysql/.mha-initialised
fi
exec mariadbd --user=mysql
