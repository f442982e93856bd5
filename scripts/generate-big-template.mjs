// Writes a realistic CloudFormation template with at least N resources (default 520): repeated
// web-tier slices (security group, ingress, launch template, target group, bucket, topic, queue,
// alarm) that reference each other, so intrinsics and references are exercised, not just counted.
import fs from 'node:fs';

export function bigTemplate(minimumResources = 520) {
  const lines = [
    'AWSTemplateFormatVersion: "2010-09-09"',
    'Description: Generated benchmark template',
    'Parameters:',
    '  VpcId:',
    '    Type: AWS::EC2::VPC::Id',
    '  EnvironmentName:',
    '    Type: String',
    '    Default: bench',
    'Resources:',
  ];
  let count = 0;
  for (let i = 0; count < minimumResources; i++) {
    lines.push(
      `  WebSecurityGroup${i}:`, '    Type: AWS::EC2::SecurityGroup', '    Properties:',
      `      GroupDescription: !Sub "web ${i} in \${EnvironmentName}"`, '      VpcId: !Ref VpcId',
      `  WebIngress${i}:`, '    Type: AWS::EC2::SecurityGroupIngress', '    Properties:',
      `      GroupId: !GetAtt WebSecurityGroup${i}.GroupId`, '      IpProtocol: tcp', '      FromPort: 443', '      ToPort: 443', `      SourceSecurityGroupId: !GetAtt WebSecurityGroup${i}.GroupId`,
      `  LaunchTemplate${i}:`, '    Type: AWS::EC2::LaunchTemplate', '    Properties:', '      LaunchTemplateData:',
      '        InstanceType: t3.micro', '        MetadataOptions:', '          HttpTokens: required',
      `        SecurityGroupIds: [!GetAtt WebSecurityGroup${i}.GroupId]`,
      `  TargetGroup${i}:`, '    Type: AWS::ElasticLoadBalancingV2::TargetGroup', '    Properties:',
      '      Port: 80', '      Protocol: HTTP', '      VpcId: !Ref VpcId', '      HealthCheckPath: /login/index.php',
      `  Bucket${i}:`, '    Type: AWS::S3::Bucket', '    DeletionPolicy: Retain', '    UpdateReplacePolicy: Retain', '    Properties:',
      '      Tags:', '        - Key: project', '          Value: !Ref EnvironmentName',
      `  Topic${i}:`, '    Type: AWS::SNS::Topic', '    Properties:', `      DisplayName: !Join ["-", [!Ref EnvironmentName, "${i}"]]`,
      `  Queue${i}:`, '    Type: AWS::SQS::Queue', '    Properties:', '      VisibilityTimeout: 60',
      `  QueueAlarm${i}:`, '    Type: AWS::CloudWatch::Alarm', '    Properties:',
      '      Namespace: AWS/SQS', '      MetricName: ApproximateAgeOfOldestMessage', '      Statistic: Maximum',
      '      Period: 60', '      EvaluationPeriods: 5', '      Threshold: 600', '      ComparisonOperator: GreaterThanThreshold',
      `      Dimensions: [{Name: QueueName, Value: !GetAtt Queue${i}.QueueName}]`, `      AlarmActions: [!Ref Topic${i}]`,
    );
    count += 8;
  }
  lines.push('Outputs:', '  FirstTopic:', '    Value: !Ref Topic0');
  return { text: lines.join('\n') + '\n', resources: count };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = process.argv[2] ?? 'big-template.yaml';
  const { text, resources } = bigTemplate(Number(process.argv[3] ?? 520));
  fs.writeFileSync(out, text);
  console.log(`${out}: ${resources} resources, ${text.length} bytes`);
}
