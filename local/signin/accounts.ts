import { randomBytes, randomUUID, scrypt, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';

/** The desk's two groups, as the user pool's groups on AWS: `editor` (editors' policy) and `data` (plus readers' data). */
export const DESK_GROUPS = ['editor', 'data'] as const;
export type DeskGroup = (typeof DESK_GROUPS)[number];

const Account = z.object({
  username: z.string().min(1),
  email: z.string().min(3),
  group: z.enum(DESK_GROUPS),
  sub: z.string().min(1),
  /** `scrypt$<salt>$<hash>`, base64url; never the password. */
  password: z.string().regex(/^scrypt\$[\w-]+\$[\w-]+$/),
});
export type Account = z.infer<typeof Account>;
const AccountsFile = z.object({ accounts: z.array(Account) });
const SamplesFile = z.partialRecord(z.enum(DESK_GROUPS), z.object({ username: z.string(), password: z.string() }));

/** A sample account as the start banner prints it. */
export interface SampleAccount {
  readonly group: DeskGroup;
  readonly username: string;
  readonly password: string;
}

const KEY_LENGTH = 32;
const hashOf = (password: string, salt: Buffer) =>
  new Promise<Buffer>((resolve, reject) =>
    scrypt(password, salt, KEY_LENGTH, (error, key) => (error ? reject(error) : resolve(key))),
  );

/** A random password of 16 characters (96 bits). */
export function newPassword(): string {
  return randomBytes(12).toString('base64url');
}

// Compared against when the username is unknown, so a wrong username costs the same scrypt as a wrong password.
const DUMMY = `scrypt$${randomBytes(16).toString('base64url')}$${randomBytes(KEY_LENGTH).toString('base64url')}`;

/**
 * The local sign-in's accounts (the user pool's part): in `<dataDir>/desk-accounts.json`, read on every use so the
 * CLI's `editors add|remove` applies to a running runner at once; in memory without a data dir.
 */
export class AccountStore {
  private memory: Account[] = [];

  constructor(private readonly dataDir: string | undefined) {}

  private get file(): string | undefined {
    return this.dataDir ? join(this.dataDir, 'desk-accounts.json') : undefined;
  }

  list(): Account[] {
    const file = this.file;
    if (!file) return [...this.memory];
    if (!existsSync(file)) return [];
    return AccountsFile.parse(JSON.parse(readFileSync(file, 'utf8'))).accounts;
  }

  private save(accounts: Account[]): void {
    const file = this.file;
    if (!file || !this.dataDir) {
      this.memory = accounts;
      return;
    }
    mkdirSync(this.dataDir, { recursive: true });
    // Written whole and renamed into place: a runner reading at the same time sees the old or the new list.
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify({ accounts }, null, 2), { mode: 0o600 });
    renameSync(tmp, file);
  }

  find(username: string): Account | undefined {
    const key = username.trim().toLowerCase();
    return this.list().find((a) => a.username.toLowerCase() === key);
  }

  /** Adds an account with a new random password (answered once, stored only hashed); false if the name is taken. */
  async add(username: string, group: DeskGroup, password = newPassword()): Promise<string | undefined> {
    if (this.find(username)) return undefined;
    const salt = randomBytes(16);
    const hash = await hashOf(password, salt);
    const account: Account = {
      username: username.trim(),
      email: username.trim(),
      group,
      sub: randomUUID(),
      password: `scrypt$${salt.toString('base64url')}$${hash.toString('base64url')}`,
    };
    this.save([...this.list(), account]);
    return password;
  }

  /** Removes an account; false if there was none of that name. */
  remove(username: string): boolean {
    const found = this.find(username);
    if (!found) return false;
    this.save(this.list().filter((a) => a !== found && a.username !== found.username));
    return true;
  }

  /** The account if `password` is its password; the same work whether or not the username exists. */
  async check(username: string, password: string): Promise<Account | undefined> {
    const account = this.find(username);
    const [, salt, hash] = (account?.password ?? DUMMY).split('$') as [string, string, string];
    const expected = Buffer.from(hash, 'base64url');
    const actual = await hashOf(password, Buffer.from(salt, 'base64url'));
    return account && timingSafeEqual(expected, actual) ? account : undefined;
  }

  /**
   * The two sample accounts (editor and data): created at the first start with random passwords, which are kept in
   * `<dataDir>/desk-sample-accounts.json` (mode 600) for the start banner; a sample removed since is not answered.
   */
  async samples(): Promise<SampleAccount[]> {
    const file = this.dataDir ? join(this.dataDir, 'desk-sample-accounts.json') : undefined;
    const stored = file && existsSync(file) ? SamplesFile.parse(JSON.parse(readFileSync(file, 'utf8'))) : undefined;
    const kept: z.infer<typeof SamplesFile> = stored ?? {};
    if (!stored) {
      for (const group of DESK_GROUPS) {
        const username = `${group}@newsletter.example`;
        const password = await this.add(username, group);
        if (password) kept[group] = { username, password };
      }
      if (file) writeFileSync(file, JSON.stringify(kept, null, 2), { mode: 0o600 });
    }
    return DESK_GROUPS.flatMap((group) => {
      const sample = kept[group];
      return sample && this.find(sample.username)?.group === group ? [{ group, ...sample }] : [];
    });
  }
}
