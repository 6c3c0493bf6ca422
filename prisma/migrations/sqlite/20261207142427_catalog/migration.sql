-- CreateTable
CREATE TABLE "Bundle" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "integrationSystemId" TEXT,
    "applicationId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "instanceAuthRequestInputSchema" TEXT,
    "defaultInstanceAuthSealed" TEXT,
    "correlationIds" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Bundle_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Bundle_integrationSystemId_fkey" FOREIGN KEY ("integrationSystemId") REFERENCES "IntegrationSystem" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Bundle_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "APIDefinition" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "integrationSystemId" TEXT,
    "applicationId" TEXT NOT NULL,
    "bundleId" TEXT,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "targetUrl" TEXT NOT NULL,
    "group" TEXT,
    "specId" TEXT,
    "specData" TEXT,
    "specType" TEXT,
    "specFormat" TEXT,
    "fetchRequest" TEXT,
    "fetchAuthSealed" TEXT,
    "version" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "APIDefinition_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "APIDefinition_integrationSystemId_fkey" FOREIGN KEY ("integrationSystemId") REFERENCES "IntegrationSystem" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "APIDefinition_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "APIDefinition_bundleId_fkey" FOREIGN KEY ("bundleId") REFERENCES "Bundle" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "EventDefinition" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "integrationSystemId" TEXT,
    "applicationId" TEXT NOT NULL,
    "bundleId" TEXT,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "group" TEXT,
    "specId" TEXT,
    "specData" TEXT,
    "specType" TEXT,
    "specFormat" TEXT,
    "fetchRequest" TEXT,
    "fetchAuthSealed" TEXT,
    "version" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "EventDefinition_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "EventDefinition_integrationSystemId_fkey" FOREIGN KEY ("integrationSystemId") REFERENCES "IntegrationSystem" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "EventDefinition_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "EventDefinition_bundleId_fkey" FOREIGN KEY ("bundleId") REFERENCES "Bundle" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Document" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "integrationSystemId" TEXT,
    "bundleId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "kind" TEXT,
    "data" TEXT,
    "fetchRequest" TEXT,
    "fetchAuthSealed" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Document_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Document_integrationSystemId_fkey" FOREIGN KEY ("integrationSystemId") REFERENCES "IntegrationSystem" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Document_bundleId_fkey" FOREIGN KEY ("bundleId") REFERENCES "Bundle" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "IntegrationDependency" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "integrationSystemId" TEXT,
    "applicationId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "ordId" TEXT NOT NULL,
    "partOfPackage" TEXT,
    "visibility" TEXT,
    "releaseStatus" TEXT,
    "mandatory" BOOLEAN,
    "aspects" TEXT,
    "version" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "IntegrationDependency_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "IntegrationDependency_integrationSystemId_fkey" FOREIGN KEY ("integrationSystemId") REFERENCES "IntegrationSystem" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "IntegrationDependency_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "BundleInstanceAuth" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "integrationSystemId" TEXT,
    "bundleId" TEXT NOT NULL,
    "runtimeId" TEXT,
    "runtimeContextId" TEXT,
    "context" TEXT,
    "inputParams" TEXT,
    "authSealed" TEXT,
    "statusCondition" TEXT NOT NULL,
    "statusReason" TEXT NOT NULL,
    "statusMessage" TEXT NOT NULL,
    "statusTimestamp" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "BundleInstanceAuth_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "BundleInstanceAuth_integrationSystemId_fkey" FOREIGN KEY ("integrationSystemId") REFERENCES "IntegrationSystem" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "BundleInstanceAuth_bundleId_fkey" FOREIGN KEY ("bundleId") REFERENCES "Bundle" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Bundle_tenantId_createdAt_id_idx" ON "Bundle"("tenantId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Bundle_applicationId_createdAt_id_idx" ON "Bundle"("applicationId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Bundle_integrationSystemId_createdAt_id_idx" ON "Bundle"("integrationSystemId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "APIDefinition_tenantId_createdAt_id_idx" ON "APIDefinition"("tenantId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "APIDefinition_applicationId_createdAt_id_idx" ON "APIDefinition"("applicationId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "APIDefinition_bundleId_createdAt_id_idx" ON "APIDefinition"("bundleId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "APIDefinition_integrationSystemId_createdAt_id_idx" ON "APIDefinition"("integrationSystemId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "EventDefinition_tenantId_createdAt_id_idx" ON "EventDefinition"("tenantId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "EventDefinition_applicationId_createdAt_id_idx" ON "EventDefinition"("applicationId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "EventDefinition_bundleId_createdAt_id_idx" ON "EventDefinition"("bundleId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "EventDefinition_integrationSystemId_createdAt_id_idx" ON "EventDefinition"("integrationSystemId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Document_tenantId_createdAt_id_idx" ON "Document"("tenantId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Document_bundleId_createdAt_id_idx" ON "Document"("bundleId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Document_integrationSystemId_createdAt_id_idx" ON "Document"("integrationSystemId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "IntegrationDependency_tenantId_createdAt_id_idx" ON "IntegrationDependency"("tenantId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "IntegrationDependency_applicationId_createdAt_id_idx" ON "IntegrationDependency"("applicationId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "IntegrationDependency_integrationSystemId_createdAt_id_idx" ON "IntegrationDependency"("integrationSystemId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "BundleInstanceAuth_tenantId_createdAt_id_idx" ON "BundleInstanceAuth"("tenantId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "BundleInstanceAuth_bundleId_createdAt_id_idx" ON "BundleInstanceAuth"("bundleId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "BundleInstanceAuth_runtimeId_idx" ON "BundleInstanceAuth"("runtimeId");

-- CreateIndex
CREATE INDEX "BundleInstanceAuth_integrationSystemId_createdAt_id_idx" ON "BundleInstanceAuth"("integrationSystemId", "createdAt", "id");

