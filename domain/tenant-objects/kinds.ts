import type { TenantObjectKind, TenantObjectType } from "./tenant-object-kind";
import { APPLICATION } from "./kinds/application";
import { RUNTIME } from "./kinds/runtime";
import { RUNTIME_CONTEXT } from "./kinds/runtime-context";
import { BUNDLE } from "./kinds/bundle";
import { API_DEFINITION } from "./kinds/api-definition";
import { EVENT_DEFINITION } from "./kinds/event-definition";
import { DOCUMENT } from "./kinds/document";
import { INTEGRATION_DEPENDENCY } from "./kinds/integration-dependency";
import { BUNDLE_INSTANCE_AUTH } from "./kinds/bundle-instance-auth";

/** Every tenant-scoped kind, by type: a new kind is one descriptor file and one line here. */
export const TENANT_OBJECT_KINDS: Readonly<Record<TenantObjectType, TenantObjectKind>> = {
  APPLICATION: APPLICATION as unknown as TenantObjectKind,
  RUNTIME: RUNTIME as unknown as TenantObjectKind,
  RUNTIME_CONTEXT: RUNTIME_CONTEXT as unknown as TenantObjectKind,
  BUNDLE: BUNDLE as unknown as TenantObjectKind,
  API_DEFINITION: API_DEFINITION as unknown as TenantObjectKind,
  EVENT_DEFINITION: EVENT_DEFINITION as unknown as TenantObjectKind,
  DOCUMENT: DOCUMENT as unknown as TenantObjectKind,
  INTEGRATION_DEPENDENCY: INTEGRATION_DEPENDENCY as unknown as TenantObjectKind,
  BUNDLE_INSTANCE_AUTH: BUNDLE_INSTANCE_AUTH as unknown as TenantObjectKind,
};
