/** Where one editor's preview of an edition stands: being sent, sent, or handed to SES without an answer. */
export type PreviewMarkState = 'sending' | 'sent' | 'uncertain';

/**
 * The once-only marks of the editors' preview e-mails (DynamoPreviewMarks): one per edition, stage (`open`: before
 * the send, with the hold link; `started`: after it) and editor (a keyed hash of the address, never the address).
 */
export interface PreviewMarks {
  /** Takes the mark before sending; false when it exists in any state (that preview went out, or may have). */
  claim(edition: string, stage: string, editorId: string, now: number): Promise<boolean>;
  /** Records how the send ended: `sent`, or `uncertain` (SES's answer was lost): the mark stays for good. */
  settle(edition: string, stage: string, editorId: string, state: 'sent' | 'uncertain'): Promise<void>;
  /** SES certainly did not take the e-mail: gives the mark back so a later run tries again. */
  release(edition: string, stage: string, editorId: string): Promise<void>;
  /** The mark's state, or undefined. */
  state(edition: string, stage: string, editorId: string): Promise<PreviewMarkState | undefined>;
}
