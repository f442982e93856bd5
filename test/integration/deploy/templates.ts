/** Small templates moto creates for real (see ENVIRONMENT.md for what it skips). */
export const webTemplate = (extraResources = '') => `AWSTemplateFormatVersion: '2010-09-09'
Description: Moodle HA deploy test stack
Parameters:
  Env:
    Type: String
    Default: test
    AllowedValues: [test, prod]
    Description: Which environment
  DbPassword:
    Type: String
    NoEcho: true
    Default: not-a-real-secret-1
Resources:
  Files:
    Type: AWS::S3::Bucket
    DeletionPolicy: Retain
  WebSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: !Sub 'web \${Env}'
${extraResources}Outputs:
  SiteUrl:
    Value: !Sub 'https://\${Files}.example.org'
`;

/** Over 51,200 bytes: many security groups with long descriptions, all of which moto creates. */
export function bigTemplate(): string {
  let extra = '';
  for (let i = 0; extra.length < 56_000; i++) {
    extra += `  Sg${i}:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: 'padding security group ${i} ${'x'.repeat(180)}'\n`;
  }
  return webTemplate(extra);
}
