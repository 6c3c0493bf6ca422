import { LoginForm } from "../../../components/auth/login-form";

export const dynamic = "force-dynamic";

/**
 * Only same-site paths may follow a login, so the page cannot be used as an
 * open redirect. Browsers read a backslash as a slash (`/\evil.example` is
 * `//evil.example`, another host), and drop tabs and newlines inside URLs.
 */
function safeNext(next: string | string[] | undefined): string {
  if (typeof next !== "string" || !next.startsWith("/")) return "/";
  const normalised = next.replace(/[\t\n\r]/g, "").replaceAll("\\", "/");
  return normalised.startsWith("//") ? "/" : next;
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { next } = await searchParams;
  return (
    <section className="card auth-card">
      <h1>Sign in</h1>
      <p className="lead">Use the email and password of your Compass Director account.</p>
      <LoginForm next={safeNext(next)} />
    </section>
  );
}
