-- CreateTable
CREATE TABLE "RuntimeContext" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "runtimeId" TEXT NOT NULL,
    "integrationSystemId" TEXT,
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RuntimeContext_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RuntimeContext_tenantId_createdAt_id_idx" ON "RuntimeContext"("tenantId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "RuntimeContext_runtimeId_createdAt_id_idx" ON "RuntimeContext"("runtimeId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "RuntimeContext_integrationSystemId_createdAt_id_idx" ON "RuntimeContext"("integrationSystemId", "createdAt", "id");

-- AddForeignKey
ALTER TABLE "RuntimeContext" ADD CONSTRAINT "RuntimeContext_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RuntimeContext" ADD CONSTRAINT "RuntimeContext_runtimeId_fkey" FOREIGN KEY ("runtimeId") REFERENCES "Runtime"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RuntimeContext" ADD CONSTRAINT "RuntimeContext_integrationSystemId_fkey" FOREIGN KEY ("integrationSystemId") REFERENCES "IntegrationSystem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

