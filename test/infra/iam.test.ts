import { beforeAll, describe, expect, it } from 'vitest';
import type { EntryName } from '../../infra/lambda.ts';
import { EXPECTED, id, LOGS, logs, SES_IDENTITY, TABLE } from './iam-expected.ts';
import {
  type CfnResource,
  functionsByEntry,
  ofType,
  roleStatements,
  type Statement,
  statementsOf,
  synth,
} from './synth.ts';

/** Action → resources, merged over a role's statements. */
function grantsOf(statements: Statement[]): Map<string, string[]> {
  const grants = new Map<string, string[]>();
  for (const s of statements) for (const a of s.actions) grants.set(a, [...(grants.get(a) ?? []), ...s.resources]);
  return grants;
}

describe('IAM of the newsletter stack', () => {
  let resources: Record<string, CfnResource>;
  let functions: ReturnType<typeof functionsByEntry>;
  const grants = (entry: EntryName) => {
    const fn = functions.get(entry);
    if (!fn) throw new Error(`function ${entry} is not in the stack`);
    return grantsOf(statementsOf(resources, fn[1]));
  };

  beforeAll(() => {
    ({ resources } = synth());
    functions = functionsByEntry(resources);
  });

  describe.each(Object.entries(EXPECTED) as [EntryName, (typeof EXPECTED)[EntryName]][])(
    'the %s function',
    (entry, spec) => {
      it('has exactly the actions its code calls, and nothing else', () => {
        const actual = [...grants(entry).keys()].sort();
        expect(actual).toEqual([...LOGS, ...Object.keys(spec.grants)].sort());
      });

      it('gets each action only on the resources it needs', () => {
        const g = grants(entry);
        for (const action of LOGS) expect(g.get(action)).toEqual([expect.stringMatching(logs(spec.logs))]);
        for (const [action, allowed] of Object.entries(spec.grants)) {
          const actual = g.get(action) ?? [];
          expect(actual, action).toHaveLength(allowed.length);
          for (const pattern of allowed) expect(actual, action).toContainEqual(expect.stringMatching(pattern));
        }
      });
    },
  );

  it("keeps e-mail sending to the confirmation mailer, confirm (the welcome), deliver, the editors' test copies and preview; subscribe sends none", () => {
    const senders = [...functions.keys()].filter((entry) => grants(entry).has('ses:SendEmail')).sort();
    expect(senders).toEqual(['admin', 'confirm', 'deliver', 'prepare', 'repermission', 'send-confirmation']);
    expect(grants('subscribe').has('ses:SendEmail')).toBe(false);
    expect(grants('unsubscribe').has('ses:SendEmail')).toBe(false);
  });

  it('lets only the functions that start a send (the editors API, dispatch) ask SES whether the sender is verified', () => {
    const checkers = [...functions.keys()].filter((entry) => grants(entry).has('ses:GetEmailIdentity')).sort();
    expect(checkers).toEqual(['admin', 'dispatch']);
    expect(grants('dispatch').get('ses:GetEmailIdentity')).toEqual([expect.stringMatching(SES_IDENTITY)]);
  });

  // What each internet-facing function (and the mailers behind them) may touch, by partition-key prefix.
  const OWNED_KEYS: Partial<Record<EntryName, string[]>> = {
    subscribe: ['RATE#*'],
    // Every function that writes a subscription moves the readers' counters with it (COUNT#).
    'send-confirmation': ['SUB#*', 'COUNT#*', 'MAILBOX#*', 'CEILING#*'],
    // The subscription, the welcome's once-only record and the archive's latest-edition pointer.
    // The week's set of confirmed (or unsubscribed) readers too (WEEK#), for the report's weekly counts.
    confirm: ['SUB#*', 'COUNT#*', 'WELCOME#*', 'ARCHIVE-LATEST#*', 'WEEK#*'],
    unsubscribe: ['SUB#*', 'COUNT#*', 'WEEK#*'],
    // SES feedback: the reader, the edition's delivery record and its bounce and complaint sets.
    'ses-events': ['SUB#*', 'COUNT#*', 'DLV#*', 'FEEDBACK#*'],
    // The public archive reads published editions (ARCHIVE#<language>: the listing and each edition; the welcome's
    // ARCHIVE-LATEST# pointer is read by confirm, not here).
    archive: ['ARCHIVE#*'],
    // The hold link reads the send record and puts the hold, both in the edition's SEND# partition.
    hold: ['SEND#*'],
    // Received mail: mailto unsubscribes and feedback reports change the reader (and the week's set of unsubscribed
    // readers) and nothing else.
    inbound: ['SUB#*', 'COUNT#*', 'WEEK#*'],
  };
  it.each(Object.entries(OWNED_KEYS))(
    'lets %s touch only the table keys it owns (dynamodb:LeadingKeys)',
    (entry, keys) => {
      const onTable = statementsOf(resources, functions.get(entry as EntryName)?.[1] as CfnResource).filter((s) =>
        s.resources.some((r) => TABLE.test(r)),
      );
      expect(onTable.length).toBeGreaterThan(0);
      for (const s of onTable) {
        expect(s.resources.every((r) => TABLE.test(r))).toBe(true);
        expect(s.conditions).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': keys } });
      }
    },
  );

  it('lets no HTTP function query or scan the table', () => {
    for (const entry of ['subscribe', 'confirm', 'unsubscribe'] as const) {
      expect([...grants(entry).keys()].filter((a) => /Query|Scan/.test(a))).toEqual([]);
    }
  });

  it('uses no wildcard action and no wildcard resource in any function or service role', () => {
    for (const [policyId, policy] of ofType(resources, 'AWS::IAM::Policy')) {
      const { Statement } = policy.Properties.PolicyDocument as { Statement: Record<string, unknown>[] };
      for (const s of Statement) {
        expect([s.Action].flat(), policyId).not.toContainEqual(expect.stringContaining('*'));
        expect([s.Resource].flat(), policyId).not.toContain('*');
        expect(s.Effect).toBe('Allow');
      }
    }
  });

  it('attaches no managed policy and no inline role policy (all grants are visible above)', () => {
    // The desk's two roles carry only the editors' managed policies (test/infra/desk-identity.test.ts).
    const desk = (role: CfnResource) =>
      JSON.stringify(role.Properties.AssumeRolePolicyDocument).includes('cognito-identity.amazonaws.com');
    for (const [roleId, role] of ofType(resources, 'AWS::IAM::Role').filter(([, r]) => !desk(r))) {
      expect(role.Properties.ManagedPolicyArns, roleId).toBeUndefined();
      expect(role.Properties.Policies, roleId).toBeUndefined();
    }
  });

  it('lets the scheduler invoke only the dispatcher and write only to its dead-letter queue', () => {
    const [roleId, role] =
      ofType(resources, 'AWS::IAM::Role').find(([rid]) => rid.startsWith('SendingSchedulerRole')) ?? [];
    if (!roleId || !role) throw new Error('no scheduler role');
    const trust = (role.Properties.AssumeRolePolicyDocument as { Statement: Record<string, unknown>[] }).Statement;
    expect(trust).toEqual([
      expect.objectContaining({
        Principal: { Service: 'scheduler.amazonaws.com' },
        Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
      }),
    ]);
    const dispatch = functions.get('dispatch')?.[0] ?? 'missing';
    const g = grantsOf(roleStatements(resources, roleId));
    expect([...g.keys()].sort()).toEqual(['lambda:InvokeFunction', 'sqs:SendMessage']);
    expect(g.get('lambda:InvokeFunction')).toEqual([`${dispatch}.Arn`, `${dispatch}.Arn:*`]);
    expect(g.get('sqs:SendMessage')).toEqual([
      expect.stringMatching(new RegExp(`^${id('SendingInvocationDlq')}\\.Arn$`)),
    ]);
  });
});
