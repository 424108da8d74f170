import { CfnOutput } from 'aws-cdk-lib';
import { ApiMapping, DomainName, type HttpApi, type HttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import { Construct } from 'constructs';

/** Options of the API's custom domain. */
export interface ApiDomainProps {
  readonly domainName: string;
  /** An ACM certificate for the domain, in the stack's region. */
  readonly certificateArn: string;
  readonly api: HttpApi;
  readonly stage: HttpStage;
}

/**
 * The API on the outlet's own domain (links on execute-api hostnames look like phishing to readers and filters): an
 * API Gateway custom domain with its mapping to the stage, and outputs naming the DNS target to point a CNAME (or an
 * alias record) at.
 */
export class ApiDomain extends Construct {
  /** `https://<domainName>`, without a trailing slash. */
  readonly url: string;

  constructor(scope: Construct, id: string, props: ApiDomainProps) {
    super(scope, id);
    const domain = new DomainName(this, 'Domain', {
      domainName: props.domainName,
      certificate: Certificate.fromCertificateArn(this, 'Certificate', props.certificateArn),
    });
    new ApiMapping(this, 'Mapping', { api: props.api, domainName: domain, stage: props.stage });
    this.url = `https://${props.domainName}`;
    new CfnOutput(scope, 'CustomDomainTarget', {
      description: `Point ${props.domainName} here: a CNAME, or an alias A/AAAA record with CustomDomainHostedZoneId`,
      value: domain.regionalDomainName,
    });
    new CfnOutput(scope, 'CustomDomainHostedZoneId', {
      description: 'The hosted zone of CustomDomainTarget, for a Route 53 alias record',
      value: domain.regionalHostedZoneId,
    });
  }
}
