-- CreateTable
CREATE TABLE "ApplicationTemplate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "regionKey" TEXT NOT NULL DEFAULT '',
    "description" TEXT,
    "applicationInput" TEXT NOT NULL,
    "placeholders" TEXT NOT NULL,
    "labels" TEXT NOT NULL DEFAULT '{}',
    "accessLevel" TEXT NOT NULL DEFAULT 'GLOBAL',
    "applicationNamespace" TEXT,
    "integrationSystemId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ApplicationTemplate_integrationSystemId_fkey" FOREIGN KEY ("integrationSystemId") REFERENCES "IntegrationSystem" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

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
    CONSTRAINT "Application_integrationSystemId_fkey" FOREIGN KEY ("integrationSystemId") REFERENCES "IntegrationSystem" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Application_applicationTemplateId_fkey" FOREIGN KEY ("applicationTemplateId") REFERENCES "ApplicationTemplate" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Application" ("applicationNamespace", "applicationTemplateId", "baseUrl", "createdAt", "deletedAt", "description", "error", "healthCheckUrl", "id", "integrationSystemId", "localTenantId", "name", "nameKey", "nameSkeleton", "providerName", "statusCondition", "statusTimestamp", "systemNumber", "systemStatus", "tenantId", "updatedAt") SELECT "applicationNamespace", "applicationTemplateId", "baseUrl", "createdAt", "deletedAt", "description", "error", "healthCheckUrl", "id", "integrationSystemId", "localTenantId", "name", "nameKey", "nameSkeleton", "providerName", "statusCondition", "statusTimestamp", "systemNumber", "systemStatus", "tenantId", "updatedAt" FROM "Application";
DROP TABLE "Application";
ALTER TABLE "new_Application" RENAME TO "Application";
CREATE INDEX "Application_tenantId_createdAt_id_idx" ON "Application"("tenantId", "createdAt", "id");
CREATE INDEX "Application_integrationSystemId_createdAt_id_idx" ON "Application"("integrationSystemId", "createdAt", "id");
CREATE INDEX "Application_tenantId_localTenantId_idx" ON "Application"("tenantId", "localTenantId");
CREATE INDEX "Application_applicationTemplateId_idx" ON "Application"("applicationTemplateId");
CREATE UNIQUE INDEX "Application_tenantId_nameKey_key" ON "Application"("tenantId", "nameKey");
CREATE UNIQUE INDEX "Application_tenantId_nameSkeleton_key" ON "Application"("tenantId", "nameSkeleton");
CREATE TABLE "new_Webhook" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT,
    "ownerType" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "mode" TEXT,
    "version" TEXT,
    "correlationIdKey" TEXT,
    "retryInterval" INTEGER,
    "timeout" INTEGER,
    "url" TEXT,
    "urlTemplate" TEXT,
    "inputTemplate" TEXT,
    "headerTemplate" TEXT,
    "outputTemplate" TEXT,
    "statusTemplate" TEXT,
    "authSealed" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Webhook" ("authSealed", "correlationIdKey", "createdAt", "headerTemplate", "id", "inputTemplate", "mode", "outputTemplate", "ownerId", "ownerType", "retryInterval", "statusTemplate", "tenantId", "timeout", "type", "updatedAt", "url", "urlTemplate", "version") SELECT "authSealed", "correlationIdKey", "createdAt", "headerTemplate", "id", "inputTemplate", "mode", "outputTemplate", "ownerId", "ownerType", "retryInterval", "statusTemplate", "tenantId", "timeout", "type", "updatedAt", "url", "urlTemplate", "version" FROM "Webhook";
DROP TABLE "Webhook";
ALTER TABLE "new_Webhook" RENAME TO "Webhook";
CREATE INDEX "Webhook_ownerId_createdAt_id_idx" ON "Webhook"("ownerId", "createdAt", "id");
CREATE INDEX "Webhook_tenantId_idx" ON "Webhook"("tenantId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "ApplicationTemplate_createdAt_id_idx" ON "ApplicationTemplate"("createdAt", "id");

-- CreateIndex
CREATE INDEX "ApplicationTemplate_integrationSystemId_createdAt_id_idx" ON "ApplicationTemplate"("integrationSystemId", "createdAt", "id");

-- CreateIndex
CREATE UNIQUE INDEX "ApplicationTemplate_name_regionKey_key" ON "ApplicationTemplate"("name", "regionKey");

