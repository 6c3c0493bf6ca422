// Under `next dev` (no custom server) this runs the same start-up work as
// server/main.ts: migrations and the first admin. In production server/main.ts has
// already done it before Next starts, and startup() runs only once.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startup } = await import("@/app/startup");
    await startup();
  }
}
