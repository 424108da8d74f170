import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { escapeHtml } from '../functions/core/html.ts';
import type { ReceivedMail, SmtpStandIn } from './smtp.ts';

const CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'";

function describe(mail: ReceivedMail): string {
  const { outcome } = mail;
  if (outcome.action === 'dropped') return `dropped: ${outcome.reason}`;
  if (outcome.action === 'failed') return 'failed (answered 451, the sender retries)';
  return `${outcome.action} (reader ${outcome.subscriberId})`;
}

function page(smtp: SmtpStandIn): string {
  const rows = [...smtp.received]
    .reverse()
    .map(
      (m) =>
        `<tr><td>${new Date(m.at).toISOString()}</td><td>${m.recipients.map(escapeHtml).join('<br>')}</td>` +
        `<td>${m.bytes}</td><td>${escapeHtml(describe(m))}</td></tr>`,
    )
    .join('\n');
  const dropped = smtp.received.filter((m) => m.outcome.action === 'dropped').length;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Inbound mail · local runner</title>
<style>body{font:1rem/1.5 system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}</style></head>
<body><h1>Inbound mail</h1>
<p>What the SMTP stand-in on port ${smtp.port} received (as SES receiving would on AWS), newest first:
${smtp.received.length} message(s), ${dropped} dropped. <a href="/">Home</a></p>
<table><thead><tr><th>received</th><th>to</th><th>bytes</th><th>outcome</th></tr></thead><tbody>
${rows || '<tr><td colspan="4">Nothing yet: send mail to a digest\'s mailto unsubscribe address.</td></tr>'}
</tbody></table></body></html>
`;
}

/** The local runner's page of received mail (never deployed); JSON with `Accept: application/json`. */
export function inboundRoutes(
  smtp: SmtpStandIn,
): Record<string, (e: { headers: Record<string, string | undefined> }) => Promise<APIGatewayProxyStructuredResultV2>> {
  return {
    'GET /local/inbound': async (e) => {
      const json = (e.headers.accept ?? '').includes('application/json');
      return {
        statusCode: 200,
        headers: {
          'Content-Type': json ? 'application/json' : 'text/html; charset=utf-8',
          'Content-Security-Policy': CSP,
          'Cache-Control': 'no-store',
        },
        body: json ? JSON.stringify({ received: smtp.received }) : page(smtp),
      };
    },
  };
}
