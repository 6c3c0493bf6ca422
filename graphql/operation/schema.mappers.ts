import type { ScheduledOperation } from "@/generated/prisma-sqlite/client";

export type OperationMapper = ScheduledOperation;
