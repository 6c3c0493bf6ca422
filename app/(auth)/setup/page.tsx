import { SetupForm } from "@/components/auth/setup-form";
import { PASSWORD_MIN, isSetupTokenValid } from "@/domain/users/user.service";
import { getInstance } from "@/app/instance";
import { startup } from "@/app/startup";

export const dynamic = "force-dynamic";

/** Target of the one-time link printed to the server log when no user exists. */
export default async function SetupPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await startup();
  const { token } = await searchParams;
  const valid = typeof token === "string" && (await isSetupTokenValid(getInstance().db, token));
  return (
    <section className="card auth-card">
      <h1>Create the first admin</h1>
      {valid ? (
        <>
          <p className="lead">This link works once. The account you create here can invite everyone else.</p>
          <SetupForm token={token} passwordMin={PASSWORD_MIN} />
        </>
      ) : (
        <p className="lead" role="alert">
          This setup link is invalid, expired or already used. If an admin exists, <a href="/login">sign in</a>; otherwise restart the server and open the new
          link it prints to its log.
        </p>
      )}
    </section>
  );
}
