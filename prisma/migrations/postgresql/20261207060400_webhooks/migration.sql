-- CreateTable
CREATE TABLE "Webhook" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Webhook_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Webhook_ownerId_createdAt_id_idx" ON "Webhook"("ownerId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Webhook_tenantId_idx" ON "Webhook"("tenantId");

