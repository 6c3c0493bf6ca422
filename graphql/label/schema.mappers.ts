import type { LabelDefinition } from "@/generated/prisma-sqlite/client";

export type LabelMapper = { key: string; value: unknown };
export type LabelDefinitionMapper = LabelDefinition;
