import { Equals, GetAtt, GetAZs, If, Ref, Select, Sub, type CfnValue } from './intrinsics';
import { tags, type BuildContext, type Section } from './section';

const TIERS = [
  { key: 'publicSubnetCidrs', prefix: 'Public', label: 'public (load balancer, NAT)' },
  { key: 'appSubnetCidrs', prefix: 'App', label: 'private app (web servers)' },
  { key: 'dataSubnetCidrs', prefix: 'Data', label: 'isolated data (database, cache, EFS)' },
] as const;

export const subnetIds = (prefix: 'Public' | 'App' | 'Data', ctx: BuildContext): CfnValue[] => ctx.azs.map((i) => Ref(`${prefix}Subnet${i}`));

/** A VPC over N AZs: public, app and data subnets per AZ. CIDRs are parameters (moto has no Fn::Cidr). */
export function networkSection(ctx: BuildContext): Section {
  const { options, azs } = ctx;
  const parameters: Record<string, CfnValue> = {
    VpcCidr: cidrParameter('The VPC network.', options.network.vpcCidr),
  };
  for (const tier of TIERS) {
    for (const i of azs) parameters[`${tier.prefix}Subnet${i}Cidr`] = cidrParameter(`The ${tier.label} subnet in AZ ${i}.`, options.network[tier.key][i - 1]);
  }
  parameters.NatGatewayPerAz = {
    Type: 'String', AllowedValues: ['true', 'false'], Default: String(options.network.natGatewayPerAz),
    Description: 'One NAT gateway per AZ (true: an AZ outage keeps outbound traffic working) or one shared (false: cheaper).',
  };

  const resources: Record<string, CfnValue> = {
    Vpc: { '//': 'Network: one VPC, three subnet tiers in each Availability Zone.', Type: 'AWS::EC2::VPC', Properties: { CidrBlock: Ref('VpcCidr'), EnableDnsSupport: true, EnableDnsHostnames: true, Tags: tags('vpc') } },
    InternetGateway: { Type: 'AWS::EC2::InternetGateway', Properties: { Tags: tags('igw') } },
    InternetGatewayAttachment: { Type: 'AWS::EC2::VPCGatewayAttachment', Properties: { VpcId: Ref('Vpc'), InternetGatewayId: Ref('InternetGateway') } },
    PublicRouteTable: { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: Ref('Vpc'), Tags: tags('public') } },
    PublicDefaultRoute: { Type: 'AWS::EC2::Route', DependsOn: ['InternetGatewayAttachment'], Properties: { RouteTableId: Ref('PublicRouteTable'), DestinationCidrBlock: '0.0.0.0/0', GatewayId: Ref('InternetGateway') } },
    DataRouteTable: { '//': 'Data subnets have no route out: the database and cache are never reachable from the internet.', Type: 'AWS::EC2::RouteTable', Properties: { VpcId: Ref('Vpc'), Tags: tags('data') } },
  };
  for (const i of azs) {
    const az = Select(i - 1, GetAZs());
    for (const tier of TIERS) {
      resources[`${tier.prefix}Subnet${i}`] = {
        Type: 'AWS::EC2::Subnet',
        Properties: { VpcId: Ref('Vpc'), AvailabilityZone: az, CidrBlock: Ref(`${tier.prefix}Subnet${i}Cidr`), MapPublicIpOnLaunch: false, Tags: tags(`${tier.prefix.toLowerCase()}-${i}`) },
      };
    }
    resources[`PublicSubnet${i}RouteTableAssociation`] = { Type: 'AWS::EC2::SubnetRouteTableAssociation', Properties: { SubnetId: Ref(`PublicSubnet${i}`), RouteTableId: Ref('PublicRouteTable') } };
    const natCondition = i === 1 ? undefined : 'NatPerAz';
    resources[`NatAddress${i}`] = { Type: 'AWS::EC2::EIP', Condition: natCondition, DependsOn: ['InternetGatewayAttachment'], Properties: { Domain: 'vpc', Tags: tags(`nat-${i}`) } };
    resources[`NatGateway${i}`] = { Type: 'AWS::EC2::NatGateway', Condition: natCondition, Properties: { AllocationId: GetAtt(`NatAddress${i}`, 'AllocationId'), SubnetId: Ref(`PublicSubnet${i}`), Tags: tags(`nat-${i}`) } };
    resources[`AppRouteTable${i}`] = { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: Ref('Vpc'), Tags: tags(`app-${i}`) } };
    resources[`AppDefaultRoute${i}`] = {
      Type: 'AWS::EC2::Route',
      Properties: { RouteTableId: Ref(`AppRouteTable${i}`), DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: i === 1 ? Ref('NatGateway1') : If('NatPerAz', Ref(`NatGateway${i}`), Ref('NatGateway1')) },
    };
    resources[`AppSubnet${i}RouteTableAssociation`] = { Type: 'AWS::EC2::SubnetRouteTableAssociation', Properties: { SubnetId: Ref(`AppSubnet${i}`), RouteTableId: Ref(`AppRouteTable${i}`) } };
    resources[`DataSubnet${i}RouteTableAssociation`] = { Type: 'AWS::EC2::SubnetRouteTableAssociation', Properties: { SubnetId: Ref(`DataSubnet${i}`), RouteTableId: Ref('DataRouteTable') } };
  }
  resources.S3GatewayEndpoint = {
    '//': 'Bundles, packages and agent downloads from S3 stay off the NAT gateways (no NAT data charges).',
    Type: 'AWS::EC2::VPCEndpoint',
    Properties: { VpcId: Ref('Vpc'), VpcEndpointType: 'Gateway', ServiceName: Sub('com.amazonaws.${AWS::Region}.s3'), RouteTableIds: azs.map((i) => Ref(`AppRouteTable${i}`)), Tags: tags('s3-endpoint') },
  };
  return {
    parameters,
    conditions: { NatPerAz: Equals(Ref('NatGatewayPerAz'), 'true') },
    resources,
    outputs: {},
  };
}

function cidrParameter(description: string, value: string): CfnValue {
  return { Type: 'String', Default: value, Description: description, AllowedPattern: '^(\\d{1,3}\\.){3}\\d{1,3}/(1[6-9]|2[0-8])$', ConstraintDescription: 'an IPv4 network in CIDR form, /16 to /28' };
}
