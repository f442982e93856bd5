/** moodle/appspec.yml, moodle/php/moodle.ini, moodle/cron/moodle.cron. */

/** CodeDeploy: where the code goes and which hook runs at each event. */
export const APPSPEC_YML = `# CodeDeploy: the bundle's code/ goes to local disk on each web server, one server at a time.
# The hooks (hooks/) write config.php and check the site; they never install or upgrade the
# database: 'moodle-ha site install' and 'moodle-ha site upgrade' run ops/ on one node for that.
version: 0.0
os: linux
files:
  - source: code
    destination: /var/www/moodle
file_exists_behavior: OVERWRITE
hooks:
  ApplicationStop:
    # Waits up to 600 s for a running cron.php.
    - location: hooks/application-stop.sh
      timeout: 900
      runas: root
  BeforeInstall:
    - location: hooks/before-install.sh
      timeout: 300
      runas: root
  AfterInstall:
    # The other nodes wait for the deploy lock while one checks the site.
    - location: hooks/after-install.sh
      timeout: 3600
      runas: root
  ApplicationStart:
    - location: hooks/application-start.sh
      timeout: 300
      runas: root
  ValidateService:
    - location: hooks/validate-service.sh
      timeout: 300
      runas: root
`;

/** PHP settings Moodle requires. */
export const MOODLE_INI = `; PHP settings Moodle needs, installed as 90-moodle.ini by hooks/after-install.sh.
memory_limit = 256M
max_input_vars = 5000
max_execution_time = 300
upload_max_filesize = 512M
post_max_size = 512M
; Opcache: the code changes only through a deployment, and ApplicationStart restarts PHP.
opcache.enable = 1
opcache.enable_cli = 0
opcache.memory_consumption = 256
opcache.interned_strings_buffer = 16
opcache.max_accelerated_files = 20000
opcache.validate_timestamps = 0
opcache.save_comments = 1
`;

/** cron.d entry; after-install.sh fills in the placeholders. */
export const MOODLE_CRON = `# Moodle cron, every minute on every node; after-install.sh fills in the placeholders and installs
# this as /etc/cron.d/moodle. Task locks keep each scheduled task to one node at a time.
# @CRON_LOG@ is MOODLE_LOG_DIR/cron.log (shipped by the CloudWatch agent) or /dev/null.
* * * * * @WEB_USER@ @PHP@ @CLI_DIR@/cron.php >> @CRON_LOG@ 2>&1
`;
