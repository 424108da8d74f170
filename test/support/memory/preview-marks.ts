import type { PreviewMarkState, PreviewMarks } from '../../../functions/app/ports/preview-marks.ts';

/** The editors' preview marks in a Map. */
export class MemoryPreviewMarks implements PreviewMarks {
  readonly marks = new Map<string, PreviewMarkState>();

  async claim(edition: string, stage: string, editorId: string): Promise<boolean> {
    const key = `${edition}/${stage}/${editorId}`;
    if (this.marks.has(key)) return false;
    this.marks.set(key, 'sending');
    return true;
  }

  async settle(edition: string, stage: string, editorId: string, state: 'sent' | 'uncertain'): Promise<void> {
    this.marks.set(`${edition}/${stage}/${editorId}`, state);
  }

  async release(edition: string, stage: string, editorId: string): Promise<void> {
    this.marks.delete(`${edition}/${stage}/${editorId}`);
  }

  async state(edition: string, stage: string, editorId: string): Promise<PreviewMarkState | undefined> {
    return this.marks.get(`${edition}/${stage}/${editorId}`);
  }
}
