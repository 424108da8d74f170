import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Validations } from 'aws-cdk-lib';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../infra/create-app.ts';
import { PROJECT_ROOT } from '../../infra/lambda.ts';
import { TEST_CONTEXT } from './synth.ts';

interface Report {
  pluginReports: {
    pluginName: string;
    violations: { ruleName: string; severity: string; violatingConstructs: { constructPath: string }[] }[];
  }[];
}

const NO_BUNDLING = { 'aws:cdk:bundling-stacks': [] };
const outdirs: string[] = [];

/** Synthesizes the app (with the cdk-nag plugin) into a fresh folder; returns the validation report and any error. */
function synthWithNag(context: Record<string, unknown>, addToStack?: (stack: IConstruct) => void) {
  const outdir = mkdtempSync(join(tmpdir(), 'nag-'));
  outdirs.push(outdir);
  const { app, stack } = createApp({ outdir, context: { ...context, ...NO_BUNDLING } });
  addToStack?.(stack);
  let error: unknown;
  try {
    app.synth();
  } catch (e) {
    error = e;
  }
  const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')) as Report;
  const findings = report.pluginReports.flatMap((r) =>
    r.violations.flatMap((v) => v.violatingConstructs.map((c) => `${v.severity} ${v.ruleName} ${c.constructPath}`)),
  );
  return { app, error, findings };
}

/** Every acknowledgement recorded in the construct tree: path, rule id and reason. */
function acknowledgements(root: IConstruct): { path: string; id: string; reason: string }[] {
  return root.node.findAll().flatMap((c) =>
    c.node.metadata
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((m) => Object.entries(m.data as Record<string, string>))
      .map(([id, reason]) => ({ path: c.node.path, id, reason })),
  );
}

describe('cdk-nag AwsSolutions checks', () => {
  let cdkJsonRun: ReturnType<typeof synthWithNag>;

  beforeAll(() => {
    const cdkJson = JSON.parse(readFileSync(join(PROJECT_ROOT, 'cdk.json'), 'utf8')) as {
      context: Record<string, unknown>;
    };
    cdkJsonRun = synthWithNag(cdkJson.context);
  });

  afterAll(() => {
    for (const dir of outdirs) rmSync(dir, { recursive: true, force: true });
  });

  it("report nothing unacknowledged for cdk.json's example configuration", () => {
    expect(cdkJsonRun.error).toBeUndefined();
    expect(cdkJsonRun.findings).toEqual([]);
  });

  it('report nothing unacknowledged for the other configurations (address identity, alarm e-mail, no CORS)', () => {
    const domain = {
      domainName: 'weekly.example.org',
      certificateArn: 'arn:aws:acm:eu-central-1:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666',
    };
    for (const context of [TEST_CONTEXT, { senderEmail: 'weekly@example.org' }, { ...TEST_CONTEXT, ...domain }]) {
      const run = synthWithNag(context);
      expect(run.error).toBeUndefined();
      expect(run.findings).toEqual([]);
    }
  });

  it('are really applied: an unencrypted, non-TLS queue fails synthesis', () => {
    const run = synthWithNag({ senderEmail: 'weekly@example.org' }, (stack) => new Queue(stack, 'Careless', {}));
    expect(String(run.error)).toMatch(/ValidationFailed/);
    expect(run.findings).toContain('error AwsSolutions-SQS4 BelarusWeekly/Careless/Resource');
  });

  it('need no APIG4 acknowledgement for the admin routes: they have IAM authorization', () => {
    const apig4 = acknowledgements(cdkJsonRun.app).filter((a) => a.id.includes('APIG4'));
    expect(apig4.length).toBeGreaterThan(0);
    expect(apig4.filter((a) => /admin/i.test(a.path) || /admin/.test(a.reason))).toEqual([]);
  });

  it('acknowledge each rule on a specific construct with a specific reason', () => {
    const acks = acknowledgements(cdkJsonRun.app);
    expect(acks.length).toBeGreaterThan(0);
    for (const ack of acks) {
      expect(ack.id, ack.path).toMatch(/^AwsSolutions::AwsSolutions-[A-Z]+\d+(\[.+\])?$/);
      expect(ack.reason.length, `${ack.path} ${ack.id}`).toBeGreaterThanOrEqual(60);
      expect(ack.path, ack.id).not.toBe('BelarusWeekly');
    }
    const summary = [...new Set(acks.map((a) => `${a.id.replace('AwsSolutions::', '')} — ${a.reason}`))];
    console.info(`cdk-nag acknowledgements (${acks.length} constructs):\n${summary.join('\n')}`);
  });
});
