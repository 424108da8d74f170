import { describe, expect, it } from 'vitest';
import { escapeHtml, escapeHtmlKeepingEntities } from '../../../functions/core/html.ts';

describe('escapeHtmlKeepingEntities', () => {
  it('escapes markup but keeps the entities an editor wrote', () => {
    expect(escapeHtmlKeepingEntities(`<b class="x">Tom &amp; Jerry&nbsp;&#8212;&#x2014; it's</b>`)).toBe(
      '&lt;b class=&quot;x&quot;&gt;Tom &amp; Jerry&nbsp;&#8212;&#x2014; it&#39;s&lt;/b&gt;',
    );
  });

  it('escapes an ampersand that starts no entity', () => {
    expect(escapeHtmlKeepingEntities('R&D & co &&amp; &#99999999;')).toBe(
      'R&amp;D &amp; co &amp;&amp; &amp;#99999999;',
    );
  });

  it('differs from escapeHtml only on entities', () => {
    expect(escapeHtml('&amp;<')).toBe('&amp;amp;&lt;');
  });
});
