import { countAuthFailure } from "@/lib/metrics";
import { BoundedMap } from "@/lib/bounded-map";
import { log } from "@/lib/logger";
import { Throttle } from "@/lib/throttle";
import type { ClientRecord, ClientRegistry } from "./client-registry";
import { OAuthError, type PresentedClientCredentials } from "./protocol";

/**
 * Client authentication with brute-force throttling (per client id and per
 * address). Secrets are 256 random bits, so guessing is hopeless anyway; the
 * throttle keeps attackers from burning CPU and the log, and says so early.
 *
 * The client-wide throttle only holds back addresses that have themselves
 * failed for that client: an attacker hammering a (public) client id slows
 * down every address it uses, while the real client, which does not fail,
 * keeps getting tokens. Nobody is held back longer than MAX_DELAY_MS at a
 * time, and failures are forgotten after WINDOW_MS.
 */
const WINDOW_MS = 15 * 60_000;
const MAX_DELAY_MS = 60_000;
/** Client ids are UUIDs; anything much longer is not worth a lookup. */
const MAX_CLIENT_ID_LENGTH = 128;
const CLIENT_ID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class ClientAuthenticator {
  private perClient = new Throttle({ freeAttempts: 5, windowMs: WINDOW_MS, maxDelayMs: MAX_DELAY_MS });
  private perAddress = new Throttle({ freeAttempts: 20, windowMs: WINDOW_MS, maxDelayMs: MAX_DELAY_MS });
  private perClientAndAddress = new Throttle({ freeAttempts: 5, windowMs: WINDOW_MS, maxDelayMs: MAX_DELAY_MS });
  /** (client, address) pairs that authenticated, most recent last; bounded below. */
  private provenPairs = new BoundedMap<string, true>(10_000);

  constructor(private clients: ClientRegistry) {}

  /** The authenticated, unexpired client; otherwise an OAuthError (401 invalid_client or 429). */
  async authenticate(presented: PresentedClientCredentials | null, address: string): Promise<ClientRecord> {
    if (!presented) throw new OAuthError("invalid_client", "Client authentication required: use HTTP Basic or client_id and client_secret in the body");
    const { clientId } = presented;
    // Throttling keys stay short whatever an attacker sends.
    const clientKey = clientId.slice(0, MAX_CLIENT_ID_LENGTH);
    const pair = `${clientKey}\n${address}`;
    // The per-client throttle holds back only addresses that failed for that client themselves.
    const clientWide = this.perClientAndAddress.hasFailures(pair) ? this.perClient.retryAfterMs(clientKey) : 0;
    // A pair that authenticated within the window is not held back by its own
    // requests in flight (a client may fetch tokens in parallel); any other
    // attempt is counted before the awaited lookup, so a parallel burst of
    // guesses gets only the free attempts.
    const proven = this.provenPairs.has(pair) && !this.perClientAndAddress.hasFailures(pair);
    const waitMs =
      clientWide > 0 || proven
        ? Math.max(this.perAddress.retryAfterMs(address), clientWide)
        : Throttle.reserve([
            [this.perAddress, address],
            [this.perClientAndAddress, pair],
          ]);
    if (waitMs === 0 && !proven) this.perClient.recordFailure(clientKey);
    if (waitMs > 0) {
      const seconds = Math.ceil(waitMs / 1000);
      throw new OAuthError("temporarily_unavailable", `Too many failed client authentications: retry in ${seconds} s`, 429, {
        "retry-after": String(seconds),
      });
    }
    const client = clientId.length <= MAX_CLIENT_ID_LENGTH ? await this.clients.authenticate(clientId, presented.secret) : null;
    if (!client || !this.clients.isActive(client)) {
      if (proven) {
        this.perAddress.recordFailure(address);
        this.perClient.recordFailure(clientKey);
        this.perClientAndAddress.recordFailure(pair);
      } else {
        this.perAddress.confirmFailure(address);
        this.perClient.confirmFailure(clientKey);
        this.perClientAndAddress.confirmFailure(pair);
      }
      this.provenPairs.delete(pair);
      // Client ids are not secret and help operators; anything else in that
      // field (a secret pasted into the wrong place, say) is not logged.
      countAuthFailure("client_credentials");
      log.warn("client authentication failed", {
        clientId: CLIENT_ID_SHAPE.test(clientId) ? clientId : "(not a client id)",
        address,
        reason: client ? "expired" : "unknown client or wrong secret",
      });
      throw new OAuthError("invalid_client", "Client authentication failed");
    }
    if (!proven) {
      this.perClient.release(clientKey);
      this.perAddress.release(address);
      this.perClientAndAddress.recordSuccess(pair);
      this.provenPairs.set(pair, true);
    }
    return client;
  }
}
