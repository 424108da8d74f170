import { describe, expect, it } from 'vitest';
import type { MailTags } from '../../../functions/app/ports/mailer.ts';
import { feedbackContext, type ReturnedTags } from '../../../functions/app/ses-events.ts';

// What SES does with the tags between the send and the event: each value comes back as a list.
const returned = (tags: MailTags): ReturnedTags => Object.fromEntries(Object.entries(tags).map(([k, v]) => [k, [v]]));

describe('the mail tags round trip', () => {
  it('reads the edition and the reader of a digest back from its returned tags', () => {
    const sent: MailTags = { kind: 'digest', edition: '2026-W48', subscriber: 'sub-1' };
    expect(feedbackContext(returned(sent))).toEqual({ edition: '2026-W48', subscriberId: 'sub-1' });
  });

  it('reads neither from a confirmation, which names no edition and no reader', () => {
    expect(feedbackContext(returned({ kind: 'confirm' }))).toEqual({});
    expect(feedbackContext(undefined)).toEqual({});
  });
});
