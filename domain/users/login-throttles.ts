import { BoundedMap } from "@/lib/bounded-map";
import { Throttle } from "@/lib/throttle";

const WINDOW_MS = 15 * 60_000;
/**
 * Addresses each account has signed in from, newest last, in memory per
 * instance like the throttles (lib/throttle.ts says why). Bounded: a few
 * addresses per account, and the oldest accounts forgotten past MAX_ACCOUNTS.
 * A BoundedMap, not a FreshCache (lib/fresh-cache.ts): nothing here is read
 * from the database, so nothing goes stale.
 */
const ADDRESSES_PER_ACCOUNT = 10;
const MAX_ACCOUNTS = 10_000;

/** The password checks' throttles (login.service.ts, and changeOwnPassword) and known addresses, one set per instance (domain/instance.ts). */
export class LoginThrottles {
  // Per account, from addresses that never signed in to it: a person mistyping
  // gets 5 free tries; a guesser soon waits minutes, whatever number of
  // addresses it spreads its guesses over.
  readonly byAccount = new Throttle({ freeAttempts: 5, windowMs: WINDOW_MS, maxDelayMs: WINDOW_MS });
  // Per account and address, for addresses the account has signed in from
  // before: their own 5 tries, untouched by anyone else's failures, so guessing
  // at an admin's account cannot lock that admin out.
  readonly byKnownAddress = new Throttle({ freeAttempts: 5, windowMs: WINDOW_MS, maxDelayMs: WINDOW_MS });
  // Per address, whatever the account: room for an office behind one NAT, not for a dictionary.
  readonly byAddress = new Throttle({ freeAttempts: 20, windowMs: WINDOW_MS, maxDelayMs: WINDOW_MS });
  // Changing one's own password (user.service.ts), per user: a stolen session must not become a way to guess the password.
  readonly passwordChange = new Throttle({ freeAttempts: 5, windowMs: WINDOW_MS, maxDelayMs: WINDOW_MS });
  private readonly knownAddresses = new BoundedMap<string, string[]>(MAX_ACCOUNTS);

  isKnownAddress(accountKey: string, address: string): boolean {
    return this.knownAddresses.get(accountKey)?.includes(address) ?? false;
  }

  rememberAddress(accountKey: string, address: string): void {
    const list = (this.knownAddresses.get(accountKey) ?? []).filter((known) => known !== address);
    list.push(address);
    if (list.length > ADDRESSES_PER_ACCOUNT) list.shift();
    this.knownAddresses.set(accountKey, list); // the newest: the oldest accounts are forgotten first
  }
}
