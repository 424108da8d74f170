import { simpleParser } from 'mailparser';
import { readFileSync } from 'node:fs';
const m = await simpleParser(readFileSync(process.argv[2]));
console.log(m.headers.get('content-type'), m.headers.get('auto-submitted'));
console.log('text:', JSON.stringify(m.text));
for (const a of m.attachments) console.log(a.contentType, a.contentDisposition, a.filename, JSON.stringify(a.content.toString().slice(0,300)));
console.log(m.headerLines.length);
