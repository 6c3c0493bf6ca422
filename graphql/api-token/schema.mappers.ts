import type { ApiToken, User } from "@/generated/prisma-sqlite/client";

/** A token row, with its user when the list read it along (every user's tokens). */
export type ApiTokenMapper = ApiToken & { user?: User };
