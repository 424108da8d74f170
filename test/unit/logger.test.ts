import { describe, expect, it } from 'vitest';
import { redact } from '../../functions/adapters/powertools/log.ts';

describe('redact', () => {
  it('removes e-mail addresses from strings, nested fields and errors', () => {
    const out = redact({
      message: 'sending to reader@example.org failed',
      nested: { to: ['a.b+tag@mail.example.by'], ok: 3, odd: "o'brien@x.c" },
      error: new Error('Email address is not verified: x@y.org'),
    });
    expect(JSON.stringify(out)).not.toMatch(/@(example|mail|y|x)\./);
    expect(JSON.stringify(out)).not.toContain('brien');
    expect(out).toMatchObject({ message: 'sending to [email] failed', nested: { to: ['[email]'], ok: 3 } });
  });
});
