import type { TenantObjectKind, TenantObjectType } from "./tenant-object-kind";
import { APPLICATION } from "./kinds/application";
import { RUNTIME } from "./kinds/runtime";
import { RUNTIME_CONTEXT } from "./kinds/runtime-context";

/** Every tenant-scoped kind, by type: a new kind is one descriptor file and one line here. */
export const TENANT_OBJECT_KINDS: Readonly<Record<TenantObjectType, TenantObjectKind>> = {
  APPLICATION: APPLICATION as unknown as TenantObjectKind,
  RUNTIME: RUNTIME as unknown as TenantObjectKind,
  RUNTIME_CONTEXT: RUNTIME_CONTEXT as unknown as TenantObjectKind,
};
