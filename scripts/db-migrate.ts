/** `npm run db:migrate`: applies pending migrations to DATABASE_URL (default: the embedded SQLite file). */
import { getConfig } from "@/lib/config";
import { migrate } from "@/lib/migrate";

const config = getConfig();
const result = await migrate(config.databaseUrl);
console.log(
  result.applied.length
    ? `Applied ${result.applied.length} migration(s) to ${config.provider}: ${result.applied.join(", ")}`
    : `The ${config.provider} database is up to date (${result.alreadyApplied} migration(s) applied before).`,
);
