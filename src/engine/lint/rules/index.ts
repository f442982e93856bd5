import type { HaRule } from '../rule';
import { codeDeployAgentStartsLast } from './code/codedeploy-agent-starts-last';
import { deployNeverAutoRollsBack } from './code/deploy-never-auto-rolls-back';
import { deploymentTerminationHook } from './code/deployment-termination-hook';
import { hooksLeaveDatabaseAlone } from './code/hooks-leave-database-alone';
import { pipelineSourceEventDriven } from './code/pipeline-source-event-driven';
import { databaseRequiresTls } from './database/database-requires-tls';
import { webNeverReadsMasterSecret } from './database/web-never-reads-master-secret';
import { loadBalancerAccessLogs } from './observability/load-balancer-access-logs';
import { webTierAlarms } from './observability/web-tier-alarms';
import { moodledataOnSharedStorage } from './moodle-config/moodledata-on-shared-storage';
import { sessionsNotInFiles } from './moodle-config/sessions-not-in-local-files';
import { clientAddressBehindLoadBalancer } from './moodle-config/client-address-behind-load-balancer';
import { mailRelay } from './moodle-config/mail-relay';
import { applicationCacheStore } from './moodle-config/application-cache-store';
import { wwwrootMatchesLoadBalancer } from './moodle-config/wwwroot-matches-load-balancer';
import { scheduleLeavesDesiredCapacity } from './scaling/schedule-leaves-desired-capacity';
import { scheduledSizesSurviveUpdates } from './scaling/scheduled-sizes-survive-updates';
import { healthCheckIndependentOfMoodle } from './web-tier/health-check-independent-of-moodle';
import { wafPassesMoodleUploads } from './network/waf-passes-moodle-uploads';
import { webTierSignalsBoot } from './web-tier/web-tier-signals-boot';
import { burstableWebTierAboveBaseline } from './web-tier/burstable-web-tier-above-baseline';
import { wwwrootLowerCase } from './web-tier/wwwroot-lower-case';
import { codeDeployAgentInstalled } from './code/codedeploy-agent-installed';
import { codeIdenticalOnNodes } from './code/code-identical-on-nodes';
import { databaseIdleInHolidays } from './cost/database-idle-in-holidays';
import { natGatewayPerAzCost } from './cost/nat-gateway-per-az-cost';
import { auroraTwoInstances } from './database/aurora-two-instances';
import { databaseBackupRetention } from './database/database-backup-retention';
import { databaseDeletionProtection } from './database/database-deletion-protection';
import { databaseNotOnWebServers } from './database/database-not-on-web-servers';
import { databasePasswordSecret } from './database/database-password-secret';
import { databaseStorageEncrypted } from './database/database-storage-encrypted';
import { rdsMultiAz } from './database/rds-multi-az';
import { dataTierEgressClosed } from './network/data-tier-egress-closed';
import { dataTierNotPublic } from './network/data-tier-not-public';
import { httpRedirectsToHttps } from './network/http-redirects-to-https';
import { httpsListener } from './network/https-listener';
import { scheduledScaling } from './scaling/scheduled-scaling';
import { redisTlsMatchesMoodle } from './session-cache/redis-tls-matches-moodle';
import { redisFailoverLockSweep } from './session-cache/redis-failover-lock-sweep';
import { sessionCachePresent } from './session-cache/session-cache-present';
import { sessionCacheRedundant } from './session-cache/session-cache-redundant';
import { sessionsUseCache } from './session-cache/sessions-use-cache';
import { stickySessionsWithoutCache } from './session-cache/sticky-sessions-without-cache';
import { efsBackups } from './storage/efs-backups';
import { efsEncrypted } from './storage/efs-encrypted';
import { efsTlsOnly } from './storage/efs-tls-only';
import { efsMountTargetPerAz } from './storage/efs-mount-target-per-az';
import { sharedStorageMounted } from './storage/shared-storage-mounted';
import { sharedStoragePresent } from './storage/shared-storage-present';
import { sharedStorageRetained } from './storage/shared-storage-retained';
import { haResourcesTagged } from './tags/ha-resources-tagged';
import { imdsV2Required } from './web-tier/imdsv2-required';
import { launchTemplateNotConfiguration } from './web-tier/launch-template-not-configuration';
import { webTierBehindLoadBalancer } from './web-tier/web-tier-behind-load-balancer';
import { webTierElbHealthCheck } from './web-tier/web-tier-elb-health-check';
import { webTierMinSize } from './web-tier/web-tier-min-size';
import { webTierMultiAz } from './web-tier/web-tier-multi-az';

/** Every Moodle-HA rule, in id order. A test checks each has a docs page and valid/invalid cases. */
export const haRules: HaRule[] = [
  webTierBehindLoadBalancer,
  webTierMultiAz,
  webTierMinSize,
  webTierElbHealthCheck,
  launchTemplateNotConfiguration,
  imdsV2Required,
  wwwrootLowerCase,
  healthCheckIndependentOfMoodle,
  webTierSignalsBoot,
  burstableWebTierAboveBaseline,
  scheduledScaling,
  scheduleLeavesDesiredCapacity,
  scheduledSizesSurviveUpdates,
  sharedStoragePresent,
  sharedStorageMounted,
  efsEncrypted,
  efsMountTargetPerAz,
  efsBackups,
  sharedStorageRetained,
  efsTlsOnly,
  databaseNotOnWebServers,
  rdsMultiAz,
  auroraTwoInstances,
  databaseBackupRetention,
  databaseStorageEncrypted,
  databaseDeletionProtection,
  databasePasswordSecret,
  webNeverReadsMasterSecret,
  databaseRequiresTls,
  sessionCachePresent,
  sessionsUseCache,
  stickySessionsWithoutCache,
  sessionCacheRedundant,
  redisTlsMatchesMoodle,
  redisFailoverLockSweep,
  codeIdenticalOnNodes,
  codeDeployAgentInstalled,
  codeDeployAgentStartsLast,
  pipelineSourceEventDriven,
  deployNeverAutoRollsBack,
  deploymentTerminationHook,
  hooksLeaveDatabaseAlone,
  dataTierNotPublic,
  httpsListener,
  httpRedirectsToHttps,
  dataTierEgressClosed,
  wafPassesMoodleUploads,
  haResourcesTagged,
  webTierAlarms,
  loadBalancerAccessLogs,
  wwwrootMatchesLoadBalancer,
  moodledataOnSharedStorage,
  sessionsNotInFiles,
  clientAddressBehindLoadBalancer,
  mailRelay,
  applicationCacheStore,
  natGatewayPerAzCost,
  databaseIdleInHolidays,
];
