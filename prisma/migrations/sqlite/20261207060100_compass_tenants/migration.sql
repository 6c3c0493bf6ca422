-- CreateTable
CREATE TABLE "TenantParent" (
    "tenantId" TEXT NOT NULL,
    "parentId" TEXT NOT NULL,

    PRIMARY KEY ("tenantId", "parentId")
);

-- CreateTable
CREATE TABLE "TenantLabel" (
    "tenantId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("tenantId", "key")
);

-- CreateTable
CREATE TABLE "TenantAccess" (
    "tenantId" TEXT NOT NULL,
    "objectType" TEXT NOT NULL,
    "objectId" TEXT NOT NULL,
    "owner" BOOLEAN NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("tenantId", "objectType", "objectId")
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Tenant" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "externalId" TEXT NOT NULL,
    "externalIdKey" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL DEFAULT 'account',
    "provider" TEXT NOT NULL DEFAULT '',
    "subdomain" TEXT,
    "region" TEXT,
    "licenseType" TEXT,
    "customerId" TEXT,
    "costObjectId" TEXT,
    "costObjectType" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Tenant" ("createdAt", "externalId", "externalIdKey", "id", "name", "updatedAt") SELECT "createdAt", "externalId", "externalIdKey", "id", "name", "updatedAt" FROM "Tenant";
DROP TABLE "Tenant";
ALTER TABLE "new_Tenant" RENAME TO "Tenant";
CREATE UNIQUE INDEX "Tenant_externalIdKey_key" ON "Tenant"("externalIdKey");
CREATE INDEX "Tenant_createdAt_id_idx" ON "Tenant"("createdAt", "id");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "TenantParent_parentId_idx" ON "TenantParent"("parentId");

-- CreateIndex
CREATE INDEX "TenantAccess_objectId_idx" ON "TenantAccess"("objectId");

