-- CreateTable
CREATE TABLE "Runtime" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameKey" TEXT NOT NULL,
    "nameSkeleton" TEXT NOT NULL,
    "description" TEXT,
    "statusCondition" TEXT NOT NULL DEFAULT 'INITIAL',
    "statusTimestamp" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "applicationNamespace" TEXT,
    "integrationSystemId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Runtime_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Runtime_integrationSystemId_fkey" FOREIGN KEY ("integrationSystemId") REFERENCES "IntegrationSystem" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Label" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "objectType" TEXT NOT NULL,
    "objectId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "LabelDefinition" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "schema" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_SystemAuth" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "integrationSystemId" TEXT,
    "applicationId" TEXT,
    "runtimeId" TEXT,
    "tenantId" TEXT,
    "secretHash" TEXT NOT NULL,
    "secretHint" TEXT NOT NULL,
    "scopes" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" DATETIME,
    "expiresAt" DATETIME,
    CONSTRAINT "SystemAuth_integrationSystemId_fkey" FOREIGN KEY ("integrationSystemId") REFERENCES "IntegrationSystem" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_SystemAuth" ("createdAt", "expiresAt", "id", "integrationSystemId", "lastUsedAt", "scopes", "secretHash", "secretHint") SELECT "createdAt", "expiresAt", "id", "integrationSystemId", "lastUsedAt", "scopes", "secretHash", "secretHint" FROM "SystemAuth";
DROP TABLE "SystemAuth";
ALTER TABLE "new_SystemAuth" RENAME TO "SystemAuth";
CREATE INDEX "SystemAuth_integrationSystemId_createdAt_idx" ON "SystemAuth"("integrationSystemId", "createdAt");
CREATE INDEX "SystemAuth_applicationId_createdAt_idx" ON "SystemAuth"("applicationId", "createdAt");
CREATE INDEX "SystemAuth_runtimeId_createdAt_idx" ON "SystemAuth"("runtimeId", "createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Runtime_tenantId_createdAt_id_idx" ON "Runtime"("tenantId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Runtime_integrationSystemId_createdAt_id_idx" ON "Runtime"("integrationSystemId", "createdAt", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Runtime_tenantId_nameKey_key" ON "Runtime"("tenantId", "nameKey");

-- CreateIndex
CREATE UNIQUE INDEX "Runtime_tenantId_nameSkeleton_key" ON "Runtime"("tenantId", "nameSkeleton");

-- CreateIndex
CREATE INDEX "Label_tenantId_objectType_key_idx" ON "Label"("tenantId", "objectType", "key");

-- CreateIndex
CREATE UNIQUE INDEX "Label_objectId_key_key" ON "Label"("objectId", "key");

-- CreateIndex
CREATE UNIQUE INDEX "LabelDefinition_tenantId_key_key" ON "LabelDefinition"("tenantId", "key");

