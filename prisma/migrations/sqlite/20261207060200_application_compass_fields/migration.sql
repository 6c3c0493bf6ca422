-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Application" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameKey" TEXT NOT NULL,
    "nameSkeleton" TEXT NOT NULL,
    "description" TEXT,
    "integrationSystemId" TEXT,
    "providerName" TEXT,
    "baseUrl" TEXT,
    "healthCheckUrl" TEXT,
    "systemNumber" TEXT,
    "systemStatus" TEXT,
    "localTenantId" TEXT,
    "applicationNamespace" TEXT,
    "applicationTemplateId" TEXT,
    "statusCondition" TEXT NOT NULL DEFAULT 'INITIAL',
    "statusTimestamp" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deletedAt" DATETIME,
    "error" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Application_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Application_integrationSystemId_fkey" FOREIGN KEY ("integrationSystemId") REFERENCES "IntegrationSystem" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Application" ("createdAt", "description", "id", "integrationSystemId", "name", "nameKey", "nameSkeleton", "tenantId", "updatedAt") SELECT "createdAt", "description", "id", "integrationSystemId", "name", "nameKey", "nameSkeleton", "tenantId", "updatedAt" FROM "Application";
DROP TABLE "Application";
ALTER TABLE "new_Application" RENAME TO "Application";
CREATE INDEX "Application_tenantId_createdAt_id_idx" ON "Application"("tenantId", "createdAt", "id");
CREATE INDEX "Application_integrationSystemId_createdAt_id_idx" ON "Application"("integrationSystemId", "createdAt", "id");
CREATE INDEX "Application_tenantId_localTenantId_idx" ON "Application"("tenantId", "localTenantId");
CREATE UNIQUE INDEX "Application_tenantId_nameKey_key" ON "Application"("tenantId", "nameKey");
CREATE UNIQUE INDEX "Application_tenantId_nameSkeleton_key" ON "Application"("tenantId", "nameSkeleton");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

