-- AlterTable
ALTER TABLE "Application" ADD COLUMN     "applicationNamespace" TEXT,
ADD COLUMN     "applicationTemplateId" TEXT,
ADD COLUMN     "baseUrl" TEXT,
ADD COLUMN     "deletedAt" TIMESTAMP(3),
ADD COLUMN     "error" TEXT,
ADD COLUMN     "healthCheckUrl" TEXT,
ADD COLUMN     "localTenantId" TEXT,
ADD COLUMN     "providerName" TEXT,
ADD COLUMN     "statusCondition" TEXT NOT NULL DEFAULT 'INITIAL',
ADD COLUMN     "statusTimestamp" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "systemNumber" TEXT,
ADD COLUMN     "systemStatus" TEXT;

-- CreateIndex
CREATE INDEX "Application_tenantId_localTenantId_idx" ON "Application"("tenantId", "localTenantId");

