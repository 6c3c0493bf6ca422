-- AlterTable
ALTER TABLE "SystemAuth" ADD COLUMN     "applicationId" TEXT,
ADD COLUMN     "runtimeId" TEXT,
ADD COLUMN     "tenantId" TEXT,
ALTER COLUMN "integrationSystemId" DROP NOT NULL;

-- CreateTable
CREATE TABLE "Runtime" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameKey" TEXT NOT NULL,
    "nameSkeleton" TEXT NOT NULL,
    "description" TEXT,
    "statusCondition" TEXT NOT NULL DEFAULT 'INITIAL',
    "statusTimestamp" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "applicationNamespace" TEXT,
    "integrationSystemId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Runtime_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Label" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "objectType" TEXT NOT NULL,
    "objectId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Label_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LabelDefinition" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "schema" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LabelDefinition_pkey" PRIMARY KEY ("id")
);

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

-- CreateIndex
CREATE INDEX "SystemAuth_applicationId_createdAt_idx" ON "SystemAuth"("applicationId", "createdAt");

-- CreateIndex
CREATE INDEX "SystemAuth_runtimeId_createdAt_idx" ON "SystemAuth"("runtimeId", "createdAt");

-- AddForeignKey
ALTER TABLE "Runtime" ADD CONSTRAINT "Runtime_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Runtime" ADD CONSTRAINT "Runtime_integrationSystemId_fkey" FOREIGN KEY ("integrationSystemId") REFERENCES "IntegrationSystem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

