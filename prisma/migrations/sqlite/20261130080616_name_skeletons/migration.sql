-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_IntegrationSystem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "nameKey" TEXT NOT NULL,
    "nameSkeleton" TEXT NOT NULL,
    "description" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
-- Backfill: the lower-cased name, unique already; start-up replaces it with the
-- real skeleton, which needs the confusables table (lib/name-skeleton.ts).
INSERT INTO "new_IntegrationSystem" ("createdAt", "description", "id", "name", "nameKey", "nameSkeleton", "updatedAt") SELECT "createdAt", "description", "id", "name", "nameKey", "nameKey", "updatedAt" FROM "IntegrationSystem";
DROP TABLE "IntegrationSystem";
ALTER TABLE "new_IntegrationSystem" RENAME TO "IntegrationSystem";
CREATE UNIQUE INDEX "IntegrationSystem_nameKey_key" ON "IntegrationSystem"("nameKey");
CREATE UNIQUE INDEX "IntegrationSystem_nameSkeleton_key" ON "IntegrationSystem"("nameSkeleton");
CREATE INDEX "IntegrationSystem_createdAt_id_idx" ON "IntegrationSystem"("createdAt", "id");
CREATE TABLE "new_Application" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameKey" TEXT NOT NULL,
    "nameSkeleton" TEXT NOT NULL,
    "description" TEXT,
    "integrationSystemId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Application_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Application_integrationSystemId_fkey" FOREIGN KEY ("integrationSystemId") REFERENCES "IntegrationSystem" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Application" ("createdAt", "description", "id", "integrationSystemId", "name", "nameKey", "nameSkeleton", "tenantId", "updatedAt") SELECT "createdAt", "description", "id", "integrationSystemId", "name", "nameKey", "nameKey", "tenantId", "updatedAt" FROM "Application";
DROP TABLE "Application";
ALTER TABLE "new_Application" RENAME TO "Application";
CREATE INDEX "Application_tenantId_createdAt_id_idx" ON "Application"("tenantId", "createdAt", "id");
CREATE INDEX "Application_integrationSystemId_createdAt_id_idx" ON "Application"("integrationSystemId", "createdAt", "id");
CREATE UNIQUE INDEX "Application_tenantId_nameKey_key" ON "Application"("tenantId", "nameKey");
CREATE UNIQUE INDEX "Application_tenantId_nameSkeleton_key" ON "Application"("tenantId", "nameSkeleton");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

