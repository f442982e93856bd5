#!/bin/sh
# MHA_ROLE: primary | replica | endpoint. MHA_PRIMARY_IP / MHA_REPLICA_IP: fixed project addresses.
set -e
serve() { exec redis-server --bind 0.0.0.0 --protected-mode no --save "" --appendonly no "$@"; }
# A node that restarts after a failover must rejoin as a replica of whoever sentinel promoted,
# never as a second (empty) primary: ask sentinel first, fall back to the configured role.
current_primary() {
  [ -n "${MHA_SENTINEL_IP:-}" ] || return 0
  timeout 2 redis-cli -h "$MHA_SENTINEL_IP" -p 26379 --raw sentinel get-master-addr-by-name sessions 2>/dev/null | head -n 1
}
case "${MHA_ROLE:-primary}" in
  primary|replica)
    me=$(hostname -i | awk '{print $1}')
    primary=$(current_primary || true)
    if [ -n "$primary" ] && [ "$primary" != "$me" ]; then serve --replicaof "$primary" 6379; fi
    if [ "$MHA_ROLE" = replica ] && [ -z "$primary" ]; then serve --replicaof "${MHA_PRIMARY_IP:?}" 6379; fi
    serve ;;
  endpoint)
    # ElastiCache's FailoverComplete notification (the SNS message a ReplicationGroup with a
    # NotificationTopicArn publishes): sentinel runs this once it has promoted the replica. The
    # replica's subscriber (src/engine/sim/aws/failover-lock-sweep.ts) reads the lines and runs the
    # stack's failover lock sweep, as the template's Lambda does through SSM Run Command.
    mkdir -p /var/log/mha-cache && : > /var/log/mha-cache/notifications.jsonl
    cat > /usr/local/bin/mha-failover-notify <<'SCRIPT'
#!/bin/sh
# sentinel: <master-name> <role> <state> <from-ip> <from-port> <to-ip> <to-port>
[ "$2" = leader ] || exit 0
printf '{"Type":"Notification","Subject":"ElastiCache:FailoverComplete","Message":"{\\"ElastiCache:FailoverComplete\\":\\"%s\\"}","Timestamp":"%s","FromIp":"%s"}\n' \
  "$6" "$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)" "$4" >> /var/log/mha-cache/notifications.jsonl
SCRIPT
    chmod 755 /usr/local/bin/mha-failover-notify
    # Down after 3 s without an answer: at 1 s, a primary slow on a busy host (load 50 on 2 cores) was
    # failed over and back several times a drill, which loses the writes not yet replicated.
    cat > /tmp/sentinel.conf <<CONF
port 26379
sentinel monitor sessions ${MHA_PRIMARY_IP:?} 6379 1
# Known from the start, as an ElastiCache replication group knows its replicas: sentinel otherwise
# learns of it from the primary's INFO (every 10 s), and a primary killed before that was never
# failed over (it came back empty and every session was lost, on a replica fresh from 'sim up').
sentinel known-replica sessions ${MHA_REPLICA_IP:?} 6379
sentinel down-after-milliseconds sessions 3000
sentinel failover-timeout sessions 5000
sentinel parallel-syncs sessions 1
sentinel client-reconfig-script sessions /usr/local/bin/mha-failover-notify
CONF
    cat > /tmp/haproxy.cfg <<CONF
global
  maxconn 2000
defaults
  mode tcp
  timeout connect 500ms
  # A check's connect still times out after 500 ms (a dead primary is seen at once); its answers
  # get 3 s. Without this, one PING answered late on a busy host marked the healthy primary down
  # and shutdown-sessions cut every session connection ("read error on connection" in Moodle and
  # the probe alike), which ElastiCache never does without a failover.
  timeout check 3s
  timeout client 60s
  timeout server 60s
frontend sessions
  bind 0.0.0.0:6379
  default_backend primary
backend primary
  option tcp-check
  tcp-check connect
  tcp-check send PING\r\n
  tcp-check expect string +PONG
  tcp-check send info\ replication\r\n
  tcp-check expect string role:master
  tcp-check send QUIT\r\n
  tcp-check expect string +OK
  server a ${MHA_PRIMARY_IP}:6379 check inter 500ms fall 2 rise 1 on-marked-down shutdown-sessions
  server b ${MHA_REPLICA_IP:?}:6379 check inter 500ms fall 2 rise 1 on-marked-down shutdown-sessions
CONF
    redis-sentinel /tmp/sentinel.conf --daemonize yes --logfile /tmp/sentinel.log
    exec haproxy -W -db -f /tmp/haproxy.cfg ;;
  *) echo "unknown MHA_ROLE '$MHA_ROLE'" >&2; exit 64 ;;
esac
