import type { ItemAction } from './bindings.ts';
import type { RouteAuthorization, RouteKey } from './http-api.ts';
import type { NewsletterFunctionProps } from './lambda.ts';

/** What a function of the application may touch; each binder sets the variable and grants only these actions. */
export interface DataAccess {
  readonly items: readonly ItemAction[];
  readonly queryIndexes?: readonly string[];
  /** When set, the item actions apply only to keys whose partition key starts with one of these (LeadingKeys). */
  readonly leadingKeys?: readonly string[];
  readonly readSecret: boolean;
  readonly sendMail: boolean;
  /** Asks SES whether the sender's identity may send (`ses:GetEmailIdentity`) before an edition's send starts. */
  readonly checkSender?: boolean;
  /**
   * Unwraps the address data key (the KMS key policy's only Decrypt principals, infra/address-key.ts): the functions
   * that mail a reader or export one. The wiring of every other function never builds the address cipher.
   */
  readonly openAddresses?: boolean;
}

/** One function: its routes and, unless it serves only public files, its data access. */
export interface FunctionSpec extends Omit<NewsletterFunctionProps, 'entry' | 'environment'> {
  readonly routes?: readonly RouteKey[];
  /** Who may call its routes (default `public`). */
  readonly authorization?: RouteAuthorization;
  /** Absent: the function reads only PUBLIC_URL and PRIVACY_URL (no table, secret or SES variables at all). */
  readonly access?: DataAccess;
}
