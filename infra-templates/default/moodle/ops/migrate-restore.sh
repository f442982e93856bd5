#!/usr/bin/env bash
# Restores a migrated site on ONE web server: 'moodle-ha migrate cutover' uploads the taken site to
# s3://BUCKET/PREFIX/ (database.sql[.gz], moodledata/..., manifest.json last) and runs this through
# the stack's MigrateRestoreDocument. It restores the database, puts moodledata on the shared mount
# as the web user, and verifies against the manifest: every file's SHA-256, the rows and checksum of
# every table, every pool file hashing to its name and every file the database references present.
#
# The database password comes from Secrets Manager (MOODLE_DB_SECRET_ARN, Moodle's own user, which
# owns the moodle database; the master user stays with RDS) and reaches the client through a pipe
# (a file descriptor), never a command line, the environment or the disk.
# Resumable: a finished step leaves a marker under MOODLE_STATE_DIR/migrate/<manifest SHA-256>/, so a
# second run skips it; a step cut off runs again from its start (the dump drops and recreates each
# table). A database that already holds tables, and was not restored by this manifest, is refused.
#
# Exit codes: 0 verified; 2 usage; 3 S3 (bucket, manifest, an object it names missing, download); 4 an object does not match its
# SHA-256; 5 the database restore failed; 6 verification failed (the lines before say what); 7 the
# target database is not empty.
set -euo pipefail
# shellcheck source=SCRIPTDIR/../hooks/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

bucket="" prefix="" account=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --bucket) bucket="${2:-}"; shift 2 ;;
    --prefix) prefix="${2:-}"; shift 2 ;;
    --account) account="${2:-}"; shift 2 ;;
    *) echo "usage: migrate-restore.sh --bucket BUCKET --prefix PREFIX --account ACCOUNT_ID" >&2; exit 2 ;;
  esac
done
if [[ ! "$bucket" =~ ^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$ || ! "$prefix" =~ ^[A-Za-z0-9_][A-Za-z0-9/_.-]{0,199}$ || "$prefix" == *..* || ! "$account" =~ ^[0-9]{12}$ ]]; then
  echo "moodle-ha: --bucket, --prefix (no ..) and a 12-digit --account are required" >&2
  exit 2
fi
for need in MOODLE_DB_SECRET_ARN MOODLE_DB_HOST MOODLE_DB_NAME; do
  if [[ -z "${!need:-}" ]]; then echo "moodle-ha: $need is not set (/etc/moodle-ha/moodle.env)" >&2; exit 2; fi
done

s3_fail() { echo "moodle-ha: S3: $1 (bucket $bucket, account $account). Nothing on this side was changed by this step." >&2; exit 3; }
aws_cli s3api head-bucket --bucket "$bucket" --expected-bucket-owner "$account" >/dev/null \
  || s3_fail "the bucket does not exist, is not owned by the account, or this instance may not read it"

base="$MOODLE_STATE_DIR/migrate"
mkdir -p "$base" && chmod 700 "$base"
aws_cli s3api get-object --bucket "$bucket" --key "$prefix/manifest.json" --expected-bucket-owner "$account" "$base/manifest.json.part" >/dev/null \
  || s3_fail "no $prefix/manifest.json: run 'moodle-ha migrate cutover' to upload the site first"
manifest_sha="$(sha256sum "$base/manifest.json.part" | cut -d' ' -f1)"
work="$base/$manifest_sha"
mkdir -p "$work"
mv "$base/manifest.json.part" "$work/manifest.json"
manifest="$work/manifest.json"
done_step() { [[ -e "$work/$1.done" ]]; }
mark_done() { touch "$work/$1.done"; }

# Every object the manifest names must be in the bucket before anything changes: a restore stopped
# by a missing file would leave the stack's database and file system half-filled.
if ! done_step database || ! done_step moodledata; then
  aws_cli s3api list-objects-v2 --bucket "$bucket" --prefix "$prefix/" --expected-bucket-owner "$account" --query 'Contents[].Key' --output json > "$work/keys.json" \
    || s3_fail "cannot list s3://$bucket/$prefix/"
  jq -r '.[]?' "$work/keys.json" | sort -u > "$work/keys.listed"
  { jq -r .dump.key "$manifest"; jq -r --arg p "$prefix/moodledata/" '.files[] | $p + .path' "$manifest"; } | sort -u > "$work/keys.needed"
  comm -23 "$work/keys.needed" "$work/keys.listed" > "$work/keys.missing"
  if [[ -s "$work/keys.missing" ]]; then
    echo "moodle-ha: $(wc -l < "$work/keys.missing") object(s) the manifest names are not in the bucket:" >&2
    head -n 10 "$work/keys.missing" >&2
    s3_fail "the upload is incomplete; run 'moodle-ha migrate cutover' again to send what is missing (nothing was restored)"
  fi
fi

# The client's options on a pipe: read once by the client, gone when it exits.
db_options() {
  local secret user pass
  secret="$(aws_cli secretsmanager get-secret-value --secret-id "$MOODLE_DB_SECRET_ARN" --query SecretString --output text)"
  user="$(jq -r .username <<<"$secret")"
  pass="$(jq -r .password <<<"$secret")"
  pass="${pass//\\/\\\\}"
  printf '[client]\nuser="%s"\npassword="%s"\nhost=%s\nport=%s\n' "$user" "${pass//\"/\\\"}" "$MOODLE_DB_HOST" "${MOODLE_DB_PORT:-3306}"
  if is_on "${MOODLE_DB_TLS:-0}"; then
    printf 'ssl-ca=%s\nssl-verify-server-cert\n' "$MOODLE_DB_CA_FILE"
  fi
}
db() { mysql --defaults-extra-file=<(db_options) --default-character-set=utf8mb4 "$@" "$MOODLE_DB_NAME"; }

if ! done_step database; then
  tables="$(db -N -B -e 'SHOW TABLES' | wc -l)"
  if [[ "$tables" -gt 0 && ! -e "$work/database.started" ]]; then
    echo "moodle-ha: STOP: the database $MOODLE_DB_NAME already holds $tables tables. The migration restores only into an empty database; nothing was changed." >&2
    exit 7
  fi
  key="$(jq -r .dump.key "$manifest")"
  log "downloading $key"
  aws_cli s3api get-object --bucket "$bucket" --key "$key" --expected-bucket-owner "$account" "$work/dump.part" >/dev/null || s3_fail "cannot download $key"
  if [[ "$(sha256sum "$work/dump.part" | cut -d' ' -f1)" != "$(jq -r .dump.sha256 "$manifest")" ]]; then
    rm -f "$work/dump.part"
    echo "moodle-ha: the downloaded $key does not match its SHA-256 in the manifest; it was deleted. Run the restore again." >&2
    exit 4
  fi
  touch "$work/database.started"
  log "restoring the database into $MOODLE_DB_NAME on $MOODLE_DB_HOST"
  if ! zcat -f "$work/dump.part" | db; then
    echo "moodle-ha: restoring the dump failed (the message above). Run the restore again: each table is dropped and restored whole." >&2
    exit 5
  fi
  rm -f "$work/dump.part"
  mark_done database
fi

if ! done_step moodledata; then
  log "copying moodledata into $MOODLE_DATA_DIR as $MOODLE_WEB_USER"
  # As the web user: the shared mount belongs to it, and root never writes through links planted there.
  # `s3 sync` cannot send ExpectedBucketOwner: the owner was checked above, and every file it copies
  # is checked below against the SHA-256 in the manifest, which was read with the owner check.
  as_web_user "$MOODLE_AWS" ${MOODLE_AWS_REGION:+--region "$MOODLE_AWS_REGION"} s3 sync --only-show-errors --no-progress \
    "s3://$bucket/$prefix/moodledata/" "$MOODLE_DATA_DIR/" || s3_fail "copying moodledata failed part-way; run the restore again (files already there are skipped)"
  mark_done moodledata
fi

log "verifying against the manifest"
failed=0
jq -r '.files[] | "\(.sha256)  \(.path)"' "$manifest" > "$work/sha256.list"
# The list on stdin: the web user cannot read root's state folder.
if ! (cd "$MOODLE_DATA_DIR" && as_web_user sha256sum --quiet --strict -c - < "$work/sha256.list") >&2; then
  echo "moodle-ha: moodledata files above are missing or differ from the source" >&2
  failed=1
fi
# The file pool: each file hashes (SHA-1) to its own name, and each hash the database references is there.
(cd "$MOODLE_DATA_DIR" && { as_web_user find filedir -type f -print0 2>/dev/null || true; } | as_web_user xargs -0 -r sha1sum) > "$work/pool.sha1"
awk '{ n = split($2, p, "/"); if (p[n] != $1) print p[n] }' "$work/pool.sha1" > "$work/pool.damaged"
awk '{ n = split($2, p, "/"); if (p[n] == $1) print $1 }' "$work/pool.sha1" | sort -u > "$work/pool.present"
jq -r '.referencedHashes[] | select(. != "da39a3ee5e6b4b0d3255bfef95601890afd80709")' "$manifest" | sort -u > "$work/pool.referenced"
comm -23 "$work/pool.referenced" "$work/pool.present" > "$work/pool.missing"
if [[ -s "$work/pool.damaged" || -s "$work/pool.missing" ]]; then
  echo "moodle-ha: file pool: $(wc -l < "$work/pool.missing") referenced files missing, $(wc -l < "$work/pool.damaged") damaged (lists in $work/pool.missing, $work/pool.damaged)" >&2
  failed=1
fi
# Rows and a checksum of every table the source had, computed by the database the way the take
# computed them from the dump (src/engine/migrate/dump-scan.ts): a row's values as mysqldump
# --hex-blob writes them (binary as 0x<HEX>, '' when empty; NULL as NUL "N"), in column order, joined
# by the unit separator 0x1f and hashed with SHA-1; a table's checksum is the sum over its rows of the
# first 32 bits and, apart, of the next 32 bits, each modulo 2^32, as 16 hex digits.
jq -r '.tables | keys[]' "$manifest" > "$work/tables.source"
while IFS= read -r t; do
  if [[ ! "$t" =~ ^[A-Za-z0-9_]+$ ]]; then echo "moodle-ha: unexpected table name in the manifest: $t" >&2; exit 6; fi
done < "$work/tables.source"
db -N -B -r -e "SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = DATABASE() ORDER BY table_name, ordinal_position" > "$work/columns.tsv"
awk -F'\t' '
  function value(c, type,   e) {
    if (tolower(type) ~ /^(binary|varbinary|tinyblob|blob|mediumblob|longblob)$/) e = "IF(LENGTH(`" c "`) = 0, '\'''\'', CONCAT('\''0x'\'', HEX(`" c "`)))"
    else e = "CONVERT(`" c "` USING utf8mb4)"
    return "IFNULL(" e ", CONCAT(CHAR(0 USING utf8mb4), '\''N'\''))"
  }
  function half(from) { return "LPAD(HEX(MOD(IFNULL(SUM(CAST(CONV(SUBSTRING(h, " from ", 8), 16, 10) AS UNSIGNED)), 0), 4294967296)), 8, '\''0'\'')" }
  NR == FNR { want[$1] = 1; next }
  !($1 in want) { next }
  { if (!($1 in cols)) { order[++n] = $1; cols[$1] = value($2, $3) } else cols[$1] = cols[$1] ", " value($2, $3) }
  END {
    for (i = 1; i <= n; i++) {
      t = order[i]
      printf "SELECT '\''%s'\'', COUNT(*), LOWER(CONCAT(%s, %s)) FROM (SELECT SHA1(CONCAT_WS(CHAR(31 USING utf8mb4), %s)) AS h FROM `%s`) AS r;\n", t, half(1), half(9), cols[t], t
    }
  }' "$work/tables.source" "$work/columns.tsv" > "$work/checksums.sql"
jq -r '.tables | to_entries[] | "\(.key)\t\(.value.rows)\t\(.value.checksum)"' "$manifest" | sort > "$work/sums.source"
if ! db -N -B < "$work/checksums.sql" > "$work/sums.target"; then
  echo "moodle-ha: the tables could not be counted and summed in the restored database (above)" >&2
  failed=1
fi
sort "$work/sums.target" -o "$work/sums.target"
if ! diff "$work/sums.source" "$work/sums.target" > "$work/sums.diff"; then
  echo "moodle-ha: tables whose rows or checksum differ, or that are missing (table, rows, checksum; < source, > restored):" >&2
  grep '^[<>]' "$work/sums.diff" >&2 || true
  failed=1
fi
if [[ "$failed" != 0 ]]; then exit 6; fi
echo "moodle-ha-migrate: tables $(wc -l < "$work/sums.source") rows and checksums equal; files $(wc -l < "$work/sha256.list") sha256-equal; pool $(wc -l < "$work/pool.present") sha1-equal, $(wc -l < "$work/pool.referenced") referenced present"
echo "moodle-ha-migrate: verified"
