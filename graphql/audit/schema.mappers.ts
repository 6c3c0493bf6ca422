import type { AuditEvent } from "@/generated/prisma-sqlite/client";
import type { LazyPage } from "@/domain/paging/cursor";

export type AuditEventMapper = AuditEvent;
export type AuditActorMapper = AuditEvent;
export type AuditEventPageMapper = LazyPage<AuditEvent>;
