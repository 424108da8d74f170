import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import * as z from 'zod';
import type { AdminRole } from '../../functions/handlers/admin/route-keys.ts';
import { DESK_GROUPS, type DeskGroup } from './accounts.ts';

/** Session credentials last an hour, as the identity pool's (GetCredentialsForIdentity) do. */
export const SESSION_SECONDS = 3600;

/** The IAM role of each desk group, and the managed policies (admin route roles) it holds. */
export const DESK_ROLES: Record<DeskGroup, { name: string; may: readonly AdminRole[] }> = {
  editor: { name: 'desk-editor', may: ['editors'] },
  data: { name: 'desk-data', may: ['editors', 'subscriber-data'] },
};

/** What a session token carries (sealed with the runner's session key, so it needs no store). */
const Session = z.object({
  akid: z.string(),
  group: z.enum(DESK_GROUPS),
  user: z.string(),
  sub: z.string(),
  identityId: z.string(),
  exp: z.number().int(),
});
export type Session = z.infer<typeof Session>;

const mac = (key: Buffer, purpose: string, value: string) =>
  createHmac('sha256', key).update(`${purpose}\u0000${value}`).digest();

/** The secret key of a session's access key id: derived, never stored. */
export function secretOf(key: Buffer, accessKeyId: string): string {
  return mac(key, 'secret', accessKeyId).toString('base64').slice(0, 40);
}

/** The role's assumed-role ARN as STS names a session: `arn:aws:sts::local:assumed-role/<role>/<user>`. */
export function sessionArn(s: Pick<Session, 'group' | 'user'>): string {
  return `arn:aws:sts::local:assumed-role/${DESK_ROLES[s.group].name}/${s.user}`;
}

/** New temporary credentials of `group`'s role for `user`, valid SESSION_SECONDS from `now` (ms). */
export function mintSession(key: Buffer, who: Omit<Session, 'akid' | 'exp'>, now: number) {
  const akid = `ASIA${randomBytes(10).toString('hex').toUpperCase().slice(0, 16)}`;
  const session: Session = { ...who, akid, exp: Math.floor(now / 1000) + SESSION_SECONDS };
  const payload = Buffer.from(JSON.stringify(session)).toString('base64url');
  const token = `${payload}.${mac(key, 'token', payload).toString('base64url')}`;
  return { AccessKeyId: akid, SecretKey: secretOf(key, akid), SessionToken: token, Expiration: session.exp };
}

/** The session a token carries, if this runner sealed it (expired or not). */
export function readSession(key: Buffer, token: string): Session | undefined {
  const [payload, tag, extra] = token.split('.');
  if (!payload || !tag || extra !== undefined) return undefined;
  const want = mac(key, 'token', payload);
  const got = Buffer.from(tag, 'base64url');
  if (got.length !== want.length || !timingSafeEqual(got, want)) return undefined;
  try {
    const parsed = Session.safeParse(JSON.parse(Buffer.from(payload, 'base64url').toString()));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
