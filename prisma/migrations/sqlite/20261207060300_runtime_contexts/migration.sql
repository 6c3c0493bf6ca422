-- CreateTable
CREATE TABLE "RuntimeContext" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "runtimeId" TEXT NOT NULL,
    "integrationSystemId" TEXT,
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "RuntimeContext_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "RuntimeContext_runtimeId_fkey" FOREIGN KEY ("runtimeId") REFERENCES "Runtime" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "RuntimeContext_integrationSystemId_fkey" FOREIGN KEY ("integrationSystemId") REFERENCES "IntegrationSystem" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "RuntimeContext_tenantId_createdAt_id_idx" ON "RuntimeContext"("tenantId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "RuntimeContext_runtimeId_createdAt_id_idx" ON "RuntimeContext"("runtimeId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "RuntimeContext_integrationSystemId_createdAt_id_idx" ON "RuntimeContext"("integrationSystemId", "createdAt", "id");

