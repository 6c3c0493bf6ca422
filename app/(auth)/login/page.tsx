import { LoginForm } from "@/components/auth/login-form";
import { safeNext } from "@/components/auth/safe-next";

export const dynamic = "force-dynamic";

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
