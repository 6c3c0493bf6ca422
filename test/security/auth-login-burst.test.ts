/**
 * Issue 11, finding 2: parallel sign-in guesses bypassed the throttle (the
 * failure was recorded only after the awaited password check), and a burst
 * from many addresses locked the real user out. At the attack's size: 40
 * parallel requests.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { test } from "node:test";
import { POST as loginRoute } from "@/app/api/auth/login/route";
import { createUser } from "@/domain/users/user.service";
import { CLIENT_ADDRESS_HEADER } from "@/lib/http";
import { startup } from "@/app/startup";
import { PASSWORD, TEST_ORIGIN, setupTestApp } from "@/test/harness";

const app = await setupTestApp();
await startup();

let addresses = 0;
const newAddress = () => `203.0.${Math.floor(++addresses / 250)}.${addresses % 250}`;

function login(email: string, password: string, address: string): Promise<Response> {
  return loginRoute(
    new Request(`${TEST_ORIGIN}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", [CLIENT_ADDRESS_HEADER]: address },
      body: JSON.stringify({ email, password }),
    }),
  );
}

async function newUser(role: "ADMIN" | "VIEWER" = "ADMIN") {
  return createUser(app.db, "SYSTEM", { email: `burst-${randomBytes(4).toString("hex")}@example.test`, password: PASSWORD, role });
}

/** Status counts: every 401 or 204 is a password that was checked; a 429 was refused unchecked. */
function tally(responses: Response[]) {
  const counts: Record<number, number> = {};
  for (const response of responses) counts[response.status] = (counts[response.status] ?? 0) + 1;
  return counts;
}

test("a burst of 40 parallel guesses from one address checks at most 5 passwords, and the right one sent last does not get in", async () => {
  const user = await newUser();
  const address = newAddress();
  const guesses = Array.from({ length: 39 }, (_, i) => `wrong guess number ${i}`);
  const responses = await Promise.all([...guesses, PASSWORD].map((password) => login(user.email, password, address)));
  const counts = tally(responses);
  assert.equal(counts[204], undefined, "the right password, sent last, must not get in");
  assert.equal(counts[401], 5, `exactly 5 passwords checked, got ${JSON.stringify(counts)}`);
  assert.equal(counts[429], 35);
  assert.equal(await app.db.session.count({ where: { userId: user.id } }), 0);
  assert.ok(Number(responses.at(-1)!.headers.get("retry-after")) >= 1);
});

test("a burst of 40 parallel guesses spread over 40 addresses checks at most 5 passwords of the account", async () => {
  const user = await newUser();
  const responses = await Promise.all(Array.from({ length: 40 }, (_, i) => login(user.email, i === 39 ? PASSWORD : `wrong guess ${i}`, newAddress())));
  const counts = tally(responses);
  assert.equal(counts[204], undefined);
  assert.equal(counts[401], 5, JSON.stringify(counts));
});

test("one address gets 20 checks across accounts, however parallel", async () => {
  const address = newAddress();
  const responses = await Promise.all(
    Array.from({ length: 40 }, (_, i) => login(`nobody-${i}-${randomBytes(3).toString("hex")}@example.test`, "some guess 123", address)),
  );
  assert.deepEqual(tally(responses), { 401: 20, 429: 20 });
});

test("a burst from many addresses does not lock the real user out of the address they signed in from before", async () => {
  const admin = await newUser("ADMIN");
  const home = newAddress();
  assert.equal((await login(admin.email, PASSWORD, home)).status, 204, "the admin signs in once from home");

  // The attack: 40 guesses at the admin's account from 40 other addresses; at
  // its end the admin signs in from home, and someone with the right password
  // from an address the account never used.
  const responses = await Promise.all([
    ...Array.from({ length: 40 }, (_, i) => login(admin.email, `attacker guess ${i}`, newAddress())),
    login(admin.email, PASSWORD, home),
    login(admin.email, PASSWORD, newAddress()),
  ]);
  const [fromHome, fromElsewhere] = responses.slice(40);
  assert.equal(tally(responses.slice(0, 40))[401], 5, "the attackers still get only 5 checks");
  assert.equal(fromHome.status, 204, "the known address signs in despite the attack");
  assert.equal(fromElsewhere.status, 429, "an address the account never signed in from is held back, right password or not");
});

test("a known address has its own 5 tries: guessing from it is limited too", async () => {
  const user = await newUser("VIEWER");
  const home = newAddress();
  assert.equal((await login(user.email, PASSWORD, home)).status, 204);
  const responses = await Promise.all([...Array.from({ length: 8 }, (_, i) => login(user.email, `typo ${i}`, home)), login(user.email, PASSWORD, home)]);
  assert.deepEqual(tally(responses), { 401: 5, 429: 4 });
});

test("a first sign-in from a new address gives back only its own attempt, not the guessers' failures", async () => {
  const user = await newUser("VIEWER");
  const wrong = await Promise.all(Array.from({ length: 4 }, (_, i) => login(user.email, `guess ${i}`, newAddress())));
  assert.deepEqual(tally(wrong), { 401: 4 });
  assert.equal((await login(user.email, PASSWORD, newAddress())).status, 204);
  // The four failures still count for unknown addresses: one more check, then the wait.
  const more = await Promise.all(Array.from({ length: 3 }, (_, i) => login(user.email, `guess again ${i}`, newAddress())));
  assert.deepEqual(tally(more), { 401: 1, 429: 2 });
});
