-- AlterTable
ALTER TABLE "Webhook" ALTER COLUMN "tenantId" DROP NOT NULL;

-- CreateTable
CREATE TABLE "ApplicationTemplate" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "regionKey" TEXT NOT NULL DEFAULT '',
    "description" TEXT,
    "applicationInput" TEXT NOT NULL,
    "placeholders" TEXT NOT NULL,
    "labels" TEXT NOT NULL DEFAULT '{}',
    "accessLevel" TEXT NOT NULL DEFAULT 'GLOBAL',
    "applicationNamespace" TEXT,
    "integrationSystemId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ApplicationTemplate_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ApplicationTemplate_createdAt_id_idx" ON "ApplicationTemplate"("createdAt", "id");

-- CreateIndex
CREATE INDEX "ApplicationTemplate_integrationSystemId_createdAt_id_idx" ON "ApplicationTemplate"("integrationSystemId", "createdAt", "id");

-- CreateIndex
CREATE UNIQUE INDEX "ApplicationTemplate_name_regionKey_key" ON "ApplicationTemplate"("name", "regionKey");

-- CreateIndex
CREATE INDEX "Application_applicationTemplateId_idx" ON "Application"("applicationTemplateId");

-- AddForeignKey
ALTER TABLE "Application" ADD CONSTRAINT "Application_applicationTemplateId_fkey" FOREIGN KEY ("applicationTemplateId") REFERENCES "ApplicationTemplate"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApplicationTemplate" ADD CONSTRAINT "ApplicationTemplate_integrationSystemId_fkey" FOREIGN KEY ("integrationSystemId") REFERENCES "IntegrationSystem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

