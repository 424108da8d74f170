// `=?UTF-8?B?` and `?=` around the base64: 12 characters of the 75 an encoded word may have (RFC 2047 section 2).
const MAX_WORD = 75;
const OVERHEAD = '=?UTF-8?B??='.length;
// 63 characters of base64 left hold 15 groups of 4, that is 45 bytes.
const MAX_BYTES = (Math.floor((MAX_WORD - OVERHEAD) / 4) * 4 * 3) / 4;

/**
 * Text as RFC 2047 encoded words (UTF-8, base64), each at most 75 characters and holding whole characters only
 * (section 5: a character is never split between words), separated by spaces; a reader joins them back.
 */
export function encodedWords(text: string): string {
  const words: string[] = [];
  let chunk: Buffer[] = [];
  let size = 0;
  const flush = () => {
    if (size > 0) words.push(`=?UTF-8?B?${Buffer.concat(chunk).toString('base64')}?=`);
    chunk = [];
    size = 0;
  };
  for (const char of text) {
    const bytes = Buffer.from(char, 'utf8');
    if (size + bytes.length > MAX_BYTES) flush();
    chunk.push(bytes);
    size += bytes.length;
  }
  flush();
  return words.join(' ');
}
